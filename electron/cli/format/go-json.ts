/**
 * Go's json.Marshal of a map: keys sorted, and `<`, `>`, `&`, U+2028, U+2029
 * escaped as \u sequences. Docker's formatter contexts marshal themselves this
 * way, so `docker images --format json` prints `"\u003cnone\u003e"`.
 */
export function goMarshalMap(value: Record<string, unknown>): string {
  const sorted = Object.fromEntries(Object.keys(value).sort().map((k) => [k, value[k]]));
  return escapeHtml(JSON.stringify(sorted));
}

const ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** These characters only ever occur inside JSON strings, so replacing them everywhere is safe. */
function escapeHtml(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => ESCAPES[c]!);
}
