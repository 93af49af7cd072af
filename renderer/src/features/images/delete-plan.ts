import type { ImageRow } from '../../../../shared/index';

/**
 * The arguments images.remove gets, as `docker rmi` would: Delete removes
 * whole images by ID (every tag goes); Untag removes exactly the chosen tags.
 * What that does, bytes included, is the core's answer to a dry run.
 */
export function removalArgs(kind: 'delete' | 'untag', chosen: readonly ImageRow[]): string[] {
  if (kind === 'delete') return [...new Set(chosen.map((r) => r.id))];
  return [...new Set(chosen.flatMap((r) => (r.reference === null ? [] : [r.reference])))];
}
