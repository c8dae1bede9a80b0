/**
 * Registry authentication: the anonymous or credentialed Bearer token flow that Docker Hub, GHCR and
 * quay use (a 401 with `WWW-Authenticate: Bearer realm=…,service=…`, a token from the realm, the request
 * again with the token), and Basic.
 *
 * Where secrets go:
 * - a token goes only to the registry host it was issued for;
 * - the user's credentials for a registry go only to that registry (Basic) or to the realm it names;
 * - a realm must be https, unless it is on a loopback address or a host the user listed as insecure: a
 *   plain-http realm elsewhere is refused before anything is sent to it.
 */
import { RegistryError } from '../core/registry-error';
import type { Challenge } from './challenge';
import type { CredentialStore, Credentials } from './credentials';
import { isListedInsecure, isLoopbackHostname } from './hosts';
import { capital } from './transport';
import type { Transport } from './transport';

/** Largest token answer read. */
const MAX_TOKEN_BYTES = 1024 * 1024;
/** Docker's rule: a token is good for at least 60 s whatever `expires_in` says. */
const MIN_TOKEN_SECONDS = 60;

export interface AuthContext {
  transport: Transport;
  credentials: CredentialStore;
  insecureRegistries: readonly string[];
  signal?: AbortSignal;
  deadline: number;
}

/** How a registry host wants to be spoken to, learnt from its first 401. */
export type HostAuth = { scheme: 'bearer'; realm: URL; service?: string } | { scheme: 'basic' };

interface CachedToken {
  token: string;
  expiresAt: number;
}

/** Checks a realm before any request goes to it. Throws `refused-realm`. */
export function checkRealm(realmText: string, registryHost: string, insecure: readonly string[]): URL {
  let realm: URL;
  try {
    realm = new URL(realmText);
  } catch {
    throw new RegistryError('refused-realm', `The registry ${registryHost} names a token service that is not a URL ("${realmText}"); nothing was sent to it.`, {
      registry: registryHost,
    });
  }
  if (realm.protocol !== 'https:' && realm.protocol !== 'http:') {
    throw new RegistryError('refused-realm', `The registry ${registryHost} names a token service with the scheme "${realm.protocol}"; only https is used.`, {
      registry: registryHost,
    });
  }
  if (realm.username || realm.password) {
    throw new RegistryError('refused-realm', `The registry ${registryHost} names a token service URL with credentials in it; it was not used.`, { registry: registryHost });
  }
  if (realm.protocol === 'http:' && !isLoopbackHostname(realm.hostname) && !isListedInsecure(realm.host, insecure)) {
    throw new RegistryError(
      'refused-realm',
      `The registry ${registryHost} sends Container Lens to the token service ${realm.host} over plain HTTP, which would expose credentials and tokens; it was refused and nothing was sent to it.`,
      { registry: registryHost },
    );
  }
  return realm;
}

/** Tokens and per-host auth knowledge for one resolver. */
export class AuthCache {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<string>>();
  private readonly hosts = new Map<string, HostAuth>();

  /** What the host asked for last time, so the next request can carry auth at once (no 401 round trip). */
  hostAuth(host: string): HostAuth | undefined {
    return this.hosts.get(host);
  }

  /** Build the `Authorization` header for `host` and `scope` from what is known, or undefined. */
  async header(host: string, domain: string, scope: string, ctx: AuthContext): Promise<string | undefined> {
    const known = this.hosts.get(host);
    if (!known) return undefined;
    if (known.scheme === 'basic') {
      const creds = await ctx.credentials.lookup(domain);
      return creds?.username ? basicHeader(creds) : undefined;
    }
    return `Bearer ${await this.token(host, domain, known.realm, known.service, scope, ctx)}`;
  }

  /**
   * Answer a 401: learn the scheme from the challenges and return the header to retry with. Throws
   * `unauthorized` when nothing can be sent (Basic without credentials) and `refused-realm`.
   */
  async answer(host: string, domain: string, path: string, scope: string, challenges: Challenge[], ctx: AuthContext, who: string): Promise<string> {
    const bearer = challenges.find((c) => c.scheme === 'bearer');
    const basic = challenges.find((c) => c.scheme === 'basic');
    if (bearer) {
      const realmText = bearer.params.realm;
      if (!realmText) {
        throw new RegistryError('bad-response', `${capital(who)} asked for a Bearer token but named no token service (no realm in WWW-Authenticate).`, { registry: domain });
      }
      const realm = checkRealm(realmText, domain, ctx.insecureRegistries);
      this.hosts.set(host, { scheme: 'bearer', realm, ...(bearer.params.service !== undefined ? { service: bearer.params.service } : {}) });
      this.tokens.delete(tokenKey(host, scope));
      return `Bearer ${await this.token(host, domain, realm, bearer.params.service, scope, ctx)}`;
    }
    if (basic) {
      this.hosts.set(host, { scheme: 'basic' });
      const creds = await ctx.credentials.lookup(domain);
      if (!creds?.username || creds.password === undefined) throw needsLogin(domain, path, who);
      return basicHeader(creds);
    }
    const schemes = challenges.map((c) => c.scheme).join(', ');
    throw new RegistryError(
      'unauthorized',
      schemes
        ? `${capital(who)} asks for ${schemes} authentication, which Container Lens does not support (only Bearer tokens and Basic).`
        : `${capital(who)} answered 401 Unauthorized without saying how to authenticate (no usable WWW-Authenticate header).`,
      { registry: domain, status: 401 },
    );
  }

