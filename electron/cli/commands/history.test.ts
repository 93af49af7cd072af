import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../shared/index';
import { HISTORY, recorded } from '../testing/fixtures';
import { atRecordingTime, berth } from '../testing/harness';

const answers = {
  'images.history': async ({ ref }: { ref: string }) => {
    const name = ref.replace(/^peers\//, '').replace(/:.*$/, '') as keyof typeof HISTORY;
    if (!HISTORY[name]) throw new BerthError('NOT_FOUND', `No such image: ${ref}:latest`);
    return HISTORY[name];
  },
};

describe('berth history prints what docker history printed', () => {
  atRecordingTime();

  it.each([
    ['history', ['history', 'peers/app:1.0']],
    ['history', ['image', 'history', 'peers/app:1.0']],
    ['history-tool', ['history', 'peers/tool']],
    ['history-old', ['history', 'peers/old:1']],
    ['history-nonhuman', ['history', '-H=false', 'peers/app:1.0']],
    ['history-notrunc', ['history', '--no-trunc', 'peers/app:1.0']],
    ['history-q', ['history', '-q', 'peers/app:1.0']],
    ['history-qnotrunc', ['history', '-q', '--no-trunc', 'peers/app:1.0']],
    ['history-json', ['history', '--format', 'json', 'peers/app:1.0']],
    ['history-json-nonhuman', ['history', '--human=false', '--format', 'json', 'peers/tool']],
    ['history-custom', ['history', '--format', '{{.ID}}|{{.CreatedAt}}|{{.Size}}', 'peers/app:1.0']],
  ])('%s (%j)', async (golden, argv) => {
    const r = await berth(argv, answers);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(recorded(golden));
  });

  it('asks the core for the image given', async () => {
    const r = await berth(['history', 'peers/tool'], answers);
    expect(r.core.calls).toEqual([{ method: 'images.history', input: { ref: 'peers/tool' } }]);
  });

  it('takes Go\'s spellings of false for -H: dates become RFC 3339, sizes raw bytes', async () => {
    const r = await berth(['history', '-H=0', '--format', '{{.CreatedSince}} {{.Size}}', 'peers/old'], answers);
    expect(r.stdout).toBe('1999-06-01T02:00:00+02:00 100\n');
  });

  it('reports an unknown image as the daemon would', async () => {
    const r = await berth(['history', 'nosuch'], answers);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('Error response from daemon: No such image: nosuch:latest\n');
  });

  it('requires exactly one image', async () => {
    const r = await berth(['history'], answers);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('"berth history" requires exactly 1 argument.\nSee \'berth history --help\'.\n');
    expect(r.core.calls).toEqual([]);
  });

  it('rejects a -H value Go would not parse', async () => {
    const r = await berth(['history', '-H=maybe', 'x'], answers);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^invalid argument "maybe" for "-H, --human" flag: strconv.ParseBool: parsing "maybe": invalid syntax\n/);
  });

  it('reports an unknown field with Docker\'s history row type', async () => {
    const r = await berth(['history', '--format', '{{.Tags}}', 'peers/old'], answers);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'template parsing error: template: :1:2: executing "" at <.Tags>: can\'t evaluate field Tags in type *image.historyContext\n',
    );
  });
});
