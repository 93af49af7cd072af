import type { DeleteRecord } from '../../../shared/index';

/**
 * One rmi/prune record as Docker prints it: `Untagged: X` / `Deleted: sha256:…`
 * for `rmi`, and the same in lower case under prune's `Deleted Images:`.
 */
export function recordLine(record: DeleteRecord, lowercase = false): string {
  const [verb, value] = 'deleted' in record ? ['Deleted', record.deleted] : ['Untagged', record.untagged];
  return `${lowercase ? verb.toLowerCase() : verb}: ${value}`;
}
