import { tabwrite } from './tabwriter';
import { executeHeaderTemplate, executeTemplate, parseTemplate } from './template/index';

/**
 * docker's `--format` handling for list commands (images, history, search):
 * `table …` renders a header row (the template run over the header names with
 * docker's header functions) and aligns `\t`-separated columns through the
 * tabwriter; any other template prints one line per item, no header; `json`
 * means `{{json .}}`. As in docker, the two-character sequences `\t` and `\n`
 * typed in a format are turned into a tab and a newline.
 */
export interface FormatListOptions {
  /** The command's default (`table {{.Repository}}\t…`), used for no format and for plain `table`. */
  defaultTable: string;
  /** Field name → column header, e.g. { Repository: 'REPOSITORY', ID: 'IMAGE ID' }. */
  headers: Record<string, string>;
}

export function resolveFormat(format: string | undefined, defaultTable: string): { template: string; table: boolean } {
  let f = format === undefined || format === '' || format === 'table' ? defaultTable : format;
  if (f === 'json') f = '{{json .}}';
  const table = f.startsWith('table');
  if (table) f = f.slice('table'.length);
  f = f.replace(/^ +| +$/g, '').replace(/\\t|\\n/g, (m) => (m === '\\t' ? '\t' : '\n'));
  return { template: f, table };
}

/** Renders items the way `docker <cmd> --format <format>` prints them (each line newline-terminated). */
export function formatList<T>(format: string | undefined, items: T[], opts: FormatListOptions): string {
  const { template, table } = resolveFormat(format, opts.defaultTable);
  const t = parseTemplate(template);
  const body = items.map((item) => executeTemplate(t, item) + '\n').join('');
  if (!table) return body;
  return tabwrite(executeHeaderTemplate(t, opts.headers) + '\n' + body);
}
