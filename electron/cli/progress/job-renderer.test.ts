import { describe, expect, it } from 'vitest';
import type { Job } from '../../../shared/jobs';
import { JobRenderer } from './job-renderer';
import { progressText } from './progress-bar';

function job(messages: string[], layers: [string, string, number, number][]): Job {
  return {
    id: 'j',
    kind: 'pull',
    source: 'embedded',
    title: 't',
    state: 'running',
    createdAt: '',
    startedAt: null,
    finishedAt: null,
    progress: { current: 0, total: 0 },
    layers: layers.map(([id, phase, current, total]) => ({ id, digest: `sha256:${id}`, phase, current, total })),
    messages,
    result: null,
    error: null,
  };
}

describe("Docker's progress text", () => {
  it('draws the 50-column bar only above 110 columns, with %8v/%v HumanSize counts', () => {
    expect(progressText(10_200_000, 48_500_000, 120)).toBe(`[==========>${' '.repeat(40)}]   10.2MB/48.5MB`);
    expect(progressText(10_200_000, 48_500_000, 80)).toBe('  10.2MB/48.5MB');
    expect(progressText(48_500_000, 48_500_000, 200)).toBe(`[${'='.repeat(50)}>]   48.5MB/48.5MB`);
    expect(progressText(1_234_567, 0, 200)).toBe(' 1.235MB');
    expect(progressText(0, 0, 200)).toBe('');
  });
});

describe('JobRenderer', () => {
  const steps = [
    job(['1: Pulling from x'], []),
    job(['1: Pulling from x'], [['aaa', 'Pulling fs layer', 0, 0], ['bbb', 'Pulling fs layer', 0, 0]]),
    job(['1: Pulling from x'], [['aaa', 'Downloading', 500, 1000], ['bbb', 'Pulling fs layer', 0, 0]]),
    job(['1: Pulling from x'], [['aaa', 'Download complete', 1000, 1000], ['bbb', 'Pulling fs layer', 0, 0]]),
    job(['1: Pulling from x', 'Digest: sha256:d'], [['aaa', 'Download complete', 1000, 1000], ['bbb', 'Already exists', 0, 0]]),
  ];

  it('prints only state transitions when not on a terminal', () => {
    let out = '';
    const r = new JobRenderer({ write: (s: string) => (out += s) }, { tty: false });
    steps.forEach((s) => r.update(s));
    expect(out).toBe(
      ['1: Pulling from x', 'aaa: Pulling fs layer', 'bbb: Pulling fs layer', 'aaa: Download complete', 'Digest: sha256:d', 'bbb: Already exists', ''].join('\n'),
    );
  });

  it('redraws each layer in its own line on a terminal, moving the cursor up and back', () => {
    let out = '';
    const r = new JobRenderer({ write: (s: string) => (out += s) }, { tty: true, columns: 80 });
    steps.slice(0, 3).forEach((s) => r.update(s));
    expect(out).toBe(
      '1: Pulling from x\n' +
        '\n\x1b[1A\x1b[2K\raaa: Pulling fs layer \r\x1b[1B' +
        '\n\x1b[1A\x1b[2K\rbbb: Pulling fs layer \r\x1b[1B' +
        '\x1b[2A\x1b[2K\raaa: Downloading     500B/1kB\r\x1b[2B',
    );
  });
});
