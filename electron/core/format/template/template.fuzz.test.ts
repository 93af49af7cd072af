/**
 * Hostile input for the Go template engine that `--format` and `inspect -f`
 * run on whatever a user (or a compromised renderer) types: arbitrary text
 * and data only ever fail with docker's `template parsing error:` BerthError,
 * long or explosive templates finish within the engine's budgets, and
 * generated well-formed templates print what a small independent model of
 * Go's text/template says they print.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { BerthError } from '../../../../shared/errors';
import { recordFigures } from '../../../../test/fixtures/figures';
import { cpuMsSince, FuzzTally, fuzzRuns, fuzzTimeout } from '../../../../test/fixtures/fuzz';
import { MAX_OUTPUT_CHARS } from './exec';
import { renderTemplate } from './index';

const tally = new FuzzTally();
afterAll(() => {
  recordFigures('fuzz', { inputsTried: tally.get('inputs'), parsersCovered: 1, crashes: tally.get('crashes') });
});

type Outcome = { ok: string } | { error: string };

/** Renders, allowing only docker's template BerthError to escape; anything else counts as a crash and fails. */
function outcome(src: string, data: unknown): Outcome {
  tally.add('inputs');
  try {
    const out = renderTemplate(src, data);
    expect(out.length).toBeLessThanOrEqual(MAX_OUTPUT_CHARS);
    return { ok: out };
  } catch (e) {
    const clean = e instanceof BerthError && e.code === 'INVALID_ARGUMENT' && e.message.startsWith('template parsing error: template: ');
    if (!clean) {
      tally.add('crashes');
      throw new Error(`template ${JSON.stringify(src.slice(0, 200))} threw ${String(e)}`, { cause: e });
    }
    return { error: e.message };
  }
}

/* ---------- arbitrary templates and data ---------- */

const PIECES = [
  '{{', '}}', '{{-', '-}}', '{{- ', ' -}}', ' ', '\n', '.', '.A', '.B.C', '$', '$x', '$y', ':=', '=', '|', '(', ')', ',', '"', '`', "'", '\\',
  'if', 'else', 'else if', 'end', 'range', 'with', 'break', 'continue', 'define', 'template', 'block', 'nil', 'true', '1', '-1', '0x1F',
  '1e9', '1.5', "'a'", '"%d"', '"%s"', '"%v"', '"%*d"', '"%.*f"', '"%999999999d"', '"%[1]d"', '/*', '*/', 'json', 'join', 'split', 'upper',
  'lower', 'title', 'println', 'printf', 'print', 'len', 'index', 'slice', 'eq', 'ne', 'lt', 'and', 'or', 'not', 'pad', 'truncate', 'html',
  'js', 'urlquery', '中', '\u2028', '\uD800',
];
const templateish = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((a) => a.join(''));
const anyText = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }));
/** Actions built from pieces, so most inputs get past the lexer and reach the parser and executor. */
const actions = fc.array(fc.tuple(fc.constantFrom('{{', '{{- '), templateish, fc.constantFrom('}}', ' -}}')).map((t) => t.join('')), { maxLength: 6 })
  .map((a) => a.join('x'));

const key = fc.constantFrom('A', 'B', 'C', 'x', 'Labels', '__proto__', 'constructor', 'toString', '');
const leaf = fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined));
const data: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('arbitrary input', () => {
  it('only ever fails with a template BerthError', () => {
    fc.assert(
      fc.property(fc.oneof(templateish, anyText, actions), fc.oneof(data, fc.jsonValue()), (src, d) => {
        outcome(src, d);
      }),
      { numRuns: fuzzRuns(2500) },
    );
  }, fuzzTimeout(30_000));

  it('missing keys, nil and odd JS values in the data never crash the executor', () => {
    const odd = [undefined, null, NaN, Infinity, -0, 2 ** 64, 10n, new Date(0), Object.create(null), [undefined, null], { a: undefined }];
    fc.assert(
      fc.property(actions, fc.constantFrom(...odd), (src, d) => {
        outcome(src, { A: d, B: { C: d }, x: [d] });
      }),
      { numRuns: fuzzRuns(500) },
    );
  }, fuzzTimeout(20_000));
});

/* ---------- hostile templates: finish within the budgets ---------- */

