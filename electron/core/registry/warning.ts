/**
 * `Warning` headers (RFC 7234 form) that registries use for deprecation
 * notices: `299 - "text"`. Only code 299 is surfaced, as Docker does.
 */
export function parseWarnings(header: string | readonly string[] | undefined): string[] {
  if (header === undefined) return [];
  const values = typeof header === 'string' ? [header] : header;
  const out: string[] = [];
  const re = /(\d{3})\s+(\S+)\s+"((?:[^"\\]|\\.)*)"(?:\s+"[^"]*")?/g;
  for (const v of values) {
    for (const m of v.matchAll(re)) {
      if (m[1] !== '299') continue;
      const text = (m[3] ?? '').replace(/\\(.)/g, '$1');
      if (text !== '') out.push(text);
    }
  }
  return out;
}

/** Calls onWarning once per distinct text over its lifetime. */
export class WarningSink {
  private readonly seen = new Set<string>();
  constructor(private readonly onWarning: ((text: string) => void) | undefined) {}

  add(header: string | readonly string[] | undefined): void {
    for (const text of parseWarnings(header)) {
      if (this.seen.has(text)) continue;
      this.seen.add(text);
      this.onWarning?.(text);
    }
  }
}
