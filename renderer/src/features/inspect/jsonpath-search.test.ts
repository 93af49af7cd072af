import { describe, expect, it } from 'vitest';
import { ancestorsOf, normalizedPath, searchJson } from './jsonpath-search';

const doc = { Id: 'sha256:x', Config: { Cmd: ['sh'], Labels: { "it's": 'a' } }, RootFS: { Layers: ['l1', 'l2'] } };

describe('searchJson', () => {
  it('finds values with their normalized paths and ancestors', () => {
    const r = searchJson(doc, '$.Config.Cmd');
    expect(r.matches).toEqual(["$['Config']['Cmd']"]);
    expect(r.values).toEqual([['sh']]);
    expect([...r.ancestors]).toEqual(['$', "$['Config']"]);
  });

  it('reads a path without $ as rooted, and supports wildcards and descendants', () => {
    expect(searchJson(doc, 'RootFS.Layers[*]').values).toEqual(['l1', 'l2']);
    expect(searchJson(doc, '$..Cmd[0]').matches).toEqual(["$['Config']['Cmd'][0]"]);
  });

  it('reports a syntax error instead of throwing', () => {
    const r = searchJson(doc, '$.[');
    expect(r.error).toBeTruthy();
    expect(r.matches).toEqual([]);
  });
});

describe('normalizedPath', () => {
  it('matches the library for names with quotes and indexes', () => {
    expect(normalizedPath(['Config', 'Labels', "it's"])).toBe(searchJson(doc, "$.Config.Labels[\"it's\"]").matches[0]);
    expect(normalizedPath(['RootFS', 'Layers', 1])).toBe("$['RootFS']['Layers'][1]");
    expect(ancestorsOf("$['Config']['Labels']['it\\'s']")).toEqual(['$', "$['Config']", "$['Config']['Labels']"]);
  });
});
