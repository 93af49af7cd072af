import { describe, expect, it } from 'vitest';
import { BerthError, type InspectDoc } from '../../../shared/index';
import { renderTemplate } from '../../core/format/template/index';
import { INSPECT, recorded } from '../testing/fixtures';
import { berth } from '../testing/harness';

function lookup(ref: string): InspectDoc {
  if (ref === 'peers/app:1.0') return INSPECT.app;
  if (ref === 'peers/old:1') return INSPECT.old;
  throw new BerthError('NOT_FOUND', `No such image: ${ref.includes(':') ? ref : `${ref}:latest`}`);
}

const answers = {
  'images.inspect': async ({ ref }: { ref: string }) => lookup(ref),
  // The core renders -f templates; here the real engine over the recorded document stands in for it.
  'images.format': async ({ ref, template }: { ref: string; template: string }) => ({
    output: renderTemplate(template, lookup(ref)),
  }),
};

describe('berth inspect', () => {
  it('prints a 4-space indented JSON array, byte for byte as Docker did', async () => {
    const r = await berth(['image', 'inspect', 'peers/app:1.0'], answers);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(recorded('inspect'));
  });

  it('prints compact JSON for -f json', async () => {
    const r = await berth(['inspect', '-f', 'json', 'peers/old:1'], answers);
    expect(r.stdout).toBe(recorded('inspect-f-json'));
  });

  it('prints one line per image and still looks up the arguments after a missing one', async () => {
    const r = await berth(['inspect', '-f', '{{.Id}} {{.RepoTags}}', 'peers/app:1.0', 'nosuch', 'peers/old:1', 'nosuch2:v1'], answers);
    expect(r.stdout).toBe(
      'sha256:d750e4b3c32d75a7e7c6f15b41b15f78a9d48468b6fbfe5fa7fa83194c2d109a [127.0.0.1:5077/peers/app:1.0 peers/app:1.0 peers/gone:1]\n' +
        'sha256:19fb1369ac311718b657d8bd358b05eefa47699734ad78d500fc9e5572570188 [peers/old:1]\n',
    );
    expect(r.stderr).toBe(
      'Error response from daemon: No such image: nosuch:latest\nError response from daemon: No such image: nosuch2:v1\n',
    );
    expect(r.code).toBe(1);
    expect(r.core.calls.map((c) => c.input)).toEqual([
      { ref: 'peers/app:1.0', template: '{{.Id}} {{.RepoTags}}' },
      { ref: 'nosuch', template: '{{.Id}} {{.RepoTags}}' },
      { ref: 'peers/old:1', template: '{{.Id}} {{.RepoTags}}' },
      { ref: 'nosuch2:v1', template: '{{.Id}} {{.RepoTags}}' },
    ]);
  });

  it('matches Docker for map lookups, json and numbers', async () => {
    const r = await berth(
      ['inspect', '-f', '{{.Config.Labels.nope}}|{{index .Config.Labels "nope"}}|{{json .Config.Labels}}|{{.Size}}', 'peers/app:1.0'],
      answers,
    );
    expect(r.stdout).toBe(recorded('inspect-labels'));
  });

  it('writes a lone newline per image that printed nothing', async () => {
    const r = await berth(['inspect', '-f', '{{if false}}x{{end}}', 'peers/app:1.0', 'peers/old:1'], answers);
    expect(r.stdout).toBe('\n\n');
    expect(r.code).toBe(0);
  });

  it('exits 64 on a template that does not parse, before looking anything up', async () => {
    const r = await berth(['inspect', '-f', '{{.Id', 'peers/app:1.0'], answers);
    expect(r.code).toBe(64);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('template parsing error: template: :1: unclosed action\n');
    expect(r.core.calls).toEqual([]);
  });

  it('prints a failing execution without the daemon prefix and exits 1', async () => {
    const goError = 'template: :1:2: executing "" at <.Foo>: map has no entry for key "Foo"';
    const r = await berth(['inspect', '-f', '{{.Foo}}', 'peers/app:1.0'], {
      'images.format': async () => {
        throw new BerthError('INVALID_ARGUMENT', `template parsing error: ${goError}`, { phase: 'exec', goError });
      },
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('\n');
    expect(r.stderr).toBe(`template parsing error: ${goError}\n`);
  });

  it('prints [] when nothing was found, and fails', async () => {
    const r = await berth(['inspect', 'nosuch'], answers);
    expect(r.stdout).toBe('[]\n');
    expect(r.stderr).toBe('Error response from daemon: No such image: nosuch:latest\n');
    expect(r.code).toBe(1);
  });

  it('prints a lone newline for -f when nothing was found', async () => {
    const r = await berth(['inspect', '-f', '{{.Id}}', 'nosuch'], answers);
    expect(r.stdout).toBe('\n');
    expect(r.code).toBe(1);
  });

  it('requires at least one image, naming the command as typed', async () => {
    const r = await berth(['image', 'inspect'], answers);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('"berth image inspect" requires at least 1 argument.\nSee \'berth image inspect --help\'.\n');
  });
});
