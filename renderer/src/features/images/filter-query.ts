/**
 * The images filter box. `key=value` tokens are Docker's `--filter` arguments
 * and go to images.list unchanged, so the core checks them and answers in
 * Docker's words (`invalid filter 'x'`, `No such image: …`). A bare word is a
 * search term matched here, case-insensitively, as `*word*` against
 * REPOSITORY:TAG and the image ID. Unlike a `reference=` glob, that `*` also
 * crosses `/`, so `nginx` finds `registry:5000/team/nginx:1.25`: what people
 * expect from a search box. Every word must match.
 */

/** Keys images.list accepts; anything else with `=` is passed on too, for the core to refuse. */
export const FILTER_KEYS = ['reference', 'dangling', 'label', 'before', 'since', 'until'] as const;

export interface FilterQuery {
  /** For images.list's `filters`, in the order typed. */
  filters: string[];
  /** Lower-cased search words. */
  words: string[];
}

export function parseFilterQuery(text: string): FilterQuery {
  const filters: string[] = [];
  const words: string[] = [];
  for (const token of tokenize(text)) {
    if (/^[A-Za-z!_-]+=/.test(token)) filters.push(token);
    else words.push(token.toLowerCase());
  }
  return { filters, words };
}

/** Whitespace-separated tokens; double quotes keep a label value with spaces together. */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const m of text.matchAll(/(?:[^\s"]+|"[^"]*")+/g)) tokens.push(m[0].replaceAll('"', ''));
  return tokens.filter((t) => t.length > 0);
}

/** Whether the user asked for dangling images explicitly (then the hide toggle does not apply). */
export function asksForDangling(filters: readonly string[]): boolean {
  return filters.some((f) => /^dangling=(true|1)$/i.test(f.trim()));
}

export function matchesWords(words: readonly string[], haystack: string): boolean {
  if (words.length === 0) return true;
  const h = haystack.toLowerCase();
  return words.every((w) => h.includes(w));
}
