import { describe, expect, it } from 'vitest';
import { BerthError, type MethodOutput } from '../../../shared/index';
import { berth } from '../testing/harness';
import { AUTOMATED_WARNING } from './search';

type Found = MethodOutput<'registry.search'>;
type Row = Found['results'][number];

const row = (name: string, description: string, starCount: number | null, isOfficial = false): Row => ({
  name,
  description,
  starCount,
  isOfficial,
  isAutomated: false,
});

// What the core answers for `nginx` from Hub's fixture entries (is_automated already forced false).
const NGINX: Row[] = [
  row('nginx', 'Official build of Nginx.', 20911, true),
  row('jc21/nginx-proxy-manager', 'Docker container for managing Nginx proxy hosts\nwith a simple, powerful interface', 563),
  row('yunhe/nginx-cn', '基于官方 nginx 镜像，预置中文错误页与常用反向代理配置', 12),
  row('tanuki/nginx-jp', '日本語のエラーページを含む nginx イメージ（ﾃｽﾄ用、半角カナ）', 3),
];

const answering = (results: Row[], extra: Partial<Found> = {}) => ({
  'registry.search': async () => ({ registry: 'docker.io', source: 'v1' as const, results, ...extra }),
});

const sp = (n: number): string => ' '.repeat(n);

describe('berth search prints Docker\'s table', () => {
  it('NAME, DESCRIPTION cut at 45 cells (wide characters count two), STARS, OFFICIAL', async () => {
    const r = await berth(['search', 'nginx'], answering(NGINX));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // Widths: NAME 24+3, DESCRIPTION 45+3, STARS min 10, OFFICIAL unpadded.
    expect(r.stdout).toBe(
      [
        `NAME${sp(23)}DESCRIPTION${sp(37)}STARS${sp(5)}OFFICIAL`,
        `nginx${sp(22)}Official build of Nginx.${sp(24)}20911${sp(5)}[OK]`,
        `jc21/nginx-proxy-manager${sp(3)}Docker container for managing Nginx proxy ho…${sp(3)}563${sp(7)}`,
        `yunhe/nginx-cn${sp(13)}基于官方 nginx 镜像，预置中文错误页与常用反…${sp(4)}12${sp(8)}`,
        `tanuki/nginx-jp${sp(12)}日本語のエラーページを含む nginx イメージ（ﾃ…${sp(3)}3${sp(9)}`,
        '',
      ].join('\n'),
    );
    expect(r.core.calls).toEqual([{ method: 'registry.search', input: { term: 'nginx', limit: 0, filters: [] } }]);
  });

  it('--no-trunc keeps whole descriptions, newlines folded to spaces', async () => {
    const r = await berth(['search', '--no-trunc', '--format', '{{.Description}}', 'nginx'], answering(NGINX.slice(1, 3)));
    expect(r.stdout).toBe(
      'Docker container for managing Nginx proxy hosts with a simple, powerful interface\n' +
        '基于官方 nginx 镜像，预置中文错误页与常用反向代理配置\n',
    );
  });

  it('folds \\r too, and leaves descriptions of 45 cells or fewer alone', async () => {
    const exact = 'x'.repeat(45);
    const wide = '中'.repeat(22) + 'a'; // 45 cells
    const r = await berth(['search', '--format', '{{.Description}}|', 'x'], answering([row('a', 'one\r\ntwo', 1), row('b', exact, 1), row('c', wide, 1), row('d', wide + 'b', 1)]));
    expect(r.stdout).toBe(`one  two|\n${exact}|\n${wide}|\n${'中'.repeat(22)}…|\n`);
  });

  it('offers IsAutomated to templates, and Docker\'s booleans in text and JSON', async () => {
    const text = await berth(['search', '--format', '{{.Name}}:{{.IsOfficial}}:{{.IsAutomated}}:{{.StarCount}}', 'nginx'], answering(NGINX.slice(0, 2)));
    expect(text.stdout).toBe('nginx:[OK]::20911\njc21/nginx-proxy-manager:::563\n');
    const json = await berth(['search', '--format', 'json', 'nginx'], answering(NGINX.slice(0, 1)));
    expect(json.stdout).toBe('{"Description":"Official build of Nginx.","IsAutomated":"false","IsOfficial":"true","Name":"nginx","StarCount":"20911"}\n');
  });

  it('custom tables get Docker\'s headers, AUTOMATED included', async () => {
    const r = await berth(['search', '--format', 'table {{.Name}}\\t{{.IsAutomated}}\\t{{.StarCount}}', 'nginx'], answering(NGINX.slice(0, 1)));
    expect(r.stdout).toBe(`NAME${sp(6)}AUTOMATED${sp(3)}STARS\nnginx${sp(5)}${sp(12)}20911\n`);
  });

  it('leaves STARS empty for catalog matches, which have no stars', async () => {
    const r = await berth(['search', '127.0.0.1:5000/busy'], answering([row('127.0.0.1:5000/busybox', '', null)], { registry: '127.0.0.1:5000', source: 'catalog' }));
    expect(r.stdout).toBe(`NAME${sp(21)}DESCRIPTION   STARS${sp(5)}OFFICIAL\n127.0.0.1:5000/busybox${sp(3)}${sp(14)}${sp(10)}\n`);
  });

  it('prints only the header when nothing matches', async () => {
    const r = await berth(['search', 'nothing-like-this'], answering([]));
    expect(r.stdout).toBe(`NAME${sp(6)}DESCRIPTION   STARS${sp(5)}OFFICIAL\n`);
  });
});

describe('berth search flags', () => {
  it('passes --limit and normalized --filter values to the core', async () => {
    const r = await berth(['search', '--limit', '5', '-f', ' Stars = 3 ', '--filter=is-official=true', 'redis'], answering([]));
    expect(r.code).toBe(0);
    expect(r.core.calls[0]!.input).toEqual({ term: 'redis', limit: 5, filters: ['stars=3', 'is-official=true'] });
  });

  it('warns about the deprecated is-automated filter on stderr', async () => {
    const r = await berth(['search', '--filter', 'is-automated=true', 'redis'], answering([]));
    expect(r.stderr).toBe(`${AUTOMATED_WARNING}\n`);
    expect(r.stdout).toBe(`NAME${sp(6)}DESCRIPTION   STARS${sp(5)}OFFICIAL\n`);
  });

  it('rejects a --limit that is not an integer as pflag does', async () => {
    const r = await berth(['search', '--limit', 'ten', 'redis'], answering([]));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('invalid argument "ten" for "--limit" flag: strconv.ParseInt: parsing "ten": invalid syntax\nSee \'berth search --help\'.\n');
    expect(r.core.calls).toEqual([]);
  });

  it('needs exactly one term', async () => {
    const r = await berth(['search'], answering([]));
    expect(r.stderr).toBe('"berth search" requires exactly 1 argument.\nSee \'berth search --help\'.\n');
    expect((await berth(['search', 'a', 'b'], answering([]))).code).toBe(1);
  });

  it('prints the core\'s refusals the way Docker prints the daemon\'s', async () => {
    const r = await berth(['search', '--limit', '101', 'redis'], {
      'registry.search': async () => {
        throw new BerthError('INVALID_ARGUMENT', 'limit 101 is outside the range of [1, 100]');
      },
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('Error response from daemon: limit 101 is outside the range of [1, 100]\n');
  });
});
