/**
 * The image sources the core knows: the embedded store and the engines found
 * by detection or configured by the user, each with its last known state. An
 * engine that stops answering is marked unreachable (and said so in
 * 'sources.changed'); while watched, it is probed again until it is back.
 */
import { BerthError } from '../../../shared/errors';
import type { Source } from '../../../shared/schemas';
import type { EngineDeps, EngineSource } from '../engine/types';
import type { EventBus } from '../events';
import { readSettings, updateSettings } from '../settings';
import { detectCandidates, type Candidate } from './detect';

export const EMBEDDED: Source = {
  id: 'embedded',
  kind: 'embedded',
  name: 'Berth store',
  endpoint: null,
  origin: 'builtin',
  state: 'connected',
  apiVersion: null,
  error: null,
};

const PROBE_TIMEOUT_MS = 3_000;
const RECONNECT_MS = [1_000, 2_000, 5_000, 10_000];
const RESCAN_MS = 15_000;

export interface SourceRegistryOptions {
  env: NodeJS.ProcessEnv;
  settingsFile: string;
  bus: EventBus;
  /** Loads the engine module on first use (the CLI on the embedded store never needs it). */
  engineDeps(): Promise<EngineDeps>;
}

interface Entry {
  source: Source;
  engine: EngineSource;
  probed: boolean;
  stopWatch?: () => void;
}

export class SourceRegistry {
  private readonly entries = new Map<string, Entry>();
  private candidates: Candidate[] = [];
  private watching = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private reconnectStep = 0;

  constructor(private readonly opts: SourceRegistryOptions) {}

  /** The embedded store first, then every detected or configured engine; probe asks each engine now. */
  async list(probe = false): Promise<Source[]> {
    await this.refreshCandidates();
    const listed = this.candidates.map((c) => this.entries.get(c.id)).filter((e): e is Entry => e !== undefined);
    await Promise.all(listed.filter((e) => probe || !e.probed).map((e) => this.probe(e)));
    return this.snapshot();
  }

  /** The engine behind an id; any valid endpoint works (`berth -H`), listed or not. */
  async engine(id: string): Promise<EngineSource> {
    if (id === 'embedded') throw new BerthError('INTERNAL', 'the embedded store is not an engine');
    const { parseEndpoint } = await import('../engine/endpoint');
    const canonical = parseEndpoint(id).id;
    return (this.entries.get(canonical) ?? (await this.create(canonical))).engine;
  }

  async add(endpoint: string): Promise<Source[]> {
    const { parseEndpoint } = await import('../engine/endpoint');
    const id = parseEndpoint(endpoint).id;
    await updateSettings(this.opts.settingsFile, (s) => ({ ...s, engines: [...s.engines.filter((e) => e !== id), id] }));
    const known = this.entries.get(id);
    if (known) known.probed = false; // added again: ask it afresh
    const sources = await this.list(); // probes what was never asked
    this.publish();
    return sources;
  }

  async remove(id: string): Promise<Source[]> {
    const settings = await readSettings(this.opts.settingsFile);
    if (!settings.engines.includes(id)) {
      const known = this.candidates.find((c) => c.id === id);
      const why = known ? `it was ${known.origin === 'env' ? 'found in DOCKER_HOST' : 'detected'}, not configured` : 'it is not configured';
      throw new BerthError('NOT_FOUND', `cannot remove engine ${id}: ${why}`);
    }
    await updateSettings(this.opts.settingsFile, (s) => ({ ...s, engines: s.engines.filter((e) => e !== id) }));
    const sources = await this.list();
    this.publish();
    return sources;
  }

  /** A call to the engine failed to connect: it went away. */
  markGone(id: string, message: string): void {
    const entry = this.entries.get(id);
    if (!entry || entry.source.state === 'unreachable') return;
    this.setState(entry, 'unreachable', message);
    this.publish();
    // a quiet rescan may be pending: start the quick reconnect attempts now instead
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.reconnectStep = 0;
    this.scheduleReconnect();
  }

  /** GUI hosts: follow engines' events (views refetch) and reconnect engines that went away. */
  watch(): void {
    if (this.watching) return;
    this.watching = true;
    void this.list().then(() => {
      for (const e of this.entries.values()) if (e.source.state === 'connected') this.follow(e);
      this.publish();
      this.scheduleReconnect();
    });
  }

