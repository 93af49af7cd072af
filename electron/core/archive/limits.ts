/**
 * Bounds that keep a hostile archive from exhausting memory or disk. An
 * archive is data from anywhere: every size it claims is checked against
 * what actually arrives, and decompression is capped by ratio and total.
 */
export interface ArchiveLimits {
  /** Largest decompressed/compressed ratio tolerated once `ratioAfterBytes` came out. */
  maxRatio: number;
  /** The ratio is only judged after this many output bytes (small files compress absurdly well). */
  ratioAfterBytes: number;
  /** Decompressed bytes allowed out of one stream (the outer archive or one layer). */
  maxDecompressedBytes: number;
  /** A JSON document (manifest.json, index.json, a config, a manifest) larger than this is refused. */
  maxDocumentBytes: number;
  /** Entries smaller than this are held in memory until the archive is understood… */
  smallEntryBytes: number;
  /** …up to this much in total; the rest is spooled into the store under a lease. */
  memoryBudgetBytes: number;
  /** Entries in the outer archive. */
  maxEntries: number;
}

export const DEFAULT_LIMITS: ArchiveLimits = {
  maxRatio: 500,
  ratioAfterBytes: 64 * 1024 * 1024,
  maxDecompressedBytes: 256 * 1024 ** 3,
  maxDocumentBytes: 16 * 1024 * 1024,
  smallEntryBytes: 1024 * 1024,
  memoryBudgetBytes: 64 * 1024 * 1024,
  maxEntries: 100_000,
};

export function withLimits(partial: Partial<ArchiveLimits> | undefined): ArchiveLimits {
  return { ...DEFAULT_LIMITS, ...partial };
}
