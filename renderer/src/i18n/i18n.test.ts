import { describe, expect, it } from 'vitest';
import en from './en.json';
import zhCN from './zh-CN.json';
import { languageFor } from './index';

/** i18next plural suffixes: a language may carry a different set of them than English. */
const PLURAL = /_(zero|one|two|few|many|other)$/;

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`.replace(PLURAL, '')],
  );
}

describe('resources', () => {
  it('zh-CN translates every English key and no other', () => {
    expect([...new Set(keys(zhCN))].sort()).toEqual([...new Set(keys(en))].sort());
  });
});

describe('languageFor', () => {
  it.each([
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['en-US', 'en'],
    ['de', 'en'],
    [undefined, 'en'],
  ] as const)('%s -> %s', (tag, want) => {
    expect(languageFor(tag)).toBe(want);
  });
});
