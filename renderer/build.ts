import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import type { UserConfig } from 'vite';

/**
 * The one renderer build: electron.vite.config.ts uses it as its renderer
 * section, and renderer/vite.config.ts runs it alone (the e2e fixture does, so a
 * half-written main process cannot block it). The caller names the renderer
 * folder because bundled config files cannot trust import.meta paths.
 */
export function rendererBuild(root: string): UserConfig {
  return {
    root,
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(root, '../out/renderer'),
      emptyOutDir: true,
      minify: 'esbuild',
      rollupOptions: { input: { index: resolve(root, 'index.html') } },
    },
  };
}
