/**
 * One job's live state and the reporter its work writes to. Every change
 * becomes a whole-snapshot 'job.updated' event: at once for phase changes and
 * messages, at most every 100 ms while only byte counts move.
 */
import type { ErrorPayload } from '../../../shared/errors';
import type { Job, JobKind, JobState, LayerProgress } from '../../../shared/jobs';
import { Throttle } from './throttle';

export type JobResult = NonNullable<Job['result']>;

/** What a job's work sees: its cancellation signal and Docker's progress vocabulary. */
export interface JobReporter {
  readonly signal: AbortSignal;
  /** A status line without a layer: 'latest: Pulling from library/busybox', 'Digest: …'. */
  message(text: string): void;
  /** A layer's new phase; byte counts carry over unless given. */
  phase(id: string, digest: string, phase: string, progress?: { current: number; total: number }): void;
  /** Bytes moved in the layer's current phase. */
  bytes(id: string, current: number, total: number): void;
  /** Forgets the layer lines (the next tag of `pull -a` starts its own). */
  clearLayers(): void;
}

export const BYTE_UPDATE_INTERVAL_MS = 100;

export class JobRecord implements JobReporter {
  state: JobState = 'queued';
  readonly createdAt = new Date().toISOString();
  startedAt: string | null = null;
  finishedAt: string | null = null;
  result: JobResult | null = null;
  error: ErrorPayload | null = null;
  readonly controller = new AbortController();
  private readonly layers = new Map<string, LayerProgress>();
  private readonly messages: string[] = [];
  /** Bytes of layers already cleared away (pull -a), so overall progress never goes back. */
  private doneBefore = { current: 0, total: 0 };
  private readonly throttle: Throttle;

  constructor(
    readonly id: string,
    readonly kind: JobKind,
    readonly title: string,
    private readonly publish: (job: Job) => void,
    readonly source = 'embedded',
  ) {
    this.throttle = new Throttle(() => this.publish(this.snapshot()), BYTE_UPDATE_INTERVAL_MS);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get finished(): boolean {
    return this.state === 'succeeded' || this.state === 'failed' || this.state === 'cancelled';
  }

  message(text: string): void {
    this.messages.push(text);
    this.throttle.flush();
  }

  phase(id: string, digest: string, phase: string, progress?: { current: number; total: number }): void {
    const counts = progress ?? this.layers.get(id) ?? { current: 0, total: 0 };
    this.layers.set(id, { id, digest, phase, current: counts.current, total: Math.max(counts.total, 0) });
    this.throttle.flush();
  }

  bytes(id: string, current: number, total: number): void {
    const l = this.layers.get(id);
    if (!l) return;
    l.current = current;
    l.total = Math.max(total, 0);
    this.throttle.request();
  }

  clearLayers(): void {
    const p = this.layerProgress();
    this.doneBefore = { current: this.doneBefore.current + p.current, total: this.doneBefore.total + p.total };
    this.layers.clear();
    this.throttle.flush();
  }

  /** Moves to a new state and publishes at once. */
  transition(state: JobState, patch: { result?: JobResult; error?: ErrorPayload } = {}): void {
    this.state = state;
    const now = new Date().toISOString();
    if (state === 'running') this.startedAt = now;
    if (this.finished) this.finishedAt = now;
    if (patch.result) this.result = patch.result;
    if (patch.error) this.error = patch.error;
    this.throttle.flush();
  }

  private layerProgress(): { current: number; total: number } {
    let current = 0;
    let total = 0;
    for (const l of this.layers.values()) {
      current += Math.min(l.current, l.total || l.current);
      total += l.total;
    }
    return { current, total };
  }

  snapshot(): Job {
    const p = this.layerProgress();
    return {
      id: this.id,
      kind: this.kind,
      source: this.source,
      title: this.title,
      state: this.state,
      createdAt: this.createdAt,
      startedAt: this.startedAt,
      finishedAt: this.finishedAt,
      progress: { current: this.doneBefore.current + p.current, total: this.doneBefore.total + p.total },
      layers: [...this.layers.values()].map((l) => ({ ...l })),
      messages: [...this.messages],
      result: this.result,
      error: this.error,
    };
  }
}
