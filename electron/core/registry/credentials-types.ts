/** What the registry client can authenticate with. Never logged, never put in messages. */
export interface Credentials {
  username?: string;
  password?: string;
  /** OAuth2 refresh token ("identitytoken" in config.json). */
  identityToken?: string;
  /** A bearer token used as-is ("registrytoken" in config.json). */
  registryToken?: string;
}

/** Looks up credentials for a registry host ("docker.io", "127.0.0.1:5000"). */
export type CredentialProvider = (host: string) => Promise<Credentials | undefined>;

export function hasPassword(c: Credentials | undefined): c is Credentials & { username: string; password: string } {
  return c?.username !== undefined && c.username !== '' && c.password !== undefined;
}
