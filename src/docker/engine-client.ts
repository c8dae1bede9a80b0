import * as http from 'node:http';
import type { Duplex } from 'node:stream';
import { FrameDemuxer } from './demux';
import type { Endpoint } from './endpoint';
import { EngineError, mapConnectionError, mapStatusError } from './errors';
import type { ConnectionContext } from './errors';
import { NdjsonParser } from './ndjson';
import { ConnectorAgent, createConnector } from './transport';
import type { Connector, ConnectorOptions } from './transport';
import type {
  ContainerInspect,
  ContainerStats,
  ContainerSummary,
  Disposable,
  EngineEvent,
  ExecInspect,
  ImageHistoryEntry,
  ImageInspect,
  NegotiatedVersion,
  PingInfo,
  VersionInfo,
} from './types';

/**
 * Docker Engine API client over Node's own `http`, for unix sockets, Windows named pipes, TCP (+TLS)
 * and ssh (through `ssh host docker system dial-stdio`, like the CLI). No library: the transport is
 * one Agent subclass, the stream formats are two small parsers (ndjson.ts, demux.ts), and every
 * failure becomes an `EngineError` whose kind the UI can switch on.
 *
 * Timeouts cover whole answers of plain requests; streams (events, follow logs, exec) are timed only
 * until the engine answers, then run until disposed or closed by the engine.
 */

/** The oldest API we accept: Docker 20.10, Podman 4's compat API. */
export const MIN_API_VERSION = '1.41';
/**
 * The newest API we ask for. Within the engine's range, so that Docker 29 (whose minimum is 1.44)
 * accepts it, and old enough that every field we read keeps its 1.41 meaning.
 */
export const CLIENT_MAX_API_VERSION = '1.47';
export const DEFAULT_TIMEOUT_MS = 10_000;

export interface EngineClientOptions {
  /** Time limit for a whole answer (not for streams once open). Default 10 s. */
  timeoutMs?: number;
  /** Cap on the negotiated API version (tests pin this). */
  maxApiVersion?: string;
  /** ssh command and spawn options, TLS file reader. */
  connector?: ConnectorOptions;
  userAgent?: string;
}

/** Why a stream ended. `closed` of a stream handle resolves with it and never rejects. */
export type StreamClosed =
  | { reason: 'disposed' }
  /** The engine ended the stream normally (logs without follow, an exec that finished). */
  | { reason: 'ended' }
  /** The connection broke (engine stopped: kind `not-running`), or the data made no sense (`protocol`). */
  | { reason: 'error'; error: EngineError }
  /** A callback of ours (onEvent, onChunk) threw; the stream was closed so it cannot throw again. */
  | { reason: 'handler-threw'; error: unknown };

export interface StreamHandle extends Disposable {
  readonly closed: Promise<StreamClosed>;
}

export interface EventsOptions {
  /** e.g. `{ type: ['container'] }`, `{ label: ['com.docker.compose.project=web'] }`. */
  filters?: Record<string, string[]>;
  /** Replay from this time (unix seconds, or the engine's duration/time syntax). */
  since?: number | string;
  until?: number | string;
}

export interface LogsOptions {
  follow?: boolean;
  /** Last N lines; `all` (the default) for everything. */
  tail?: number | 'all';
  timestamps?: boolean;
  since?: number | string;
  stdout?: boolean;
  stderr?: boolean;
  /** Whether the container has a TTY (raw stream, no frames); looked up by inspect when left out. */
  tty?: boolean;
}

/** A piece of output. With a TTY stdout and stderr are one stream and arrive as `tty`. */
export interface OutputChunk {
  stream: 'stdout' | 'stderr' | 'tty';
  data: Buffer;
}

export interface ExecOptions {
  cmd: string[];
  tty?: boolean;
  env?: string[];
  user?: string;
  workingDir?: string;
  /** Attach stdin (default true). */
  stdin?: boolean;
}

export interface StatsOptions {
  /** Only `false` is supported: one sample, not a stream. */
  stream?: false;
  /** Answer at once without the second sample (no CPU percentage; 20.10 otherwise waits 1-2 s). */
  oneShot?: boolean;
}

type QueryValue = string | number | boolean | undefined | Record<string, string[]>;
type Query = Record<string, QueryValue>;