  /** The host refused what we sent: forget it, so the next try starts over. */
  forget(host: string, scope: string): void {
    this.tokens.delete(tokenKey(host, scope));
  }

  private token(host: string, domain: string, realm: URL, service: string | undefined, scope: string, ctx: AuthContext): Promise<string> {
    const key = tokenKey(host, scope);
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > Date.now()) return Promise.resolve(cached.token);
    let p = this.pending.get(key);
    if (!p) {
      p = fetchToken(domain, realm, service, scope, ctx).then((t) => {
        this.tokens.set(key, t);
        return t.token;
      });
      this.pending.set(key, p);
      const clear = () => this.pending.delete(key);
      p.then(clear, clear);
    }
    return p;
  }

  clear(): void {
    this.tokens.clear();
    this.hosts.clear();
  }
}

function tokenKey(host: string, scope: string): string {
  return `${host} ${scope}`;
}

function basicHeader(creds: Credentials): string {
  return `Basic ${Buffer.from(`${creds.username}:${creds.password ?? ''}`).toString('base64')}`;
}

export function needsLogin(domain: string, path: string, who: string): RegistryError {
  return new RegistryError(
    'unauthorized',
    `${capital(who)} needs credentials to read ${path}. Log in with \`docker login${domain === 'docker.io' ? '' : ` ${domain}`}\` (Container Lens reads the docker CLI's stored credentials).`,
    { registry: domain, status: 401 },
  );
}

async function fetchToken(domain: string, realm: URL, service: string | undefined, scope: string, ctx: AuthContext): Promise<CachedToken> {
  const creds = await ctx.credentials.lookup(domain);
  if (creds?.registryToken) return { token: creds.registryToken, expiresAt: Date.now() + MIN_TOKEN_SECONDS * 1000 };
  const who = `the token service ${realm.host}`;
  const url = new URL(realm.href);
  const common = {
    signal: ctx.signal,
    deadline: ctx.deadline,
    maxBytes: MAX_TOKEN_BYTES,
    insecureTls: isListedInsecure(realm.host, ctx.insecureRegistries),
    who,
    registry: domain,
  };
  let res;
  if (creds?.identityToken) {
    // an OAuth refresh token: exchanged with a form POST (the docker CLI's way for `identitytoken`)
    const form = new URLSearchParams({ grant_type: 'refresh_token', client_id: 'container-lens', refresh_token: creds.identityToken, scope });
    if (service !== undefined) form.set('service', service);
    res = await ctx.transport.send(url, { ...common, method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form.toString() });
  } else {
    if (service !== undefined) url.searchParams.set('service', service);
    url.searchParams.append('scope', scope);
    const headers: Record<string, string> = {};
    if (creds?.username) headers.Authorization = basicHeader(creds);
    res = await ctx.transport.send(url, { ...common, method: 'GET', headers });
  }
  if (res.status === 401 || res.status === 403) {
    throw new RegistryError(
      'unauthorized',
      creds
        ? `${capital(who)} refused the credentials from ${creds.from} for ${domain}. Log in again with \`docker login${domain === 'docker.io' ? '' : ` ${domain}`}\`.`
        : `${capital(who)} gives no anonymous access to ${scope.split(':')[1] ?? 'this repository'}: it is private or does not exist. Log in with \`docker login${domain === 'docker.io' ? '' : ` ${domain}`}\` if you have access.`,
      { registry: domain, status: res.status },
    );
  }
  if (res.status === 429) {
    throw new RegistryError('rate-limited', `${capital(who)} is rate limiting token requests; wait a while and try again.`, { registry: domain, status: 429 });
  }
  if (res.status !== 200) {
    throw new RegistryError('bad-response', `${capital(who)} answered ${res.status} to a token request.`, { registry: domain, status: res.status });
  }
  let json: { token?: unknown; access_token?: unknown; expires_in?: unknown };
  try {
    json = JSON.parse(res.body.toString('utf8')) as typeof json;
  } catch {
    throw new RegistryError('bad-response', `${capital(who)} answered with something that is not JSON instead of a token.`, { registry: domain });
  }
  const token = typeof json?.token === 'string' && json.token ? json.token : typeof json?.access_token === 'string' ? json.access_token : '';
  if (!token || /[\s\0]/.test(token)) {
    throw new RegistryError('bad-response', `${capital(who)} answered without a usable token.`, { registry: domain });
  }
  const seconds = typeof json.expires_in === 'number' && Number.isFinite(json.expires_in) ? Math.max(json.expires_in, MIN_TOKEN_SECONDS) : MIN_TOKEN_SECONDS;
  // a little early, so a token never expires between our check and the registry's
  return { token, expiresAt: Date.now() + seconds * 1000 - 5000 };
}
