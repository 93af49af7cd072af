/**
 * `docker image inspect`: the document dockerd 20.10 (API 1.41) returns,
 * keys in its order. Berth has no graph driver, so `GraphDriver` is left out;
 * `Container`, `ContainerConfig` and `VirtualSize` are kept as 1.41 has them.
 */
import type { InspectDoc } from '../../../shared/schemas';
import { GO_ZERO_TIME, type Snapshot, type StoreImage } from '../store';
import { containerConfig } from './container-config';
import { lookupImage } from './lookup';
import { familiarOf } from './refs';

export function inspectImage(snap: Snapshot, input: string): InspectDoc {
  return inspectDoc(lookupImage(snap, input).image);
}

export function inspectDoc(img: StoreImage): InspectDoc {
  const c = img.config;
  const doc: Record<string, unknown> = {
    Id: img.id,
    RepoTags: img.tags.map(familiarOf),
    RepoDigests: img.repoDigests.map(familiarOf),
    Parent: str(c.parent),
    Comment: str(c.comment),
    Created: img.created.text,
    Container: str(c.container),
    ContainerConfig: containerConfig(c.container_config),
    DockerVersion: str(c.docker_version),
    Author: str(c.author),
    Config: c.config && typeof c.config === 'object' ? containerConfig(c.config) : null,
    Architecture: str(c.architecture),
  };
  if (c.variant) doc.Variant = c.variant;
  doc.Os = str(c.os);
  if (c['os.version']) doc.OsVersion = c['os.version'];
  doc.Size = img.size;
  doc.VirtualSize = img.size;
  const layers = c.rootfs?.diff_ids ?? [];
  doc.RootFS = layers.length ? { Type: str(c.rootfs?.type), Layers: layers } : { Type: str(c.rootfs?.type) };
  doc.Metadata = { LastTagTime: img.meta.lastTagTime ?? GO_ZERO_TIME };
  return doc as InspectDoc;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
