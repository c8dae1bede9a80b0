/**
 * HTTP for the registry client over Node's own `http`/`https`, with keep-alive agents (a resolution is
 * two to four requests to one host), a deadline per request, a size limit on bodies, cancellation, and
 * proxies from the environment (`CONNECT` tunnels for https, absolute-URI requests for http).
 *
 * Trust: Node's bundled roots, the system's CA bundle (found where Go programs look for it, or
 * `SSL_CERT_FILE`), `NODE_EXTRA_CA_CERTS`, and any `ca` the caller adds. Node drops `NODE_EXTRA_CA_CERTS`
 * as soon as a `ca` option is given, so the file is read here and added explicitly.
 *
 * Every failure is a `RegistryError` whose message names who did not answer and what to try.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { Duplex } from 'node:stream';
import * as tls from 'node:tls';
import { RegistryError } from '../core/registry-error';
import { proxyFor } from './hosts';

export interface TransportOptions {
  env?: NodeJS.ProcessEnv;
  /** More trusted CA certificates (PEM), on top of the default, system and NODE_EXTRA_CA_CERTS ones. */
  ca?: string | Buffer | Array<string | Buffer>;
  userAgent?: string;
}

export interface SendOptions {
  method: 'GET' | 'HEAD' | 'POST';
  headers?: Record<string, string>;
  body?: string | Buffer;
  signal?: AbortSignal;
  /** Absolute time (`Date.now()` clock) by which the whole answer must be in. */
  deadline: number;
  /** Refuse a body larger than this (bytes). */
  maxBytes: number;
  /** Accept any certificate (registries the user listed as insecure). */
  insecureTls?: boolean;
  /** Words for messages: `the registry ghcr.io`, `the token service auth.docker.io`. */
  who: string;
  /** `RegistryError.registry`. */
  registry: string;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Every value of every header (several `WWW-Authenticate` headers stay apart). */
  distinct: Record<string, string[]>;
  body: Buffer;
  url: URL;
}

const SYSTEM_CA_FILES = [
  '/etc/ssl/certs/ca-certificates.crt',
  '/etc/pki/tls/certs/ca-bundle.crt',
  '/etc/ssl/ca-bundle.pem',
  '/etc/pki/tls/cacert.pem',
  '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem',
  '/etc/ssl/cert.pem',
];

function readPem(path: string | undefined): string | undefined {
  if (!path) return undefined;
  try {
    const text = readFileSync(path, 'utf8');
    return text.includes('-----BEGIN CERTIFICATE-----') ? text : undefined;
  } catch {
    return undefined;
  }
}

/** The CA list we trust, or undefined when it would be Node's default anyway. */
export function trustedCertificates(env: NodeJS.ProcessEnv, extra?: TransportOptions['ca']): Array<string | Buffer> | undefined {
  const system = readPem(env.SSL_CERT_FILE) ?? SYSTEM_CA_FILES.map((f) => readPem(f)).find((t) => t !== undefined);
  const nodeExtra = readPem(env.NODE_EXTRA_CA_CERTS);
  const added = extra === undefined ? [] : Array.isArray(extra) ? extra : [extra];
  if (!system && !nodeExtra && added.length === 0) return undefined;
  return [...tls.rootCertificates, ...(system ? [system] : []), ...(nodeExtra ? [nodeExtra] : []), ...added];
}

/**
 * Building a context from ~300 CA certificates takes 50-60 ms; it is shared by every transport of the
 * process with the same trust inputs (the editor makes a new resolver when settings change).
 */
const contexts = new Map<string, tls.SecureContext | null>();
function sharedContext(env: NodeJS.ProcessEnv, extra: TransportOptions['ca']): tls.SecureContext | null {
  const added = extra === undefined ? [] : Array.isArray(extra) ? extra : [extra];
  const key = JSON.stringify([env.SSL_CERT_FILE ?? '', env.NODE_EXTRA_CA_CERTS ?? '', ...added.map((c) => createHash('sha256').update(c).digest('hex'))]);
  let context = contexts.get(key);
  if (context === undefined) {
    const cas = trustedCertificates(env, extra);
    context = cas ? tls.createSecureContext({ ca: cas }) : null;
    if (contexts.size > 16) contexts.clear();
    contexts.set(key, context);
  }
  return context;
}

