import { describe, expect, it } from 'vitest';
import { asksForDangling, matchesWords, parseFilterQuery } from './filter-query';

describe('parseFilterQuery', () => {
  it('passes key=value tokens through as Docker filters and keeps bare words as search terms', () => {
    expect(parseFilterQuery('  Busy  reference=busybox:* dangling=false label=a=b x ')).toEqual({
      filters: ['reference=busybox:*', 'dangling=false', 'label=a=b'],
      words: ['busy', 'x'],
    });
  });

  it('keeps a quoted label value with spaces as one token', () => {
    expect(parseFilterQuery('label="org.opencontainers.image.title=my app"').filters).toEqual([
      'label=org.opencontainers.image.title=my app',
    ]);
  });

  it('sends unknown keys on, so the core can refuse them in Docker words', () => {
    expect(parseFilterQuery('colour=red').filters).toEqual(['colour=red']);
  });

  it('treats a word with = in the middle of a reference as a word', () => {
    expect(parseFilterQuery('sha256:abc').words).toEqual(['sha256:abc']);
  });
});

describe('matchesWords', () => {
  it('matches every word as a case-insensitive substring, across slashes', () => {
    expect(matchesWords(['nginx', '1.25'], 'registry:5000/team/NGINX:1.25 4eacea30377a')).toBe(true);
    expect(matchesWords(['nginx', '1.26'], 'registry:5000/team/nginx:1.25')).toBe(false);
    expect(matchesWords([], 'anything')).toBe(true);
  });
});

describe('asksForDangling', () => {
  it('is true for dangling=true or 1 only', () => {
    expect(asksForDangling(['dangling=true'])).toBe(true);
    expect(asksForDangling(['dangling=1'])).toBe(true);
    expect(asksForDangling(['dangling=false'])).toBe(false);
  });
});
