import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import { rendererBuild } from './renderer/build';

// main and preload run in Electron; the renderer is also served by the browser host.
export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(__dirname, 'electron/main/index.ts') } },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        // sandboxed preloads cannot load ES modules
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  // One renderer build, shared with the renderer-only build the e2e fixture runs.
  renderer: rendererBuild(resolve(__dirname, 'renderer')),
});
