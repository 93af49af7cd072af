import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../shared/index';
import { imageList, IMAGE_ROWS, recorded } from '../testing/fixtures';
import { atRecordingTime, berth } from '../testing/harness';

const list = { 'images.list': async () => imageList() };

describe('berth images prints what docker images printed', () => {
  atRecordingTime();

  it.each([
    ['images', ['images']],
    ['images', ['image', 'ls']],
    ['images', ['image', 'list']],
    ['images', ['images', '--format', 'table']],
    ['images-q', ['images', '-q']],
    ['images-digests', ['images', '--digests']],
    ['images-notrunc', ['images', '--no-trunc']],
    ['images-json', ['images', '--format', 'json']],
    ['images-custom', ['images', '--format', '{{.Repository}}:{{.Tag}} {{.Digest}} {{.CreatedAt}} {{.Containers}} {{.SharedSize}} {{.UniqueSize}}']],
    [
      'images-table-custom',
      ['images', '--format', 'table {{.ID}}\\t{{.Repository}}\\t{{.CreatedAt}}\\t{{.Digest}}\\t{{.Containers}}\\t{{.SharedSize}}\\t{{.UniqueSize}}\\t{{.CreatedSince}}'],
    ],
    ['images-table-digests', ['images', '--digests', '--format', 'table {{.Repository}}\\t{{.Tag}}']],
    ['images-q-digests', ['images', '-q', '--digests']],
    ['images-header-funcs', ['images', '--format', 'table {{upper .Repository}}\\t{{json .Tag}}\\t{{.Size | printf "%s!"}}']],
  ])('%s (%j)', async (golden, argv) => {
    const r = await berth(argv, list);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(recorded(golden));
  });

  it('ignores -q when a custom format is given', async () => {
    const r = await berth(['images', '-q', '--format', '{{.Tag}}'], list);
    // Docker lists one image's tags in Go map order, which changes from run to run.
    const sorted = (s: string) => s.split('\n').sort().join('\n');
    expect(sorted(r.stdout)).toBe(sorted(recorded('images-quiet-custom')));
  });

  it('turns REPOSITORY[:TAG] into a reference filter and sizes columns to the rows shown', async () => {
    const tool = IMAGE_ROWS.filter((r) => r.repository === 'peers/tool');
    const r = await berth(['images', 'peers/tool'], { 'images.list': async () => imageList(tool) });
    expect(r.stdout).toBe(recorded('images-match'));
    expect(r.core.calls).toEqual([{ method: 'images.list', input: { all: false, filters: ['reference=peers/tool'] } }]);
  });

  it('passes -a and every --filter, normalized the way Docker does', async () => {
    const r = await berth(['images', '-a', '--filter', ' Dangling = true ', '-f', 'label=a=b', '--filter=', 'x'], list);
    expect(r.code).toBe(0);
    expect(r.core.calls[0]!.input).toEqual({ all: true, filters: ['dangling=true', 'label=a=b', 'reference=x'] });
  });

  it('rejects a filter without "="', async () => {
    const r = await berth(['images', '--filter', 'foo'], list);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'invalid argument "foo" for "-f, --filter" flag: bad format of filter (expected name=value)\nSee \'berth images --help\'.\n',
    );
    expect(r.core.calls).toEqual([]);
  });

  it('accepts at most one argument', async () => {
    const r = await berth(['images', 'a', 'b'], list);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('"berth images" requires at most 1 argument.\nSee \'berth images --help\'.\n');
  });

  it('prints the core\'s refusal the way Docker prints the daemon\'s', async () => {
    const r = await berth(['images', '--filter', 'foo=bar'], {
      'images.list': async () => {
        throw new BerthError('INVALID_ARGUMENT', "Invalid filter 'foo'");
      },
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("Error response from daemon: Invalid filter 'foo'\n");
  });

  it('hints at `image ls` when `images ls` finds nothing, only for the top-level command', async () => {
    const empty = { 'images.list': async () => imageList([]) };
    const top = await berth(['images', 'ls'], empty);
    expect(top.stdout).toBe('REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n');
    expect(top.stderr).toBe('\nNo images found matching "ls": did you mean "berth image ls"?\n');
    expect(top.code).toBe(0);
    expect((await berth(['image', 'ls', 'ls'], empty)).stderr).toBe('');
    expect((await berth(['images', 'peers/nothing'], empty)).stderr).toBe('');
  });

  it('reports an unknown field the way Go reports it for Docker\'s row type, printing nothing', async () => {
    const r = await berth(['images', '--format', 'table {{.ID}}\\t{{.Foo}}'], list);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'template parsing error: template: :1:10: executing "" at <.Foo>: can\'t evaluate field Foo in type *formatter.imageContext\n',
    );
  });

  it('reports a template that does not parse', async () => {
    const r = await berth(['images', '--format', '{{.ID'], list);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('template parsing error: template: :1: unclosed action\n');
  });

  it('shows N/A for an image without a usable creation time, and sizes Docker-style', async () => {
    const odd = { ...IMAGE_ROWS[7]!, created: 'not a date', size: 999_999, sharedSize: 1000 };
    const r = await berth(['images', '--format', '{{if .CreatedSince}}{{.CreatedSince}}{{else}}N/A{{end}} {{.Size}} {{.SharedSize}} {{.UniqueSize}}'], {
      'images.list': async () => imageList([odd]),
    });
    expect(r.stdout).toBe('N/A 1e+03kB 1kB 999kB\n');
  });
});
