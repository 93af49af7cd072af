import { describe, expect, it } from 'vitest';
import { formatFloat } from './gofloat';
import { bytesSize, createdSince, humanDuration, humanSize } from './units';

describe('humanSize = go-units HumanSizeWithPrecision(size, 3)', () => {
  it.each<[number, string]>([
    [0, '0B'], [1, '1B'], [999, '999B'], [1000, '1kB'], [1023, '1.02kB'], [1024, '1.02kB'], [1500, '1.5kB'],
    [999_499, '999kB'], [999_999, '1e+03kB'], [1e6, '1MB'], [1_125_000, '1.12MB'], [1_135_000, '1.14MB'],
    [5_610_000, '5.61MB'], [127_182_848, '127MB'], [124_567_890, '125MB'], [1.5e9, '1.5GB'], [1.09e9, '1.09GB'],
    [1e12, '1TB'], [1e15, '1PB'], [1e18, '1EB'], [1e24, '1YB'], [1e27, '1e+03YB'], [13_300, '13.3kB'],
  ])('%d → %s', (n, want) => {
    expect(humanSize(n)).toBe(want);
  });

  it('rounds exact ties to even like Go (JS toPrecision would say 1.13MB)', () => {
    expect((1.125).toPrecision(3)).toBe('1.13');
    expect(humanSize(1_125_000)).toBe('1.12MB');
  });

  it('accepts another precision (HumanSize uses 4)', () => {
    expect(humanSize(2_746_000, 4)).toBe('2.746MB');
  });
});

describe('bytesSize = go-units BytesSize', () => {
  it.each<[number, string]>([[0, '0B'], [1023, '1023B'], [1024, '1KiB'], [44 * 1024, '44KiB'], [17 * 1024 * 1024, '17MiB'], [1.5 * 1024 ** 3, '1.5GiB']])(
    '%d → %s',
    (n, want) => {
      expect(bytesSize(n)).toBe(want);
    },
  );
});

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const W = 7 * D;
const MO = 30 * D;
const Y = 365 * D;

describe('humanDuration = go-units HumanDuration', () => {
  it.each<[number, string]>([
    [-5 * S, 'Less than a second'], [0, 'Less than a second'], [450, 'Less than a second'], [S, '1 second'],
    [1999, '1 second'], [45 * S, '45 seconds'], [59 * S, '59 seconds'], [60 * S, 'About a minute'],
    [119 * S, 'About a minute'], [3 * M, '3 minutes'], [35 * M + 40 * S, '35 minutes'], [59 * M, '59 minutes'],
    [H, 'About an hour'], [H + 29 * M, 'About an hour'], [H + 31 * M, '2 hours'], [3 * H + 29 * M, '3 hours'],
    [3 * H + 31 * M, '4 hours'], [24 * H, '24 hours'], [D + 12 * H, '36 hours'], [47 * H + 29 * M, '47 hours'],
    [47 * H + 31 * M, '2 days'], [2 * D, '2 days'], [13 * D + 5 * H, '13 days'], [2 * W, '2 weeks'],
    [2 * W + 4 * D, '2 weeks'], [3 * W, '3 weeks'], [MO, '4 weeks'], [MO + 2 * W, '6 weeks'], [2 * MO, '2 months'],
    [5 * MO + 2 * W, '5 months'], [23 * MO, '23 months'], [24 * MO, '24 months'], [24 * MO + 2 * W, '2 years'],
    [3 * Y + 2 * MO, '3 years'],
  ])('%d ms → %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe('createdSince', () => {
  const now = Date.parse('2024-05-22T12:00:00Z');
  it.each<[Date | string | number | null | undefined, string]>([
    ['2024-05-14T12:00:00Z', '8 days ago'],
    [new Date('2024-05-21T17:00:00Z'), '19 hours ago'],
    [now - 30 * S, '30 seconds ago'],
    [now + 10 * S, 'Less than a second ago'],
    [null, ''], [undefined, ''], ['', ''], ['not a date', ''],
  ])('%j → %j', (d, want) => {
    expect(createdSince(d, now)).toBe(want);
  });
});

describe('formatFloat = strconv.FormatFloat', () => {
  it.each<[number, 'e' | 'f' | 'g' | 'G' | 'E', number, string]>([
    [1.125, 'g', 3, '1.12'], [1.135, 'g', 3, '1.14'], [999.999, 'g', 3, '1e+03'], [0, 'g', 3, '0'], [2.5, 'f', 0, '2'],
    [3.5, 'f', 0, '4'], [0.5, 'f', 0, '0'], [2.25, 'f', 1, '2.2'], [0.05, 'f', 1, '0.1'], [1234.5678, 'e', 6, '1.234568e+03'],
    [1e6, 'g', -1, '1e+06'], [100000, 'g', -1, '100000'], [1234567, 'g', -1, '1.234567e+06'], [0.0001, 'g', -1, '0.0001'],
    [0.00001, 'g', -1, '1e-05'], [1e21, 'G', -1, '1E+21'], [-1.5, 'f', 2, '-1.50'], [1e100, 'e', 2, '1.00e+100'],
    [5e-324, 'g', -1, '5e-324'], [123456789, 'f', -1, '123456789'], [0.1, 'e', -1, '1e-01'], [Infinity, 'g', -1, '+Inf'],
  ])('%d %s %d → %s', (x, verb, prec, want) => {
    expect(formatFloat(x, verb, prec)).toBe(want);
  });
});
