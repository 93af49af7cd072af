/** The 12-hex IDs Docker prints per layer: blob digest for pull, diffID for push. */
export function shortId(digest: string): string {
  const hex = digest.slice(digest.indexOf(':') + 1);
  return hex.slice(0, 12);
}
