import type { DeleteRecord } from '../../../../shared/index';

/** Docker's rmi output lines: `Untagged: busybox:1.35`, `Deleted: sha256:…`. */
export function recordLines(records: readonly DeleteRecord[]): string[] {
  return records.map((r) => ('untagged' in r ? `Untagged: ${r.untagged}` : `Deleted: ${r.deleted}`));
}
