import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../shared/index';
import { createDispatch, type Handlers } from './dispatch';

function handlers(overrides: Partial<Handlers>): Handlers {
  const refuse = async () => {
    throw new Error('handler must not run');
  };
  return new Proxy(overrides, { get: (t, k) => (t as Record<string | symbol, unknown>)[k] ?? refuse }) as Handlers;
}

describe('createDispatch', () => {
  it('validates input, applies schema defaults and wraps the value', async () => {
    let seen: unknown;
    const dispatch = createDispatch(
      handlers({
        'images.list': async (input) => {
          seen = input;
          return { rows: [], totalSize: 0, imageCount: 0 };
        },
      }),
      { checkOutput: true },
    );
    expect(await dispatch('images.list', {})).toEqual({ ok: true, value: { rows: [], totalSize: 0, imageCount: 0 } });
    expect(seen).toEqual({ source: 'embedded', all: false, filters: [] });
  });

  it.each([
    ['images.tag', { ref: 'a' }],
    ['images.tag', { ref: 'a', target: 7 }],
    ['images.remove', { refs: [] }],
    ['images.list', { all: 'yes' }],
    ['images.list', { filters: 'dangling=true' }],
    ['app.info', { sneaky: true }],
    ['app.info', 'not an object'],
  ])('refuses %s with %j before the handler runs', async (method, input) => {
    const result = await createDispatch(handlers({}))(method, input);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('refuses inputs that are not plain objects, even where every field is optional', async () => {
    const dispatch = createDispatch(handlers({}));
    for (const input of [new Date(0), /re/, new Map(), new Uint8Array(2), Object.create({ ref: 'busybox' })]) {
      expect(await dispatch('images.inspect', input)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
      expect(await dispatch('store.fsck', input)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    }
    expect(await dispatch('store.fsck', Object.create(null))).toMatchObject({ ok: false, error: { code: 'INTERNAL' } }); // reached the handler
  });

  it('refuses unknown and inherited method names', async () => {
    for (const m of ['nope', 'toString', '__proto__', 42, null]) {
      expect(await createDispatch(handlers({}))(m, {})).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    }
  });

  it('carries a BerthError code, message and details across as data', async () => {
    const dispatch = createDispatch(
      handlers({
        'images.inspect': async () => {
          throw new BerthError('NOT_FOUND', 'No such image: foo:latest', { ref: 'foo' });
        },
      }),
    );
    expect(await dispatch('images.inspect', { ref: 'foo' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No such image: foo:latest', details: { ref: 'foo' } },
    });
  });

  it('turns unexpected errors into INTERNAL without a stack', async () => {
    const dispatch = createDispatch(
      handlers({
        'store.fsck': async () => {
          throw new TypeError('boom');
        },
      }),
    );
    const result = await dispatch('store.fsck', {});
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'boom' } });
  });

  it('catches a handler that breaks its own output schema when checking is on', async () => {
    const dispatch = createDispatch(handlers({ 'images.history': async () => [{ bogus: true }] as never }), {
      checkOutput: true,
    });
    expect(await dispatch('images.history', { ref: 'x' })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
