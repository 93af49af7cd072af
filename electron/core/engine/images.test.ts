// The engine image handlers' mapping and dry-run planning, on answers
// recorded from dockerd 20.10 and podman 4.3 (see __fixtures__/record.ts): the
// recorder ran the same rmi/prune calls for real, so each plan is checked
// against what the engine then did.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../shared/errors';
import type { DeleteRecord } from '../../../shared/schemas';
import { parseFilters } from '../images/filters';
import { PRUNE_FILTERS } from '../images';
import { codeForMessage } from './client';
import { containerRow } from './containers';
import { filtersJson } from './filters';
import { toListedImage, type ContainerSummary, type ImageSummary } from './image-model';
import { historyRow, listRows } from './images';
import { Plan, planEach } from './plan';
import { dockerPrune, dockerRemove } from './plan-docker';
import { podmanPrune, podmanRemove } from './plan-podman';

type Engine = 'dockerd-20.10' | 'podman-4.3';
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- recorded engine JSON
const fixture = (engine: Engine, name: string): any => JSON.parse(readFileSync(join(__dirname, '__fixtures__', engine, name), 'utf8'));

const images = (engine: Engine): ImageSummary[] => fixture(engine, 'images.json');
const containers = (engine: Engine): ContainerSummary[] => fixture(engine, 'containers.json');

function recorded(engine: Engine, name: string): { records: DeleteRecord[] } | { error: string; status: number } {
  const a = fixture(engine, name) as { status: number; body: unknown };
  if (a.status >= 300) return { error: (a.body as { message: string }).message, status: a.status };
  const items = (Array.isArray(a.body) ? a.body : ((a.body as { ImagesDeleted?: unknown[] }).ImagesDeleted ?? [])) as Array<{ Untagged?: string; Deleted?: string }>;
  return { records: items.map((i) => (i.Untagged !== undefined ? { untagged: i.Untagged } : { deleted: i.Deleted! })) };
}

function outcome(fn: () => DeleteRecord[]): { records: DeleteRecord[] } | { error: string; code: string } {
  try {
    return { records: fn() };
  } catch (e) {
    if (!(e instanceof BerthError)) throw e;
    return { error: e.message, code: e.code };
  }
}

