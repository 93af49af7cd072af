/**
 * The contract boundary under hostile input, for every method in
 * shared/contract.ts (iterated, so methods added later are covered without
 * touching this file). Malformed inputs are built from each method's own
 * input schema by construction (a wrong type per field, an extra or
 * prototype-polluting key, a missing required field, a string or list past
 * its maximum, a non-object, deeply nested junk) and must be refused with
 * INVALID_ARGUMENT before any handler runs: straight through createDispatch,
 * through the Electron IPC registration (inputs structured-cloned as
 * Electron does) and through the browser host's WebSocket session (inputs as
 * JSON text). Valid inputs generated from the same schemas reach the handler.
 */
import { EventEmitter } from 'node:events';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS, METHOD_NAMES, methods, type MethodName } from '../../shared/index';
import { recordFigures } from '../../test/fixtures/figures';
import { FuzzTally, fuzzRuns, fuzzTimeout } from '../../test/fixtures/fuzz';
import { createDispatch, type Handlers } from '../core/api/dispatch';
import { attachSession } from '../host/ws-session';
import { registerIpc } from './ipc';

/** registerIpc takes the app's origin as a parameter; security.ts is not imported so no Electron module loads here. */
const APP_ORIGIN = 'app://berth';

const tally = new FuzzTally();
afterAll(() => {
  recordFigures('fuzz', {
    inputsTried: tally.get('inputs'),
    parsersCovered: 1,
    ipcMalformedRejected: tally.get('rejected'),
    crashes: tally.get('crashes'),
  });
});

/* ---------- a model of each input schema, read from zod ---------- */

interface Field {
  kind: 'string' | 'boolean' | 'number' | 'array' | 'enum' | 'literal' | 'object' | 'other';
  optional: boolean;
  nullable: boolean;
  min?: number;
  max?: number;
  int?: boolean;
  element?: Field;
  values?: unknown[];
  shape?: Record<string, Field>;
  strict?: boolean;
}

interface ZodLike {
  _zod: { def: Record<string, unknown> & { type: string; checks?: ZodLike[] } };
}

function fieldOf(schema: unknown): Field {
  const def = (schema as ZodLike)._zod.def;
  const base: Field = { kind: 'other', optional: false, nullable: false };
  for (const check of def.checks ?? []) {
    const c = check._zod.def as unknown as { check: string; minimum?: number; maximum?: number; value?: number; format?: string };
    if (c.check === 'min_length') base.min = c.minimum;
    if (c.check === 'max_length') base.max = c.maximum;
    if (c.check === 'greater_than') base.min = c.value;
    if (c.check === 'less_than') base.max = c.value;
    if (c.check === 'number_format' && /int/.test(c.format ?? '')) base.int = true;
  }
  switch (def.type) {
    case 'optional': case 'default': case 'prefault': return { ...fieldOf(def['innerType']), optional: true };
    case 'nullable': return { ...fieldOf(def['innerType']), nullable: true };
    case 'string': case 'boolean': case 'number': return { ...base, kind: def.type };
    case 'array': return { ...base, kind: 'array', element: fieldOf(def['element']) };
    case 'enum': return { ...base, kind: 'enum', values: Object.values(def['entries'] as object) };
    case 'literal': return { ...base, kind: 'literal', values: def['values'] as unknown[] };
    case 'object': {
      const shape = Object.fromEntries(Object.entries(def['shape'] as object).map(([k, v]) => [k, fieldOf(v)]));
      return { ...base, kind: 'object', shape, strict: (def['catchall'] as ZodLike | undefined)?._zod.def.type === 'never' };
    }
    default: return base;
  }
}

const MODELS = Object.fromEntries(METHOD_NAMES.map((m) => [m, fieldOf(methods[m].input)])) as Record<MethodName, Field>;
const shapeOf = (m: MethodName) => MODELS[m].shape ?? {};
const required = (m: MethodName) => Object.entries(shapeOf(m)).filter(([, f]) => !f.optional).map(([k]) => k);

