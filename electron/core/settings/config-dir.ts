import os from 'node:os';
import path from 'node:path';

/**
 * Berth's configuration directory, shared by the desktop app and the CLI:
 * BERTH_CONFIG_DIR, else the platform's config dir ($XDG_CONFIG_HOME/berth,
 * ~/.config/berth on Linux). Config lives apart from the store so that a
 * `--store DIR` for a scratch store keeps the user's registries.
 */
export function berthConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.BERTH_CONFIG_DIR) return path.resolve(env.BERTH_CONFIG_DIR);
  const home = env.HOME || os.homedir();
  switch (process.platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'berth');
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'berth');
    default:
      return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'berth');
  }
}

export function settingsPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(berthConfigDir(env), 'settings.json');
}
