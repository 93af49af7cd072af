/**
 * What every remote operation needs: the environment, Berth's settings file
 * (configured registries, their insecure flag), Docker's credential store,
 * and registry clients built from all three. Settings are read on each use
 * so a change made by the CLI or another window applies at once.
 */
import { DockerCredentialStore } from '../registry/credential-store';
import { RegistryClient } from '../registry/client';
import type { HostOptions } from '../registry/hosts';
import { insecureHosts, readSettings, settingsPath } from '../settings';

export interface RemoteContextOptions {
  env?: NodeJS.ProcessEnv;
  /** settings.json location. Default: settingsPath(env). */
  settingsFile?: string;
  credentials?: DockerCredentialStore;
}

export class RemoteContext {
  readonly env: NodeJS.ProcessEnv;
  readonly settingsFile: string;
  readonly credentials: DockerCredentialStore;

  constructor(opts: RemoteContextOptions = {}) {
    this.env = opts.env ?? process.env;
    this.settingsFile = opts.settingsFile ?? settingsPath(this.env);
    this.credentials = opts.credentials ?? new DockerCredentialStore({ env: this.env });
  }

  /** Insecure registries from settings (BERTH_INSECURE_REGISTRIES is added by the client itself). */
  async hostOptions(): Promise<HostOptions> {
    return { insecureRegistries: insecureHosts(await readSettings(this.settingsFile)), env: this.env };
  }

  /** A client for host with the user's Docker credentials and the configured insecure registries. */
  clientFor(host: string, hostOptions: HostOptions): RegistryClient {
    return new RegistryClient({ ...hostOptions, host, credentials: this.credentials.provider() });
  }

  async client(host: string): Promise<RegistryClient> {
    return this.clientFor(host, await this.hostOptions());
  }
}
