import {
  BerthError,
  isMethodName,
  methods,
  type MethodName,
  type MethodOutput,
  type MethodParsedInput,
  type Result,
} from '../../../shared/index';

/** What the core must implement: one function per contract method, on already validated input. */
export type Handlers = {
  [M in MethodName]: (input: MethodParsedInput<M>) => Promise<MethodOutput<M>>;
};

export type Dispatch = (method: unknown, input: unknown) => Promise<Result<unknown>>;

/**
 * The single entry point that every transport (Electron IPC, the browser host,
 * tests) goes through: unknown methods and inputs that break the contract are
 * refused before any handler runs, and every failure comes back as data.
 */
export function createDispatch(handlers: Handlers, opts: { checkOutput?: boolean } = {}): Dispatch {
  return async (method, input) => {
    if (!isMethodName(method)) {
      return fail(new BerthError('INVALID_ARGUMENT', `unknown method: ${String(method).slice(0, 100)}`));
    }
    const spec = methods[method];
    if (!isPlainInput(input)) {
      return fail(new BerthError('INVALID_ARGUMENT', `invalid input for ${method}: expected a plain object`));
    }
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      return fail(
        new BerthError('INVALID_ARGUMENT', `invalid input for ${method}: ${summarizeIssues(parsed.error.issues)}`),
      );
    }
    try {
      const handler = handlers[method] as (i: unknown) => Promise<unknown>;
      const value = await handler(parsed.data);
      if (opts.checkOutput) spec.output.parse(value);
      return { ok: true, value };
    } catch (e) {
      return fail(toBerthError(e));
    }
  };
}

/**
 * zod reads an object schema's fields off any object, inherited ones included, so a Date, Map or
 * RegExp (all of which Electron's structured clone delivers) passed for an all-optional input, and
 * an object whose prototype holds the fields passed for any. Inputs are object literals or nothing.
 */
function isPlainInput(input: unknown): boolean {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return true; // the schema names what is wrong
  const proto: unknown = Object.getPrototypeOf(input);
  return proto === Object.prototype || proto === null;
}

function fail(e: BerthError): Result<never> {
  return { ok: false, error: e.toPayload() };
}

function summarizeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** Unexpected errors become INTERNAL with their message only: stacks and causes stay in the main process. */
export function toBerthError(e: unknown): BerthError {
  if (e instanceof BerthError) return e;
  if (e instanceof Error && e.name === 'AbortError') return new BerthError('CANCELLED', 'operation cancelled');
  const message = e instanceof Error ? e.message : String(e);
  return new BerthError('INTERNAL', message);
}