const CONTRACT_MAX = 65536; // images.format's template limit
const fill = (unit: string, head = '', tail = '') => head + unit.repeat(Math.floor((CONTRACT_MAX - head.length - tail.length) / unit.length)) + tail;
const cyclic: Record<string, unknown> = { A: 1 };
cyclic['self'] = cyclic;

const HOSTILE: Array<[string, string, unknown]> = [
  ['one action per line (line numbers counted once)', fill('{{.A}}\n'), { A: 1 }],
  ['an error at the end of many lines', fill('{{.A}}\n', '', '{{.A.B.C}}'), { A: 1 }],
  ['a long run of spaces trimmed by {{-', fill(' ', '', 'x{{- 1}}'), {}],
  ['many trims', fill(' \n{{- 1 -}} '), {}],
  ['deep parentheses', fill('(', '{{', '1') + '', {}],
  ['deeply nested ifs', fill('{{if 1}}'), {}],
  ['unclosed comment', fill('*', '{{/*'), {}],
  ['unterminated string of escapes', fill('\\"', '{{"'), {}],
  ['a very long identifier', fill('a', '{{', '}}'), {}],
  ['a long field chain', fill('.A', '{{', '}}'), {}],
  ['a long pipeline', fill('|len', '{{"x"', '}}'), {}],
  ['many variables', fill('{{$a := 1}}', '', '{{$a}}'), {}],
  ['range of a billion', '{{range 1000000000}}x{{end}}', {}],
  ['nested ranges', '{{range 1000}}{{range 1000}}{{range 1000}}{{end}}{{end}}{{end}}', {}],
  ['huge printf width', '{{printf "%999999999d" 1}}', {}],
  ['huge printf precision', '{{printf "%.999999999f" 1.0}}', {}],
  ['huge star width', '{{printf "%*d" 999999999 1}}', {}],
  ['a million-wide field a million times', '{{range 1000000}}{{printf "%1000000d" 1}}{{end}}', {}],
  ['huge pad', '{{pad "x" 2000000000 0}}', {}],
  ['doubling a string', '{{$x := "ab"}}{{range 40}}{{$x = printf "%s%s" $x $x}}{{end}}{{len $x}}', {}],
  ['splitting a doubled string into runes', '{{$x := "ab"}}{{range 22}}{{$x = printf "%s%s" $x $x}}{{end}}{{len (split $x "")}}', {}],
  ['ranging over a huge list', '{{range .}}{{.}}{{end}}', Array.from({ length: 3_000_000 }, (_, i) => i)],
  ['ranging over a huge map twice', '{{range .}}{{range $.}}{{end}}{{end}}', Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i]))],
  ['printing cyclic data', '{{.}}', cyclic],
  ['json of cyclic data', '{{json .}}', cyclic],
];

describe('hostile templates', () => {
  it.each(HOSTILE)('%s', (_label, src, d) => {
    const started = process.cpuUsage();
    const result = outcome(src, d);
    // Generous: catches quadratic blow-ups (these took 2–60 s, or exhausted memory), not a benchmark.
    expect(cpuMsSince(started)).toBeLessThan(5_000);
    if ('ok' in result) expect(result.ok.length).toBeLessThanOrEqual(MAX_OUTPUT_CHARS);
  }, 30_000);

  it("clips printf widths and precisions like Go's fmt (tooLarge: 1e6)", () => {
    expect(renderTemplate('{{printf "%999999999d|" 1}}', {})).toBe('%!(NOVERB)%!(EXTRA int=1)');
    expect(renderTemplate('{{printf "%.99999999f|" 1.0}}', {})).toBe('%!(NOVERB)%!(EXTRA float64=1)');
    expect(renderTemplate('{{printf "%*d|%.*d" 99999999 1 -1 2}}', {})).toBe('%!(BADWIDTH)1|%!(BADPREC)2');
    expect(renderTemplate('{{printf "%*d" "x" 1}}', {})).toBe('%!(BADWIDTH)1');
    expect(renderTemplate('{{printf "%-*d|" -3 1}}', {})).toBe('1  |');
    expect(renderTemplate('{{printf "%.3f" 1.0}} {{printf "%.12f" 0.001}} {{printf "%.2f" 123.456}}', {})).toBe('1.000 0.001000000000 123.46');
    expect(renderTemplate('{{len (printf "%.1000000f" 1.5)}}', {})).toBe('1000002');
  });

  it('refuses output beyond the budget with a message naming it', () => {
    expect(() => renderTemplate('{{range 20}}{{printf "%1000000d" 1}}{{end}}', {})).toThrow(`template output exceeds ${MAX_OUTPUT_CHARS} characters`);
    expect(() => renderTemplate('{{pad "x" 2000000000 0}}', {})).toThrow(`error calling pad: result exceeds ${MAX_OUTPUT_CHARS} characters`);
  });
});

