import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../shared/errors';
import { formatList, resolveFormat } from './table';

const DEFAULT = 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{if .CreatedSince}}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}';
const HEADERS = { Repository: 'REPOSITORY', Tag: 'TAG', ID: 'IMAGE ID', CreatedSince: 'CREATED', Size: 'SIZE', Digest: 'DIGEST' };
const rows = [
  { Repository: 'debian', Tag: 'bookworm', ID: '4eacea30377a', CreatedSince: '8 days ago', Size: '124MB', Digest: '<none>' },
  { Repository: '<none>', Tag: '<none>', ID: '77af4d6b9913', CreatedSince: '', Size: '1.09GB', Digest: '<none>' },
];
const opts = { defaultTable: DEFAULT, headers: HEADERS };

describe('formatList', () => {
  it('renders docker images default table (header from the header map, N/A for no date)', () => {
    expect(formatList(undefined, rows, opts)).toBe(
      'REPOSITORY   TAG        IMAGE ID       CREATED      SIZE\n' +
        'debian       bookworm   4eacea30377a   8 days ago   124MB\n' +
        '<none>       <none>     77af4d6b9913   N/A          1.09GB\n',
    );
  });

  it("treats 'table' alone as the default table", () => {
    expect(formatList('table', rows, opts)).toBe(formatList(undefined, rows, opts));
  });

  it('prints only the header for no items', () => {
    expect(formatList(undefined, [], opts)).toBe('REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n');
  });

  it('without table: one line per item, no header, \\t and \\n escapes expanded', () => {
    expect(formatList('{{.Repository}}\\t{{.Tag}}', rows, opts)).toBe('debian\tbookworm\n<none>\t<none>\n');
    expect(formatList('{{.ID}}\\n', rows, opts)).toBe('4eacea30377a\n\n77af4d6b9913\n\n');
  });

  it("'json' means {{json .}} per item", () => {
    expect(formatList('json', rows.slice(0, 1), opts)).toBe(
      '{"Repository":"debian","Tag":"bookworm","ID":"4eacea30377a","CreatedSince":"8 days ago","Size":"124MB","Digest":"<none>"}\n',
    );
  });

  it('a custom table uses header names for the columns it mentions', () => {
    expect(formatList('table {{.ID}}\\t{{.Repository}}:{{.Tag}}', rows, opts)).toBe(
      'IMAGE ID       REPOSITORY:TAG\n4eacea30377a   debian:bookworm\n77af4d6b9913   <none>:<none>\n',
    );
  });

  it('template errors carry docker wording', () => {
    expect(() => formatList('{{.Repository', rows, opts)).toThrow(BerthError);
    expect(() => formatList('{{.Repository', rows, opts)).toThrow('template parsing error: template: :1: unclosed action');
  });

  it('resolveFormat trims spaces after table and expands escapes', () => {
    expect(resolveFormat('table   {{.A}}\\t{{.B}}  ', 'x')).toEqual({ template: '{{.A}}\t{{.B}}', table: true });
    expect(resolveFormat(undefined, 'table {{.A}}')).toEqual({ template: '{{.A}}', table: true });
    expect(resolveFormat('{{.A}}', 'table x')).toEqual({ template: '{{.A}}', table: false });
  });
});
