/**
 * Docker's TruncateID: drop the algorithm prefix, keep 12 characters
 * (`sha256:4eacea30377a…` → `4eacea30377a`; `<missing>` stays as it is).
 */
export function truncateId(id: string): string {
  const colon = id.indexOf(':');
  const hex = colon >= 0 ? id.slice(colon + 1) : id;
  return hex.slice(0, 12);
}
