import { z } from 'zod';
import { ErrorPayload } from './errors';

/**
 * Long work (pull, push, save, load, import, prune) runs as a job in the main
 * process. Every update carries the whole snapshot, so a view that reloads or
 * subscribes late re-attaches from jobs.list and the next event: nothing is lost.
 */
export const JobKind = z.enum(['pull', 'push', 'save', 'load', 'import', 'copy']);
export type JobKind = z.infer<typeof JobKind>;

export const JobState = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
export type JobState = z.infer<typeof JobState>;

/** One layer's line in Docker's progress output; the phase text is Docker's own. */
export const LayerProgress = z.object({
  id: z.string(), // 12 hex: compressed digest for pull, diffID for push (as Docker shows)
  digest: z.string(),
  phase: z.string(), // 'Waiting', 'Downloading', 'Verifying Checksum', 'Download complete', 'Already exists', 'Pull complete', 'Pushing', 'Pushed', 'Layer already exists', 'Mounted from x', 'Retrying in 5 seconds'
  current: z.number().nonnegative(),
  total: z.number().nonnegative(),
});
export type LayerProgress = z.infer<typeof LayerProgress>;

export const Job = z.object({
  id: z.string(),
  kind: JobKind,
  /** The source it works on ('embedded' or an engine endpoint); a copy names where it copies from. */
  source: z.string().default('embedded'),
  title: z.string(), // what it works on, e.g. 'docker.io/library/busybox:latest'
  state: JobState,
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  progress: z.object({ current: z.number().nonnegative(), total: z.number().nonnegative() }),
  layers: z.array(LayerProgress),
  /** Docker's status lines in order: 'latest: Pulling from library/busybox', 'Digest: sha256:…', 'Status: …'. */
  messages: z.array(z.string()),
  result: z
    .object({
      imageIds: z.array(z.string()).default([]),
      references: z.array(z.string()).default([]),
      digest: z.string().nullable().default(null),
    })
    .nullable(),
  error: ErrorPayload.nullable(),
});
export type Job = z.infer<typeof Job>;