const TLS_UNTRUSTED = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);
const OFFLINE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EHOSTDOWN', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/** The server does not speak TLS (a plain-HTTP registry answered our ClientHello). */
export function isTlsProtocolError(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | undefined;
  const text = `${err?.code ?? ''} ${err?.message ?? ''}`;
  return /wrong version number|packet length too long|unknown protocol|http request|ERR_SSL_WRONG_VERSION_NUMBER|EPROTO/i.test(text);
}

export function isTlsUntrusted(e: unknown): boolean {
  const code = (e as { code?: string } | undefined)?.code;
  return code !== undefined && TLS_UNTRUSTED.has(code);
}

/** Marks errors this module built, so a wrapper does not re-word them. */
class Failure extends Error {
  constructor(readonly error: RegistryError) {
    super(error.message);
  }
}

/** An https agent that reaches its hosts through an HTTP(S) proxy's `CONNECT` tunnel. */
class TunnelAgent extends https.Agent {
  constructor(
    private readonly proxy: URL,
    private readonly connectTimeoutMs: number,
    options: https.AgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: tls.ConnectionOptions & { host?: string; port?: number }, callback: (err: Error | null, socket?: Duplex) => void): undefined {
    const target = `${options.host?.includes(':') ? `[${options.host}]` : options.host}:${options.port ?? 443}`;
    const mod = this.proxy.protocol === 'https:' ? https : http;
    const headers: Record<string, string> = { Host: target };
    const auth = proxyAuthorization(this.proxy);
    if (auth) headers['Proxy-Authorization'] = auth;
    let done = false;
    const finish = (err: Error | null, socket?: Duplex) => {
      if (done) return;
      done = true;
      callback(err, socket);
    };
    const req = mod.request({
      host: this.proxy.hostname.replace(/^\[|\]$/g, ''),
      port: this.proxy.port || (this.proxy.protocol === 'https:' ? 443 : 80),
      method: 'CONNECT',
      path: target,
      headers,
      agent: false,
      timeout: this.connectTimeoutMs,
    });
    req.once('connect', (res, socket, head) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        finish(Object.assign(new Error(`proxy answered ${res.statusCode} to CONNECT`), { code: 'EPROXY', status: res.statusCode }));
        return;
      }
      if (head.length > 0) socket.unshift(head);
      const secure = tls.connect({ ...options, socket });
      finish(null, secure);
    });
    req.once('timeout', () => req.destroy(Object.assign(new Error('proxy did not answer'), { code: 'ETIMEDOUT' })));
    req.once('error', (e) => finish(Object.assign(e, { viaProxy: true })));
    req.end();
    return undefined;
  }
}

function proxyAuthorization(proxy: URL): string | undefined {
  if (!proxy.username && !proxy.password) return undefined;
  const user = decodeURIComponent(proxy.username);
  const pass = decodeURIComponent(proxy.password);
  return `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
}

function proxyName(proxy: URL): string {
  return `${proxy.protocol}//${proxy.host}`;
}

export class Transport {
  private readonly env: NodeJS.ProcessEnv;
  private readonly http = new http.Agent({ keepAlive: true, maxSockets: 16 });
  private httpsVerified?: https.Agent;
  private httpsUnverified?: https.Agent;
  private readonly tunnels = new Map<string, https.Agent>();
  private readonly proxyAgents = new Map<string, http.Agent>();
  private secureContext?: tls.SecureContext | null;
  private disposed = false;

  constructor(private readonly options: TransportOptions = {}) {
    this.env = options.env ?? process.env;
  }

  private context(): tls.SecureContext | undefined {
    if (this.secureContext === undefined) this.secureContext = sharedContext(this.env, this.options.ca);
    return this.secureContext ?? undefined;
  }

