/**
 * What an engine source gives the core: the same contract handlers as the
 * embedded store (on the engine's own images), its containers, an archive
 * port for copies between sources, and a watch on its events.
 */
import type { Handlers } from '../api/dispatch';
import type { EventBus } from '../events';
import type { JobReporter, JobRunner } from '../jobs';
import type { RemoteContext } from '../remote';
import type { EngineClient, EngineVersion } from './client';

/** Contract methods that take `source` and mean the same on every source. */
export const SOURCED_METHODS = [
  'images.list',
  'images.inspect',
  'images.format',
  'images.history',
  'images.tag',
  'images.remove',
  'images.prune',
  'images.pull',
  'images.push',
  'images.save',
  'images.load',
  'images.import',
] as const;
export type SourcedMethod = (typeof SOURCED_METHODS)[number];

export const CONTAINER_METHODS = ['containers.list', 'containers.commit'] as const;
export type ContainerMethod = (typeof CONTAINER_METHODS)[number];

export type EngineHandlers = Pick<Handlers, SourcedMethod | ContainerMethod>;

/** Images in and out of a source as a docker-archive stream: what a copy between sources moves. */
export interface ArchivePort {
  /** A docker-archive (`docker save` layout) of refs; the stream ends when the archive is complete. */
  exportImages(refs: readonly string[], signal: AbortSignal): Promise<AsyncIterable<Uint8Array>>;
  /** Loads a docker-archive stream; reports Docker's load lines on job; returns what it loaded. */
  importImages(archive: AsyncIterable<Uint8Array>, job: JobReporter): Promise<{ imageIds: string[]; references: string[] }>;
  /** Moves a name the load gave (`loaded`) to the one that was meant (`wanted`); for engines that rename on load. */
  rename?(loaded: string, wanted: string, signal: AbortSignal): Promise<void>;
}

export interface EngineDeps {
  runner: JobRunner;
  bus: EventBus;
  /** Registry credentials for X-Registry-Auth (pull/push through the engine); never sent anywhere else. */
  remote: RemoteContext;
}

export interface EngineSource {
  readonly id: string;
  readonly client: EngineClient;
  readonly handlers: EngineHandlers;
  readonly archive: ArchivePort;
  /** The engine's identity (probes the engine). */
  version(signal?: AbortSignal): Promise<EngineVersion>;
  /**
   * Follows the engine's image and container events: onChange after each one
   * that can change an image view, onGone once when the stream breaks (the
   * engine went away). Returns a stop function.
   */
  watch(handlers: { onChange(): void; onGone(error: Error): void }): () => void;
  close(): Promise<void>;
}
