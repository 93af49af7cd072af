/**
 * Decisions about image sources that do not need React: which source is in
 * effect, where a copy can go, what an endpoint must look like, which
 * containers a Docker conflict names.
 */
import type { Source } from '../../../../shared/index';

export const EMBEDDED = 'embedded';

/**
 * The source the views work on: the remembered choice while it is listed (or
 * while the list has not come yet, so a restart does not flash the store
 * first), else the embedded store.
 */
export function effectiveSource(list: readonly Source[] | undefined, chosen: string): string {
  if (chosen === EMBEDDED || list === undefined) return chosen;
  return list.some((s) => s.id === chosen) ? chosen : EMBEDDED;
}

/** Where a copy from `from` can go: every other source that answers now. */
export function copyTargets(list: readonly Source[], from: string): Source[] {
  return list.filter((s) => s.id !== from && s.state === 'connected');
}

/** Engines whose state went from unreachable (or unknown) to connected between two lists. */
export function reconnected(before: readonly Source[] | undefined, after: readonly Source[]): string[] {
  const was = new Map((before ?? []).map((s) => [s.id, s.state]));
  return after.filter((s) => s.state === 'connected' && was.has(s.id) && was.get(s.id) !== 'connected').map((s) => s.id);
}

export type EndpointCheck = { ok: true } | { ok: false; reason: 'empty' | 'scheme' | 'unixPath' | 'tcpHost' | 'tcpPort' };

/**
 * A first look at an engine endpoint as it is typed: `unix:///absolute.sock`
 * or `tcp://127.0.0.1:PORT` (loopback only: no TLS). The core decides; this
 * only keeps Add disabled while the text cannot be right.
 */
export function checkEndpoint(text: string): EndpointCheck {
  const s = text.trim();
  if (s === '') return { ok: false, reason: 'empty' };
  if (s.startsWith('unix://')) return s.length > 8 && s[7] === '/' ? { ok: true } : { ok: false, reason: 'unixPath' };
  const tcp = /^tcp:\/\/([^/]*?)(?::(\d+))?\/?$/.exec(s);
  if (!tcp) return { ok: false, reason: 'scheme' };
  const host = tcp[1] ?? '';
  if (!/^(127(\.\d{1,3}){3}|localhost|\[::1\])$/.test(host)) return { ok: false, reason: 'tcpHost' };
  const port = Number(tcp[2]);
  return Number.isInteger(port) && port > 0 && port < 65536 ? { ok: true } : { ok: false, reason: 'tcpPort' };
}

/** Docker's rmi conflicts that forcing resolves: '(must be forced)' on an image, '(must force)' on a reference. */
export function isForceableConflict(message: string): boolean {
  return FORCEABLE.some((words) => message.includes(words));
}

/** podman's refusal of an image a container uses; forcing it removes the containers too. */
export function isPodmanContainerConflict(message: string): boolean {
  return message.includes('image is in use by a container');
}

/** dockerd's two conflict endings, and podman's for an image a container uses or with several names. */
const FORCEABLE = ['(must be forced)', '(must force)', 'force-removing image', 'please force removal'];

/**
 * Container IDs a conflict names: dockerd's "image is being used by stopped
 * container 3f2a…", "(must force) - container 3f2a… is using its referenced image …",
 * podman's "image used by 3f2a…: image is in use by a container".
 */
export function containersInConflict(message: string): string[] {
  const ids = [...message.matchAll(/\b(?:container|image used by) ([0-9a-f]{12,64})\b/g)].map((m) => m[1]!);
  return [...new Set(ids)];
}

/** Whether a container can be committed from the detail pane: it does not run (docker commit would pause it). */
export function isStopped(state: string): boolean {
  return state !== 'running' && state !== 'paused' && state !== 'restarting';
}

/** The commit dialog's "one change per line" text as `--change` values. */
export function changeLines(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
}

/** A container's first name without Docker's leading slash, or its short ID. */
export function containerName(c: { id: string; names: readonly string[] }): string {
  return c.names[0]?.replace(/^\//, '') ?? c.id.slice(0, 12);
}