interface SendOptions {
  query?: Query;
  /** JSON-encoded when not a Buffer. */
  body?: unknown;
  headers?: Record<string, string>;
  /** false: the path is used as is (/_ping, /version). */
  versioned?: boolean;
  /** Overrides the client's limit for this call (stop waits for the container first). */
  timeoutMs?: number;
  /** Clear the time limit once headers arrive (the body is a stream). */
  stream?: boolean;
  /** Words for messages: "Listing containers". */
  what: string;
  /** Status codes that are not errors although >= 300 (304 Not Modified for start/stop). */
  okStatus?: readonly number[];
  /** Set on the one retry after a stale pooled connection. */
  retried?: boolean;
}

interface Sent {
  res: http.IncomingMessage;
  req: http.ClientRequest;
  /** Stop the time limit (streams: at headers; plain calls: after the body). */
  clearTimer(): void;
  /** The error to report for a failure from now on (the timeout, if it fired). */
  failure(e: unknown): EngineError;
}

/** Compare dotted API versions: -1, 0, 1. */
export function compareApiVersions(a: string, b: string): number {
  const pa = a.split('.').map((n) => Number.parseInt(n, 10) || 0);
  const pb = b.split('.').map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/**
 * The API version to use with an engine that speaks `serverVersion`: the lower of it and our maximum.
 * Throws `api-too-old` below 1.41.
 */
export function negotiateApiVersion(serverVersion: string, clientMax: string = CLIENT_MAX_API_VERSION, host = 'the engine'): string {
  if (!/^\d+\.\d+$/.test(serverVersion)) {
    throw new EngineError('protocol', `${host} reports API version "${serverVersion}", which is not a version number.`, { socket: host });
  }
  if (compareApiVersions(serverVersion, MIN_API_VERSION) < 0) {
    throw new EngineError(
      'api-too-old',
      `The Docker engine at ${host} speaks API ${serverVersion}; Container Lens needs API ${MIN_API_VERSION} or newer (Docker 20.10+, Podman 4+). Update the engine.`,
      { socket: host },
    );
  }
  return compareApiVersions(serverVersion, clientMax) < 0 ? serverVersion : clientMax;
}

function queryString(q: Query | undefined): string {
  if (!q) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(q)) {
    if (value === undefined) continue;
    const text = typeof value === 'boolean' ? (value ? '1' : '0') : typeof value === 'object' ? JSON.stringify(value) : String(value);
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(text)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

const seg = (id: string) => encodeURIComponent(id);
/** Image references keep their slashes and colons readable; the engine routes `{name:.*}`. */
const imageSeg = (ref: string) => encodeURIComponent(ref).replace(/%2F/gi, '/').replace(/%3A/gi, ':');

/** Marks an exception thrown by a consumer callback, so it is not reported as an engine failure. */
class HandlerError {
  constructor(readonly error: unknown) {}
}

function callHandler<A>(fn: (arg: A) => void, arg: A): void {
  try {
    fn(arg);
  } catch (e) {
    throw new HandlerError(e);
  }
}

export class EngineClient implements Disposable {
  readonly endpoint: Endpoint;
  private readonly connector: Connector;
  private readonly agent: ConnectorAgent;
  private readonly timeoutMs: number;
  private readonly maxApi: string;
  private readonly userAgent: string;
  private negotiated?: Promise<string>;
  private negotiatedValue?: string;
  private readonly open = new Set<{ dispose(): void }>();
  private disposed = false;

  constructor(endpoint: Endpoint, options: EngineClientOptions = {}) {
    this.endpoint = endpoint;
    this.connector = createConnector(endpoint, options.connector);
    this.agent = new ConnectorAgent(this.connector);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxApi = options.maxApiVersion ?? CLIENT_MAX_API_VERSION;
    this.userAgent = options.userAgent ?? 'container-lens';
  }

  /** The API version in use, once negotiated. */
  get apiVersion(): string | undefined {
    return this.negotiatedValue;
  }

  // ---- version --------------------------------------------------------------------------------------

  /** `GET /_ping`: the cheapest "is it there"; also tells the API version. */
  async ping(): Promise<PingInfo> {
    const { res, clearTimer, failure } = await this.send('GET', '/_ping', { versioned: false, what: 'Pinging the engine' });
    try {
      await readBody(res);
    } catch (e) {
      throw failure(e);
    } finally {
      clearTimer();
    }
    const h = (name: string) => {
      const v = res.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const apiVersion = h('api-version');
    const osType = h('ostype');
    const experimental = h('docker-experimental');
    const podman = h('libpod-api-version');
    return {
      ...(apiVersion ? { apiVersion } : {}),
      ...(osType ? { osType } : {}),
      ...(experimental ? { experimental: experimental === 'true' } : {}),
      ...(podman ? { podmanApiVersion: podman } : {}),
    };
  }

  /** `GET /version`, and negotiate the API version from it (throws `api-too-old` below 1.41). */
  async version(): Promise<NegotiatedVersion> {
    const info = await this.json<VersionInfo>('GET', '/version', { versioned: false, what: 'Reading the engine version' });
    if (!info || typeof info.ApiVersion !== 'string') {
      throw new EngineError('protocol', `${this.endpoint.host} answered /version without an ApiVersion: is it a Docker engine?`, { socket: this.endpoint.host });
    }
    const negotiatedApiVersion = negotiateApiVersion(info.ApiVersion, this.maxApi, this.endpoint.host);
    this.negotiatedValue = negotiatedApiVersion;
    this.negotiated = Promise.resolve(negotiatedApiVersion);
    return { ...info, negotiatedApiVersion };
  }

  /** Negotiate once (ping headers, else /version); a failed attempt is retried by the next call. */
  private negotiate(): Promise<string> {
    if (!this.negotiated) {
      const attempt = (async () => {
        const ping = await this.ping();
        if (ping.apiVersion) {
          this.negotiatedValue = negotiateApiVersion(ping.apiVersion, this.maxApi, this.endpoint.host);
          return this.negotiatedValue;
        }
        return (await this.version()).negotiatedApiVersion;
      })();
      this.negotiated = attempt;
      attempt.catch(() => {
        if (this.negotiated === attempt) this.negotiated = undefined;
      });
    }
    return this.negotiated;
  }

  // ---- containers -----------------------------------------------------------------------------------

  /** `GET /containers/json` without sizes (sizes make the engine walk every container's layer). */
  listContainers(options: { all?: boolean; filters?: Record<string, string[]> } = {}): Promise<ContainerSummary[]> {
    return this.json<ContainerSummary[]>('GET', '/containers/json', {
      query: { all: options.all ?? false, size: false, filters: options.filters },
      what: 'Listing containers',
    });
  }

  inspectContainer(id: string): Promise<ContainerInspect> {
    return this.json<ContainerInspect>('GET', `/containers/${seg(id)}/json`, { what: `Inspecting container ${id}` });
  }

  /**
   * `POST /containers/create` with an Engine API body (`{ Image, Cmd, HostConfig: {...} }`). Never pulls:
   * an image that is not there is an `engine` error (404 "No such image").
   */
  createContainer(body: Record<string, unknown>, options: { name?: string } = {}): Promise<{ Id: string; Warnings: string[] | null }> {
    return this.json('POST', '/containers/create', { query: { name: options.name }, body, what: 'Creating a container' });
  }

  start(id: string): Promise<void> {
    return this.noContent('POST', `/containers/${seg(id)}/start`, { what: `Starting ${id}`, okStatus: [304] });
  }

  /** `t`: seconds to wait after SIGTERM before SIGKILL (engine default 10); the time limit grows by it. */
  stop(id: string, options: { t?: number } = {}): Promise<void> {
    return this.noContent('POST', `/containers/${seg(id)}/stop`, {
      query: { t: options.t },
      what: `Stopping ${id}`,
      okStatus: [304],
      timeoutMs: this.timeoutMs + (options.t ?? 10) * 1000,
    });
  }

  restart(id: string, options: { t?: number } = {}): Promise<void> {
    return this.noContent('POST', `/containers/${seg(id)}/restart`, {
      query: { t: options.t },
      what: `Restarting ${id}`,
      timeoutMs: this.timeoutMs + (options.t ?? 10) * 1000,
    });
  }

  pause(id: string): Promise<void> {
    return this.noContent('POST', `/containers/${seg(id)}/pause`, { what: `Pausing ${id}` });
  }

  unpause(id: string): Promise<void> {
    return this.noContent('POST', `/containers/${seg(id)}/unpause`, { what: `Unpausing ${id}` });
  }

  kill(id: string, signal?: string): Promise<void> {
    return this.noContent('POST', `/containers/${seg(id)}/kill`, { query: { signal }, what: `Killing ${id}` });
  }

  /**
   * `POST /containers/{id}/wait`: resolves with the exit code once the container reaches `condition`
   * (`not-running` by default: already stopped answers at once). `timeoutMs` bounds the wait.
   */
  wait(id: string, options: { condition?: 'not-running' | 'next-exit' | 'removed'; timeoutMs?: number } = {}): Promise<{ StatusCode: number; Error?: { Message?: string } | null }> {
    return this.json('POST', `/containers/${seg(id)}/wait`, {
      query: { condition: options.condition ?? 'not-running' },
      what: `Waiting for ${id}`,
      timeoutMs: options.timeoutMs ?? this.timeoutMs,
    });
  }

  remove(id: string, options: { force?: boolean; volumes?: boolean } = {}): Promise<void> {
    return this.noContent('DELETE', `/containers/${seg(id)}`, {
      query: { force: options.force, v: options.volumes },
      what: `Removing ${id}`,
    });
  }

  stats(id: string, options: StatsOptions = {}): Promise<ContainerStats> {
    return this.json<ContainerStats>('GET', `/containers/${seg(id)}/stats`, {
      query: { stream: false, 'one-shot': options.oneShot },
      what: `Reading stats of ${id}`,
    });
  }

  // ---- images ---------------------------------------------------------------------------------------

  imageInspect(ref: string): Promise<ImageInspect> {
    return this.json<ImageInspect>('GET', `/images/${imageSeg(ref)}/json`, { what: `Inspecting image ${ref}` });
  }

  imageHistory(ref: string): Promise<ImageHistoryEntry[]> {
    return this.json<ImageHistoryEntry[]>('GET', `/images/${imageSeg(ref)}/history`, { what: `Reading the history of ${ref}` });
  }

  // ---- streams --------------------------------------------------------------------------------------

  /**
   * `GET /events` as a stream of parsed events. Resolves once the engine has accepted the request (the
   * caller is "connected" from then on); rejects with an `EngineError` when it cannot connect.
   */
  async events(options: EventsOptions, onEvent: (event: EngineEvent) => void): Promise<StreamHandle> {
    const parser = new NdjsonParser<EngineEvent>();
    const host = this.endpoint.host;
    const parse = (f: () => EngineEvent[]): EngineEvent[] => {
      try {
        return f();
      } catch (e) {
        throw new EngineError('protocol', `The events stream from ${host} is not JSON lines: ${(e as Error).message}`, { socket: host, cause: e });
      }
    };
    return this.stream(
      'GET',
      '/events',
      { filters: options.filters, since: options.since, until: options.until },
      'events',
      (chunk) => {
        for (const event of parse(() => parser.push(chunk))) callHandler(onEvent, event);
      },
      () => {
        for (const event of parse(() => parser.end())) callHandler(onEvent, event);
      },
    );
  }

  /**
   * `GET /containers/{id}/logs`: stdout and stderr told apart (8-byte frame headers), or one `tty`
   * stream for containers with a TTY. With `follow` it runs until disposed or the container is removed.
   */
  async logs(id: string, options: LogsOptions, onChunk: (chunk: OutputChunk) => void): Promise<StreamHandle> {
    const tty = options.tty ?? (await this.inspectContainer(id)).Config?.Tty === true;
    const query: Query = {
      stdout: options.stdout ?? true,
      stderr: options.stderr ?? true,
      follow: options.follow ?? false,
      tail: options.tail === undefined ? undefined : String(options.tail),
      timestamps: options.timestamps ?? false,
      since: options.since,
    };
    const { onData, onEnd } = outputDecoder(tty, onChunk, this.endpoint.host, `logs of ${id}`);
    return this.stream('GET', `/containers/${seg(id)}/logs`, query, `logs of ${id}`, onData, onEnd);
  }

  /** All logs up to now (no follow), within the time limit. */
  async readLogs(id: string, options: Omit<LogsOptions, 'follow'> = {}): Promise<OutputChunk[]> {
    const chunks: OutputChunk[] = [];
    const handle = await this.logs(id, { ...options, follow: false }, (c) => chunks.push(c));
    const closed = await withTimeout(handle, this.timeoutMs, () => new EngineError('timeout', `Reading the logs of ${id} took longer than ${this.timeoutMs / 1000} s`, { socket: this.endpoint.host }));
    if (closed.reason === 'error') throw closed.error;
    if (closed.reason === 'handler-threw') throw closed.error;
    return chunks;
  }

  /**
   * Run a command in a running container over a hijacked connection: `stream` carries stdin to the
   * process and its output back (raw with a TTY, framed without: use `onOutput` to get it decoded).
   */
  async exec(id: string, options: ExecOptions): Promise<ExecSession> {
    const tty = options.tty ?? false;
    const stdin = options.stdin ?? true;
    const created = await this.json<{ Id: string }>('POST', `/containers/${seg(id)}/exec`, {
      body: {
        AttachStdin: stdin,
        AttachStdout: true,
        AttachStderr: true,
        Tty: tty,
        Cmd: options.cmd,
        ...(options.env ? { Env: options.env } : {}),
        ...(options.user ? { User: options.user } : {}),
        ...(options.workingDir ? { WorkingDir: options.workingDir } : {}),
      },
      what: `Creating an exec in ${id}`,
    });
    const version = await this.negotiate();
    const stream = await hijack(this.connector, {
      path: `/v${version}/exec/${seg(created.Id)}/start`,
      body: JSON.stringify({ Detach: false, Tty: tty }),
      userAgent: this.userAgent,
      timeoutMs: this.timeoutMs,
      what: `Starting an exec in ${id}`,
    });
    const session = new ExecSession(this, created.Id, tty, stream, this.connector.context, () => this.open.delete(session));
    this.open.add(session);
    return session;
  }

  /** @internal ExecSession's resize. */
  async resizeExec(execId: string, cols: number, rows: number): Promise<void> {
    await this.noContent('POST', `/exec/${seg(execId)}/resize`, { query: { h: rows, w: cols }, what: 'Resizing the terminal' });
  }

  /** @internal ExecSession's inspect. */
  inspectExec(execId: string): Promise<ExecInspect> {
    return this.json<ExecInspect>('GET', `/exec/${seg(execId)}/json`, { what: 'Inspecting an exec' });
  }

  /**
   * Any Engine API call with a JSON answer, for what the methods above do not cover. `path` is without
   * the version prefix (`/networks`); the negotiated version is added.
   */
  request<T>(method: string, path: string, options: { query?: Query; body?: unknown; timeoutMs?: number } = {}): Promise<T> {
    return this.json<T>(method, path, { ...options, what: `${method} ${path}` });
  }

  /** Close every open stream and pooled connection. The client cannot be used afterwards. */
  dispose(): void {
    this.disposed = true;
    for (const s of [...this.open]) s.dispose();
    this.open.clear();
    this.agent.destroy();
  }

  // ---- plumbing -------------------------------------------------------------------------------------

  private async json<T>(method: string, path: string, options: SendOptions): Promise<T> {
    const { res, clearTimer, failure } = await this.send(method, path, options);
    let text: string;
    try {
      text = (await readBody(res)).toString('utf8');
    } catch (e) {
      throw failure(e);
    } finally {
      clearTimer();
    }
    if (text.trim() === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch (e) {
      throw new EngineError(
        'protocol',
        `${options.what}: ${this.endpoint.host} answered with something that is not JSON (${text.slice(0, 80).replace(/\s+/g, ' ')}...)`,
        { socket: this.endpoint.host, cause: e },
      );
    }
  }

  private async noContent(method: string, path: string, options: SendOptions): Promise<void> {
    const { res, clearTimer, failure } = await this.send(method, path, options);
    try {
      await readBody(res);
    } catch (e) {
      throw failure(e);
    } finally {
      clearTimer();
    }
  }

  private async stream(
    method: string,
    path: string,
    query: Query,
    what: string,
    onData: (chunk: Buffer) => void,
    onEnd: () => void,
  ): Promise<StreamHandle> {
    const { res, req, failure } = await this.send(method, path, { query, stream: true, what });
    const host = this.endpoint.host;
    let settle!: (c: StreamClosed) => void;
    const closed = new Promise<StreamClosed>((resolve) => (settle = resolve));
    let done = false;
    const finish = (c: StreamClosed) => {
      if (done) return;
      done = true;
      this.open.delete(handle);
      settle(c);
      req.destroy();
    };
    const fail = (e: unknown) =>
      finish(e instanceof HandlerError ? { reason: 'handler-threw', error: e.error } : { reason: 'error', error: e instanceof EngineError ? e : failure(e) });
    const handle: StreamHandle = { closed, dispose: () => finish({ reason: 'disposed' }) };
    this.open.add(handle);
    res.on('data', (chunk: Buffer) => {
      if (done) return;
      try {
        onData(chunk);
      } catch (e) {
        fail(e);
      }
    });
    res.on('end', () => {
      if (done) return;
      try {
        onEnd();
        finish({ reason: 'ended' });
      } catch (e) {
        fail(e);
      }
    });
    // Reported through 'close' below; a listener must exist or an 'error' would crash the host.
    res.on('error', () => undefined);
    res.on('close', () => {
      if (done) return;
      if (res.complete) return finish({ reason: 'ended' });
      finish({
        reason: 'error',
        error: new EngineError('not-running', `The connection to the Docker engine at ${host} was lost while reading ${what} (did the engine stop?).`, {
          socket: host,
        }),
      });
    });
    return handle;
  }

  private async send(method: string, path: string, options: SendOptions): Promise<Sent> {
    if (this.disposed) throw new EngineError('not-running', 'The engine client was closed.', { socket: this.endpoint.host });
    const versioned = options.versioned ?? true;
    let fullPath = path;
    if (versioned) {
      try {
        fullPath = `/v${await this.negotiate()}${path}`;
      } catch (e) {
        throw e instanceof EngineError ? e : mapConnectionError(e, this.connector.context);
      }
    }
    fullPath += queryString(options.query);
    const ms = options.timeoutMs ?? this.timeoutMs;
    const ctx = this.connector.context;
    const t = this.endpoint.transport;
    const body =
      options.body === undefined ? undefined : Buffer.isBuffer(options.body) ? options.body : Buffer.from(JSON.stringify(options.body), 'utf8');
    const headers: Record<string, string> = {
      'User-Agent': this.userAgent,
      Host: t.kind === 'tcp' ? `${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}` : 'docker',
      ...(body ? { 'Content-Type': 'application/json', 'Content-Length': String(body.length) } : {}),
      ...options.headers,
    };

    return new Promise<Sent>((resolve, reject) => {
      let timedOut = false;
      let timer: NodeJS.Timeout | undefined;
      const failure = (e: unknown): EngineError => {
        if (timedOut) {
          return new EngineError('timeout', `${options.what}: no answer from the Docker engine at ${ctx.host} within ${ms / 1000} s.`, {
            socket: ctx.host,
          });
        }
        const mapped = mapConnectionError(e, ctx);
        // An engine that went away may come back as another version: negotiate again next time.
        if (mapped.kind === 'not-running') this.negotiated = undefined;
        return mapped;
      };
      const clearTimer = () => {
        if (timer) clearTimeout(timer);
        timer = undefined;
      };
      let req: http.ClientRequest;
      try {
        req = http.request({ agent: this.agent, method, path: fullPath, headers });
      } catch (e) {
        reject(failure(e));
        return;
      }
      if (ms > 0) {
        timer = setTimeout(() => {
          timedOut = true;
          req.destroy(new Error('timeout'));
        }, ms);
      }
      req.on('error', (e: NodeJS.ErrnoException) => {
        clearTimer();
        // A pooled connection the engine closed while it sat idle fails at once on reuse; the request
        // never reached the engine. Node's documented remedy: retry, here only for reads (a retried
        // create could make two containers).
        if (!options.retried && !timedOut && req.reusedSocket && (e.code === 'ECONNRESET' || e.code === 'EPIPE') && (method === 'GET' || method === 'HEAD')) {
          resolve(this.send(method, path, { ...options, retried: true }));
          return;
        }
        reject(failure(e));
      });
      req.on('response', (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && (status < 300 || options.okStatus?.includes(status))) {
          if (options.stream) clearTimer();
          resolve({ res, req, clearTimer, failure });
          return;
        }
        readBody(res).then(
          (buf) => {
            clearTimer();
            if (status === 101) {
              reject(new EngineError('protocol', `${options.what}: unexpected protocol switch from ${ctx.host}`, { socket: ctx.host }));
              return;
            }
            reject(mapStatusError(status, buf.toString('utf8'), ctx, options.what));
          },
          (e) => {
            clearTimer();
            reject(failure(e));
          },
        );
      });
      req.end(body);
    });
  }
}

/** The body of a response, failing when the connection closes before the body is complete. */
function readBody(res: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let ended = false;
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => {
      ended = true;
      resolve(Buffer.concat(chunks));
    });
    res.on('error', (e) => reject(e));
    res.on('close', () => {
      if (!ended && !res.complete) reject(Object.assign(new Error('the connection closed before the answer was complete'), { code: 'ECONNRESET' }));
    });
  });
}

