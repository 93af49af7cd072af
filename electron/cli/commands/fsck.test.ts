import { describe, expect, it } from 'vitest';
import { berth } from '../testing/harness';

describe('berth fsck', () => {
  it('prints a summary and exits 0 for a sound store', async () => {
    const r = await berth(['fsck'], {
      'store.fsck': async () => ({ ok: true, blobsChecked: 12, refsChecked: 3, problems: [] }),
    });
    expect(r.stdout).toBe('Checked 12 blobs and 3 references: no problems found\n');
    expect(r.code).toBe(0);
  });

  it('lists every problem and exits 1', async () => {
    const r = await berth(['fsck'], {
      'store.fsck': async () => ({
        ok: false,
        blobsChecked: 12,
        refsChecked: 3,
        problems: [
          { kind: 'missing-blob', subject: 'sha256:aa', message: 'referenced by docker.io/library/a:1 but not in blobs/' },
          { kind: 'digest-mismatch', subject: 'sha256:bb', message: 'content hashes to sha256:cc' },
        ],
      }),
    });
    expect(r.stdout).toBe(
      'Checked 12 blobs and 3 references: 2 problems found\n' +
        '  missing-blob: sha256:aa: referenced by docker.io/library/a:1 but not in blobs/\n' +
        '  digest-mismatch: sha256:bb: content hashes to sha256:cc\n',
    );
    expect(r.code).toBe(1);
  });

  it('takes no arguments', async () => {
    const r = await berth(['fsck', 'x'], {});
    expect(r.stderr).toBe('"berth fsck" accepts no arguments.\nSee \'berth fsck --help\'.\n');
  });
});
