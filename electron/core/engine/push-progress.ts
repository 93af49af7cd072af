/**
 * Maps an engine's push stream (/images/{name}/push) onto a job the way the
 * embedded push reports it: "The push refers to repository [NAME]", a line
 * per layer (Preparing, Waiting, Pushing with bytes, Pushed, Layer already
 * exists, Mounted from x), and "TAG: digest: sha256:… size: N".
 *
 * dockerd sends all of that, and the pushed digest again as aux.Digest.
 * Podman 4.3's compatible stream has no layer lines at all, names the
 * repository with the tag ("[host/name:tag]") and sends no aux: the first
 * line is said in Docker's form and the digest is read from the last line.
 */
import type { JobReporter } from '../jobs';
import type { JsonMessage } from './client';

const REFERS_TO = 'The push refers to repository ';
const DIGEST_LINE = /^\S+: digest: (sha256:[0-9a-f]{64}) size: \d+$/;

export class PushProgress {
  private readonly phases = new Map<string, string>();
  /** The last pushed tag's manifest digest. */
  digest: string | null = null;
  private refersToSeen = false;

  /** repository: Docker's full name for the first line, e.g. "docker.io/library/busybox". */
  constructor(
    private readonly job: JobReporter,
    private readonly repository: string,
  ) {}

  onMessage(msg: JsonMessage): void {
    const digest = msg.aux?.Digest;
    if (typeof digest === 'string') {
      this.digest = digest;
      return;
    }
    const status = msg.status ?? '';
    if (!status) return;
    if (status.startsWith(REFERS_TO)) return this.refersTo();
    if (msg.id) return this.layer(msg.id, status, msg.progressDetail);
    const m = DIGEST_LINE.exec(status);
    if (m) this.digest = m[1]!;
    this.job.message(status);
  }

  private refersTo(): void {
    // dockerd says it again for each tag of `push -a`; the layer lines start over then.
    if (this.refersToSeen) {
      this.job.clearLayers();
      this.phases.clear();
      return;
    }
    this.refersToSeen = true;
    this.job.message(`${REFERS_TO}[${this.repository}]`);
  }

  private layer(id: string, phase: string, detail: JsonMessage['progressDetail']): void {
    const before = this.phases.get(id);
    this.phases.set(id, phase);
    const counted = detail?.current !== undefined;
    const progress = { current: detail?.current ?? 0, total: detail?.total ?? 0 };
    if (before === phase && counted) this.job.bytes(id, progress.current, progress.total);
    else if (before !== phase) this.job.phase(id, '', phase, counted ? progress : undefined);
  }
}