  private httpsAgent(insecure: boolean, proxy: URL | undefined, timeoutMs: number): https.Agent {
    const base: https.AgentOptions = insecure
      ? { keepAlive: true, maxSockets: 16, rejectUnauthorized: false }
      : { keepAlive: true, maxSockets: 16, ...(this.context() ? { secureContext: this.context() } : {}) };
    if (proxy) {
      const key = `${proxy.href}|${insecure}`;
      let agent = this.tunnels.get(key);
      if (!agent) {
        agent = new TunnelAgent(proxy, timeoutMs, base);
        this.tunnels.set(key, agent);
      }
      return agent;
    }
    if (insecure) return (this.httpsUnverified ??= new https.Agent(base));
    return (this.httpsVerified ??= new https.Agent(base));
  }

  /** One request; resolves with the whole (size-limited) body. Throws `RegistryError` only. */
  async send(url: URL, opts: SendOptions): Promise<HttpResponse> {
    if (this.disposed) throw new RegistryError('cancelled', 'The registry client was closed.', { registry: opts.registry });
    try {
      return await this.attempt(url, opts, false);
    } catch (e) {
      if (e instanceof Failure) throw e.error;
      throw e;
    }
  }

  private attempt(url: URL, opts: SendOptions, retried: boolean): Promise<HttpResponse> {
    let proxy: URL | undefined;
    try {
      proxy = proxyFor(url, this.env);
    } catch (e) {
      return Promise.reject(new Failure(new RegistryError('offline', `Cannot reach ${opts.who}: ${(e as Error).message}.`, { registry: opts.registry })));
    }
    const remaining = opts.deadline - Date.now();
    if (remaining <= 0) return Promise.reject(new Failure(this.timeoutError(opts)));
    if (opts.signal?.aborted) return Promise.reject(new Failure(cancelled(opts)));

    const headers: Record<string, string> = { 'User-Agent': this.options.userAgent ?? 'container-lens', ...opts.headers };
    const body = opts.body === undefined ? undefined : Buffer.isBuffer(opts.body) ? opts.body : Buffer.from(opts.body);
    if (body) headers['Content-Length'] = String(body.length);

    let request: http.RequestOptions;
    let mod: typeof http | typeof https;
    if (url.protocol === 'https:') {
      mod = https;
      request = {
        protocol: 'https:',
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || 443,
        path: `${url.pathname}${url.search}`,
        method: opts.method,
        headers,
        agent: this.httpsAgent(opts.insecureTls === true, proxy, remaining),
      };
    } else if (proxy) {
      // plain http through a proxy: the proxy gets the absolute URL
      mod = proxy.protocol === 'https:' ? https : http;
      const auth = proxyAuthorization(proxy);
      let agent = this.proxyAgents.get(proxy.href);
      if (!agent) {
        agent = proxy.protocol === 'https:' ? new https.Agent({ keepAlive: true, ...(this.context() ? { secureContext: this.context() } : {}) }) : new http.Agent({ keepAlive: true });
        this.proxyAgents.set(proxy.href, agent);
      }
      request = {
        protocol: proxy.protocol,
        hostname: proxy.hostname.replace(/^\[|\]$/g, ''),
        port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80),
        path: url.href,
        method: opts.method,
        headers: { ...headers, Host: url.host, ...(auth ? { 'Proxy-Authorization': auth } : {}) },
        agent,
      };
    } else {
      mod = http;
      request = {
        protocol: 'http:',
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || 80,
        path: `${url.pathname}${url.search}`,
        method: opts.method,
        headers,
        agent: this.http,
      };
    }

