/**
 * The parts of a manifest or index that Berth acts on, checked before use:
 * a registry (or whatever answers in its place) may send JSON of any shape,
 * and a descriptor's digest ends up in URLs and store paths.
 */
import { isWellFormedDigest } from './digest';

/** What is wrong with the parsed JSON, or undefined when its descriptors are usable. */
export function manifestShapeProblem(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return 'not a JSON object';
  const m = json as Record<string, unknown>;
  if (m.mediaType !== undefined && typeof m.mediaType !== 'string') return 'mediaType is not a string';
  if (m.config !== undefined) {
    const bad = descriptorProblem(m.config);
    if (bad) return `config ${bad}`;
  }
  for (const field of ['layers', 'manifests'] as const) {
    const list = m[field];
    if (list === undefined) continue;
    if (!Array.isArray(list)) return `${field} is not a list`;
    for (const [i, d] of list.entries()) {
      const bad = descriptorProblem(d);
      if (bad) return `${field}[${i}] ${bad}`;
    }
  }
  return undefined;
}

function descriptorProblem(d: unknown): string | undefined {
  if (typeof d !== 'object' || d === null || Array.isArray(d)) return 'is not a descriptor';
  const { digest, size, mediaType } = d as Record<string, unknown>;
  if (typeof digest !== 'string' || !isWellFormedDigest(digest)) return 'has an invalid digest';
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) return 'has an invalid size';
  if (mediaType !== undefined && typeof mediaType !== 'string') return 'has an invalid mediaType';
  return undefined;
}
