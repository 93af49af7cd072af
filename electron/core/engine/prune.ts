/**
 * `docker image prune` on an engine (dangling images, or with all every image
 * no container uses), or its dry run planned from the engine's lists.
 */
import { BerthError } from '../../../shared/errors';
import type { PruneResult } from '../../../shared/schemas';
import { PRUNE_FILTERS } from '../images';
import { parseFilters } from '../images/filters';
import type { EngineClient } from './client';
import { filtersJson } from './filters';
import { engineKind } from './kind';
import { dockerPrune } from './plan-docker';
import { podmanPrune } from './plan-podman';
import { deleteRecords, loadPlan, type EngineDeleteItem } from './rmi';

export interface PruneArgs {
  all: boolean;
  filters: readonly string[];
}

export async function planPrune(client: EngineClient, input: PruneArgs): Promise<PruneResult> {
  const args = parseFilters(input.filters, PRUNE_FILTERS);
  const [kind, plan] = await Promise.all([engineKind(client), loadPlan(client)]);
  const records = kind === 'podman' ? podmanPrune(plan, !input.all, args) : dockerPrune(plan, !input.all, args);
  return { records, reclaimed: plan.reclaimedEstimate() };
}

interface PruneReport {
  ImagesDeleted?: EngineDeleteItem[] | null;
  SpaceReclaimed?: number;
}

export async function prune(client: EngineClient, input: PruneArgs): Promise<PruneResult> {
  if (input.all && (await engineKind(client)) === 'podman') return podmanPruneAll(client, input.filters);
  // The docker CLI always sends dangling=true|false.
  const filters = filtersJson(input.filters, { dangling: [String(!input.all)] });
  const report = await client.json<PruneReport>({ method: 'POST', path: '/images/prune', query: { filters }, timeoutMs: 600_000 });
  return { records: deleteRecords(report?.ImagesDeleted), reclaimed: Math.max(0, report?.SpaceReclaimed ?? 0) };
}

/**
 * Podman 4.3's compat prune always adds dangling=true (and refuses
 * dangling=false beside it), so `prune -a` goes to its own API, which answers
 * one entry per deleted image.
 */
async function podmanPruneAll(client: EngineClient, filters: readonly string[]): Promise<PruneResult> {
  const entries = await client.json<Array<{ Id: string; Size?: number; Err?: string | null }> | null>({
    method: 'POST',
    path: '/libpod/images/prune',
    query: { all: true, filters: filtersJson(filters) },
    timeoutMs: 600_000,
  });
  const failed = (entries ?? []).find((e) => e.Err);
  if (failed?.Err) throw new BerthError('INTERNAL', failed.Err);
  const done = entries ?? [];
  return { records: done.map((e) => ({ deleted: e.Id })), reclaimed: done.reduce((n, e) => n + Math.max(0, e.Size ?? 0), 0) };
}
