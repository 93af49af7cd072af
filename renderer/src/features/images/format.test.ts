import { describe, expect, it } from 'vitest';
import { createdSince, formatG, humanDuration, humanSize, shortId } from './format';

describe('humanSize (docker images SIZE)', () => {
  it.each([
    [0, '0B'],
    [999, '999B'],
    [1000, '1kB'],
    [5_610_000, '5.61MB'],
    [124_000_000, '124MB'],
    [123_456_789, '123MB'],
    [1_090_000_000, '1.09GB'],
    [1_500, '1.5kB'],
    [999_500, '1e+03kB'], // go's %.3g rounds into exponent form; docker prints it as is
    [4_200_000_000_000, '4.2TB'],
  ])('%d -> %s', (n, want) => {
    expect(humanSize(n)).toBe(want);
  });
});

describe('formatG', () => {
  it.each([
    [1, '1'],
    [12.3456, '12.3'],
    [0.000123456, '0.000123'],
    [0.0000123456, '1.23e-05'],
    [1234, '1.23e+03'],
  ])('%.3g of %d is %s', (x, want) => {
    expect(formatG(x, 3)).toBe(want);
  });
});

describe('shortId', () => {
  it('strips the algorithm and keeps 12 hex digits', () => {
    expect(shortId('sha256:4eacea30377a0123456789abcdef')).toBe('4eacea30377a');
    expect(shortId('77af4d6b99130000')).toBe('77af4d6b9913');
  });
});

describe('humanDuration (docker CREATED)', () => {
  const s = 1000;
  const m = 60 * s;
  const h = 60 * m;
  const d = 24 * h;
  it.each([
    [0, 'lessThanSecond', 0],
    [999, 'lessThanSecond', 0],
    [1 * s, 'second', 1],
    [59 * s, 'seconds', 59],
    [60 * s, 'aboutMinute', 1],
    [119 * s, 'aboutMinute', 1],
    [2 * m, 'minutes', 2],
    [59 * m, 'minutes', 59],
    [60 * m, 'aboutHour', 1],
    [89 * m, 'aboutHour', 1],
    [90 * m, 'hours', 2],
    [47 * h, 'hours', 47],
    [48 * h, 'days', 2],
    [13 * d, 'days', 13],
    [14 * d, 'weeks', 2],
    [59 * d, 'weeks', 8],
    [60 * d, 'months', 2],
    [729 * d, 'months', 24],
    [730 * d, 'years', 2],
  ])('%d ms -> %s %d', (ms, key, count) => {
    expect(humanDuration(ms)).toEqual({ key, count });
  });

  it('gives N/A (null) for the zero time and garbage', () => {
    expect(createdSince('1970-01-01T00:00:00Z', Date.now())).toBeNull();
    expect(createdSince('not a date', Date.now())).toBeNull();
    expect(createdSince('2024-01-01T00:00:00Z', Date.parse('2024-01-09T00:00:00Z'))).toEqual({ key: 'days', count: 8 });
  });
});
