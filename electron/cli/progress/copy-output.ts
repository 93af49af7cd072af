/**
 * Renders a copy between sources like a load: the destination's "Loaded
 * image" lines always print; on a terminal one transient line below them
 * counts the archive's bytes as they pass, erased when the copy ends, so the
 * output ends with what was loaded.
 */
import type { Job } from '../../../shared/jobs';
import { progressText } from './progress-bar';

const ERASE = '\r\x1b[2K';

export class CopyOutput {
  private printed = 0;
  private line = '';

  constructor(
    private readonly out: { write(s: string): unknown },
    private readonly opts: { tty: boolean; columns: number },
  ) {}

  update(job: Job): void {
    const fresh = job.messages.slice(this.printed);
    this.printed = job.messages.length;
    if (!this.opts.tty) {
      for (const text of fresh) this.out.write(`${text}\n`);
      return;
    }
    const done = job.state === 'succeeded' || job.state === 'failed' || job.state === 'cancelled';
    const next = done ? '' : this.progressLine(job);
    if (fresh.length === 0 && next === this.line) return;
    this.out.write(ERASE + fresh.map((t) => `${t}\n`).join('') + next);
    this.line = next;
  }

  private progressLine(job: Job): string {
    const archive = job.layers[0];
    if (!archive) return '';
    return `${archive.id}: ${archive.phase} ${progressText(archive.current, archive.total, this.opts.columns)}`.trimEnd();
  }
}