/** The smallest valid value of a field (used to fill lists past their maximum). */
function minimal(f: Field): unknown {
  switch (f.kind) {
    case 'string': return 'a'.repeat(f.min ?? 0);
    case 'boolean': return false;
    case 'number': return Math.max(f.min ?? 0, Math.min(f.max ?? 0, 0));
    case 'array': return Array.from({ length: f.min ?? 0 }, () => minimal(f.element!));
    case 'enum': case 'literal': return f.values![0];
    case 'object': return Object.fromEntries(Object.entries(f.shape!).filter(([, s]) => !s.optional).map(([k, s]) => [k, minimal(s)]));
    default: return undefined;
  }
}

function validValue(f: Field): fc.Arbitrary<unknown> {
  const core = ((): fc.Arbitrary<unknown> => {
    switch (f.kind) {
      case 'string': return fc.string({ unit: 'grapheme', minLength: f.min ?? 0, maxLength: Math.min(f.max ?? 64, (f.min ?? 0) + 40) });
      case 'boolean': return fc.boolean();
      case 'number': {
        const lo = Math.max(f.min ?? -1e9, -1e9);
        const hi = Math.min(f.max ?? 1e9, 1e9);
        return f.int ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }) : fc.double({ min: lo, max: hi, noNaN: true });
      }
      case 'array': return fc.array(validValue(f.element!), { minLength: f.min ?? 0, maxLength: Math.min(f.max ?? 4, (f.min ?? 0) + 4) });
      case 'enum': case 'literal': return fc.constantFrom(...f.values!);
      case 'object': return validObject(f);
      default: return fc.constant(undefined);
    }
  })();
  return f.nullable ? fc.option(core, { nil: null }) : core;
}

function validObject(f: Field): fc.Arbitrary<Record<string, unknown>> {
  const shape = f.shape ?? {};
  const requiredKeys = Object.entries(shape).filter(([, s]) => !s.optional).map(([k]) => k);
  return fc.record(Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, validValue(s)])), { requiredKeys }) as fc.Arbitrary<Record<string, unknown>>;
}

/** Values of another type than `f` accepts (null only where it is not nullable). */
function wrongValues(f: Field): unknown[] {
  const nul = f.nullable ? [] : [null];
  switch (f.kind) {
    case 'string': return [...nul, 42, 0, true, [], {}, ['a'], { length: 1 }];
    case 'boolean': return [...nul, 'true', 'false', 1, 0, [], {}];
    case 'number': return [...nul, '1', true, [], {}, ...(f.int ? [1.5] : [])];
    case 'array': {
      const wrongElement = wrongValues(f.element!).slice(0, 3).map((w) => [...(minimal(f) as unknown[]).slice(1), w]);
      return [...nul, 'x', 1, true, {}, { 0: 'a', length: 1 }, ...wrongElement];
    }
    case 'enum': case 'literal': return [...nul, 'zz-not-a-member', 12345, true, []].filter((v) => !f.values!.includes(v));
    case 'object': return [...nul, 'x', 1, []];
    default: return [];
  }
}

/** Values past the field's bounds: one character or element too many or too few, a number out of range. */
function outOfBounds(f: Field): unknown[] {
  const out: unknown[] = [];
  if (f.kind === 'string') {
    if (f.max !== undefined) out.push('x'.repeat(f.max + 1), '界'.repeat(f.max + 1));
    if ((f.min ?? 0) > 0) out.push('x'.repeat(f.min! - 1));
  }
  if (f.kind === 'array') {
    if (f.max !== undefined) out.push(Array.from({ length: f.max + 1 }, () => minimal(f.element!)));
    if ((f.min ?? 0) > 0) out.push([]);
    if (f.element?.kind === 'string' && f.element.max !== undefined) out.push([...(minimal(f) as unknown[]).slice(1), 'y'.repeat(f.element.max + 1)]);
  }
  if (f.kind === 'number') {
    if (f.max !== undefined) out.push(f.max + 1, 1e308);
    if (f.min !== undefined) out.push(f.min - 1, -1e308);
  }
  return out;
}

/** An object with an own key of any name (an object literal would set the prototype for __proto__). */
function withKey(o: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...o };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

function nested(depth: number, leaf: unknown, asArray: boolean): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
}

interface Bad {
  why: string;
  input: unknown;
}

