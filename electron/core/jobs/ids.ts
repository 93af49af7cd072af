import { randomBytes } from 'node:crypto';

/** Job ids: short, unguessable across restarts, sortable by creation within a process. */
let seq = 0;
export function newJobId(): string {
  seq += 1;
  return `job-${Date.now().toString(36)}-${seq.toString(36)}-${randomBytes(3).toString('hex')}`;
}
