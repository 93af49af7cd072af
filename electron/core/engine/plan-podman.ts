/**
 * Podman 4.3's compat rmi and prune (libimage's rules), played on a Plan.
 * They differ from dockerd's: a name of an image with several names is only
 * untagged; the last name or the ID deletes the image, refused while any
 * container (running or stopped) uses it; with force podman removes those
 * containers too. Records are podman's: `Deleted` with the bare hex ID first,
 * then `Untagged` with each full name. Parent images are not modelled.
 */
import { BerthError } from '../../../shared/errors';
import type { DeleteRecord } from '../../../shared/schemas';
import { labelsMatch, parseUntil, type FilterArgs } from '../images/filters';
import { formatReference, parseNormalizedNamed } from '../reference';
import type { Plan, PlanImage } from './plan';

export function podmanRemove(plan: Plan, input: string, force: boolean): DeleteRecord[] {
  const img = plan.find(input, () => new BerthError('NOT_FOUND', `failed to find image ${input}: ${normalizedName(input)}: image not known`));
  const hex = img.id.slice('sha256:'.length);
  const byId = hex.startsWith(input);
  const byDigest = input.startsWith('sha256:');
  const names = img.names;
  if (names.length !== 1) {
    if (!force && names.length > 1 && (byId || byDigest)) {
      throw new BerthError(
        'CONFLICT',
        `unable to delete image "${hex}" by ${byId ? 'ID' : 'digest'} with more than one tag ([${names.join(' ')}]): please force removal`,
      );
    }
    if (!byId && !byDigest) {
      const full = normalizedName(input, 'latest');
      plan.untag(img, full);
      return [{ untagged: full }];
    }
  }
  const user = plan.containersOf(img)[0];
  if (user && !force) {
    throw new BerthError(
      'CONFLICT',
      `image ${input} is in use: image used by ${user.Id}: image is in use by a container: consider listing external containers and force-removing image`,
    );
  }
  const records: DeleteRecord[] = [{ deleted: hex }, ...names.map((n) => ({ untagged: n }))];
  plan.removeContainersOf(img);
  plan.drop(img);
  return records;
}

/** The name podman's compat layer resolves: docker.io-normalized (with a default tag where it adds one). */
function normalizedName(input: string, defaultTag?: string): string {
  try {
    const ref = parseNormalizedNamed(input);
    return formatReference(defaultTag && ref.tag === null && ref.digest === null ? { ...ref, tag: defaultTag } : ref);
  } catch {
    return input;
  }
}

/**
 * libimage's prune: images no container uses (dangling ones only, unless
 * all), narrowed by until/label, repeated until nothing more goes (removing
 * a child can leave its parent prunable).
 */
export function podmanPrune(plan: Plan, danglingOnly: boolean, args: FilterArgs): DeleteRecord[] {
  const until = args.get('until')?.map((v) => parseUntil(v))[0];
  const prunable = (img: PlanImage): boolean =>
    plan.containersOf(img).length === 0 &&
    !plan.hasChildren(img) &&
    (!danglingOnly || img.names.length === 0) &&
    (until === undefined || img.createdSec * 1000 <= until) &&
    labelsMatch(img.labels, args);
  const records: DeleteRecord[] = [];
  for (let round = plan.live().filter(prunable); round.length > 0; round = plan.live().filter(prunable)) {
    for (const img of round) {
      records.push({ deleted: img.id.slice('sha256:'.length) });
      plan.drop(img);
    }
  }
  return records;
}
