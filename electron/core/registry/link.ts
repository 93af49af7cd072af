/**
 * `Link` header parsing for tags/catalog pagination. Distribution answers
 * with a path-only URL (`</v2/_catalog?last=x&n=1>; rel="next"`), so the
 * target is resolved against the URL of the request that returned it.
 */
export interface Link {
  url: string;
  params: Record<string, string>;
}

export function parseLinkHeader(header: string | readonly string[] | undefined, base: string): Link[] {
  if (header === undefined) return [];
  const text = typeof header === 'string' ? header : header.join(', ');
  const links: Link[] = [];
  // The target excludes '<': with [^>]* every '<' of "<<<<…" scanned to the end of the header (quadratic).
  const re = /<([^<>]*)>((?:\s*;\s*[^;,=\s]+\s*(?:=\s*(?:"(?:[^"\\]|\\.)*"|[^;,\s]*))?)*)/g;
  for (const m of text.matchAll(re)) {
    const target = m[1] ?? '';
    let url: string;
    try {
      url = new URL(target, base).toString();
    } catch {
      continue;
    }
    links.push({ url, params: parseLinkParams(m[2] ?? '') });
  }
  return links;
}

function parseLinkParams(s: string): Record<string, string> {
  // No prototype: a parameter named __proto__ is kept like any other instead of vanishing.
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  const re = /;\s*([^;,=\s]+)\s*(?:=\s*("(?:[^"\\]|\\.)*"|[^;,\s]*))?/g;
  for (const m of s.matchAll(re)) {
    const raw = m[2] ?? '';
    const value = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
    params[(m[1] ?? '').toLowerCase()] = value;
  }
  return params;
}

/** The `rel="next"` target, if any (rel may list several space-separated relations). */
export function nextLink(header: string | readonly string[] | undefined, base: string): string | undefined {
  return parseLinkHeader(header, base).find((l) => (l.params.rel ?? '').split(/\s+/).includes('next'))?.url;
}
