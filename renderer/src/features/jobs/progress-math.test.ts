import { describe, expect, it } from 'vitest';
import { addSample, etaSeconds, percent, rate, shortDuration, type Sample } from './progress-math';

describe('progress math', () => {
  it('measures the rate over the window and forgets older samples', () => {
    let s: Sample[] = [];
    s = addSample(s, { at: 0, bytes: 0 });
    expect(rate(s)).toBeNull();
    s = addSample(s, { at: 1000, bytes: 1000 });
    s = addSample(s, { at: 2000, bytes: 3000 });
    expect(rate(s)).toBe(1500);
    s = addSample(s, { at: 7000, bytes: 8000 }, 4000);
    expect(s.map((x) => x.at)).toEqual([7000]);
  });

  it('restarts the window when the byte count goes back (a retried layer)', () => {
    const s = addSample([{ at: 0, bytes: 5000 }], { at: 500, bytes: 100 });
    expect(s).toEqual([{ at: 500, bytes: 100 }]);
  });

  it('computes the ETA only when rate and total are known', () => {
    expect(etaSeconds(500, 1500, 100)).toBe(10);
    expect(etaSeconds(500, 1500, null)).toBeNull();
    expect(etaSeconds(1500, 1500, 100)).toBeNull();
    expect(etaSeconds(0, 0, 100)).toBeNull();
  });

  it('clamps percentages and formats short durations', () => {
    expect(percent(5, 10)).toBe(50);
    expect(percent(20, 10)).toBe(100);
    expect(percent(1, 0)).toBe(0);
    expect([shortDuration(42), shortDuration(65), shortDuration(3720)]).toEqual(['42s', '1m05s', '1h02m']);
  });
});
