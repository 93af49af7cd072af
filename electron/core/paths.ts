import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Where the store lives: an explicit --store wins, then BERTH_STORE, then the
 * platform's user data dir (~/.local/share/berth/store on Linux).
 */
export function resolveStorePath(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return path.resolve(explicit);
  if (env.BERTH_STORE) return path.resolve(env.BERTH_STORE);
  return path.join(userDataDir(env), 'store');
}

export function userDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return berthDir('data', env);
}

/**
 * Berth's folder of a kind: on Linux the XDG data or config home; macOS and
 * Windows keep both in one application folder, as their apps do.
 */
export function berthDir(kind: 'data' | 'config', env: NodeJS.ProcessEnv = process.env): string {
  const home = env.HOME || os.homedir();
  switch (process.platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'berth');
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'berth');
    default:
      return kind === 'data'
        ? path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'berth')
        : path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'berth');
  }
}

/** The installed Berth package's root, whether running from source or from the bundles in out/. */
export function packageRoot(from: string): string {
  let dir = from;
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate) && readPackageName(candidate) === 'berth') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find Berth's package.json above ${from}`);
    dir = parent;
  }
}

function readPackageName(file: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name;
  } catch {
    return undefined;
  }
}

/**
 * Maps a URL path onto a file under root, or undefined when it would leave root
 * (`..`, encoded separators, NUL). Both the Electron app:// protocol and the
 * browser host serve the renderer through this.
 */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const relative = decoded.replace(/^\/+/, '') || 'index.html';
  const base = path.resolve(root);
  const full = path.resolve(base, relative);
  return full === base || full.startsWith(base + path.sep) ? full : undefined;
}
