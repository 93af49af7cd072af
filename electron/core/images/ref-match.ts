/** The `reference=` filter: Go path.Match on the familiar and full forms of a stored reference. */
import { pathMatch } from '../reference/index';
import { familiarName, familiarString, formatReference, repositoryName, storedRef } from './refs';

export function matchesAnyPattern(patterns: readonly string[], full: string): boolean {
  const r = storedRef(full);
  if (!r) return false;
  const forms = [familiarString(r), familiarName(r), formatReference(r), repositoryName(r)];
  return patterns.some((p) => forms.some((f) => pathMatch(p, f)));
}
