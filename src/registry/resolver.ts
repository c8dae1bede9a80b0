/**
 * `name:tag` → digest. The local engine first (offline: `RepoDigests` of an image it already has, for the
 * same repository), then the registry's API v2: `HEAD /v2/<path>/manifests/<tag>` asking for all four
 * manifest types, the digest from `Docker-Content-Digest` or the sha256 of the body, and for an index the
 * platforms it lists (read from the index body, whose sha256 is checked against the digest).
 *
 * Nothing here runs unless called: the editor calls it on a user action or the opt-in drift check.
 */
import { createHash } from 'node:crypto';
import { canonicalName, canonicalReference, DOCKER_HUB, isDigest, parseImageReference } from '../core/image-reference';
import type { ImageReference } from '../core/image-reference';
import { RegistryError } from '../core/registry-error';
import { AuthCache } from './auth';
import type { AuthContext } from './auth';
import { parseChallenges } from './challenge';
import { CredentialStore } from './credentials';
import { apiHost, isListedInsecure, isLoopbackHost } from './hosts';
import { ACCEPT_HEADER, ACCEPTED_MEDIA_TYPES, bareMediaType, checkManifestBody, imageConfigOf, kindOf, MAX_MANIFEST_BYTES, platformOfConfig, platformsOfIndex } from './manifest';
import { capital, isTlsProtocolError, Transport } from './transport';
import type { HttpResponse, TransportOptions } from './transport';

export interface Resolution {
  /** The reference asked for, as given. */
  reference: string;
  /** `sha256:…` */
  digest: string;
  /** A multi-platform index (or Docker manifest list), or one platform's manifest. */
  kind: 'index' | 'manifest';
  mediaType: string;
  /** `linux/amd64`, `linux/arm64/v8`; `[]` when unknown (single manifests, engine answers). */
  platforms: string[];
  source: 'engine' | 'registry';
  /** The host that answered (`registry-1.docker.io`, `ghcr.io`), or `local engine`. */
  registry: string;
  /** `Date.now()` when it was resolved. */
  resolvedAt: number;
  /**
   * Set on engine answers: the engine's `RepoDigests` does not say whether the digest is an index or one
   * platform's manifest, so `kind` and `mediaType` are placeholders there.
   */
  kindUnknown?: true;
}

export interface EngineSource {
  imageRepoDigests(ref: string): Promise<string[] | undefined>;
}

export interface ResolverOptions {
  /** Default: `$DOCKER_CONFIG` or `~/.docker`. */
  dockerConfigDir?: string;
  /** Hosts (`host[:port]`) allowed over plain HTTP and with unverified certificates, besides loopback's plain HTTP. */
  insecureRegistries?: string[];
  /** Time limit for one resolution, all its requests together. Default 15000. */
  timeoutMs?: number;
  /** The local engine source; `false` disables it. */
  engine?: EngineSource | false;
  /** Default true. */
  useEngine?: boolean;
  /** How long a resolution is reused. Default 5 min. */
  cacheTtlMs?: number;
  /** Proxy variables, `DOCKER_CONFIG`, `NODE_EXTRA_CA_CERTS`, `SSL_CERT_FILE` (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** More trusted CA certificates (PEM). */
  ca?: TransportOptions['ca'];
  /** Parallel resolutions in `resolveMany`. Default 8. */
  concurrency?: number;
  /** Time limit for a credential helper. Default 10 s. */
  credentialHelperTimeoutMs?: number;
  /** Time limit for the engine's answer before the registry is asked. Default 3 s. */
  engineTimeoutMs?: number;
  userAgent?: string;
}