function withTimeout(handle: StreamHandle, ms: number, makeError: () => EngineError): Promise<StreamClosed> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<StreamClosed>((resolve) => {
    timer = setTimeout(() => {
      handle.dispose();
      resolve({ reason: 'error', error: makeError() });
    }, ms);
  });
  return Promise.race([handle.closed, timeout]).finally(() => clearTimeout(timer));
}

/** Turns raw bytes into output chunks: as is with a TTY, through the frame demuxer without. */
function outputDecoder(tty: boolean, onChunk: (c: OutputChunk) => void, host: string, what: string): { onData(b: Buffer): void; onEnd(): void } {
  if (tty) {
    return { onData: (data) => callHandler(onChunk, { stream: 'tty', data }), onEnd: () => undefined };
  }
  const demux = new FrameDemuxer();
  return {
    onData(data) {
      let frames;
      try {
        frames = demux.push(data);
      } catch (e) {
        throw new EngineError('protocol', `The ${what} from ${host} are not in the engine's stream format: ${(e as Error).message}`, { socket: host, cause: e });
      }
      for (const f of frames) {
        if (f.stream === 'stdout' || f.stream === 'stderr') callHandler(onChunk, { stream: f.stream, data: f.data });
        else if (f.stream === 'system') throw new EngineError('engine', `The engine reported an error in the ${what}: ${f.data.toString('utf8').trim()}`, { socket: host, engineMessage: f.data.toString('utf8').trim() });
      }
    },
    onEnd() {
      if (demux.pendingBytes > 0) {
        throw new EngineError('protocol', `The ${what} from ${host} ended in the middle of a frame (${demux.pendingBytes} bytes left).`, { socket: host });
      }
    },
  };
}

