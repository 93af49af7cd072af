/**
 * Reads an engine's load stream (/images/load?quiet=0): dockerd's "Loading
 * layer" lines (bytes per layer, shown like the embedded load's) and its
 * "Loaded image: NAME" / "Loaded image ID: sha256:…" lines, which are what
 * was loaded. Podman 4.3 sends only one stream line, without a newline,
 * naming every image after one "Loaded image: ", comma-separated.
 */
import type { JobReporter } from '../jobs';
import type { JsonMessage } from './client';

const LOADED = 'Loaded image: ';
const LOADED_ID = 'Loaded image ID: ';

export class LoadProgress {
  /** Names as the engine printed them ("busybox:1.35"), in order. */
  readonly names: string[] = [];
  /** IDs of images loaded without a name. */
  readonly ids: string[] = [];
  private readonly layers = new Set<string>();

  constructor(
    private readonly job: JobReporter,
    private readonly opts: { layers: boolean } = { layers: true },
  ) {}

  onMessage(msg: JsonMessage): void {
    if (msg.id && msg.status === 'Loading layer') return this.layer(msg.id, msg.progressDetail);
    const text = msg.stream ?? msg.status ?? '';
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (line) this.line(line);
    }
  }

  private line(line: string): void {
    if (line.startsWith(LOADED_ID)) {
      this.ids.push(line.slice(LOADED_ID.length).trim());
      this.job.message(line);
    } else if (line.startsWith(LOADED)) {
      for (const name of line.slice(LOADED.length).split(',')) {
        const n = name.trim();
        if (!n) continue;
        this.names.push(n);
        this.job.message(`${LOADED}${n}`);
      }
    } else this.job.message(line);
  }

  private layer(id: string, detail: JsonMessage['progressDetail']): void {
    if (!this.opts.layers) return;
    const current = detail?.current ?? 0;
    const total = detail?.total ?? 0;
    if (this.layers.has(id)) this.job.bytes(id, current, total);
    else this.job.phase(id, '', 'Loading layer', { current, total });
    this.layers.add(id);
  }
}
