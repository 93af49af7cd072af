/**
 * Per-registry authorization: learns the challenge from a 401, then answers
 * later requests with Basic credentials or a Bearer token for the request's
 * scope set (fetched once, cached until expiry, re-fetched for new scopes).
 */
import { BerthError } from '../../../shared/errors';
import { hasPassword, type CredentialProvider, type Credentials } from './credentials-types';
import { fetchToken, TokenCache, type Token } from './token';
import type { Transport } from './transport';
import type { Challenge } from './www-authenticate';

export interface AuthenticatorOptions {
  host: string;
  baseUrl: string;
  transport: Transport;
  credentials?: CredentialProvider | Credentials;
  /** Called when a token server hands out a refresh token (docker login stores it). */
  onRefreshToken?: (token: string) => void;
  /** Ask token servers for a refresh token. */
  offline?: boolean;
}

export interface ChallengeOutcome {
  retry: boolean;
  /** The scopes to use for the retry (the server may name one it needs). */
  scopes: string[];
}

function pickChallenge(challenges: readonly Challenge[]): Challenge | undefined {
  return challenges.find((c) => c.scheme === 'bearer' && c.params.realm) ?? challenges.find((c) => c.scheme === 'basic');
}

export class Authenticator {
  private challenge: Challenge | undefined;
  private credentials: Promise<Credentials | undefined> | undefined;
  private readonly tokens = new TokenCache();
  private readonly pending = new Map<string, Promise<Token>>();
  private readonly origin: string;

  constructor(private readonly opts: AuthenticatorOptions) {
    this.origin = new URL(opts.baseUrl).origin;
  }

  private creds(): Promise<Credentials | undefined> {
    const c = this.opts.credentials;
    this.credentials ??= typeof c === 'function' ? c(this.opts.host) : Promise.resolve(c);
    return this.credentials;
  }

  /** The Authorization value for a request to url, or undefined (other origin, or no challenge seen yet). */
  async authorization(url: string, scopes: readonly string[], signal?: AbortSignal): Promise<string | undefined> {
    if (!this.challenge || new URL(url).origin !== this.origin) return undefined;
    const creds = await this.creds();
    if (this.challenge.scheme === 'basic') {
      return hasPassword(creds) ? 'Basic ' + Buffer.from(`${creds.username}:${creds.password}`).toString('base64') : undefined;
    }
    if (creds?.registryToken) return `Bearer ${creds.registryToken}`;
    return `Bearer ${(await this.token(scopes, creds, signal)).token}`;
  }

  private async token(scopes: readonly string[], creds: Credentials | undefined, signal: AbortSignal | undefined): Promise<Token> {
    const { realm = '', service } = (this.challenge as Challenge).params;
    const key = TokenCache.key(realm, service, scopes);
    const cached = this.tokens.get(key);
    if (cached) return cached;
    let p = this.pending.get(key);
    if (!p) {
      p = fetchToken(this.opts.transport, {
        realm,
        ...(service !== undefined ? { service } : {}),
        scopes,
        ...(creds?.username ? { username: creds.username } : {}),
        ...(creds?.password !== undefined && creds.username ? { password: creds.password } : {}),
        ...(creds?.identityToken ? { refreshToken: creds.identityToken } : {}),
        ...(this.opts.offline ? { offline: true } : {}),
        ...(signal ? { signal } : {}),
      }).then((t) => {
        this.tokens.set(key, t);
        if (t.refreshToken) this.opts.onRefreshToken?.(t.refreshToken);
        return t;
      });
      this.pending.set(key, p);
      void p.finally(() => this.pending.delete(key)).catch(() => undefined);
    }
    return p;
  }

  /**
   * Learns from a 401 to a request sent with sentAuth (its Authorization value,
   * or undefined). retry is true when a new attempt may succeed: a new or
   * changed challenge, a scope the server asked for, or a stale cached token.
   */
  async onUnauthorized(challenges: readonly Challenge[], scopes: readonly string[], sentAuth: string | undefined): Promise<ChallengeOutcome> {
    const next = pickChallenge(challenges);
    if (!next) return { retry: false, scopes: [...scopes] };
    const changed = JSON.stringify(next) !== JSON.stringify(this.challenge);
    this.challenge = next;
    const wanted = next.params.scope ? next.params.scope.split(' ').filter((s) => s !== '') : [];
    const merged = [...new Set([...scopes, ...wanted])];
    const creds = await this.creds();
    if (next.scheme === 'basic') return { retry: hasPassword(creds) && (changed || sentAuth === undefined), scopes: merged };
    // Forget the token this request sent, not one that a request which met the
    // same stale token has fetched since: requests in flight share one re-fetch.
    if (sentAuth !== undefined) this.tokens.forget(TokenCache.key(next.params.realm ?? '', next.params.service, scopes), sentAuth.replace(/^Bearer /, ''));
    const newScope = merged.length !== scopes.length;
    return { retry: changed || newScope || sentAuth === undefined || creds?.registryToken === undefined, scopes: merged };
  }
}

export function authRequired(message = 'unauthorized: authentication required'): BerthError {
  return new BerthError('AUTH_REQUIRED', message);
}
