// The esbuild options of the plain-Node CLI bundle (out/node), shared by the
// build and the benchmarks so they measure what ships.
//
// - Split at dynamic imports: each command loads only what it runs (`berth
//   --version` loads no core, `berth images` no HTTP stack).
// - zod and undici are bundled in: loading them from node_modules costs ~100
//   files resolved and compiled one by one at every start (~120 ms of a pull's
//   CPU time). The other dependencies stay external, installed beside it.
// - Bundled CommonJS (undici) calls require() for Node's built-ins; an ES
//   module has none, so each chunk gets one from createRequire.
export const BUNDLED_DEPENDENCIES = ['zod', 'undici'];

/** @param {{ entry: string, outdir: string, external: string[] }} o */
export function cliBundleOptions({ entry, outdir, external }) {
  return {
    entryPoints: { berth: entry },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: external.filter((name) => !BUNDLED_DEPENDENCIES.includes(name)),
    banner: { js: "import { createRequire as __berthCreateRequire } from 'node:module'; const require = __berthCreateRequire(import.meta.url);" },
    logLevel: 'warning',
  };
}
