import { z } from 'zod';

/** Domain shapes that cross the contract. Docker's field names where Docker has them. */

export const AppInfo = z.object({
  name: z.literal('Berth'),
  version: z.string(),
  storePath: z.string(),
  host: z.enum(['electron', 'browser']),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** One row of `docker images`: one per tag, or one `<none>` row per untagged image. */
export const ImageRow = z.object({
  id: z.string(), // sha256:<64 hex> of the config blob
  repository: z.string(), // familiar name or '<none>'
  tag: z.string(), // tag or '<none>'
  reference: z.string().nullable(), // full normalized reference, null for dangling
  digest: z.string().nullable(), // repo digest (sha256:…) when known
  created: z.string(), // RFC 3339
  size: z.number().int().nonnegative(), // uncompressed bytes, as docker images shows
  sharedSize: z.number().int().nonnegative().optional(),
  uniqueSize: z.number().int().nonnegative().optional(),
  platform: z.string(), // os/arch[/variant]
  labels: z.record(z.string(), z.string()),
  dangling: z.boolean(),
});
export type ImageRow = z.infer<typeof ImageRow>;

export const ImageList = z.object({
  rows: z.array(ImageRow),
  totalSize: z.number().int().nonnegative(),
  imageCount: z.number().int().nonnegative(),
});
export type ImageList = z.infer<typeof ImageList>;

export const HistoryRow = z.object({
  id: z.string(), // image ID on the top row, '<missing>' below, as Docker shows
  created: z.string(),
  createdBy: z.string(),
  size: z.number().int().nonnegative(),
  comment: z.string(),
  emptyLayer: z.boolean(),
});
export type HistoryRow = z.infer<typeof HistoryRow>;

/** Docker's rmi/prune records: each line is either `Untagged: X` or `Deleted: sha256:…`. */
export const DeleteRecord = z.union([
  z.object({ untagged: z.string() }),
  z.object({ deleted: z.string() }),
]);
export type DeleteRecord = z.infer<typeof DeleteRecord>;

export const RemoveFailure = z.object({
  ref: z.string(),
  code: z.string(),
  message: z.string(),
});

export const RemoveResult = z.object({
  records: z.array(DeleteRecord),
  failures: z.array(RemoveFailure),
  /** Blob bytes freed on disk (for a dry run: that would be freed). */
  reclaimed: z.number().int().nonnegative(),
  /** IDs of containers removed with the images (would be, for a dry run): podman's forced rmi removes an image's containers. */
  containersRemoved: z.array(z.string()).default([]),
});
export type RemoveResult = z.infer<typeof RemoveResult>;

export const PruneResult = z.object({
  records: z.array(DeleteRecord),
  reclaimed: z.number().int().nonnegative(),
});
export type PruneResult = z.infer<typeof PruneResult>;

export const ParsedReference = z.object({
  input: z.string(),
  normalized: z.string(), // docker.io/library/ubuntu:latest
  familiar: z.string(), // ubuntu:latest
  domain: z.string(),
  path: z.string(),
  tag: z.string().nullable(),
  digest: z.string().nullable(),
});
export type ParsedReference = z.infer<typeof ParsedReference>;

export const FsckProblem = z.object({
  kind: z.string(),
  subject: z.string(),
  message: z.string(),
});
export const FsckReport = z.object({
  ok: z.boolean(),
  blobsChecked: z.number().int().nonnegative(),
  refsChecked: z.number().int().nonnegative(),
  problems: z.array(FsckProblem),
});
export type FsckReport = z.infer<typeof FsckReport>;

/** Docker's inspect JSON; kept open because Config and Metadata carry free-form maps. */
export const InspectDoc = z.looseObject({
  Id: z.string(),
  RepoTags: z.array(z.string()),
  RepoDigests: z.array(z.string()),
});
export type InspectDoc = z.infer<typeof InspectDoc>;

export const RemotePlatform = z.object({
  os: z.string(),
  architecture: z.string(),
  variant: z.string().optional(),
  digest: z.string(),
  size: z.number().int().nonnegative(),
});

/** What a registry says about a reference, read without pulling it. */
export const RemoteImage = z.object({
  reference: z.string(), // full normalized
  digest: z.string(), // what the reference resolves to (index or manifest)
  mediaType: z.string(),
  platforms: z.array(RemotePlatform), // empty for a single manifest
  image: z
    .object({
      digest: z.string(), // the platform manifest described below
      configDigest: z.string(),
      os: z.string(),
      architecture: z.string(),
      variant: z.string().optional(),
      created: z.string().nullable(),
      compressedSize: z.number().int().nonnegative(),
      layers: z.array(z.object({ digest: z.string(), size: z.number().int().nonnegative(), mediaType: z.string() })),
      labels: z.record(z.string(), z.string()),
      history: z.array(z.object({ created: z.string().nullable(), createdBy: z.string(), emptyLayer: z.boolean() })),
    })
    .nullable(),
});
export type RemoteImage = z.infer<typeof RemoteImage>;

/** 'embedded' (Berth's own store) or a Docker-API endpoint: unix:///path.sock or tcp://127.0.0.1:PORT. */
export const SourceId = z.string().min(1).max(1024);
export type SourceId = z.infer<typeof SourceId>;

/** An image source: the embedded store, or a Docker or Podman engine reached through the Docker Engine API. */
export const Source = z.object({
  id: SourceId,
  kind: z.enum(['embedded', 'docker', 'podman']),
  name: z.string(), // what the switcher shows: 'Berth store', 'Docker Engine 20.10.24', 'Podman Engine 4.3.1'
  endpoint: z.string().nullable(), // null for the embedded store
  /** How Berth found it: DOCKER_HOST, a well-known socket, or the user's settings. */
  origin: z.enum(['builtin', 'env', 'detected', 'configured']),
  state: z.enum(['connected', 'unreachable']),
  apiVersion: z.string().nullable(), // the negotiated Docker API version, e.g. '1.41'
  error: z.string().nullable(), // why it is unreachable, in Docker's words
});
export type Source = z.infer<typeof Source>;

/** A container, as far as images care: which image it uses and whether it runs. */
export const ContainerRow = z.object({
  id: z.string(), // 64 hex
  names: z.array(z.string()), // without Docker's leading '/'
  image: z.string(), // what it was created from, as the engine reports it
  imageId: z.string(), // sha256:…
  command: z.string(),
  created: z.string(), // RFC 3339
  state: z.string(), // 'running', 'exited', 'created', 'paused', …
  status: z.string(), // the engine's own words: 'Exited (0) 2 minutes ago'
});
export type ContainerRow = z.infer<typeof ContainerRow>;

export const CommitResult = z.object({
  id: z.string(), // sha256:… of the new image
  reference: z.string().nullable(), // full normalized reference when one was given
});
export type CommitResult = z.infer<typeof CommitResult>;
