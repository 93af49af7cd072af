/**
 * What changed between two snapshots of a job, as Docker's stream would have
 * carried it: new status lines, and layers whose phase (or, for Downloading
 * and Pushing, byte count) moved. The core publishes every phase change, so
 * comparing consecutive snapshots loses none.
 */
import type { Job, LayerProgress } from '../../../shared/jobs';

export type JobLine = { kind: 'message'; text: string } | { kind: 'layer'; layer: LayerProgress; phaseChanged: boolean };

/** Phases that carry a byte count (Docker drops these lines when not on a terminal); 'Copying' is a copy's archive. */
export const BYTE_PHASES = new Set(['Downloading', 'Pushing', 'Extracting', 'Copying']);

export function jobLines(prev: Job | undefined, next: Job): JobLine[] {
  const out: JobLine[] = [];
  for (const text of next.messages.slice(prev?.messages.length ?? 0)) out.push({ kind: 'message', text });
  const before = new Map((prev?.layers ?? []).map((l) => [l.id, l]));
  for (const l of next.layers) {
    const old = before.get(l.id);
    const phaseChanged = old === undefined || old.phase !== l.phase;
    if (phaseChanged || old.current !== l.current || old.total !== l.total) out.push({ kind: 'layer', layer: l, phaseChanged });
  }
  return out;
}