    return new Promise<HttpResponse>((resolve, reject) => {
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const cleanup = () => {
        if (timer) clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
      };
      const fail = (error: RegistryError) => {
        if (settled) return;
        settled = true;
        cleanup();
        reject(new Failure(error));
      };
      const req = mod.request(request, (res) => {
        const status = res.statusCode ?? 0;
        const declared = Number(res.headers['content-length']);
        if (opts.method !== 'HEAD' && Number.isFinite(declared) && declared > opts.maxBytes) {
          fail(tooLarge(opts, declared));
          res.destroy();
          req.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > opts.maxBytes) {
            fail(tooLarge(opts, size));
            res.destroy();
            req.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          if (settled) return;
          settled = true;
          cleanup();
          resolve({ status, headers: res.headers, distinct: res.headersDistinct as Record<string, string[]>, body: Buffer.concat(chunks), url });
        });
        res.on('error', (e) => fail(this.describe(e, opts, proxy)));
        res.on('aborted', () => fail(new RegistryError('bad-response', `${capital(opts.who)} closed the connection in the middle of its answer.`, { registry: opts.registry })));
      });
      const onAbort = () => {
        fail(cancelled(opts));
        req.destroy();
      };
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      timer = setTimeout(() => {
        fail(this.timeoutError(opts));
        req.destroy();
      }, remaining);
      req.on('error', (e) => {
        if (settled) return;
        // a kept-alive connection the server had closed: try once more on a new one (reads only)
        const code = (e as { code?: string }).code;
        if (!retried && req.reusedSocket && (code === 'ECONNRESET' || code === 'EPIPE') && opts.method !== 'POST') {
          settled = true;
          cleanup();
          this.attempt(url, opts, true).then(resolve, reject);
          return;
        }
        fail(this.describe(e, opts, proxy));
      });
      req.end(body);
    });
  }

  private timeoutError(opts: SendOptions): RegistryError {
    return new RegistryError('timeout', `${capital(opts.who)} did not answer in time. Check the network, or allow more time.`, { registry: opts.registry });
  }

  /** A Node error → a `RegistryError` a person can act on. */
  describe(e: unknown, opts: SendOptions, proxy?: URL): RegistryError {
    if (e instanceof Failure) return e.error;
    if (e instanceof RegistryError) return e;
    const err = e as { code?: string; message?: string; status?: number; viaProxy?: boolean };
    const code = err.code ?? '';
    const registry = opts.registry;
    if (code === 'EPROXY') {
      const hint = err.status === 407 ? ' It asks for credentials: put them in the proxy URL (http://user:password@proxy:port).' : '';
      return new RegistryError('offline', `The proxy ${proxyName(proxy!)} refused to connect to ${opts.who} (status ${err.status}).${hint}`, { registry, cause: e });
    }
    if (proxy && (err.viaProxy || OFFLINE.has(code))) {
      return new RegistryError('offline', `Cannot reach ${opts.who} through the proxy ${proxyName(proxy)} (${code || err.message}). Check HTTPS_PROXY, HTTP_PROXY and NO_PROXY.`, { registry, cause: e });
    }
    if (isTlsUntrusted(e)) {
      return new RegistryError(
        'insecure-refused',
        `The certificate of ${opts.who} is not trusted (${code}). If it uses a private certificate authority, add the CA to NODE_EXTRA_CA_CERTS; to accept it unverified, list the registry as an insecure registry.`,
        { registry, cause: e },
      );
    }
    if (OFFLINE.has(code)) {
      const why = code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'the host name does not resolve' : code === 'ECONNREFUSED' ? 'connection refused' : code;
      return new RegistryError('offline', `Cannot reach ${opts.who} (${why}). Check the network connection and the registry address.`, { registry, cause: e });
    }
    if (code.startsWith('HPE_')) {
      return new RegistryError('bad-response', `${capital(opts.who)} sent an answer that is not valid HTTP (${code}).`, { registry, cause: e });
    }
    if (isTlsProtocolError(e)) {
      return new RegistryError('bad-response', `The TLS handshake with ${opts.who} failed (${err.message ?? code}).`, { registry, cause: e });
    }
    return new RegistryError('offline', `Talking to ${opts.who} failed: ${err.message ?? String(e)}.`, { registry, cause: e });
  }

  dispose(): void {
    this.disposed = true;
    this.http.destroy();
    this.httpsVerified?.destroy();
    this.httpsUnverified?.destroy();
    for (const a of this.tunnels.values()) a.destroy();
    for (const a of this.proxyAgents.values()) a.destroy();
    this.tunnels.clear();
    this.proxyAgents.clear();
  }
}

function cancelled(opts: SendOptions): RegistryError {
  return new RegistryError('cancelled', `The request to ${opts.who} was cancelled.`, { registry: opts.registry });
}

function tooLarge(opts: SendOptions, bytes: number): RegistryError {
  return new RegistryError(
    'too-large',
    `${capital(opts.who)} sent ${bytes > opts.maxBytes ? `more than ${Math.round(opts.maxBytes / 1024 / 1024)} MiB` : `${bytes} bytes`}; a manifest is never that large, so the answer was refused.`,
    { registry: opts.registry },
  );
}

export function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
