/**
 * docker load through an engine: the archive goes up as the body of POST
 * /images/load (quiet=0, so dockerd streams its progress), Docker's load
 * lines come back as job messages, and the loaded names are looked up for
 * their image IDs. Engines load atomically: a refused or cut-off archive
 * leaves no image behind.
 */
import type { JobReporter } from '../jobs';
import type { EngineClient } from './client';
import { findImage, fullReference } from './image-lookup';
import { LoadProgress } from './load-progress';

export interface EngineLoaded {
  imageIds: string[];
  references: string[];
}

export async function loadIntoEngine(
  client: EngineClient,
  archive: AsyncIterable<Uint8Array>,
  job: JobReporter,
  opts: { layers: boolean },
): Promise<EngineLoaded> {
  const progress = new LoadProgress(job, opts);
  const stream = client.messages({
    method: 'POST',
    path: '/images/load',
    query: { quiet: 0 },
    headers: { 'content-type': 'application/x-tar' },
    body: archive,
    signal: job.signal,
    timeoutMs: 0, // the answer may start only once the whole archive is up: cancellation ends the wait
  });
  for await (const msg of stream) progress.onMessage(msg);
  const imageIds = [...progress.ids];
  for (const name of progress.names) {
    const image = await findImage(client, name, job.signal);
    if (image && !imageIds.includes(image.Id)) imageIds.push(image.Id);
  }
  return { imageIds, references: progress.names.map(fullReference) };
}

/** Bytes of a body as it goes up, for a progress line. */
export async function* countBytes(body: AsyncIterable<Uint8Array>, onBytes: (sent: number) => void): AsyncGenerator<Uint8Array> {
  let sent = 0;
  for await (const chunk of body) {
    sent += chunk.length;
    onBytes(sent);
    yield chunk;
  }
}