export interface ResolveOptions {
  signal?: AbortSignal;
  /** Ask again even when a fresh answer is cached. */
  noCache?: boolean;
  /** Skip the local engine (drift checks want the registry's current answer). */
  registryOnly?: boolean;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_CACHE_TTL_MS = 5 * 60_000;
const MAX_REMEMBERED = 2000;
const MAX_REDIRECTS = 3;

interface HostScheme {
  scheme: 'http' | 'https';
}

export class DigestResolver {
  private readonly transport: Transport;
  private readonly credentials: CredentialStore;
  private readonly auth = new AuthCache();
  private readonly insecure: string[];
  private readonly timeoutMs: number;
  private readonly ttl: number;
  private readonly engine: EngineSource | undefined;
  private readonly concurrency: number;
  private readonly engineTimeoutMs: number;
  private readonly fresh = new Map<string, Resolution>();
  private readonly last = new Map<string, Resolution>();
  private readonly inflight = new Map<string, Promise<Resolution>>();
  /** Platforms of a digest (an index, or one manifest by its config): immutable, so kept for the resolver's life. */
  private readonly platformsByDigest = new Map<string, string[]>();
  private readonly schemes = new Map<string, HostScheme>();
  private disposed = false;

  constructor(options: ResolverOptions = {}) {
    const env = options.env ?? process.env;
    this.transport = new Transport({ env, ...(options.ca !== undefined ? { ca: options.ca } : {}), userAgent: options.userAgent ?? 'container-lens' });
    this.credentials = new CredentialStore({
      env,
      ...(options.dockerConfigDir !== undefined ? { dockerConfigDir: options.dockerConfigDir } : {}),
      ...(options.credentialHelperTimeoutMs !== undefined ? { helperTimeoutMs: options.credentialHelperTimeoutMs } : {}),
    });
    this.insecure = options.insecureRegistries ?? [];
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.ttl = options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
    this.engine = options.engine && options.useEngine !== false ? options.engine : undefined;
    this.concurrency = Math.max(1, options.concurrency ?? 8);
    this.engineTimeoutMs = options.engineTimeoutMs ?? 3000;
  }

  /** Engine first (when allowed and it has the image with a RepoDigest for the same repository), then the registry. */
  resolve(reference: string, opts: ResolveOptions = {}): Promise<Resolution> {
    if (this.disposed) return Promise.reject(new RegistryError('cancelled', 'The registry client was closed.'));
    let ref: ImageReference;
    try {
      ref = parseImageReference(reference);
    } catch (e) {
      return Promise.reject(e);
    }
    if (opts.signal?.aborted) return Promise.reject(new RegistryError('cancelled', `Resolving ${reference} was cancelled.`));
    const key = cacheKey(ref);
    if (!opts.noCache) {
      const hit = this.fresh.get(key);
      if (hit && Date.now() - hit.resolvedAt < this.ttl && (!opts.registryOnly || hit.source === 'registry')) {
        return Promise.resolve({ ...hit, reference });
      }
    }
    const flightKey = `${key}|${opts.registryOnly ? 'r' : 'a'}`;
    const running = opts.signal ? undefined : this.inflight.get(flightKey);
    if (running) return running.then((r) => ({ ...r, reference }));
    const p = this.run(ref, reference, opts).then((r) => {
      this.remember(key, r);
      return r;
    });
    if (!opts.signal) {
      this.inflight.set(flightKey, p);
      const clear = () => this.inflight.delete(flightKey);
      p.then(clear, clear);
    }
    return p;
  }

  /** Deduplicated, at most `concurrency` at a time. Failures are `RegistryError`s in the map, never thrown. */
  async resolveMany(references: string[], opts: ResolveOptions = {}): Promise<Map<string, Resolution | RegistryError>> {
    const distinct = [...new Set(references)];
    const out = new Map<string, Resolution | RegistryError>();
    let next = 0;
    const lane = async () => {
      while (next < distinct.length) {
        const reference = distinct[next++]!;
        try {
          out.set(reference, await this.resolve(reference, opts));
        } catch (e) {
          out.set(reference, asRegistryError(e, reference));
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, distinct.length) }, lane));
    // keep the caller's order
    return new Map(distinct.map((r) => [r, out.get(r)!]));
  }