const NON_OBJECTS: unknown[] = [42, 0, -1, 'x', '', true, false, [], [{}], ['a'], NaN, 10n, new Date(0), /re/, new Uint8Array(3), new Map()];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'];
const junk = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom<unknown>({ polluted: true }, null, [], 'x'.repeat(70_000)));

/** Malformed inputs for method `m`, each invalid by construction (no schema consulted to decide). */
function malformed(m: MethodName): fc.Arbitrary<Bad> {
  const model = MODELS[m];
  const shape = shapeOf(m);
  const valid = validObject(model);
  const fields = Object.keys(shape);
  const gens: Array<fc.Arbitrary<Bad>> = [
    fc.constantFrom(...NON_OBJECTS).map((input) => ({ why: 'not an object', input })),
    fc.tuple(valid, fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ minLength: 1, maxLength: 12 })).filter((k) => !Object.hasOwn(shape, k)), junk)
      .map(([v, k, j]) => ({ why: `extra key ${JSON.stringify(k)}`, input: withKey(v, k, j) })),
    fc.tuple(valid, fc.constantFrom(...PROTO_KEYS), fc.integer({ min: 50, max: 3000 }), fc.boolean())
      .map(([v, k, depth, arr]) => ({ why: `deep junk under ${k}`, input: withKey(v, k, nested(depth, { polluted: true }, arr)) })),
  ];
  const typed = fields.flatMap((k) => wrongValues(shape[k]!).map((w) => [k, w] as const));
  if (typed.length > 0) {
    gens.push(fc.tuple(valid, fc.constantFrom(...typed)).map(([v, [k, w]]) => ({ why: `wrong type for ${k}: ${JSON.stringify(w)?.slice(0, 30)}`, input: { ...v, [k]: w } })));
    gens.push(fc.tuple(valid, fc.constantFrom(...fields), fc.integer({ min: 50, max: 3000 }), fc.boolean())
      .filter(([, k]) => shape[k]!.kind !== 'other')
      .map(([v, k, depth, arr]) => ({ why: `deep junk in ${k}`, input: { ...v, [k]: nested(depth, 1, arr) } })));
  }
  const bounds = fields.flatMap((k) => outOfBounds(shape[k]!).map((w) => [k, w] as const));
  if (bounds.length > 0) {
    gens.push(fc.tuple(valid, fc.constantFrom(...bounds)).map(([v, [k, w]]) => ({ why: `out of bounds ${k}`, input: { ...v, [k]: w } })));
  }
  const req = required(m);
  if (req.length > 0) {
    gens.push(fc.tuple(valid, fc.constantFrom(...req)).map(([v, k]) => {
      const copy = { ...v };
      delete copy[k];
      return { why: `missing ${k}`, input: copy };
    }));
    gens.push(fc.constantFrom<unknown>(null, undefined).map((input) => ({ why: 'no input for a method with required fields', input })));
  }
  return fc.oneof(...gens);
}

/* ---------- spies and transports ---------- */

const calls: Array<{ method: string; input: unknown }> = [];
const spies = Object.fromEntries(
  METHOD_NAMES.map((m) => [m, async (input: unknown) => {
    calls.push({ method: m, input });
    return {};
  }]),
) as unknown as Handlers;
beforeEach(() => {
  calls.length = 0;
});

type Answer = { ok: boolean; error?: { code: string; message: string } };

const dispatch = createDispatch(spies);

/** Electron's ipcMain, reduced to what registerIpc uses; inputs cross it structured-cloned, as Electron sends them. */
const ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
registerIpc(
  { handle: (ch: string, fn: never) => void ipcHandlers.set(ch, fn), on: () => undefined } as never,
  { handlers: spies, bus: { on: () => () => {} } } as never,
  APP_ORIGIN,
);
const appFrame = { url: `${APP_ORIGIN}/index.html` };
const appEvent = { sender: { mainFrame: appFrame }, senderFrame: appFrame };

function cloneable(input: unknown): boolean {
  try {
    structuredClone(input);
    return true;
  } catch {
    return false;
  }
}

async function viaIpc(method: unknown, input: unknown): Promise<Answer> {
  return (await ipcHandlers.get(CHANNELS.invoke)!(appEvent, structuredClone(method), structuredClone(input))) as Answer;
}

