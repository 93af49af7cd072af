/** docker save / load / import on the embedded store: streamed, verified, and refusing hostile archives. */
export { saveImages, type SaveFormat, type SaveOptions, type SaveResult } from './save';
export { saveToFile } from './save-file';
export { loadArchive, type ArchiveSource, type ArchiveProgress, type LoadOptions, type LoadResult } from './load';
export { importRootfs, type ImportInput, type ImportOptions, type ImportResult } from './import';
export { applyChanges, type ContainerConfig } from './changes';
export { DEFAULT_LIMITS, type ArchiveLimits } from './limits';
export { sniff, type Compression } from './compression';
export { createArchiveJobs, type ArchiveJobs, type ArchiveMethod } from './jobs';
