import { isBerthError } from '../../../shared/index';
import { execute, TemplateExecError } from '../../core/format/template/exec';
import { FUNCS, HEADER_FUNCS, type TemplateFunc } from '../../core/format/template/funcs';
import { parseTemplate, type Template } from '../../core/format/template/index';
import { goMarshalMap } from './go-json';

/**
 * The CLI's use of the Go template engine for list rows (`images`, `history`).
 * Docker runs those templates against Go structs whose fields are methods,
 * which differs from the engine's JSON-map model in two visible ways handled
 * here: an unknown field is an error naming the Go type, and `{{json .}}` goes
 * through the struct's MarshalJSON (keys sorted, `<>&` escaped as \u003c…).
 */

export type { Template };

/** Parses a format; `fail` turns Go's parse error text into what the command throws. */
export function parseFormat(text: string, fail: (goMessage: string) => Error): Template {
  try {
    return parseTemplate(text);
  } catch (e) {
    throw fail(goErrorText(e));
  }
}

function goErrorText(e: unknown): string {
  if (isBerthError(e)) {
    const details = e.details as { goError?: unknown } | undefined;
    if (typeof details?.goError === 'string') return details.goError;
  }
  if (e instanceof Error) return e.message;
  throw e;
}

const MISSING_KEY = /map has no entry for key "((?:[^"\\]|\\.)*)"$/;

/**
 * Runs a format on rows, the way Docker runs it on `*formatter.imageContext`
 * and friends. The function table is built once: Docker's row contexts
 * marshal themselves, so `json` of the row itself is the row's own encoding.
 */
export function rowExecutor(t: Template, goType: string, fail: (goMessage: string) => Error): (row: object) => string {
  let current: object | undefined;
  const json = FUNCS.get('json')!;
  const rowJson: TemplateFunc = {
    ...json,
    call: (args) => (args[0] === current ? goMarshalMap(current as Record<string, unknown>) : json.call(args)),
  };
  const funcs = new Map([...FUNCS, ['json', rowJson]]);
  return (row) => {
    current = row;
    try {
      // Rows are flat, so a missing key can only be a field the Go type does not have.
      return execute(t.source, t.root, row, funcs, { missingKey: 'error' });
    } catch (e) {
      if (!(e instanceof TemplateExecError)) throw e;
      throw fail(
        e.message.replace(MISSING_KEY, (_m, key: string) => `can't evaluate field ${JSON.parse(`"${key}"`)} in type ${goType}`),
      );
    }
  };
}

/**
 * The table header: the same template over the column names, with docker's
 * header functions. Docker ignores errors here and keeps what was written;
 * the engine cannot hand back partial output, so a failing header is empty.
 */
export function executeHeader(t: Template, headers: Readonly<Record<string, string>>): string {
  try {
    return execute(t.source, t.root, headers, HEADER_FUNCS);
  } catch (e) {
    if (e instanceof TemplateExecError) return '';
    throw e;
  }
}
