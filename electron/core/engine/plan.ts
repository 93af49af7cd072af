/**
 * A model of an engine's images and containers that rmi and prune dry runs
 * edit instead of the engine: built from one GET /images/json?all=true and one
 * GET /containers/json?all=1, so each argument sees what the previous ones
 * would have done. Nothing here talks to the engine.
 */
import { BerthError } from '../../../shared/errors';
import type { DeleteRecord } from '../../../shared/schemas';
import { lookupImage } from '../images';
import type { ContainerSummary, ListedImage } from './image-model';

export interface PlanImage extends ListedImage {
  /** Dropped by an earlier step of the plan. */
  gone: boolean;
}

export class Plan {
  readonly images = new Map<string, PlanImage>();
  readonly byTag = new Map<string, PlanImage>();
  private readonly children = new Map<string, Set<string>>();
  private readonly usedBy = new Map<string, ContainerSummary[]>();
  /** Sizes of the images the plan deleted, for the reclaimed estimate. */
  private deletedBytes = 0;
  /** IDs of the containers the plan removed with their images. */
  readonly removedContainers: string[] = [];

  constructor(images: readonly ListedImage[], containers: readonly ContainerSummary[]) {
    for (const img of images) {
      const copy: PlanImage = { ...img, tags: [...img.tags], repoDigests: [...img.repoDigests], names: [...img.names], gone: false };
      this.images.set(copy.id, copy);
      for (const t of copy.tags) this.byTag.set(t, copy);
    }
    for (const img of this.images.values()) {
      if (img.parentId && this.images.has(img.parentId)) this.childrenOf(img.parentId).add(img.id);
    }
    for (const c of containers) {
      const id = c.ImageID ?? '';
      this.usedBy.set(id, [...(this.usedBy.get(id) ?? []), c]);
    }
  }

  private childrenOf(id: string): Set<string> {
    let s = this.children.get(id);
    if (!s) this.children.set(id, (s = new Set()));
    return s;
  }

  /** dockerd's GetImage (and near enough podman's LookupImage) on what is left. */
  find(input: string, notFound: () => BerthError): PlanImage {
    let image: PlanImage;
    try {
      image = lookupImage(this, input).image;
    } catch (e) {
      if (e instanceof BerthError && e.code === 'NOT_FOUND') throw notFound();
      throw e;
    }
    return image;
  }

  /** Tags and digest references left, in dockerd's order (sorted full strings). */
  refs(img: PlanImage): string[] {
    return [...img.tags, ...img.repoDigests].sort();
  }

  hasChildren(img: PlanImage): boolean {
    return (this.children.get(img.id)?.size ?? 0) > 0;
  }

  containersOf(img: PlanImage): ContainerSummary[] {
    return this.usedBy.get(img.id) ?? [];
  }

  /** Podman's forced rmi removes the containers that use the image. */
  removeContainersOf(img: PlanImage): void {
    for (const c of this.containersOf(img)) this.removedContainers.push(c.Id);
    this.usedBy.delete(img.id);
  }

  untag(img: PlanImage, full: string): void {
    if (full.includes('@')) {
      img.repoDigests = img.repoDigests.filter((r) => r !== full);
    } else {
      img.tags = img.tags.filter((r) => r !== full);
      this.byTag.delete(full);
    }
    img.names = img.names.filter((n) => n !== full);
  }

  drop(img: PlanImage): void {
    for (const t of img.tags) this.byTag.delete(t);
    img.tags = [];
    img.repoDigests = [];
    img.names = [];
    img.gone = true;
    this.images.delete(img.id);
    if (img.parentId) this.children.get(img.parentId)?.delete(img.id);
    this.deletedBytes += img.size;
  }

  live(): PlanImage[] {
    return [...this.images.values()];
  }

  /**
   * Bytes the deleted images take, summed from their Size: an estimate. The
   * engines share layers between images (and Size counts shared ones in
   * full), so this can be more than the engine would free.
   */
  reclaimedEstimate(): number {
    return this.deletedBytes;
  }
}

/** Runs each argument on its own, like the engine; a failure is recorded and the rest go on. */
export function planEach(
  refs: readonly string[],
  one: (ref: string) => DeleteRecord[],
): { records: DeleteRecord[]; failures: Array<{ ref: string; code: string; message: string }> } {
  const records: DeleteRecord[] = [];
  const failures: Array<{ ref: string; code: string; message: string }> = [];
  for (const ref of refs) {
    try {
      records.push(...one(ref));
    } catch (e) {
      if (!(e instanceof BerthError)) throw e;
      failures.push({ ref, code: e.code, message: e.message });
    }
  }
  return { records, failures };
}
