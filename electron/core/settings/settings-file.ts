/**
 * settings.json: the few things Berth itself remembers (configured
 * registries). Read fresh on every use, so the CLI and the app see each
 * other's changes; written atomically (temp file, fsync, rename). Keys this
 * version does not know are kept as they are.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { BerthError } from '../../../shared/errors';
import { writeFileAtomic } from '../store/fsutil';

export const ConfiguredRegistry = z.object({
  host: z.string().min(1),
  insecure: z.boolean().default(false),
});
export type ConfiguredRegistry = z.infer<typeof ConfiguredRegistry>;

export const Settings = z.looseObject({
  registries: z.array(ConfiguredRegistry).default([]),
  /** Engine endpoints the user added (unix:///… or tcp://127.0.0.1:PORT), beside the detected ones. */
  engines: z.array(z.string()).default([]),
});
export type Settings = z.infer<typeof Settings>;

export async function readSettings(file: string): Promise<Settings> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { registries: [], engines: [] };
    throw e;
  }
  if (text.trim() === '') return { registries: [], engines: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new BerthError('CORRUPT', `loading settings file: ${file}: ${(e as Error).message}`);
  }
  const parsed = Settings.safeParse(raw);
  if (!parsed.success) throw new BerthError('CORRUPT', `loading settings file: ${file}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

export async function writeSettings(file: string, settings: Settings): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFileAtomic(file, JSON.stringify(settings, null, 2) + '\n', dir);
}

/** Read, change, write. Changes are rare and made by a person, so last writer wins. */
export async function updateSettings(file: string, change: (s: Settings) => Settings): Promise<Settings> {
  const next = change(await readSettings(file));
  await writeSettings(file, next);
  return next;
}
