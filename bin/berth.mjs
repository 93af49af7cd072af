#!/usr/bin/env node
// The `berth` command: runs the bundled CLI from `npm run build`; in a source
// checkout whose sources are newer than that bundle (or with BERTH_FROM_SOURCE=1)
// it runs the TypeScript sources through tsx instead, so it never runs stale code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = new URL('../out/node/berth.mjs', import.meta.url);

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = `${dir}/${entry.name}`;
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function bundleIsCurrent() {
  if (!existsSync(built)) return false;
  if (!existsSync(`${root}electron/cli/entry.ts`)) return true; // installed package: no sources to compare
  const bundled = statSync(built).mtimeMs;
  return ['electron', 'shared'].every((d) => newestSource(`${root}${d}`) <= bundled);
}

if (!process.env.BERTH_FROM_SOURCE && bundleIsCurrent()) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../electron/cli/entry.ts', import.meta.url).href);
}
