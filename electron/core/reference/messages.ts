import { BerthError } from '../../../shared/errors';

/** Docker's exact texts (distribution/reference and go-digest). */
export const MSG = {
  invalidFormat: 'invalid reference format',
  nameEmpty: 'repository name must have at least one component',
  nameUppercase: 'repository name must be lowercase',
  nameTooLong: 'repository name must not be more than 255 characters',
  tagInvalid: 'invalid tag format',
  digestInvalid: 'invalid digest format',
  checksumFormat: 'invalid checksum digest format',
  checksumLength: 'invalid checksum digest length',
  checksumUnsupported: 'unsupported digest algorithm',
  remoteUppercase: (remote: string) => `invalid reference format: repository name (${remote}) must be lowercase`,
  hexName: (name: string) => `invalid repository name (${name}), cannot specify 64-byte hexadecimal strings`,
} as const;

export function referenceError(message: string): BerthError {
  return new BerthError('INVALID_REFERENCE', message);
}
