/** Docker's pull errors that are not the registry client's. */
import { BerthError } from '../../../shared/errors';

/** distribution/pull_v2.go errRootFSMismatch: a layer's diffID differs from the config's. */
export function rootFSMismatch(details?: unknown): BerthError {
  return new BerthError('DIGEST_MISMATCH', "layers from manifest don't match image configuration", details);
}

/** distribution/pull_v2.go errRootFSInvalid. */
export function rootFSInvalid(): BerthError {
  return new BerthError('CORRUPT', 'invalid rootfs in image configuration');
}

export function cancelled(): BerthError {
  return new BerthError('CANCELLED', 'context canceled');
}

/** Aborts with the job's signal, throwing Docker's "context canceled". */
export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw cancelled();
}
