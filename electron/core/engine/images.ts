/**
 * Docker's image commands on an engine's own images, through the Engine API:
 * the same contract methods and row shapes as the embedded store, with the
 * engine's answers and error texts (rmi and prune in rmi.ts and prune.ts).
 */
import type { HistoryRow, ImageList, ImageRow, InspectDoc } from '../../../shared/schemas';
import { expandRows, formatInspectDoc, parseTagTarget } from '../images';
import { familiarName, formatReference } from '../reference';
import type { EngineClient } from './client';
import { filtersJson } from './filters';
import { imagePath } from './image-lookup';
import { fetchImages, normalizeId, rfc3339, toListedImage, type ListedImage } from './image-model';
import { planPrune, prune } from './prune';
import { planRemove, remove } from './rmi';
import type { EngineHandlers } from './types';

type ImageMethods = 'images.list' | 'images.inspect' | 'images.format' | 'images.history' | 'images.tag' | 'images.remove' | 'images.prune';

export function engineImageHandlers(client: EngineClient): Pick<EngineHandlers, ImageMethods> {
  return {
    'images.list': async ({ all, filters }) => listRows((await fetchImages(client, { all, filters: filtersJson(filters) })).map(toListedImage)),
    'images.inspect': ({ ref }) => inspect(client, ref),
    'images.format': async ({ ref, template }) => ({ output: formatInspectDoc(await inspect(client, ref), template) }),
    'images.history': ({ ref }) => history(client, ref),
    'images.tag': ({ ref, target }) => tag(client, ref, target),
    'images.remove': (input) => (input.dryRun ? planRemove(client, input) : remove(client, input)),
    'images.prune': (input) => (input.dryRun ? planPrune(client, input) : prune(client, input)),
  };
}

/**
 * `docker images` rows, newest first, expanded the way the docker CLI does.
 * Images created in the same second come in a random order from dockerd; the
 * ID decides between them so rows stay put across refreshes.
 */
export function listRows(images: readonly ListedImage[]): ImageList {
  const rows: ImageRow[] = [];
  let totalSize = 0;
  const order = (a: ListedImage, b: ListedImage): number => b.createdSec - a.createdSec || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  for (const img of [...images].sort(order)) {
    totalSize += img.size;
    const base = {
      id: img.id,
      created: rfc3339(img.createdSec),
      size: img.size,
      platform: '', // not in the engine's list; inspect has it
      labels: img.labels,
      dangling: img.tags.length === 0,
    };
    rows.push(...expandRows(base, img.tags, img.repoDigests));
  }
  return { rows, totalSize, imageCount: images.length };
}

async function inspect(client: EngineClient, ref: string): Promise<InspectDoc> {
  return client.json<InspectDoc>({ path: `/images/${imagePath(ref)}/json` });
}

interface EngineHistoryEntry {
  Id?: string;
  Created?: number;
  CreatedBy?: string;
  Size?: number;
  Comment?: string;
}

async function history(client: EngineClient, ref: string): Promise<HistoryRow[]> {
  const entries = (await client.json<EngineHistoryEntry[] | null>({ path: `/images/${imagePath(ref)}/history` })) ?? [];
  return entries.map(historyRow);
}

/**
 * The engine already answers newest first, with `<missing>` where it knows no
 * image. It does not say which entries are empty layers (the config's
 * empty_layer); a zero size is what `docker history` shows for those.
 */
export function historyRow(h: EngineHistoryEntry): HistoryRow {
  const id = h.Id && h.Id !== '<missing>' ? normalizeId(h.Id) : '<missing>';
  const size = Math.max(0, h.Size ?? 0);
  return { id, created: rfc3339(h.Created ?? 0), createdBy: h.CreatedBy ?? '', size, comment: h.Comment ?? '', emptyLayer: size === 0 };
}

async function tag(client: EngineClient, source: string, target: string): Promise<{ target: string; moved: boolean }> {
  const ref = parseTagTarget(source, target); // the embedded store's refusals, word for word
  const full = formatReference(ref);
  const idOf = (name: string): Promise<string | null> => inspect(client, name).then((d) => d.Id, () => null);
  const [before, sourceId] = await Promise.all([idOf(full), idOf(source)]);
  await client.json({ method: 'POST', path: `/images/${imagePath(source)}/tag`, query: { repo: familiarName(ref), tag: ref.tag ?? 'latest' } });
  return { target: full, moved: before !== null && before !== sourceId };
}
