/** Save / Load / Import in the GUI: toolbar actions, the window drop target, and the hook behind them. */
export { ArchiveDropZone, ArchiveOpenButtons, SaveMenu } from './ArchiveActions';
export { useArchive, type ArchiveActions as ArchiveApi, type ImportOptions } from './useArchive';