describe('images.list rows from the engines', () => {
  it("expands dockerd 20.10's list like `docker images`: <none> placeholders, digest-only repos, familiar names", () => {
    const list = listRows(images('dockerd-20.10').map(toListedImage));
    const short = (id: string): string => id.replace('sha256:', '').slice(0, 12);
    const idOf = (name: string): string => short(fixture('dockerd-20.10', name).Id);
    const rows = list.rows.map((r) => [r.repository, r.tag, short(r.id), r.digest === null ? null : short(r.digest), r.dangling]);
    const busybox = '203bb930f6c1';
    expect(new Set(rows.map((r) => JSON.stringify(r)))).toEqual(
      new Set(
        [
          ['<none>', '<none>', idOf('commit-dangling.json'), null, true],
          ['committed', 'v1', idOf('commit.json'), null, false],
          ['committed', 'joined', idOf('commit-joined.json'), null, false],
          ['127.0.0.1:5000/busybox', '1.35-amd64', busybox, '020951603632', false],
          ['demo', 'one', busybox, null, false],
          ['example.com/team/demo', 'two', busybox, null, false],
          ['127.0.0.1:5000/busybox', '<none>', '69cf32f699af', 'bfe45c8c034b', true],
        ].map((r) => JSON.stringify(r)),
      ),
    );
    expect(rows).toHaveLength(7);
    const created = list.rows.map((r) => Date.parse(r.created));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(list.imageCount).toBe(5);
    expect(list.totalSize).toBe(images('dockerd-20.10').reduce((n, i) => n + (i.Size ?? 0), 0));
    const demo = list.rows.find((r) => r.repository === 'demo')!;
    expect(demo.reference).toBe('docker.io/library/demo:one');
    expect(demo.created).toBe('2024-01-01T00:00:04Z');
    expect(demo.labels['org.opencontainers.image.title']).toBe('busybox-test');
    expect(demo.platform).toBe('');
  });

  it("reads podman's full names, and its digest references among RepoTags as digests", () => {
    const summaries = images('podman-4.3');
    const byDigest = summaries.find((s) => (s.RepoTags ?? []).some((t) => t.includes('@')))!;
    expect(byDigest).toBeDefined(); // the recording has podman's quirk, or this test proves nothing
    const list = listRows(summaries.map(toListedImage));
    const rows = list.rows.filter((r) => r.id === byDigest.Id);
    expect(rows.map((r) => [r.repository, r.tag, r.dangling])).toEqual([['127.0.0.1:5000/busybox', '<none>', true]]);
    expect(list.rows.find((r) => r.tag === 'one')).toMatchObject({ repository: 'demo', reference: 'docker.io/library/demo:one' });
  });

  it("lists an image's tags in dockerd's order (sorted full names) whatever order the engine sent", () => {
    const one: ImageSummary = { Id: 'sha256:' + 'a'.repeat(64), RepoTags: ['ghcr.io/x/y:1', 'busybox:2', 'busybox:10', 'aaa.io/z:1'], Created: 1, Size: 1 };
    const rows = listRows([toListedImage(one)]).rows;
    expect(rows.map((r) => r.reference)).toEqual(['aaa.io/z:1', 'docker.io/library/busybox:10', 'docker.io/library/busybox:2', 'ghcr.io/x/y:1']);
    expect(toListedImage({ ...one, RepoTags: [...one.RepoTags!].reverse() }).tags).toEqual(toListedImage(one).tags);
  });

  it('sends filters as the JSON map both engines read, with Docker’s refusal of a bad one', () => {
    expect(filtersJson([])).toBeUndefined();
    expect(JSON.parse(filtersJson(['dangling=true', 'label=a=b', 'Label=c'])!)).toEqual({ dangling: ['true'], label: ['a=b', 'c'] });
    expect(JSON.parse(filtersJson(['until=1h'], { dangling: ['false'] })!)).toEqual({ until: ['1h'], dangling: ['false'] });
    expect(() => filtersJson(['nonsense'])).toThrow('bad format of filter (expected name=value)');
  });
});

describe('images.history rows', () => {
  it.each(['dockerd-20.10', 'podman-4.3'] as const)('maps %s history: image IDs with sha256:, <missing>, empty layers by size', (engine) => {
    const raw = fixture(engine, 'history.json') as Array<{ Id: string; Size: number }>;
    const rows = raw.map(historyRow);
    expect(rows[0]!.id).toBe('sha256:203bb930f6c12a3e64b9f85c7149e6e68276c3adb9915b6410ff03e85b968746');
    expect(rows.slice(1).map((r) => r.id)).toEqual(raw.slice(1).map(() => '<missing>'));
    expect(rows.map((r) => r.size)).toEqual(raw.map((h) => h.Size));
    expect(rows.map((r) => r.emptyLayer)).toEqual(raw.map((h) => h.Size === 0));
    expect(rows[1]!.createdBy).toBe('ADD /app');
  });
});

