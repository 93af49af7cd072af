/**
 * Maps an engine's pull stream (/images/create) onto a job the way the
 * embedded pull reports it: a line per layer in Docker's own phases, status
 * lines as messages.
 *
 * dockerd sends Docker's stream as is: "1.35: Pulling from busybox" (a
 * status with the tag as id), per-layer Pulling fs layer / Waiting /
 * Downloading (bytes) / Verifying Checksum / Download complete / Extracting
 * (bytes) / Pull complete / Already exists, then "Digest: …" and "Status: …".
 *
 * Podman 4.3's compatible stream is thinner: per-blob "Pulling fs layer",
 * "Download complete" or "Already exists" with no byte counts, the config
 * blob as if it were a layer (its id is the image ID), a last "Download
 * complete" carrying the image ID, no "Pull complete", and no Pulling
 * from / Digest / Status lines. What it leaves out is filled in from facts,
 * in Docker's words: the "Pulling from" line when the first layer line
 * arrives, and at the end the config line dropped, the layers marked "Pull
 * complete" (the image exists once the call returns), and the Digest and
 * Status lines from the image as the engine then has it.
 */
import type { JobReporter } from '../jobs';
import type { JsonMessage } from './client';

/** Phases after which a layer needs nothing more. */
const FINAL = new Set(['Pull complete', 'Already exists']);

interface LayerLine {
  phase: string;
  current: number;
  total: number;
}

export interface PullFacts {
  /** The pulled image's ID (sha256:…), when it could be looked up. */
  imageId?: string | undefined;
  /** Its repository digest (sha256:…) for the pulled name. */
  digest?: string | undefined;
  /** Whether the pull changed what the name points at (Docker's "Downloaded newer image"). */
  updated: boolean;
  /** What the Status line names: "busybox:1.35". */
  familiar: string;
}

export class PullProgress {
  private readonly layers = new Map<string, LayerLine>();
  private pullingFromSeen = false;
  private tagsStarted = 0;
  /** The digest from the engine's own "Digest:" line. */
  digest: string | null = null;
  private statusSeen = false;

  /** pullingFrom: Docker's "TAG: Pulling from PATH", said when the engine does not. */
  constructor(
    private readonly job: JobReporter,
    private readonly pullingFrom: string,
  ) {}

  onMessage(msg: JsonMessage): void {
    const status = msg.status ?? '';
    if (status.startsWith('Pulling from ')) return this.startTag(msg.id ? `${msg.id}: ${status}` : status);
    if (msg.id && status) return this.layer(msg.id, status, msg.progressDetail);
    if (!status) return;
    if (status.startsWith('Digest: ')) this.digest = status.slice('Digest: '.length).trim();
    if (status.startsWith('Status: ')) this.statusSeen = true;
    this.job.message(status);
  }

  /** Each tag of a `pull -a` starts with its own "Pulling from" line and its own layer lines. */
  private startTag(line: string): void {
    if (this.tagsStarted > 0) {
      this.job.clearLayers();
      this.layers.clear();
    }
    this.tagsStarted += 1;
    this.pullingFromSeen = true;
    this.job.message(line);
  }

  private layer(id: string, phase: string, detail: JsonMessage['progressDetail']): void {
    if (!this.pullingFromSeen) this.startTag(this.pullingFrom);
    const line = this.layers.get(id);
    const counted = detail?.current !== undefined;
    const current = detail?.current ?? line?.current ?? 0;
    const total = detail?.total ?? line?.total ?? 0;
    this.layers.set(id, { phase, current, total });
    if (line?.phase === phase && counted) this.job.bytes(id, current, total);
    else if (line?.phase !== phase) this.job.phase(id, '', phase, counted ? { current, total } : undefined);
  }

  /** Fills in what the engine left out (see above), once the stream has ended without error. */
  finish(facts: PullFacts): void {
    if (!this.pullingFromSeen) this.startTag(this.pullingFrom);
    const config = facts.imageId ? shortHex(facts.imageId) : undefined;
    if (config && this.layers.has(config)) {
      // Podman's config blob is no layer: show the layer lines without it.
      this.layers.delete(config);
      this.job.clearLayers();
      for (const [id, l] of this.layers) this.job.phase(id, '', l.phase, { current: l.current, total: l.total });
    }
    for (const [id, l] of this.layers) {
      if (!FINAL.has(l.phase)) {
        l.phase = 'Pull complete';
        this.job.phase(id, '', l.phase);
      }
    }
    if (this.digest === null && facts.digest) {
      this.digest = facts.digest;
      this.job.message(`Digest: ${facts.digest}`);
    }
    if (!this.statusSeen) {
      const verb = facts.updated ? 'Downloaded newer image for' : 'Image is up to date for';
      this.job.message(`Status: ${verb} ${facts.familiar}`);
    }
  }
}

function shortHex(id: string): string {
  return id.slice(id.indexOf(':') + 1, id.indexOf(':') + 13);
}
