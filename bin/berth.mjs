#!/usr/bin/env node
// The `berth` command: runs the bundled CLI from `npm run build`, or the
// TypeScript sources through tsx when there is no build (or BERTH_FROM_SOURCE=1).
import { existsSync } from 'node:fs';

const built = new URL('../out/node/berth.mjs', import.meta.url);
if (existsSync(built) && !process.env.BERTH_FROM_SOURCE) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../electron/cli/entry.ts', import.meta.url).href);
}
