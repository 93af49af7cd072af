import { describe, expect, it } from 'vitest';
import { isTrustedSender } from './trust';

describe('isTrustedSender', () => {
  const app = 'app://berth';
  it.each([
    ['app://berth/index.html', true, true],
    ['app://berth/', true, true],
    ['app://berth/index.html', false, false],
    ['app://berth.evil/index.html', true, false],
    ['app://other/index.html', true, false],
    ['https://berth/index.html', true, false],
    ['file:///index.html', true, false],
    ['about:blank', true, false],
    ['', true, false],
  ])('%s (main frame: %s) → %s', (url, isMainFrame, expected) => {
    expect(isTrustedSender({ url, isMainFrame }, app)).toBe(expected);
  });

  it('compares http origins including the port', () => {
    expect(isTrustedSender({ url: 'http://127.0.0.1:5173/x', isMainFrame: true }, 'http://127.0.0.1:5173')).toBe(true);
    expect(isTrustedSender({ url: 'http://127.0.0.1:5174/x', isMainFrame: true }, 'http://127.0.0.1:5173')).toBe(false);
  });
});