  async close(): Promise<void> {
    this.watching = false;
    clearTimeout(this.reconnectTimer);
    for (const e of this.entries.values()) e.stopWatch?.();
    await Promise.all([...this.entries.values()].map((e) => e.engine.close()));
    this.entries.clear();
  }

  private snapshot(): Source[] {
    const engines = this.candidates.map((c) => this.entries.get(c.id)?.source).filter((s): s is Source => s !== undefined);
    return [EMBEDDED, ...engines];
  }

  private publish(): void {
    this.opts.bus.emit('sources.changed', this.snapshot());
  }

  private async refreshCandidates(): Promise<void> {
    const settings = await readSettings(this.opts.settingsFile);
    this.candidates = detectCandidates(this.opts.env, settings.engines);
    for (const c of this.candidates) {
      const entry = this.entries.get(c.id) ?? (await this.create(c.id, c));
      entry.source = { ...entry.source, origin: c.origin };
    }
  }

  private async create(id: string, candidate?: Candidate): Promise<Entry> {
    const { createEngineSource } = await import('../engine');
    const existing = this.entries.get(id); // created meanwhile by a concurrent call
    if (existing) return existing;
    const kind = candidate?.kind ?? (/podman/.test(id) ? 'podman' : 'docker');
    const entry: Entry = {
      engine: createEngineSource(id, await this.opts.engineDeps()),
      probed: false,
      source: {
        id,
        kind,
        name: kind === 'podman' ? 'Podman Engine' : 'Docker Engine',
        endpoint: id,
        origin: candidate?.origin ?? 'configured',
        state: 'unreachable',
        apiVersion: null,
        error: null,
      },
    };
    this.entries.set(id, entry);
    return entry;
  }

  /** Asks the engine who it is; true when it answered. */
  private async probe(entry: Entry): Promise<boolean> {
    entry.probed = true;
    try {
      entry.engine.client.reset();
      const v = await entry.engine.version(AbortSignal.timeout(PROBE_TIMEOUT_MS));
      entry.source = { ...entry.source, kind: v.kind, name: v.name, apiVersion: v.apiVersion };
      this.setState(entry, 'connected', null);
      return true;
    } catch (e) {
      this.setState(entry, 'unreachable', e instanceof Error ? e.message : String(e));
      return false;
    }
  }

  private setState(entry: Entry, state: Source['state'], error: string | null): void {
    const was = entry.source.state;
    entry.source = { ...entry.source, state, error };
    if (state === 'unreachable') {
      entry.stopWatch?.();
      entry.stopWatch = undefined;
    } else if (was !== 'connected' && this.watching) {
      this.follow(entry);
      this.opts.bus.emit('store.changed', { at: new Date().toISOString(), source: entry.source.id });
    }
  }

  private follow(entry: Entry): void {
    if (entry.stopWatch || !this.watching) return;
    const id = entry.source.id;
    entry.stopWatch = entry.engine.watch({
      onChange: () => this.opts.bus.emit('store.changed', { at: new Date().toISOString(), source: id }),
      onGone: () => {
        entry.stopWatch = undefined;
        this.markGone(id, `Cannot connect to the Docker daemon at ${id}. Is the docker daemon running?`);
      },
    });
  }

  /** While watched: probes engines that are down (backing off), and every RESCAN_MS looks for new sockets. */
  private scheduleReconnect(): void {
    if (!this.watching || this.reconnectTimer) return;
    const anyDown = [...this.listedEntries()].some((e) => e.source.state === 'unreachable');
    if (!anyDown) this.reconnectStep = 0;
    const delay = anyDown ? RECONNECT_MS[Math.min(this.reconnectStep++, RECONNECT_MS.length - 1)]! : RESCAN_MS;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.tick().finally(() => this.scheduleReconnect());
    }, delay);
    this.reconnectTimer.unref();
  }

  private async tick(): Promise<void> {
    const before = JSON.stringify(this.snapshot());
    await this.refreshCandidates().catch(() => undefined);
    const pending = [...this.listedEntries()].filter((e) => e.source.state === 'unreachable' || !e.probed);
    const back = await Promise.all(pending.map((e) => this.probe(e)));
    if (back.some(Boolean)) this.reconnectStep = 0;
    if (JSON.stringify(this.snapshot()) !== before) this.publish();
  }

  private *listedEntries(): Iterable<Entry> {
    for (const c of this.candidates) {
      const e = this.entries.get(c.id);
      if (e) yield e;
    }
  }
}
