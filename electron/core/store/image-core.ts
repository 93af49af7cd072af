/**
 * The immutable part of a local image (ID, config, layers with sizes and
 * chain IDs, created time), derived from blobs only, so it is computed once
 * per top-level digest and reused by every later snapshot: a store with
 * 10,000 tags rebuilds its view from memory after each change.
 */
import { createHash } from 'node:crypto';
import { goTime, type GoTime } from './gotime';
import type { StoreMeta } from './meta';
import { isIndexType, type ConfigDoc, type Descriptor, type Platform } from './oci';
import type { Learned, ResolvedLayer, ResolvedTop, Resolver } from './resolve';

export interface StoreLayer extends ResolvedLayer {
  chainID: string;
}

export interface ImageCore {
  /** sha256:<hex> of the config blob: Docker's image ID. */
  id: string;
  manifestDigest: string;
  config: ConfigDoc;
  configSize: number;
  layers: StoreLayer[];
  /** Sum of the layers' sizes as dockerd/overlay2 counts them. */
  size: number;
  created: GoTime;
  platform: Platform;
  /** Set when some layer could not be measured (e.g. zstd on this Node): its size counts as 0. */
  sizeProblem?: string;
}

const LIMIT = 100_000;

export class CoreCache {
  private readonly cores = new Map<string, ImageCore>();

  constructor(private readonly resolver: Resolver) {}

  /** The cached core for a descriptor, or undefined when it must be resolved (first sight, or an index without a recorded child). */
  peek(top: Descriptor, meta: StoreMeta): ImageCore | undefined {
    return this.cores.get(keyOf(top, meta));
  }

  async get(top: Descriptor, meta: StoreMeta, learned: Learned): Promise<ImageCore> {
    const hit = this.peek(top, meta);
    if (hit) return hit;
    const resolved = await this.resolver.resolve(top, meta, learned);
    const core = coreOf(resolved);
    if (resolved.unmeasured !== undefined) return { ...core, sizeProblem: resolved.unmeasured };
    if (this.cores.size >= LIMIT) this.cores.clear();
    // An index's core is cached under its child, which is only known for sure once recorded.
    const child = learned.tops[top.digest]?.child ?? meta.tops[top.digest]?.child;
    this.cores.set(isIndexType(top.mediaType) ? `${top.digest}|${child}` : top.digest, core);
    return core;
  }
}

function keyOf(top: Descriptor, meta: StoreMeta): string {
  return isIndexType(top.mediaType) ? `${top.digest}|${meta.tops[top.digest]?.child}` : top.digest;
}

function coreOf(r: ResolvedTop): ImageCore {
  const c = r.config;
  const diffIDs = c.rootfs?.diff_ids?.length === r.layers.length ? c.rootfs.diff_ids : r.layers.map((l) => l.diffID);
  const chains = chainIDs(diffIDs);
  const layers = r.layers.map((l, i) => ({ ...l, chainID: chains[i]! }));
  const platform: Platform = { os: c.os ?? '', architecture: c.architecture ?? '' };
  if (c.variant) platform.variant = c.variant;
  return {
    id: r.configDigest,
    manifestDigest: r.manifestDigest,
    config: c,
    configSize: r.configSize,
    layers,
    size: layers.reduce((n, l) => n + l.size, 0),
    created: goTime(c.created),
    platform,
  };
}

/** Docker's layer identity: ChainID(L0) = DiffID(L0), ChainID(Ln) = sha256(ChainID(Ln-1) + " " + DiffID(Ln)). */
export function chainIDs(diffIDs: readonly string[]): string[] {
  const out: string[] = [];
  for (const d of diffIDs) {
    const prev = out[out.length - 1];
    out.push(prev === undefined ? d : `sha256:${createHash('sha256').update(`${prev} ${d}`).digest('hex')}`);
  }
  return out;
}
