import { BerthError } from '../../../shared/index';

export function asBerthError(e: unknown): BerthError {
  return e instanceof BerthError ? e : new BerthError('INTERNAL', e instanceof Error ? e.message : String(e));
}
