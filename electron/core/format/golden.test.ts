import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../shared/errors';
import { ellipsis } from './width';
import { formatList } from './table';
import { renderInspect } from './template/index';
import { humanSize } from './units';
// @ts-expect-error -- plain .mjs data module shared with the recorder
import { TYPED_ONLY } from './__fixtures__/docker-cases.mjs';

/**
 * Berth's formatter against what the real docker CLI printed for the same
 * input (recorded by __fixtures__/record-docker.mjs against a stub daemon).
 */
interface Run { stdout: string; stderr: string; code: number }
interface Golden {
  docker: string;
  image: Record<string, unknown> & { Config: { Labels: object }; GraphDriver: { Data: object } };
  list: { Id: string; RepoTags: string[]; Size: number }[];
  search: { name: string; description: string; star_count: number; is_official: boolean }[];
  inspect: (Run & { format: string })[];
  tables: (Run & { format: string })[];
  searches: (Run & { args: string[] })[];
}

const golden = JSON.parse(readFileSync(new URL('./__fixtures__/docker-golden.json', import.meta.url), 'utf8')) as Golden;
const image = golden.image;
const goMaps = new Set<object>([image.Config.Labels, image.GraphDriver.Data]);

/** What `docker image inspect -f` would print: output + newline, or the error line and exit status. */
function inspect(format: string): Run {
  try {
    return { stdout: renderInspect(format, image, (o) => goMaps.has(o)) + '\n', stderr: '', code: 0 };
  } catch (e) {
    if (!(e instanceof BerthError)) throw e;
    const phase = (e.details as { phase: string }).phase;
    // docker's inspector writes a lone newline when no object produced output.
    return phase === 'parse' ? { stdout: '', stderr: e.message + '\n', code: 64 } : { stdout: '\n', stderr: e.message + '\n', code: 1 };
  }
}

describe(`inspect -f templates match ${golden.docker}`, () => {
  it.each(golden.inspect.filter((c) => !TYPED_ONLY.includes(c.format)).map((c) => [c.format, c] as const))('%j', (_f, c) => {
    expect(inspect(c.format)).toEqual({ stdout: c.stdout, stderr: c.stderr, code: c.code });
  });
});

// What docker's image list formatter hands the template for each row.
function imageRows() {
  return golden.list.map((img) => {
    const tag = img.RepoTags[0]!;
    const at = tag.lastIndexOf(':');
    return { Repository: tag.slice(0, at), Tag: tag.slice(at + 1), ID: img.Id.slice(7, 19), Size: humanSize(img.Size) };
  });
}

const IMAGE_HEADERS = { Repository: 'REPOSITORY', Tag: 'TAG', ID: 'IMAGE ID', Size: 'SIZE', Digest: 'DIGEST', CreatedSince: 'CREATED' };

describe(`images --format tables match ${golden.docker}`, () => {
  it.each(golden.tables.map((c) => [c.format, c] as const))('%j', (_f, c) => {
    const out = formatList(c.format, imageRows(), { defaultTable: 'table {{.Repository}}', headers: IMAGE_HEADERS });
    expect(out).toBe(c.stdout);
  });
});

function searchRows(noTrunc: boolean) {
  return golden.search.map((r) => {
    const desc = r.description.replace(/[\n\r]/g, ' ');
    return {
      Name: r.name,
      Description: noTrunc ? desc : ellipsis(desc, 45),
      StarCount: String(r.star_count),
      IsOfficial: r.is_official ? '[OK]' : '',
    };
  });
}

describe(`search tables (wide characters) match ${golden.docker}`, () => {
  it.each(golden.searches.map((c) => [c.args.join(' '), c] as const))('%j', (_a, c) => {
    const fmtIdx = c.args.indexOf('--format');
    const format = fmtIdx >= 0 ? c.args[fmtIdx + 1] : undefined;
    const out = formatList(format, searchRows(c.args.includes('--no-trunc')), {
      defaultTable: 'table {{.Name}}\t{{.Description}}\t{{.StarCount}}\t{{.IsOfficial}}',
      headers: { Name: 'NAME', Description: 'DESCRIPTION', StarCount: 'STARS', IsOfficial: 'OFFICIAL' },
    });
    expect(out).toBe(c.stdout);
  });
});
