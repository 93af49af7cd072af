// Bundles the plain-Node entry points (the CLI, which also runs the browser host)
// into out/node; scripts/cli-bundle.mjs says how and why.
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { build } from 'esbuild';
import { cliBundleOptions } from './cli-bundle.mjs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
await rm('out/node', { recursive: true, force: true }); // no stale chunks
await build({
  ...cliBundleOptions({ entry: 'electron/cli/entry.ts', outdir: 'out/node', external: Object.keys(pkg.dependencies ?? {}) }),
  sourcemap: true,
});
console.log('built out/node/berth.mjs');
