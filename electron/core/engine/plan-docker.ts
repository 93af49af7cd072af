/**
 * dockerd 20.10's ImageDelete and ImagesPrune, played on a Plan: untag vs
 * delete, the conflict checks in dockerd's order with its messages (child
 * images and running containers cannot be forced; other references and
 * stopped containers must be), quiet deletes after the last reference goes,
 * and parent pruning. Layer (chain ID) records are not predicted: the image
 * list does not say which layers images share.
 */
import { BerthError } from '../../../shared/errors';
import type { DeleteRecord } from '../../../shared/schemas';
import { canonical, isIdPrefix, isSingleReference, notFoundName } from '../images';
import { labelsMatch, parseUntil, type FilterArgs } from '../images/filters';
import { familiarOf, repoOf, shortId } from '../images/refs';
import { familiarString, formatReference, parseNormalizedNamed, repositoryName } from '../reference';
import { isRunning } from './image-model';
import type { Plan, PlanImage } from './plan';

const CHILD = 1;
const RUNNING = 2;
const REFERENCED = 4;
const STOPPED = 8;
const HARD = CHILD | RUNNING;
const SOFT = REFERENCED | STOPPED;

interface Conflict {
  hard: boolean;
  /** A container uses the image. */
  used: boolean;
  error: BerthError;
}

export function dockerRemove(plan: Plan, input: string, force: boolean, prune: boolean): DeleteRecord[] {
  const img = plan.find(input, () => new BerthError('NOT_FOUND', `No such image: ${notFoundName(input)}`));
  const records: DeleteRecord[] = [];
  let quiet = false;
  if (!isIdPrefix(img.id, input)) {
    if (!force && isSingleReference(plan.refs(img))) {
      const c = plan.containersOf(img)[0];
      if (c) {
        throw new BerthError(
          'CONFLICT',
          `conflict: unable to remove repository reference "${input}" (must force) - container ${shortId(c.Id)} is using its referenced image ${shortId(img.id)}`,
        );
      }
    }
    const named = canonical(parseNormalizedNamed(input));
    plan.untag(img, formatReference(named));
    records.push({ untagged: familiarString(named) });
    if (named.digest === null) {
      const repo = repositoryName(named);
      const tagLeft = plan.refs(img).some((r) => !r.includes('@') && repoOf(r) === repo);
      if (!tagLeft) {
        for (const r of plan.refs(img).filter((x) => x.includes('@') && repoOf(x) === repo)) {
          plan.untag(img, r);
          records.push({ untagged: familiarOf(r) });
        }
      }
    }
    if (plan.refs(img).length > 0) return records;
    quiet = true;
  } else if (isSingleReference(plan.refs(img))) {
    const conflict = checkConflict(plan, img, HARD | (force ? 0 : STOPPED));
    if (conflict) throw conflict.error;
    for (const r of plan.refs(img)) {
      plan.untag(img, r);
      records.push({ untagged: familiarOf(r) });
    }
  }
  deleteImage(plan, img, records, force, prune, quiet);
  return records;
}

function deleteImage(plan: Plan, img: PlanImage, records: DeleteRecord[], force: boolean, prune: boolean, quiet: boolean): void {
  const conflict = checkConflict(plan, img, HARD | (force ? 0 : SOFT));
  if (conflict) {
    // dockerd stays silent unless the image is dangling and unused: then the user must hear of it.
    if (quiet && (!isDangling(plan, img) || conflict.used)) return;
    throw conflict.error;
  }
  for (const r of plan.refs(img)) {
    plan.untag(img, r);
    records.push({ untagged: familiarOf(r) });
  }
  const parent = img.parentId ? plan.images.get(img.parentId) : undefined;
  plan.drop(img);
  records.push({ deleted: img.id });
  if (prune && parent) deleteImage(plan, parent, records, false, true, true);
}

function isDangling(plan: Plan, img: PlanImage): boolean {
  return plan.refs(img).length === 0 && !plan.hasChildren(img);
}

function checkConflict(plan: Plan, img: PlanImage, mask: number): Conflict | undefined {
  const conflict = (hard: boolean, used: boolean, reason: string): Conflict => ({
    hard,
    used,
    error: new BerthError('CONFLICT', `conflict: unable to delete ${shortId(img.id)} (${hard ? 'cannot be forced' : 'must be forced'}) - ${reason}`),
  });
  if (mask & CHILD && plan.hasChildren(img)) return conflict(true, false, 'image has dependent child images');
  const containers = plan.containersOf(img);
  const running = containers.find(isRunning);
  if (mask & RUNNING && running) return conflict(true, true, `image is being used by running container ${shortId(running.Id)}`);
  if (mask & REFERENCED && plan.refs(img).length > 0) return conflict(false, false, 'image is referenced in multiple repositories');
  const stopped = containers.find((c) => !isRunning(c));
  if (mask & STOPPED && stopped) return conflict(false, true, `image is being used by stopped container ${shortId(stopped.Id)}`);
  return undefined;
}

/**
 * dockerd's ImagesPrune: dangling heads (or, with all, every image), minus
 * untagged images with children, narrowed by until/label; each reference is
 * deleted in turn and conflicts are skipped, so an image a container uses may
 * lose its other references and stay.
 */
export function dockerPrune(plan: Plan, danglingOnly: boolean, args: FilterArgs): DeleteRecord[] {
  const until = args.get('until')?.map((v) => parseUntil(v))[0];
  const candidates = plan
    .live()
    .filter((img) => !danglingOnly || !plan.hasChildren(img))
    .filter((img) => plan.refs(img).length > 0 || !plan.hasChildren(img))
    .filter((img) => until === undefined || img.createdSec * 1000 <= until)
    .filter((img) => labelsMatch(img.labels, args))
    .sort((a, b) => b.createdSec - a.createdSec);
  const records: DeleteRecord[] = [];
  const skipConflicts = (fn: () => DeleteRecord[]): void => {
    try {
      records.push(...fn());
    } catch (e) {
      if (!(e instanceof BerthError) || (e.code !== 'CONFLICT' && e.code !== 'NOT_FOUND')) throw e;
    }
  };
  for (const img of candidates) {
    if (img.gone) continue;
    const refs = plan.refs(img);
    if (refs.length === 0) {
      skipConflicts(() => dockerRemove(plan, img.id.slice('sha256:'.length), false, true));
      continue;
    }
    const hasTag = refs.some((r) => !r.includes('@'));
    if (danglingOnly && hasTag) continue;
    for (const r of refs) skipConflicts(() => dockerRemove(plan, r, false, true));
  }
  return records;
}
