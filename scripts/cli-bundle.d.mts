import type { BuildOptions } from 'esbuild';

export declare const BUNDLED_DEPENDENCIES: string[];
export declare function cliBundleOptions(o: { entry: string; outdir: string; external: string[] }): BuildOptions;
