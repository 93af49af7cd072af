import { tabwrite } from '../../core/format/tabwriter';
import { ExitError } from '../errors';
import { executeHeader, parseFormat, rowExecutor } from './template';

/**
 * Docker's formatter.Context.Write for list commands (`images`, `history`):
 * `table …` renders a header from the column names and aligns everything with
 * the tabwriter; `json` is `{{json .}}` per row; anything else is a template
 * run once per row. `\t` and `\n` written literally in the format are expanded.
 */

export const TABLE = 'table';

export function isTableFormat(format: string): boolean {
  return format.startsWith(TABLE);
}

/** The template text Docker actually runs for a `--format` value. */
function templateText(format: string): string {
  let text = format;
  if (isTableFormat(format)) text = format.slice(TABLE.length);
  else if (format === 'json') text = '{{json .}}';
  return trimSpaces(text).replaceAll('\\t', '\t').replaceAll('\\n', '\n');
}

/** Go's strings.Trim(s, " "): spaces only, not tabs or newlines. */
function trimSpaces(s: string): string {
  return s.replace(/^ +| +$/g, '');
}

export interface ListFormat<V> {
  format: string;
  rows: readonly V[];
  /** Column name per field, what the header row shows for `{{.Field}}`. */
  headers: Readonly<Record<string, string>>;
  /** Go type the rows are in Docker (`*formatter.imageContext`), for its error messages. */
  typeName: string;
}

/**
 * Renders rows the way Docker's formatter does. Template errors end the command
 * with Docker's `template parsing error: …` before anything is printed.
 */
export function renderList<V extends object>(spec: ListFormat<V>): string {
  const text = templateText(spec.format);
  const tmpl = parseFormat(text, (message) => new ExitError(1, `template parsing error: ${message}`));
  const run = rowExecutor(tmpl, spec.typeName, (message) => new ExitError(1, `template parsing error: ${message}`));
  let body = '';
  for (const row of spec.rows) body += `${run(row)}\n`;
  if (!isTableFormat(spec.format)) return body;
  return tabwrite(`${executeHeader(tmpl, spec.headers)}\n${body}`);
}