  /** The last resolution seen for a reference (any age), without network. */
  cached(reference: string): Resolution | undefined {
    try {
      const hit = this.last.get(cacheKey(parseImageReference(reference)));
      return hit ? { ...hit, reference } : undefined;
    } catch {
      return undefined;
    }
  }

  dispose(): void {
    this.disposed = true;
    this.transport.dispose();
    this.auth.clear();
  }

  private remember(key: string, r: Resolution): void {
    for (const map of [this.fresh, this.last]) {
      map.delete(key);
      map.set(key, r);
      if (map.size > MAX_REMEMBERED) map.delete(map.keys().next().value as string);
    }
  }

  private async run(ref: ImageReference, reference: string, opts: ResolveOptions): Promise<Resolution> {
    if (this.engine && !opts.registryOnly && ref.tag !== undefined) {
      const fromEngine = await this.fromEngine(ref, reference);
      if (fromEngine) return fromEngine;
    }
    try {
      return await this.fromRegistry(ref, reference, opts.signal);
    } catch (e) {
      throw asRegistryError(e, reference);
    }
  }

  /** The engine's digest for this repository, when it has exactly one; anything else falls through. */
  private async fromEngine(ref: ImageReference, reference: string): Promise<Resolution | undefined> {
    let digests: string[] | undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      digests = await Promise.race([
        this.engine!.imageRepoDigests(`${ref.familiar}:${ref.tag}`),
        new Promise<undefined>((resolve) => {
          timer = setTimeout(() => resolve(undefined), this.engineTimeoutMs);
        }),
      ]);
    } catch {
      return undefined;
    } finally {
      if (timer) clearTimeout(timer);
    }
    const found = engineDigestFor(ref, digests);
    if (!found) return undefined;
    return {
      reference,
      digest: found,
      kind: 'manifest',
      mediaType: '',
      platforms: [],
      source: 'engine',
      registry: 'local engine',
      resolvedAt: Date.now(),
      kindUnknown: true,
    };
  }

  private async fromRegistry(ref: ImageReference, reference: string, signal: AbortSignal | undefined): Promise<Resolution> {
    const host = apiHost(ref.domain);
    const ctx: AuthContext = {
      transport: this.transport,
      credentials: this.credentials,
      insecureRegistries: this.insecure,
      ...(signal ? { signal } : {}),
      deadline: Date.now() + this.timeoutMs,
    };
    const target = ref.tag ?? ref.digest ?? 'latest';
    const head = await this.manifest(ref, host, 'HEAD', target, ctx);
    const mediaType = this.checkMediaType(head, host);
    const kind = kindOf(mediaType)!;
    let digest = headerDigest(head, host);
    let body: Buffer | undefined;
    if (!digest) {
      // no Docker-Content-Digest: the digest is the sha256 of the exact bytes
      const get = await this.manifest(ref, host, 'GET', target, ctx);
      this.checkMediaType(get, host);
      body = get.body;
      digest = sha256(body);
      const stated = headerDigest(get, host);
      if (stated && stated !== digest) throw mismatch(host, stated, digest);
    }
    if (ref.digest && ref.tag === undefined && digest !== ref.digest) throw mismatch(host, ref.digest, digest);
    let platforms: string[] = [];
    if (kind === 'index') {
      platforms = await this.platforms(ref, host, digest, body, ctx);
    } else {
      if (body) {
        try {
          checkManifestBody(body);
        } catch (e) {
          throw new RegistryError('bad-response', `The registry ${host} sent a broken manifest for ${ref.original}: ${(e as Error).message}.`, { registry: host });
        }
      }
      platforms = await this.manifestPlatform(ref, host, digest, body, ctx);
    }
    return { reference, digest, kind, mediaType, platforms, source: 'registry', registry: host, resolvedAt: Date.now() };
  }

  private async platforms(ref: ImageReference, host: string, digest: string, body: Buffer | undefined, ctx: AuthContext): Promise<string[]> {
    const known = this.platformsByDigest.get(digest);
    if (known) return known;
    let bytes = body;
    if (!bytes) {
      const get = await this.manifest(ref, host, 'GET', digest, ctx);
      this.checkMediaType(get, host);
      bytes = verified(host, digest, get.body);
    }
    let platforms: string[];
    try {
      platforms = platformsOfIndex(bytes).platforms;
    } catch (e) {
      throw new RegistryError('bad-response', `The registry ${host} sent a broken index for ${ref.original}: ${(e as Error).message}.`, { registry: host });
    }
    return this.rememberPlatforms(digest, platforms);
  }

  private rememberPlatforms(digest: string, platforms: string[]): string[] {
    if (this.platformsByDigest.size > MAX_REMEMBERED) this.platformsByDigest.clear();
    this.platformsByDigest.set(digest, platforms);
    return platforms;
  }

  /**
   * One platform's manifest: its platform, read from the image config it names (the manifest itself does not
   * say). Best effort, like the hover it feeds: a registry that will not hand out the manifest or the config
   * still gets its reference pinned, with no platform shown. Bytes that do not match their digest are an error.
   */
  private async manifestPlatform(ref: ImageReference, host: string, digest: string, body: Buffer | undefined, ctx: AuthContext): Promise<string[]> {
    const known = this.platformsByDigest.get(digest);
    if (known) return known;
    // a request that fails is no platform; one that is aborted still aborts the resolution
    const attempt = async (target: string, kind: 'manifests' | 'blobs'): Promise<Buffer | undefined> => {
      try {
        return (await this.manifest(ref, host, 'GET', target, ctx, kind)).body;
      } catch (e) {
        if (ctx.signal?.aborted) throw e;
        return undefined;
      }
    };
    // a body the caller has is the one its digest was computed from
    const fetched = body ? undefined : await attempt(digest, 'manifests');
    const bytes = body ?? (fetched && verified(host, digest, fetched));
    if (!bytes) return [];
    const config = imageConfigOf(bytes);
    let platforms: string[] = [];
    if (config && config.size <= MAX_MANIFEST_BYTES) {
      const blob = await attempt(config.digest, 'blobs');
      if (!blob) return [];
      platforms = platformOfConfig(verified(host, config.digest, blob));
    }
    return this.rememberPlatforms(digest, platforms);
  }

  private checkMediaType(res: HttpResponse, host: string): string {
    const mediaType = bareMediaType(firstHeader(res, 'content-type'));
    if (!ACCEPTED_MEDIA_TYPES.includes(mediaType)) {
      throw new RegistryError(
        'bad-response',
        `The registry ${host} answered with ${mediaType ? `the media type "${mediaType}"` : 'no media type'}, which Container Lens did not ask for. Only OCI and Docker v2 manifests and indexes are pinned (a converted schema 1 manifest has no stable digest).`,
        { registry: host },
      );
    }
    return mediaType;
  }

  /** One manifest (or blob) request, with auth (answering a 401 once), the scheme decision and redirects. */
  private async manifest(
    ref: ImageReference,
    host: string,
    method: 'HEAD' | 'GET',
    target: string,
    ctx: AuthContext,
    kind: 'manifests' | 'blobs' = 'manifests',
  ): Promise<HttpResponse> {
    const scope = `repository:${ref.path}:pull`;
    const who = describeRegistry(ref.domain, host);
    const path = `/v2/${ref.path}/${kind}/${target}`;
    let authorization = await this.auth.header(host, ref.domain, scope, ctx);
    let res = await this.send(host, path, method, authorization, ctx, who);
    if (res.status === 401) {
      if (authorization) this.auth.forget(host, scope);
      const challenges = parseChallenges(res.distinct['www-authenticate']);
      authorization = await this.auth.answer(host, ref.domain, ref.path, scope, challenges, ctx, who);
      res = await this.send(host, path, method, authorization, ctx, who);
      if (res.status === 401) {
        this.auth.forget(host, scope);
        const creds = await ctx.credentials.lookup(ref.domain);
        throw new RegistryError(
          'unauthorized',
          creds
            ? `${capital(who)} refused the credentials from ${creds.from} for ${ref.path}. Log in again with \`docker login${ref.domain === DOCKER_HUB ? '' : ` ${ref.domain}`}\`.`
            : `${capital(who)} refused anonymous access to ${ref.path}: the repository is private or does not exist. Log in with \`docker login${ref.domain === DOCKER_HUB ? '' : ` ${ref.domain}`}\` if you have access.`,
          { registry: ref.domain, status: 401 },
        );
      }
    }
    if (res.status === 200) return res;
    throw statusError(res, ref, target, who, host);
  }

  /** Send to the registry host, choosing https or (loopback, listed insecure) http; follows redirects. */
  private async send(host: string, path: string, method: 'HEAD' | 'GET', authorization: string | undefined, ctx: AuthContext, who: string): Promise<HttpResponse> {
    const listed = isListedInsecure(host, this.insecure);
    const plainAllowed = listed || isLoopbackHost(host);
    const known = this.schemes.get(host)?.scheme;
    const common = { method, signal: ctx.signal, deadline: ctx.deadline, maxBytes: MAX_MANIFEST_BYTES, insecureTls: listed, who, registry: host };
    const headers: Record<string, string> = { Accept: ACCEPT_HEADER, ...(authorization ? { Authorization: authorization } : {}) };
    let url = new URL(`${known ?? 'https'}://${host}${path}`);
    let res: HttpResponse;
    try {
      res = await this.transport.send(url, { ...common, headers });
      if (!known) this.schemes.set(host, { scheme: url.protocol === 'https:' ? 'https' : 'http' });
    } catch (e) {
      const plainHttp = !known && e instanceof RegistryError && (isTlsProtocolError(e.cause) || (e.cause as { code?: string } | undefined)?.code === 'ECONNRESET');
      if (!plainHttp) throw e;
      if (!plainAllowed) {
        throw new RegistryError(
          'insecure-refused',
          `The registry ${host} does not speak HTTPS. Container Lens uses plain HTTP only for loopback addresses and registries listed as insecure; add ${host} there if you trust this network.`,
          { registry: host, cause: e },
        );
      }
      url = new URL(`http://${host}${path}`);
      res = await this.transport.send(url, { ...common, headers });
      this.schemes.set(host, { scheme: 'http' });
    }
    for (let hop = 0; hop < MAX_REDIRECTS && [301, 302, 303, 307, 308].includes(res.status); hop++) {
      const location = firstHeader(res, 'location');
      if (!location) break;
      const next = new URL(location, url);
      if (next.protocol !== 'https:' && next.protocol !== 'http:') break;
      if (next.protocol === 'http:' && !(isLoopbackHost(next.host) || isListedInsecure(next.host, this.insecure))) {
        throw new RegistryError('insecure-refused', `${capital(who)} redirected to plain HTTP (${next.host}); Container Lens did not follow.`, { registry: host });
      }
      // credentials and tokens stay with the registry host
      const sameHost = next.host === url.host;
      url = next;
      res = await this.transport.send(url, {
        ...common,
        insecureTls: isListedInsecure(next.host, this.insecure),
        headers: { Accept: ACCEPT_HEADER, ...(authorization && sameHost ? { Authorization: authorization } : {}) },
      });
    }
    return res;
  }
}

