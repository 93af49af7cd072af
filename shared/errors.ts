import { z } from 'zod';

/** Every error the contract can carry. The renderer switches on these, never on message text. */
export const ERROR_CODES = [
  'NOT_FOUND',
  'INVALID_REFERENCE',
  'CONFLICT',
  'AUTH_REQUIRED',
  'DIGEST_MISMATCH',
  'NETWORK',
  'CANCELLED',
  'UNSUPPORTED',
  'INVALID_ARGUMENT',
  'FORBIDDEN',
  'CORRUPT',
  'INTERNAL',
] as const;

export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorPayload = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorPayload = z.infer<typeof ErrorPayload>;

/**
 * The one error type the core throws on purpose. Its message is what the user
 * reads (Docker's wording where Docker has one), so it must never contain secrets.
 */
export class BerthError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'BerthError';
    this.code = code;
    this.details = details;
  }

  toPayload(): ErrorPayload {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromPayload(p: ErrorPayload): BerthError {
    return new BerthError(p.code, p.message, p.details);
  }
}

export function isBerthError(e: unknown): e is BerthError {
  return e instanceof BerthError;
}
