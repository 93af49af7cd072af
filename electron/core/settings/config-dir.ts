import path from 'node:path';
import { berthDir } from '../paths';

/**
 * Berth's configuration directory, shared by the desktop app and the CLI:
 * BERTH_CONFIG_DIR, else the platform's config dir ($XDG_CONFIG_HOME/berth,
 * ~/.config/berth on Linux). Config lives apart from the store so that a
 * `--store DIR` for a scratch store keeps the user's registries.
 */
export function berthConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.BERTH_CONFIG_DIR ? path.resolve(env.BERTH_CONFIG_DIR) : berthDir('config', env);
}

export function settingsPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(berthConfigDir(env), 'settings.json');
}