/* ---------- well-formed templates against a model ---------- */

/** Go's %v of JSON-shaped data as text/template prints it. */
function goString(v: unknown): string {
  if (v === undefined) return '<no value>';
  if (v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  if (Array.isArray(v)) return `[${v.map(goString).join(' ')}]`;
  const o = v as Record<string, unknown>;
  return `map[${Object.keys(o).sort().map((k) => `${k}:${goString(o[k])}`).join(' ')}]`;
}

/** An action's value: Go unwraps a nil interface to "no value". */
const shown = (v: unknown): string => goString(v === null ? undefined : v);

function truthy(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return Boolean(v);
}

function asciiTitle(s: string): string {
  let prev = ' ';
  let out = '';
  for (const c of s) {
    out += /[0-9A-Za-z_]/.test(prev) ? c : c.toUpperCase();
    prev = c;
  }
  return out;
}

/** encoding/json without HTML escaping: JSON.stringify, except that Go escapes U+2028 and U+2029. */
function goJsonModel(v: unknown): string {
  if (v === undefined) return 'null';
  return JSON.stringify(v).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A Go string literal for printable text. */
const lit = (s: string) => JSON.stringify(s);

interface Data {
  S: string; // printable ASCII
  U: string; // any valid Unicode
  T: string; // contains commas
  N: number;
  M: number;
  B: boolean;
  Empty: string;
  Zero: number;
  Nil: null;
  Arr: string[];
  Nums: number[];
  Obj: Record<string, string>;
  Nested: { Inner: string; List: Array<{ K: string }> };
}

const ident = fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/);
const dataArb: fc.Arbitrary<Data> = fc.record({
  S: fc.string({ maxLength: 12 }),
  U: fc.string({ unit: 'grapheme', maxLength: 8 }),
  T: fc.array(fc.string({ maxLength: 4 }).filter((s) => !s.includes(',')), { minLength: 1, maxLength: 4 }).map((a) => a.join(',')),
  N: fc.integer({ min: -1000, max: 1000 }),
  M: fc.integer({ min: -1000, max: 1000 }),
  B: fc.boolean(),
  Empty: fc.constant(''),
  Zero: fc.constant(0),
  Nil: fc.constant(null),
  Arr: fc.array(fc.string({ maxLength: 6 }), { maxLength: 5 }),
  Nums: fc.array(fc.integer({ min: -99, max: 99 }), { maxLength: 5 }),
  Obj: fc.dictionary(ident, fc.string({ maxLength: 6 }), { maxKeys: 4 }),
  Nested: fc.record({ Inner: fc.string({ maxLength: 6 }), List: fc.array(fc.record({ K: fc.string({ maxLength: 4 }) }), { maxLength: 3 }) }),
});

/** A piece of template and the text the model expects from it for given data. */
interface Fragment {
  src: string;
  want: (d: Data) => string;
}

const FIELDS = ['S', 'U', 'T', 'N', 'B', 'Empty', 'Zero', 'Nil', 'Arr', 'Nums', 'Obj', 'Nested', 'Missing'] as const;
const field = fc.constantFrom(...FIELDS);
const get = (d: Data, f: string): unknown => (d as unknown as Record<string, unknown>)[f];
const strField = fc.constantFrom('S', 'T', 'Empty');
const word = fc.string({ maxLength: 5 }).filter((s) => !s.includes('{'));

const leafFragment: fc.Arbitrary<Fragment> = fc.oneof(
  field.map((f) => ({ src: `{{.${f}}}`, want: (d: Data) => shown(get(d, f)) })),
  fc.constant<Fragment>({ src: '{{.Nested.Inner}}', want: (d: Data) => d.Nested.Inner }),
  fc.constant<Fragment>({ src: '{{$.S}}', want: (d: Data) => d.S }),
  strField.map((f) => ({ src: `{{upper .${f}}}`, want: (d: Data) => (get(d, f) as string).toUpperCase() })),
  strField.map((f) => ({ src: `{{lower .${f}}}`, want: (d: Data) => (get(d, f) as string).toLowerCase() })),
  strField.map((f) => ({ src: `{{title .${f}}}`, want: (d: Data) => asciiTitle(get(d, f) as string) })),
  strField.map((f) => ({ src: `{{.${f} | upper | lower}}`, want: (d: Data) => (get(d, f) as string).toLowerCase() })),
  fc.constantFrom('S', 'U', 'T', 'Empty').map((f) => ({ src: `{{len .${f}}}`, want: (d: Data) => String(Buffer.byteLength(get(d, f) as string)) })),
  fc.constantFrom('Arr', 'Nums', 'Obj').map((f) => ({ src: `{{.${f} | len}}`, want: (d: Data) => String(Object.keys(get(d, f) as object).length) })),
  fc.constant<Fragment>({ src: '{{split .T ","}}', want: (d: Data) => `[${d.T.split(',').join(' ')}]` }),
  fc.constant<Fragment>({ src: '{{len (split .T ",")}}', want: (d: Data) => String(d.T.split(',').length) }),
  fc.constant<Fragment>({ src: '{{join (split .T ",") "+"}}', want: (d: Data) => d.T.split(',').join('+') }),
  fc.constantFrom('Arr', 'Nums', 'Obj').map((f) => ({
    src: `{{join .${f} ";"}}`,
    want: (d: Data) => (f === 'Obj' ? Object.keys(d.Obj).sort().map((k) => d.Obj[k]!).sort() : (get(d, f) as unknown[]).map(goString)).join(';'),
  })),
  field.map((f) => ({ src: `{{json .${f}}}`, want: (d: Data) => goJsonModel(get(d, f)) })),
  fc.constant<Fragment>({ src: '{{println .S .N .B}}', want: (d: Data) => `${d.S} ${d.N} ${d.B}\n` }),
  fc.constant<Fragment>({ src: '{{print .N .M}}', want: (d: Data) => `${d.N} ${d.M}` }),
  fc.constant<Fragment>({ src: '{{print .S .N}}', want: (d: Data) => `${d.S}${d.N}` }),
  fc.constant<Fragment>({ src: '{{printf "%s|%d|%v|%t" .S .N .Arr .B}}', want: (d: Data) => `${d.S}|${d.N}|${goString(d.Arr)}|${d.B}` }),
  fc.nat({ max: 6 }).map((i) => ({ src: `{{if lt ${i} (len .Arr)}}{{index .Arr ${i}}}{{else}}-{{end}}`, want: (d: Data) => d.Arr[i] ?? '-' })),
  ident.map((k) => ({ src: `{{index .Obj ${lit(k)}}}`, want: (d: Data) => (Object.hasOwn(d.Obj, k) ? d.Obj[k]! : '') })),
  word.map((w) => ({ src: `{{eq .S ${lit(w)}}}`, want: (d: Data) => String(d.S === w) })),
  fc.integer({ min: -1000, max: 1000 }).map((n) => ({ src: `{{lt .N ${n}}} {{ge .N ${n}}}`, want: (d: Data) => `${d.N < n} ${d.N >= n}` })),
  fc.constant<Fragment>({ src: '{{eq .N .M}} {{ne .N .M}}', want: (d: Data) => `${d.N === d.M} ${d.N !== d.M}` }),
  fc.tuple(field, field).map(([a, b]) => ({
    src: `{{and .${a} .${b}}}|{{or .${a} .${b}}}|{{not .${a}}}`,
    want: (d: Data) => {
      const [x, y] = [get(d, a), get(d, b)];
      return `${shown(truthy(x) ? y : x)}|${shown(truthy(x) ? x : y)}|${!truthy(x)}`;
    },
  })),
  fc.constant<Fragment>({ src: '{{range .Arr}}<{{.}}>{{end}}', want: (d: Data) => d.Arr.map((x) => `<${x}>`).join('') }),
  fc.constant<Fragment>({ src: '{{range $i, $e := .Nums}}{{$i}}={{$e}};{{else}}none{{end}}', want: (d: Data) => (d.Nums.length ? d.Nums.map((e, i) => `${i}=${e};`).join('') : 'none') }),
  fc.constant<Fragment>({ src: '{{range $k, $v := .Obj}}{{$k}}:{{$v}},{{end}}', want: (d: Data) => Object.keys(d.Obj).sort().map((k) => `${k}:${d.Obj[k]},`).join('') }),
  fc.constant<Fragment>({ src: '{{range .Nested.List}}{{.K}}/{{end}}', want: (d: Data) => d.Nested.List.map((x) => `${x.K}/`).join('') }),
  fc.constant<Fragment>({ src: '{{range .Arr}}{{if eq . ""}}{{continue}}{{end}}{{upper .}}{{end}}', want: (d: Data) => d.Arr.filter((x) => x !== '').map((x) => x.toUpperCase()).join('') }),
  fc.constant<Fragment>({ src: '{{range .Nums}}{{if lt . 0}}{{break}}{{end}}{{.}} {{end}}', want: (d: Data) => {
    const stop = d.Nums.findIndex((n) => n < 0);
    return (stop === -1 ? d.Nums : d.Nums.slice(0, stop)).map((n) => `${n} `).join('');
  } }),
  fc.constant<Fragment>({ src: '{{$x := .S}}{{$x}}', want: (d: Data) => d.S }),
  fc.constant<Fragment>({ src: 'L  {{- .S -}}  R', want: (d: Data) => `L${d.S}R` }),
  word.filter((w) => !w.includes('*/')).map((w) => ({ src: `{{/* ${w} */}}`, want: () => '' })),
  word.map((w) => ({ src: w, want: () => w })),
);

const fragment: fc.Arbitrary<Fragment> = fc.letrec<{ frag: Fragment }>((tie) => ({
  frag: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafFragment,
    fc.tuple(field, tie('frag'), tie('frag')).map(([f, a, b]): Fragment => ({
      src: `{{if .${f}}}${a.src}{{else}}${b.src}{{end}}`,
      want: (d) => (truthy(get(d, f)) ? a.want(d) : b.want(d)),
    })),
    fc.tuple(field, tie('frag')).map(([f, a]): Fragment => ({
      // Inside with, dot is the field: only fragments that use $ keep their meaning, so print dot itself.
      src: `{{with .${f}}}[{{.}}]{{else}}${a.src}{{end}}`,
      want: (d) => (truthy(get(d, f)) ? `[${goString(get(d, f))}]` : a.want(d)),
    })),
    fc.array(tie('frag'), { maxLength: 4 }).map((fs): Fragment => ({ src: fs.map((x) => x.src).join(''), want: (d) => fs.map((x) => x.want(d)).join('') })),
  ),
})).frag;

