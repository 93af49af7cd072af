/**
 * `docker rmi` on an engine: each reference on its own with the engine's
 * answers and failure texts, or, for a dry run, the engine's rules played on
 * a model of its images and containers (nothing changes).
 */
import { BerthError } from '../../../shared/errors';
import type { DeleteRecord, RemoveResult } from '../../../shared/schemas';
import type { EngineClient } from './client';
import { imagePath } from './image-lookup';
import { fetchContainers, fetchImages, normalizeId, toListedImage, type ContainerSummary } from './image-model';
import { engineKind } from './kind';
import { Plan, planEach } from './plan';
import { dockerRemove } from './plan-docker';
import { podmanRemove } from './plan-podman';

export interface EngineDeleteItem {
  Untagged?: string;
  Deleted?: string;
}

export function deleteRecords(items: readonly EngineDeleteItem[] | null | undefined): DeleteRecord[] {
  const records: DeleteRecord[] = [];
  for (const item of items ?? []) {
    if (item.Untagged !== undefined) records.push({ untagged: item.Untagged });
    if (item.Deleted !== undefined) records.push({ deleted: item.Deleted });
  }
  return records;
}

export interface RemoveArgs {
  refs: readonly string[];
  force: boolean;
  noPrune: boolean;
}

/** Each ref on its own, like `docker rmi`: failures keep the engine's own text and the rest go on. */
export async function remove(client: EngineClient, input: RemoveArgs): Promise<RemoveResult> {
  const sizes = new Map((await fetchImages(client, { all: true })).map((s) => [normalizeId(s.Id), Math.max(0, s.Size ?? 0)]));
  const containersBefore = input.force ? await fetchContainers(client) : [];
  const records: DeleteRecord[] = [];
  const failures: RemoveResult['failures'] = [];
  for (const ref of input.refs) {
    try {
      // Only the flags that are set, as the docker CLI sends them.
      const query = { force: input.force || undefined, noprune: input.noPrune || undefined };
      const items = await client.json<EngineDeleteItem[]>({ method: 'DELETE', path: `/images/${imagePath(ref)}`, query, timeoutMs: 300_000 });
      records.push(...deleteRecords(items));
    } catch (e) {
      if (!(e instanceof BerthError) || e.code === 'NETWORK' || e.code === 'CANCELLED') throw e;
      failures.push({ ref, code: e.code, message: e.message });
    }
  }
  const containersRemoved = containersBefore.length ? await containersGoneWith(client, records, containersBefore) : [];
  return { records, failures, reclaimed: estimateFreed(records, sizes), containersRemoved };
}

/** The engine does not say which containers a forced rmi took with it (podman's does): those of a deleted image now gone. */
async function containersGoneWith(client: EngineClient, records: readonly DeleteRecord[], before: readonly ContainerSummary[]): Promise<string[]> {
  const deleted = new Set(records.flatMap((r) => ('deleted' in r ? [normalizeId(r.deleted)] : [])));
  const candidates = before.filter((c) => deleted.has(normalizeId(c.ImageID ?? '')));
  if (!candidates.length) return [];
  const left = new Set((await fetchContainers(client)).map((c) => c.Id));
  return candidates.filter((c) => !left.has(c.Id)).map((c) => c.Id);
}

/** The engine does not say what rmi freed: the Size of each deleted image, an estimate (shared layers count in full). */
function estimateFreed(records: readonly DeleteRecord[], sizes: ReadonlyMap<string, number>): number {
  let bytes = 0;
  for (const r of records) if ('deleted' in r) bytes += sizes.get(normalizeId(r.deleted)) ?? 0;
  return bytes;
}

export async function loadPlan(client: EngineClient): Promise<Plan> {
  const [images, containers] = await Promise.all([fetchImages(client, { all: true }), fetchContainers(client)]);
  return new Plan(images.map(toListedImage), containers);
}

export async function planRemove(client: EngineClient, input: RemoveArgs): Promise<RemoveResult> {
  const [kind, plan] = await Promise.all([engineKind(client), loadPlan(client)]);
  const one = kind === 'podman' ? (ref: string) => podmanRemove(plan, ref, input.force) : (ref: string) => dockerRemove(plan, ref, input.force, !input.noPrune);
  return { ...planEach(input.refs, one), reclaimed: plan.reclaimedEstimate(), containersRemoved: plan.removedContainers };
}