interface HijackRequest {
  path: string;
  body: string;
  userAgent: string;
  timeoutMs: number;
  what: string;
}

/**
 * POST with `Connection: Upgrade` / `Upgrade: tcp` on a connection of its own and hand the connection
 * over once the engine answers: 101 Switching Protocols (the engine's normal answer to an upgrade) or
 * 200 (engines that hijack without announcing it). From then on the bytes are the process's streams,
 * not HTTP, which is why this is not an `http.request` (Node would keep parsing the body as HTTP).
 */
export function hijack(connector: Connector, r: HijackRequest): Promise<Duplex> {
  const ctx = connector.context;
  return new Promise<Duplex>((resolve, reject) => {
    let socket: Duplex;
    try {
      socket = connector.connect();
    } catch (e) {
      reject(mapConnectionError(e, ctx));
      return;
    }
    let settled = false;
    let head = Buffer.alloc(0);
    const timer = setTimeout(() => {
      fail(new EngineError('timeout', `${r.what}: no answer from the Docker engine at ${ctx.host} within ${r.timeoutMs / 1000} s.`, { socket: ctx.host }));
    }, r.timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      socket.removeListener('data', onData);
      socket.removeListener('error', onError);
      socket.removeListener('close', onClose);
    };
    const fail = (e: EngineError) => {
      if (settled) return;
      settled = true;
      cleanup();
      socket.on('error', () => undefined);
      socket.destroy();
      reject(e);
    };
    const onError = (e: Error) => fail(mapConnectionError(e, ctx));
    const onClose = () =>
      fail(new EngineError('not-running', `${r.what}: the Docker engine at ${ctx.host} closed the connection without answering.`, { socket: ctx.host }));
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > 64 * 1024) fail(new EngineError('protocol', `${r.what}: the answer from ${ctx.host} has no end of headers.`, { socket: ctx.host }));
        return;
      }
      const lines = head.subarray(0, end).toString('latin1').split('\r\n');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '');
      if (!status) {
        fail(new EngineError('protocol', `${r.what}: ${ctx.host} did not answer in HTTP ("${(lines[0] ?? '').slice(0, 60)}").`, { socket: ctx.host }));
        return;
      }
      const code = Number(status[1]);
      const rest = head.subarray(end + 4);
      if (code === 101 || code === 200) {
        settled = true;
        cleanup();
        socket.pause();
        if (rest.length > 0) socket.unshift(rest);
        resolve(socket);
        return;
      }
      // An error: read the JSON message (Content-Length, or until the engine closes).
      const lengthLine = lines.find((l) => /^content-length:/i.test(l));
      const length = lengthLine ? Number(lengthLine.split(':')[1]) : undefined;
      let body = rest;
      const finishError = () => fail(mapStatusError(code, body.toString('utf8'), ctx, r.what));
      if (length !== undefined && body.length >= length) return finishError();
      socket.removeListener('data', onData);
      socket.removeListener('close', onClose);
      socket.on('data', (c: Buffer) => {
        body = Buffer.concat([body, c]);
        if (length !== undefined && body.length >= length) finishError();
      });
      socket.on('close', finishError);
    };
    socket.on('data', onData);
    socket.on('error', onError);
    socket.on('close', onClose);
    socket.write(
      `POST ${r.path} HTTP/1.1\r\n` +
        'Host: docker\r\n' +
        `User-Agent: ${r.userAgent}\r\n` +
        'Content-Type: application/json\r\n' +
        `Content-Length: ${Buffer.byteLength(r.body)}\r\n` +
        'Connection: Upgrade\r\n' +
        'Upgrade: tcp\r\n' +
        '\r\n' +
        r.body,
    );
  });
}