describe('well-formed templates agree with a model of text/template', () => {
  it('generated templates over generated data', () => {
    fc.assert(
      fc.property(fc.array(fragment, { minLength: 1, maxLength: 6 }), dataArb, (frags, d) => {
        const src = frags.map((f) => f.src).join('');
        expect(outcome(src, d)).toEqual({ ok: frags.map((f) => f.want(d)).join('') });
      }),
      { numRuns: fuzzRuns(800) },
    );
  }, fuzzTimeout(30_000));

  it('{{json .}} round-trips JSON data through JSON.parse', () => {
    // Go's encoder: -0 prints as 0 for whole numbers, and lone surrogates become U+FFFD; keep to what JSON keeps.
    const json = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.parse(JSON.stringify(v).replace(/-0(?![.\d])/g, '0')) as unknown);
    fc.assert(
      fc.property(json, (v) => {
        const r = outcome('{{json .}}', v);
        expect(r).toHaveProperty('ok');
        expect(JSON.parse((r as { ok: string }).ok)).toEqual(v);
      }),
      { numRuns: fuzzRuns(800) },
    );
  }, fuzzTimeout(20_000));

  it('{{.X}} prints strings, whole numbers and booleans as Go does', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), fc.integer(), fc.boolean(), fc.constant(null)), (x) => {
        expect(outcome('{{.X}}', { X: x })).toEqual({ ok: shown(x) });
      }),
      { numRuns: fuzzRuns(400) },
    );
  });
});
