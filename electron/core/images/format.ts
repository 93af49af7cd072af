/**
 * `docker inspect -f`: a Go template over the inspect document, executed the
 * way docker does (typed first, raw maps with missingkey=error on failure).
 * Template errors are INVALID_ARGUMENT with docker's `template parsing error:` text.
 */
import { renderInspect } from '../format';
import type { Snapshot } from '../store';
import { inspectImage } from './inspect';

/** The fields of an inspect document that are Go maps in Docker's types (missing keys print `<no value>`). */
const MAP_FIELDS = ['Labels', 'Volumes', 'ExposedPorts'] as const;

export function formatImage(snap: Snapshot, ref: string, template: string): string {
  return formatInspectDoc(inspectImage(snap, ref), template);
}

/** Renders a template against any image inspect document (the embedded store's or an engine's). */
export function formatInspectDoc(doc: Record<string, unknown>, template: string): string {
  const maps = new WeakSet<object>();
  for (const key of ['Config', 'ContainerConfig'] as const) {
    const c = doc[key] as Record<string, unknown> | null | undefined;
    for (const f of MAP_FIELDS) {
      const v = c?.[f];
      if (v && typeof v === 'object') maps.add(v);
    }
  }
  return renderInspect(template, doc, (obj) => maps.has(obj));
}