describe('containers', () => {
  it('maps container rows without the leading slash, image IDs with sha256:', () => {
    for (const engine of ['dockerd-20.10', 'podman-4.3'] as const) {
      const rows = containers(engine).map(containerRow);
      const rec = rows.find((r) => r.names[0] === 'berth-rec')!;
      expect(rec).toMatchObject({ command: 'true', state: 'created', status: 'Created' });
      expect(rec.imageId).toBe('sha256:203bb930f6c12a3e64b9f85c7149e6e68276c3adb9915b6410ff03e85b968746');
      expect(rec.id).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});

/** The rmi calls the recorder made, in its order, and the fixture holding each answer. */
const RMI_SEQUENCE = [
  { ref: 'committed:joined', force: false, answer: 'rmi-conflict-name.json' },
  { ref: 'committed:v1', force: false, answer: 'rmi-conflict-stopped.json' },
  { ref: 'ID12', force: false, answer: 'rmi-conflict-id.json' },
  { ref: 'nosuch:latest', force: false, answer: 'rmi-missing.json' },
  { ref: 'example.com/team/demo:two', force: false, answer: 'rmi-untag.json' },
  { ref: 'committed:v1', force: true, answer: 'rmi-force.json' },
  { ref: 'DANGLING', force: false, answer: 'rmi-delete-id.json' },
] as const;

function replayRmi(engine: Engine, plan: Plan): void {
  const committed = fixture(engine, 'inspect-committed.json').Id as string;
  const dangling = fixture(engine, 'commit-dangling.json').Id as string;
  for (const step of RMI_SEQUENCE) {
    const ref = step.ref === 'ID12' ? committed.replace('sha256:', '').slice(0, 12) : step.ref === 'DANGLING' ? dangling : step.ref;
    const got = outcome(() => (engine === 'podman-4.3' ? podmanRemove(plan, ref, step.force) : dockerRemove(plan, ref, step.force, true)));
    const want = recorded(engine, step.answer);
    if ('error' in want) {
      expect(got, `${ref}`).toMatchObject({ error: want.error, code: codeForMessage(want.error, want.status) });
    } else {
      expect(got, `${ref}`).toEqual(want);
    }
  }
}

describe('rmi dry run predicts what the engine did', () => {
  it.each(['dockerd-20.10', 'podman-4.3'] as const)('%s: untag, delete, conflicts with a stopped container, missing, force', (engine) => {
    replayRmi(engine, new Plan(images(engine).map(toListedImage), containers(engine)));
  });

  it('dockerd: by ID, an image with several repositories must be forced; a running container cannot be forced', () => {
    const id = 'sha256:203bb930f6c12a3e64b9f85c7149e6e68276c3adb9915b6410ff03e85b968746';
    const running = { Id: 'c'.repeat(64), ImageID: id, State: 'running' };
    const all = images('dockerd-20.10').map(toListedImage);
    expect(outcome(() => dockerRemove(new Plan(all, []), '203bb930', true, true))).toMatchObject({
      error: 'conflict: unable to delete 203bb930f6c1 (cannot be forced) - image has dependent child images',
      code: 'CONFLICT',
    });
    const plan = new Plan(all.filter((i) => i.parentId !== id), [running]);
    expect(outcome(() => dockerRemove(plan, '203bb930', false, true))).toMatchObject({
      error: 'conflict: unable to delete 203bb930f6c1 (cannot be forced) - image is being used by running container cccccccccccc',
    });
    expect(outcome(() => dockerRemove(new Plan(all.filter((i) => i.parentId !== id), []), '203bb930', false, true))).toMatchObject({
      error: 'conflict: unable to delete 203bb930f6c1 (must be forced) - image is referenced in multiple repositories',
    });
    // Untagging by name stays possible; the last name leaves the image untagged and silent (it is in use).
    const untags = planEach(['127.0.0.1:5000/busybox:1.35-amd64', 'demo:one', 'example.com/team/demo:two'], (r) => dockerRemove(plan, r, true, true));
    expect(untags.failures).toEqual([]);
    expect(untags.records).toEqual([
      { untagged: '127.0.0.1:5000/busybox:1.35-amd64' },
      { untagged: '127.0.0.1:5000/busybox@sha256:020951603632a2ec6ce3309de92b4c79f2ccc3ae140bbee682a50ae9e8f7db89' },
      { untagged: 'demo:one' },
      { untagged: 'example.com/team/demo:two' },
    ]);
    expect(plan.images.has(id)).toBe(true);
  });

  it('dockerd: deleting a committed image prunes its untagged parent unless noprune', () => {
    const list = images('dockerd-20.10').map(toListedImage);
    const parent = list.find((i) => i.id.startsWith('sha256:203bb'))!;
    parent.tags = [];
    parent.repoDigests = [];
    const joined = fixture('dockerd-20.10', 'commit-joined.json').Id as string;
    const only = [list.find((i) => i.id === joined)!, parent];
    const byId = (prune: boolean): DeleteRecord[] => dockerRemove(new Plan(only, []), 'committed:joined', false, prune);
    expect(byId(true)).toEqual([{ untagged: 'committed:joined' }, { deleted: only[0]!.id }, { deleted: parent.id }]);
    expect(byId(false)).toEqual([{ untagged: 'committed:joined' }, { deleted: only[0]!.id }]);
  });
});

describe('prune dry run predicts what the engine did', () => {
  const imageIds = (engine: Engine): Set<string> => new Set(images(engine).map((i) => i.Id.replace(/^sha256:/, '')));
  /** The engine's records without layer (chain ID) deletions, which plans do not predict. */
  const imageRecords = (engine: Engine, records: DeleteRecord[]): string[] =>
    records
      .filter((r) => !('deleted' in r) || imageIds(engine).has(r.deleted.replace(/^sha256:/, '')))
      .map((r) => JSON.stringify(r))
      .sort();

  it('dockerd: prune -a untags what it can and deletes images no container keeps', () => {
    const plan = new Plan(images('dockerd-20.10').map(toListedImage), containers('dockerd-20.10'));
    replayRmi('dockerd-20.10', plan);
    const want = recorded('dockerd-20.10', 'prune-all-compat.json');
    if (!('records' in want)) throw new Error('the recording has no prune answer');
    const got = dockerPrune(plan, false, parseFilters([], PRUNE_FILTERS));
    expect(imageRecords('dockerd-20.10', got)).toEqual(imageRecords('dockerd-20.10', want.records));
    expect(plan.reclaimedEstimate()).toBeGreaterThan(0);
  });

  it('podman: prune -a (libpod) deletes the images no container uses', () => {
    const plan = new Plan(images('podman-4.3').map(toListedImage), containers('podman-4.3'));
    replayRmi('podman-4.3', plan);
    const want = (fixture('podman-4.3', 'prune-all-libpod.json').body as Array<{ Id: string }>).map((e) => ({ deleted: e.Id }));
    expect(podmanPrune(plan, false, parseFilters([], PRUNE_FILTERS))).toEqual(want);
  });

  it('dangling prune keeps tagged images; label and until narrow it', () => {
    for (const [engine, prune] of [['dockerd-20.10', dockerPrune], ['podman-4.3', podmanPrune]] as const) {
      const plan = (): Plan => new Plan(images(engine).map(toListedImage), []);
      const deleted = (records: DeleteRecord[]): string[] => records.flatMap((r) => ('deleted' in r ? [r.deleted.replace(/^sha256:/, '').slice(0, 12)] : []));
      const dangling = deleted(prune(plan(), true, parseFilters([], PRUNE_FILTERS)));
      expect(dangling.length, engine).toBeGreaterThan(0);
      for (const id of dangling) {
        const img = images(engine).find((i) => i.Id.includes(id))!;
        expect((img.RepoTags ?? []).filter((t) => !t.startsWith('<none>') && !t.includes('@')), engine).toEqual([]);
      }
      expect(deleted(prune(plan(), true, parseFilters(['label=nosuch'], PRUNE_FILTERS)))).toEqual([]);
      expect(deleted(prune(plan(), false, parseFilters(['until=2023-01-01T00:00:00Z'], PRUNE_FILTERS)))).toEqual([]);
    }
  });
});

describe('engine errors', () => {
  it("gives podman's HTTP 500 conflicts the CONFLICT code", () => {
    expect(codeForMessage('unable to delete image "x" by ID with more than one tag ([a b]): please force removal', 500)).toBe('CONFLICT');
    expect(codeForMessage('normalizing image: normalizing name for compat API: repository name must be lowercase', 500)).toBe('INTERNAL');
  });
});
