import { defineConfig } from 'vite';
import { rendererBuild } from './build';

export default defineConfig(rendererBuild(import.meta.dirname));
