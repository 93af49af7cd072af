// Bundles the plain-Node entry points (the CLI, which also runs the browser host)
// into out/node. Dependencies stay external: they are installed beside it.
import { build } from 'esbuild';

await build({
  entryPoints: { berth: 'electron/cli/entry.ts' },
  outdir: 'out/node',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
console.log('built out/node/berth.mjs');
