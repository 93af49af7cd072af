/**
 * Copies images between two sources (embedded ↔ engine, engine ↔ engine)
 * as one stream: the source's docker-archive goes straight into the
 * destination's load, with the bytes that pass on one 'archive' line
 * ("Copying", then "Copy complete") and the destination's "Loaded image"
 * lines as messages. Cancelling closes both sides. A failure on either side
 * fails the job with that side's own message, and the destination keeps no
 * half image: the embedded load records only verified images and engines
 * load an archive whole or not at all.
 */
import type { ArchivePort } from '../engine/types';
import type { JobReporter, JobResult } from '../jobs';
import { familiarString, formatReference, parseNormalizedNamed, withDefaultTag } from '../reference';

const LINE = 'archive';

export async function copyImages(from: ArchivePort, to: ArchivePort, refs: readonly string[], job: JobReporter): Promise<JobResult> {
  const local = new AbortController();
  const signal = AbortSignal.any([job.signal, local.signal]);
  job.phase(LINE, '', 'Copying', { current: 0, total: 0 });
  let sourceError: unknown;
  let moved = 0;
  const source = await from.exportImages(refs, signal);
  async function* passing(): AsyncGenerator<Uint8Array> {
    try {
      for await (const chunk of source) {
        moved += chunk.length;
        job.bytes(LINE, moved, 0); // the archive's size is not known until it ends
        yield chunk;
      }
    } catch (e) {
      sourceError ??= e;
      throw e;
    }
  }
  try {
    const loaded = await to.importImages(passing(), job);
    const references = await keepNames(to, refs, loaded.references, job, signal);
    job.phase(LINE, '', 'Copy complete', { current: moved, total: moved });
    return { imageIds: loaded.imageIds, references, digest: null };
  } catch (e) {
    // The destination's error may only be the echo of the source's (a cut-off upload): report the cause.
    throw sourceError ?? e;
  } finally {
    local.abort(); // the source stops streaming if the destination stopped reading
  }
}

/**
 * A docker-archive names images in Docker's short form ('app:1'); Podman loads
 * such a name as 'localhost/app:1', another image name than the one copied.
 * Each name the user asked for that came back under localhost/ is moved back.
 */
async function keepNames(to: ArchivePort, refs: readonly string[], loaded: string[], job: JobReporter, signal: AbortSignal): Promise<string[]> {
  if (!to.rename) return loaded;
  const out = [...loaded];
  for (const ref of refs) {
    const wanted = fullName(ref);
    if (!wanted || out.some((l) => fullName(l) === wanted)) continue;
    const familiar = familiarString(parseNormalizedNamed(wanted));
    const i = out.findIndex((l) => l === `localhost/${familiar}`);
    if (i < 0) continue;
    await to.rename(out[i]!, wanted, signal);
    job.message(`Renamed ${out[i]} to ${familiar}`);
    out[i] = wanted;
  }
  return out;
}

function fullName(ref: string): string | undefined {
  try {
    return formatReference(withDefaultTag(parseNormalizedNamed(ref)));
  } catch {
    return undefined; // an image ID or a digest: no name to keep
  }
}
