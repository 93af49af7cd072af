import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer half of electron.vite.config.ts, for building only the renderer
// (the e2e fixture does, so a half-written main process cannot block it).
// Keep the two in step: same root, plugins, relative base and output dir.
const root = resolve(import.meta.dirname);

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(root, '../out/renderer'),
    emptyOutDir: true,
    minify: false,
    rollupOptions: { input: { index: resolve(root, 'index.html') } },
  },
});