function cacheKey(ref: ImageReference): string {
  // `node:20@sha256:…` resolves the tag: the same question as `node:20`
  return canonicalReference(ref.tag !== undefined ? { ...ref, digest: undefined } : ref);
}

/** The one digest of `RepoDigests` that belongs to the reference's repository; undefined when none or several. */
export function engineDigestFor(ref: ImageReference, repoDigests: readonly string[] | undefined): string | undefined {
  if (!repoDigests) return undefined;
  const name = canonicalName(ref);
  const found = new Set<string>();
  for (const entry of repoDigests) {
    try {
      const r = parseImageReference(entry);
      if (r.digest && canonicalName(r) === name) found.add(r.digest);
    } catch {
      // an entry we cannot read is not ours
    }
  }
  return found.size === 1 ? [...found][0] : undefined;
}

function describeRegistry(domain: string, host: string): string {
  return domain === DOCKER_HUB ? `Docker Hub (${host})` : `the registry ${host}`;
}

function firstHeader(res: HttpResponse, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function headerDigest(res: HttpResponse, host: string): string | undefined {
  const values = res.distinct['docker-content-digest'];
  if (!values || values.length === 0) return undefined;
  const value = values[0]!.trim();
  if (values.length > 1 || !isDigest(value) || !value.startsWith('sha256:')) {
    throw new RegistryError('bad-response', `The registry ${host} sent a malformed Docker-Content-Digest header ("${values.join(', ').slice(0, 100)}").`, { registry: host });
  }
  return value;
}

function sha256(body: Buffer): string {
  return `sha256:${createHash('sha256').update(body).digest('hex')}`;
}

/** `bytes` when their sha256 is `digest`; a `bad-response` error otherwise. */
function verified(host: string, digest: string, bytes: Buffer): Buffer {
  const actual = sha256(bytes);
  if (actual !== digest) throw mismatch(host, digest, actual);
  return bytes;
}

function mismatch(host: string, stated: string, actual: string): RegistryError {
  return new RegistryError('bad-response', `The registry ${host} said ${stated} but sent bytes whose sha256 is ${actual}; the answer was not used.`, { registry: host });
}

/** Seconds to wait from `Retry-After` (seconds, or an HTTP date). */
export function retryAfterSeconds(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.round((at - now) / 1000));
}

