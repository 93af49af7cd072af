/**
 * Where engines usually listen: DOCKER_HOST, Docker's socket (also Docker
 * Desktop's per-user one), Podman's rootful and rootless sockets, and the
 * endpoints the user configured. Well-known sockets count only when one is
 * there; DOCKER_HOST and configured endpoints are listed even when down, so
 * the user sees why.
 */
import { realpathSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Source } from '../../../shared/schemas';
import { parseEndpoint } from '../engine/endpoint';

export interface Candidate {
  id: string;
  origin: Source['origin'];
  /** A guess until the engine answers: podman sockets are podman. */
  kind: 'docker' | 'podman';
}

/** Well-known sockets; BERTH_ENGINE_SOCKETS (colon-separated, may be empty) replaces the list, for tests and odd setups. */
export function wellKnownSockets(env: NodeJS.ProcessEnv): string[] {
  if (env.BERTH_ENGINE_SOCKETS !== undefined) return env.BERTH_ENGINE_SOCKETS.split(':').filter(Boolean);
  const home = env.HOME || os.homedir();
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const runtime = env.XDG_RUNTIME_DIR || (uid === undefined ? undefined : `/run/user/${uid}`);
  return [
    '/var/run/docker.sock',
    path.join(home, '.docker', 'run', 'docker.sock'),
    path.join(home, '.docker', 'desktop', 'docker.sock'),
    '/run/podman/podman.sock',
    ...(runtime ? [path.join(runtime, 'podman', 'podman.sock'), path.join(runtime, 'docker.sock')] : []),
  ];
}

export function detectCandidates(env: NodeJS.ProcessEnv, configured: readonly string[]): Candidate[] {
  const out = new Map<string, Candidate>();
  const add = (raw: string, origin: Source['origin']): void => {
    let id: string;
    try {
      id = parseEndpoint(raw).id;
    } catch {
      return; // a bad DOCKER_HOST or settings entry is not a source; sources.add refuses such input up front
    }
    if (!out.has(id)) out.set(id, { id, origin, kind: /podman/.test(id) ? 'podman' : 'docker' });
  };
  if (env.DOCKER_HOST) add(env.DOCKER_HOST, 'env');
  for (const socket of wellKnownSockets(env)) if (isSocket(socket)) add(`unix://${canonical(socket)}`, 'detected');
  for (const endpoint of configured) add(endpoint, 'configured');
  return [...out.values()];
}

function isSocket(p: string): boolean {
  try {
    return statSync(p).isSocket();
  } catch {
    return false;
  }
}

/** /var/run is a link to /run on most systems: one engine, one entry. */
function canonical(p: string): string {
  try {
    return path.join(realpathSync(path.dirname(p)), path.basename(p));
  } catch {
    return p;
  }
}
