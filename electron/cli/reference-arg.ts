import { parseNormalizedNamed, type Reference } from '../core/reference/index';
import { ExitError } from './errors';

/** A REPOSITORY[:TAG] argument as Docker's client reads it before asking: the parser's own message when it fails. */
export function parseNameArg(input: string): Reference {
  try {
    return parseNormalizedNamed(input);
  } catch (e) {
    throw new ExitError(1, e instanceof Error ? e.message : String(e));
  }
}