/**
 * A running exec: write to `stream` for stdin, read output with `onOutput`. `closed` resolves when the
 * process's output ends (it exited) or the connection breaks; `exitCode()` asks the engine afterwards.
 */
export class ExecSession implements Disposable {
  readonly closed: Promise<StreamClosed>;
  private settle!: (c: StreamClosed) => void;
  private done = false;

  constructor(
    private readonly client: EngineClient,
    readonly id: string,
    readonly tty: boolean,
    /** The hijacked connection: raw terminal bytes with a TTY, framed stdout/stderr without. */
    readonly stream: Duplex,
    private readonly context: ConnectionContext,
    private readonly onDone: () => void,
  ) {
    this.closed = new Promise((resolve) => (this.settle = resolve));
    stream.on('error', (e) => this.finish({ reason: 'error', error: mapConnectionError(e, context) }));
    // 'end' is handled by onOutput (after checking for a truncated frame); 'close' covers the rest.
    stream.on('close', () => this.finish({ reason: 'ended' }));
  }

  /** Decoded output. Attach once; output that arrived before is delivered too (the stream was paused). */
  onOutput(handler: (chunk: OutputChunk) => void): void {
    const { onData, onEnd } = outputDecoder(this.tty, handler, this.context.host, 'exec output');
    this.stream.on('data', (data: Buffer) => {
      if (this.done) return;
      try {
        onData(data);
      } catch (e) {
        this.fail(e);
      }
    });
    this.stream.on('end', () => {
      try {
        onEnd();
        this.finish({ reason: 'ended' });
      } catch (e) {
        this.fail(e);
      }
    });
    this.stream.resume();
  }

  write(data: string | Buffer): void {
    if (!this.done) this.stream.write(data);
  }

  /** No more input: the process sees end of file on stdin. */
  endInput(): void {
    if (!this.done) this.stream.end();
  }

  /** Resize the exec's terminal (TTY only), in character cells. */
  resize(cols: number, rows: number): Promise<void> {
    return this.client.resizeExec(this.id, cols, rows);
  }

  /** The exit code once the process ended (null while it runs). */
  async exitCode(): Promise<number | null> {
    return (await this.client.inspectExec(this.id)).ExitCode;
  }

  dispose(): void {
    this.finish({ reason: 'disposed' });
  }

  private fail(e: unknown): void {
    this.finish(
      e instanceof HandlerError
        ? { reason: 'handler-threw', error: e.error }
        : { reason: 'error', error: e instanceof EngineError ? e : new EngineError('protocol', String(e), { cause: e }) },
    );
  }

  private finish(c: StreamClosed): void {
    if (this.done) return;
    this.done = true;
    this.onDone();
    this.settle(c);
    this.stream.destroy();
  }
}