function statusError(res: HttpResponse, ref: ImageReference, target: string, who: string, host: string): RegistryError {
  const what = target.startsWith('sha256:') ? `${ref.familiar}@${target}` : `${ref.familiar}:${target}`;
  const login = `docker login${ref.domain === DOCKER_HUB ? '' : ` ${ref.domain}`}`;
  switch (res.status) {
    case 404:
      return new RegistryError('not-found', `${capital(who)} has no ${what}: the repository or the tag does not exist (or the repository is private).`, {
        registry: host,
        status: 404,
      });
    case 403:
      return new RegistryError('forbidden', `${capital(who)} does not allow these credentials to read ${ref.path} (403 Forbidden). Check your access, or log in as another user with \`${login}\`.`, {
        registry: host,
        status: 403,
      });
    case 429: {
      const wait = retryAfterSeconds(firstHeader(res, 'retry-after'));
      return new RegistryError(
        'rate-limited',
        `${capital(who)} is rate limiting requests (429 Too Many Requests)${wait !== undefined ? `; try again in ${wait} s` : '; wait a while and try again'}${ref.domain === DOCKER_HUB ? ', or log in for a higher limit' : ''}.`,
        { registry: host, status: 429, ...(wait !== undefined ? { retryAfterSeconds: wait } : {}) },
      );
    }
    default:
      if (res.status >= 500) {
        return new RegistryError('bad-response', `${capital(who)} failed with status ${res.status}; try again later.`, { registry: host, status: res.status });
      }
      return new RegistryError('bad-response', `${capital(who)} answered status ${res.status} for ${what}.`, { registry: host, status: res.status });
  }
}

/** Any failure as a `RegistryError` (unexpected ones keep their text). */
export function asRegistryError(e: unknown, reference: string): RegistryError {
  if (e instanceof RegistryError) return e;
  return new RegistryError('bad-response', `Resolving ${reference} failed: ${e instanceof Error ? e.message : String(e)}.`, { cause: e });
}
