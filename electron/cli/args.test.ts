import { describe, expect, it } from 'vitest';
import { parseFlags, requireArgs } from './args';

const spec = {
  format: { type: 'string', short: 'f' },
  human: { type: 'boolean', short: 'H', default: true },
  quiet: { type: 'boolean', short: 'q' },
} as const;

const message = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('flags the way pflag reads them', () => {
  it.each([
    [['-H=false', 'img'], { human: false }],
    [['--human=0'], { human: false }],
    [['--human=T', '-q=1'], { human: true, quiet: true }],
    [['--', '-H=false'], { human: true }],
  ])('%j', (argv, values) => {
    expect(parseFlags('history', argv, spec).values).toMatchObject(values);
  });

  it.each([
    [['-H=nope'], 'invalid argument "nope" for "-H, --human" flag: strconv.ParseBool: parsing "nope": invalid syntax'],
    [['--format'], 'flag needs an argument: --format'],
    [['-f'], "flag needs an argument: 'f' in -f"],
    [['--bogus'], 'unknown flag: --bogus'],
    [['-x'], "unknown shorthand flag: 'x' in -x"],
  ])('%j fails: %s', (argv, text) => {
    expect(message(() => parseFlags('history', argv, spec))).toBe(text);
  });

  it('words argument counts as Docker does', () => {
    expect(message(() => requireArgs('image prune', ['x'], { exactly: 0 }))).toBe('"berth image prune" accepts no arguments.');
    expect(message(() => requireArgs('images', ['a', 'b'], { max: 1 }))).toBe('"berth images" requires at most 1 argument.');
    expect(message(() => requireArgs('tag', ['a'], { exactly: 2 }))).toBe('"berth tag" requires exactly 2 arguments.');
  });
});
