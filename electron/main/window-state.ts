import { readFileSync, writeFileSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

const DEFAULT: WindowBounds = { width: 1280, height: 800, maximized: false };

/** Remembers the window's size and position across launches in a small JSON file. */
export function loadWindowState(file: string): WindowBounds {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<WindowBounds>;
    const ok = (n: unknown) => typeof n === 'number' && Number.isFinite(n);
    if (!ok(raw.width) || !ok(raw.height)) return DEFAULT;
    return {
      ...(ok(raw.x) && ok(raw.y) ? { x: raw.x, y: raw.y } : {}),
      width: Math.max(640, raw.width!),
      height: Math.max(480, raw.height!),
      maximized: raw.maximized === true,
    };
  } catch {
    return DEFAULT;
  }
}

export function saveWindowState(file: string, state: WindowBounds): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, file);
}
