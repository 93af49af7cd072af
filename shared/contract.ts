import { z } from 'zod';
import { ErrorPayload } from './errors';
import { Job } from './jobs';
import {
  AppInfo,
  CommitResult,
  ContainerRow,
  FsckReport,
  HistoryRow,
  ImageList,
  InspectDoc,
  ParsedReference,
  PruneResult,
  RemoteImage,
  RemoveResult,
  Source,
  SourceId,
} from './schemas';

/**
 * The one contract between the renderer and the main process (Electron IPC or
 * the browser host's WebSocket). Channel names, method names, input and output
 * schemas live here and nowhere else.
 */

const Ref = z.string().min(1).max(4096);
const Filters = z.array(z.string().max(4096)).max(64).default([]);
/** Which image source a call works on: the embedded store unless a Docker-API engine is named. */
const OnSource = { source: SourceId.default('embedded') };
const RegistryEntry = z.object({
  host: z.string(), // 'docker.io' or host[:port]
  hub: z.boolean(),
  insecure: z.boolean(), // plain HTTP (loopback hosts always are, as in Docker)
  loggedIn: z.boolean(),
  username: z.string().nullable(), // null when logged in with a token only
});

export const methods = {
  'app.info': {
    input: z.object({}).strict(),
    output: AppInfo,
  },
  'reference.parse': {
    input: z.object({ input: z.string().max(4096) }).strict(),
    output: ParsedReference,
  },
  'images.list': {
    input: z.object({ ...OnSource, all: z.boolean().default(false), filters: Filters }).strict(),
    output: ImageList,
  },
  'images.inspect': {
    input: z.object({ ...OnSource, ref: Ref }).strict(),
    output: InspectDoc,
  },
  'images.format': {
    // Renders a docker `-f` template against an image's inspect document.
    input: z.object({ ...OnSource, ref: Ref, template: z.string().max(65536) }).strict(),
    output: z.object({ output: z.string() }),
  },
  'images.history': {
    input: z.object({ ...OnSource, ref: Ref }).strict(),
    output: z.array(HistoryRow),
  },
  'images.tag': {
    input: z.object({ ...OnSource, ref: Ref, target: Ref }).strict(), // docker tag SOURCE_IMAGE TARGET_IMAGE
    output: z.object({ target: z.string(), moved: z.boolean() }),
  },
  'images.remove': {
    input: z
      .object({ ...OnSource,
        refs: z.array(Ref).min(1).max(10000),
        force: z.boolean().default(false),
        noPrune: z.boolean().default(false),
        dryRun: z.boolean().default(false),
      })
      .strict(),
    output: RemoveResult,
  },
  'images.prune': {
    input: z
      .object({ ...OnSource, all: z.boolean().default(false), filters: Filters, dryRun: z.boolean().default(false) })
      .strict(),
    output: PruneResult,
  },
  'store.fsck': {
    input: z.object({}).strict(),
    output: FsckReport,
  },
  'images.pull': {
    input: z
      .object({ ...OnSource,
        ref: Ref,
        platform: z.string().max(100).optional(), // os[/arch[/variant]]; host default when absent
        allTags: z.boolean().default(false),
      })
      .strict(),
    output: z.object({ jobId: z.string() }),
  },
  'images.push': {
    input: z.object({ ...OnSource, ref: Ref, allTags: z.boolean().default(false) }).strict(),
    output: z.object({ jobId: z.string() }),
  },
  'images.copy': {
    // Copies images between sources (embedded → engine, engine → embedded, engine → engine) as a job.
    input: z.object({ from: SourceId, to: SourceId, refs: z.array(Ref).min(1).max(1000) }).strict(),
    output: z.object({ jobId: z.string() }),
  },
  'sources.list': {
    // The embedded store, DOCKER_HOST, well-known Docker/Podman sockets and configured endpoints. probe: ask each engine now.
    input: z.object({ probe: z.boolean().default(false) }).strict(),
    output: z.array(Source),
  },
  'sources.add': {
    // A configured engine endpoint: unix:///path.sock or tcp://127.0.0.1:PORT (loopback only: no TLS here).
    input: z.object({ endpoint: z.string().min(1).max(1024) }).strict(),
    output: z.array(Source),
  },
  'sources.remove': {
    input: z.object({ id: SourceId }).strict(),
    output: z.array(Source),
  },
  'containers.list': {
    // An engine's containers (all states), or those created from one image when `image` is given.
    input: z.object({ source: SourceId, image: Ref.optional() }).strict(),
    output: z.array(ContainerRow),
  },
  'containers.commit': {
    // docker commit [-a AUTHOR] [-m MESSAGE] [-c CHANGE]… [--pause] CONTAINER [REPOSITORY[:TAG]]
    input: z
      .object({
        source: SourceId,
        container: z.string().min(1).max(256),
        reference: Ref.optional(),
        author: z.string().max(4096).optional(),
        message: z.string().max(65536).optional(),
        changes: z.array(z.string().max(65536)).max(256).default([]),
        pause: z.boolean().default(true),
      })
      .strict(),
    output: CommitResult,
  },
  'jobs.list': {
    input: z.object({}).strict(),
    output: z.array(Job),
  },
  'jobs.cancel': {
    input: z.object({ id: z.string().max(100) }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  },
  'registry.tags': {
    // Tags of a remote repository, for completion and browsing (all pages).
    input: z.object({ repository: Ref }).strict(),
    output: z.object({ repository: z.string(), tags: z.array(z.string()) }),
  },
  'registry.inspect': {
    // A remote reference without pulling it: platforms of an index, or one manifest's details.
    input: z.object({ ref: Ref, platform: z.string().max(100).optional() }).strict(),
    output: RemoteImage,
  },
  'registry.search': {
    // docker search: Hub's v1 search, a registry's own v1 search, or its catalog by substring (no stars).
    input: z
      .object({
        term: z.string().max(4096),
        limit: z.number().int().min(-1e9).max(1e9).default(0), // 0 = Docker's default, 25; else 1..100 or Docker's range error
        filters: Filters, // stars=N, is-official=BOOL, is-automated=BOOL
        registry: z.string().max(1024).optional(), // search this registry (host[:port]) instead of the one the term names
      })
      .strict(),
    output: z.object({
      registry: z.string(), // host searched ('docker.io' for Hub)
      source: z.enum(['v1', 'catalog']),
      results: z.array(
        z.object({
          name: z.string(),
          description: z.string(),
          starCount: z.number().int().nonnegative().nullable(), // null: matched in a catalog, which has no stars
          isOfficial: z.boolean(),
          isAutomated: z.boolean(), // false always, as Docker reports it since the filter's deprecation
        }),
      ),
    }),
  },
  'registry.list': {
    // Docker Hub and the configured registries; credentials never leave the core, only who is logged in.
    input: z.object({}).strict(),
    output: z.array(RegistryEntry),
  },
  'registry.add': {
    input: z.object({ address: z.string().min(1).max(1024), insecure: z.boolean().default(false) }).strict(),
    output: z.array(RegistryEntry),
  },
  'registry.remove': {
    input: z.object({ host: z.string().min(1).max(1024) }).strict(),
    output: z.array(RegistryEntry),
  },
  'registry.login': {
    // The password goes to Docker's config.json or credential helper; nothing secret comes back.
    input: z
      .object({ registry: z.string().max(1024).default(''), username: z.string().min(1).max(1024), password: z.string().max(65536) })
      .strict(),
    output: z.object({
      status: z.literal('Login Succeeded'),
      serverAddress: z.string(), // the config key: 'https://index.docker.io/v1/' for Hub
      username: z.string(),
      plainTextPath: z.string().nullable(), // config.json path when the secret sits there unencrypted
      helper: z.string().nullable(),
    }),
  },
  'registry.logout': {
    input: z.object({ registry: z.string().max(1024).default('') }).strict(),
    output: z.object({ serverAddress: z.string(), removed: z.boolean() }),
  },
  'images.save': {
    // docker save to a file the user picked (native dialog; the browser host streams a download instead).
    input: z
      .object({ ...OnSource,
        refs: z.array(Ref).min(1).max(1000),
        format: z.enum(['docker', 'oci']).default('docker'), // Docker 25's layout, or an OCI archive with blobs as stored
        path: z.string().min(1).max(4096),
      })
      .strict(),
    output: z.object({ jobId: z.string() }),
  },
  'images.load': {
    // docker load from a docker-archive or OCI archive, plain or gzip/xz/zstd.
    input: z.object({ ...OnSource, path: z.string().min(1).max(4096) }).strict(),
    output: z.object({ jobId: z.string() }),
  },
  'images.import': {
    // docker import of a rootfs tarball: one layer, config from Dockerfile-style changes.
    input: z
      .object({ ...OnSource,
        path: z.string().min(1).max(4096),
        reference: Ref.optional(), // REPOSITORY[:TAG]
        changes: z.array(z.string().max(65536)).max(256).default([]),
        message: z.string().max(65536).optional(),
        platform: z.string().max(100).optional(),
      })
      .strict(),
    output: z.object({ jobId: z.string() }),
  },
  'host.pickSavePath': {
    // The desktop app's native save dialog (Electron main answers it); null when cancelled.
    input: z.object({ suggestedName: z.string().max(255) }).strict(),
    output: z.object({ path: z.string().nullable() }),
  },
} as const;

export const events = {
  /** A source's images changed (the embedded store from this process or another, or an engine's events); views showing it refetch. */
  'store.changed': z.object({ at: z.string(), source: SourceId }),
  /** A source appeared, went away or came back; the payload is the whole list. */
  'sources.changed': z.array(Source),
  /** A job changed; the payload is its whole snapshot (throttled while bytes flow). */
  'job.updated': Job,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isMethodName(s: unknown): s is MethodName {
  return typeof s === 'string' && Object.hasOwn(methods, s);
}
export function isEventName(s: unknown): s is EventName {
  return typeof s === 'string' && Object.hasOwn(events, s);
}

/** Errors cross the IPC hop as data: Electron's invoke would flatten a thrown error to a string. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

export const ResultEnvelope = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorPayload }),
]);

export { CHANNELS } from './channels';

/** What the renderer sees, whichever transport carries it. */
export interface BerthApi {
  invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  subscribe<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): () => void;
  /** Electron only: the filesystem path of a File the user picked or dropped (the sandbox hides it otherwise). */
  pathForFile?(file: File): string;
}

/** The browser host's WebSocket frames. */
export const WsClientFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('invoke'), id: z.number().int(), method: z.string(), input: z.unknown() }),
  z.object({ type: z.literal('subscribe'), event: z.string() }),
]);
export type WsClientFrame = z.infer<typeof WsClientFrame>;

export type WsServerFrame =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: EventName; payload: unknown };