/** The browser host's socket, reduced to what attachSession uses. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  readonly sent: Array<Record<string, unknown>> = [];
  closed: number | null = null;
  send(text: string): void {
    this.sent.push(JSON.parse(text) as Record<string, unknown>);
  }
  close(code: number): void {
    this.closed = code;
    this.readyState = 3;
  }
}

function session(): FakeSocket {
  const ws = new FakeSocket();
  attachSession(ws as never, { dispatch, bus: { on: () => () => {} } } as never);
  return ws;
}

let frameId = 0;

/** Sends one text frame and waits for the answer to it (or for the socket to close). */
async function viaWs(ws: FakeSocket, text: string, id: number): Promise<Answer | { closed: number }> {
  ws.emit('message', Buffer.from(text), false);
  for (let i = 0; i < 1000; i++) {
    const frame = ws.sent.find((f) => f['id'] === id);
    if (frame) return frame['result'] as Answer;
    if (ws.closed !== null) return { closed: ws.closed };
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`no answer to frame ${id}`);
}

/** JSON text carries it unchanged (no undefined, NaN, BigInt, Date, …), so a refusal over the socket means the same thing. */
function jsonStable(input: unknown): boolean {
  try {
    const text = JSON.stringify(input);
    return text !== undefined && isDeepStrictEqual(JSON.parse(text), input);
  } catch {
    return false;
  }
}

function expectRefused(answer: Answer | { closed: number }, where: string, bad: Bad): void {
  tally.add('inputs');
  const refused = 'ok' in answer && !answer.ok && answer.error?.code === 'INVALID_ARGUMENT';
  if (!refused || calls.length > 0) {
    tally.add('crashes');
    expect.fail(`${where}: ${bad.why} was not refused before the handler: ${JSON.stringify(answer)}; handler calls: ${calls.length}`);
  }
  tally.add('rejected');
}

/* ---------- properties ---------- */

describe('the contract itself', () => {
  it('every method takes a strict object whose strings and lists all have a maximum length', () => {
    const unbounded: string[] = [];
    const walk = (f: Field, at: string): void => {
      if ((f.kind === 'string' || f.kind === 'array') && f.max === undefined) unbounded.push(at);
      if (f.element) walk(f.element, `${at}[]`);
      for (const [k, s] of Object.entries(f.shape ?? {})) walk(s, `${at}.${k}`);
      if (f.kind === 'object' && !f.strict) unbounded.push(`${at} (not strict)`);
    };
    for (const m of METHOD_NAMES) walk(MODELS[m], m);
    expect(unbounded).toEqual([]);
  });
});

describe.each(METHOD_NAMES)('%s', (m) => {
  it('refuses malformed input before the handler: directly, over Electron IPC and over the WebSocket', async () => {
    const ws = session();
    await fc.assert(
      fc.asyncProperty(malformed(m), async (bad) => {
        calls.length = 0;
        expectRefused(await dispatch(m, bad.input), 'dispatch', bad);
        if (cloneable(bad.input)) expectRefused(await viaIpc(m, bad.input), 'ipc', bad);
        if (jsonStable(bad.input)) {
          const id = ++frameId;
          expectRefused(await viaWs(ws, `{"type":"invoke","id":${id},"method":${JSON.stringify(m)},"input":${JSON.stringify(bad.input)}}`, id), 'ws', bad);
        }
      }),
      { numRuns: fuzzRuns(40, 2000) },
    );
    expect(ws.closed).toBeNull();
  }, fuzzTimeout(30_000));

  it('passes generated valid input to its handler, parsed, on every path', async () => {
    const ws = session();
    await fc.assert(
      fc.asyncProperty(validObject(MODELS[m]), async (input) => {
        const parsed = methods[m].input.safeParse(input);
        fc.pre(parsed.success); // the model may miss a refinement; zod has the last word on validity
        tally.add('inputs');
        calls.length = 0;
        expect(await dispatch(m, input)).toEqual({ ok: true, value: {} });
        expect(calls).toEqual([{ method: m, input: parsed.data }]);
        const overIpc = await viaIpc(m, input);
        expect(overIpc.error?.code).not.toBe('INVALID_ARGUMENT'); // the output check may refuse the spy's {}; the handler ran
        expect(calls).toHaveLength(2);
        const id = ++frameId;
        expect(await viaWs(ws, JSON.stringify({ type: 'invoke', id, method: m, input }), id)).toEqual({ ok: true, value: {} });
        expect(calls).toHaveLength(3);
        expect(calls[2]!.input).toEqual(parsed.data);
      }),
      { numRuns: fuzzRuns(10, 500) },
    );
  }, fuzzTimeout(30_000));
});

describe('malformed calls that are not about one method', () => {
  it('unknown, inherited and non-string method names are refused on every path', async () => {
    const ws = session();
    const names = fc.oneof(
      fc.constantFrom<unknown>('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '', ' app.info', 'app.info ', 'APP.INFO', 'app', 'images', 42, null, [], {}, true),
      fc.string({ maxLength: 30 }).filter((s) => !Object.hasOwn(methods, s)),
    );
    await fc.assert(
      fc.asyncProperty(names, async (method) => {
        const bad = { why: `method ${JSON.stringify(method)}`, input: {} };
        calls.length = 0;
        expectRefused(await dispatch(method, {}), 'dispatch', bad);
        expectRefused(await viaIpc(method, {}), 'ipc', bad);
        if (typeof method === 'string') {
          const id = ++frameId;
          expectRefused(await viaWs(ws, JSON.stringify({ type: 'invoke', id, method, input: {} }), id), 'ws', bad);
        }
      }),
      { numRuns: fuzzRuns(200) },
    );
  }, fuzzTimeout(20_000));

  it('junk WebSocket frames never reach a handler: answered as INVALID_ARGUMENT or the socket is closed', async () => {
    const frameish = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc.record({ type: fc.constantFrom('invoke', 'subscribe', 'result', 'nope', 1), id: fc.oneof(fc.integer(), fc.double(), fc.string()), method: fc.constantFrom(...METHOD_NAMES, 1, null) }, { requiredKeys: [] }).map((f) => JSON.stringify(f)),
      fc.integer({ min: 100, max: 5_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
      fc.integer({ min: 100, max: 5_000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
    );
    await fc.assert(
      fc.asyncProperty(frameish, async (text) => {
        const ws = session();
        calls.length = 0;
        tally.add('inputs');
        ws.emit('message', Buffer.from(text), false);
        for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
        const frame = JSON.parse(safeParse(text)) as { type?: unknown; method?: unknown; input?: unknown } | null;
        const validCall = frame?.type === 'invoke' && typeof frame.method === 'string' && Object.hasOwn(methods, frame.method)
          && methods[frame.method as MethodName].input.safeParse(frame.input ?? {}).success;
        if (!validCall) expect(calls).toEqual([]);
        for (const f of ws.sent) {
          const result = f['result'] as Answer | undefined;
          if (result && !validCall) expect(result.error?.code).toBe('INVALID_ARGUMENT');
        }
        if (!validCall && ws.sent.length + (ws.closed === null ? 0 : 1) > 0) tally.add('rejected');
      }),
      { numRuns: fuzzRuns(200) },
    );
    // Nesting far deeper than any property run: parsed or refused, never a crash of the host.
    for (const text of ['['.repeat(100_000) + ']'.repeat(100_000), `{"type":"invoke","id":7,"method":"app.info","input":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`]) {
      const ws = session();
      ws.emit('message', Buffer.from(text), false);
      for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
      expect(ws.closed !== null || (ws.sent[0]?.['result'] as Answer | undefined)?.error?.code === 'INVALID_ARGUMENT').toBe(true);
      expect(calls).toEqual([]);
    }
    // A binary frame closes the socket without touching the contract.
    const ws = session();
    ws.emit('message', Buffer.from('{"type":"invoke","id":1,"method":"app.info","input":{}}'), true);
    expect(ws.closed).toBe(1003);
    expect(calls).toEqual([]);
  }, fuzzTimeout(30_000));
});

function safeParse(text: string): string {
  try {
    JSON.parse(text);
    return text;
  } catch {
    return 'null';
  }
}
