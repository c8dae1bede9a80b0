/**
 * Every failure of the engine client is an `EngineError` with a `kind` the UI can switch on (which
 * welcome content, which action) and a `message` a person can act on. Nothing else is thrown.
 */
export type EngineErrorKind =
  /** Nothing listens where we looked (ENOENT, ECONNREFUSED), or the connection dropped. */
  | 'not-running'
  /** The socket exists but this user may not open it (EACCES, EPERM). */
  | 'permission-denied'
  /** The engine speaks an API older than the oldest we support (1.41, Docker 20.10). */
  | 'api-too-old'
  /** The configured host cannot be used: unparsable DOCKER_HOST, unknown context, unresolvable name, TLS setup. */
  | 'bad-host'
  /** No complete answer within the time limit. */
  | 'timeout'
  /** Something answered, but not in HTTP or not in the format the Engine API promises. */
  | 'protocol'
  /** The engine answered with an error status; `engineMessage` is its own words. */
  | 'engine';

export interface EngineErrorInit {
  /** Where we tried to connect, as a host URL (`unix:///var/run/docker.sock`). */
  socket?: string;
  /** HTTP status of an engine error response. */
  statusCode?: number;
  /** The engine's `{"message": ...}`, verbatim. */
  engineMessage?: string;
  /** Endpoints tried while resolving, for the "engine not running" view. */
  candidates?: readonly EndpointCandidateInfo[];
  /** The underlying error (a Node system error, a parse error). */
  cause?: unknown;
}

/** The part of an endpoint candidate an error report needs (see `endpoint.ts`). */
export interface EndpointCandidateInfo {
  host: string;
  label: string;
  exists: boolean;
}

export class EngineError extends Error {
  readonly kind: EngineErrorKind;
  readonly socket?: string;
  readonly statusCode?: number;
  readonly engineMessage?: string;
  readonly candidates?: readonly EndpointCandidateInfo[];

  constructor(kind: EngineErrorKind, message: string, init: EngineErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'EngineError';
    this.kind = kind;
    if (init.socket !== undefined) this.socket = init.socket;
    if (init.statusCode !== undefined) this.statusCode = init.statusCode;
    if (init.engineMessage !== undefined) this.engineMessage = init.engineMessage;
    if (init.candidates !== undefined) this.candidates = init.candidates;
  }
}

export function isEngineError(e: unknown): e is EngineError {
  return e instanceof EngineError;
}

interface SystemErrorLike {
  code?: string;
  message?: string;
  syscall?: string;
}

/** Where the connection went, for messages and the `socket` field. */
export interface ConnectionContext {
  /** The host URL in use (`unix:///run/docker.sock`, `tcp://10.0.0.2:2376`, `ssh://me@box`). */
  host: string;
  /** Well-known sockets looked at while resolving, listed in the "not running" message. */
  candidates?: readonly EndpointCandidateInfo[];
  /** The transport, which changes the advice (a socket permission vs. a TLS certificate). */
  transport: 'unix' | 'npipe' | 'tcp' | 'tls' | 'ssh';
}

function triedList(ctx: ConnectionContext): string {
  const others = (ctx.candidates ?? []).filter((c) => c.host !== ctx.host);
  if (others.length === 0) return '';
  const found = others.filter((c) => c.exists);
  const lines = others.map((c) => `  - ${c.host} (${c.label}): ${c.exists ? 'exists' : 'not found'}`);
  return `\nAlso looked at:\n${lines.join('\n')}${found.length > 0 ? '' : '\nNone of them exists.'}`;
}

/**
 * A Node error from connecting or talking to the engine → an `EngineError` whose message says what to
 * do. Errors that already are `EngineError`s pass through unchanged.
 */
export function mapConnectionError(err: unknown, ctx: ConnectionContext): EngineError {
  if (err instanceof EngineError) return err;
  const e = (err ?? {}) as SystemErrorLike;
  const code = e.code ?? '';
  const detail = e.message ?? String(err);
  const base = { socket: ctx.host, cause: err, ...(ctx.candidates ? { candidates: ctx.candidates } : {}) };
  const local = ctx.transport === 'unix' || ctx.transport === 'npipe';

  if (code === 'ENOENT' && local) {
    return new EngineError(
      'not-running',
      `The Docker engine is not running: there is no socket at ${ctx.host}.` +
        ' Start Docker (or Podman / Colima), or point DOCKER_HOST or the containerLens.docker.host setting at a running engine.' +
        triedList(ctx),
      base,
    );
  }
  if (code === 'ECONNREFUSED') {
    return new EngineError(
      'not-running',
      local
        ? `The Docker engine is not running: the socket ${ctx.host} exists but nothing accepts connections on it (a stale socket of a stopped engine?).` +
            triedList(ctx)
        : `The Docker engine at ${ctx.host} refused the connection: is it running and listening there?`,
      base,
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    if (ctx.transport === 'npipe') {
      return new EngineError(
        'permission-denied',
        `Permission denied on ${ctx.host}. Docker Desktop lets members of the "docker-users" group use its pipe: add your account to it and sign in again.`,
        base,
      );
    }
    return new EngineError(
      'permission-denied',
      local
        ? `Permission denied on ${ctx.host}. The Docker socket belongs to root and the "docker" group: add yourself to the group` +
            ' (sudo usermod -aG docker $USER, then log in again; note that this group is as powerful as root),' +
            ' or run Docker rootless (dockerd-rootless-setuptool.sh install) and use $XDG_RUNTIME_DIR/docker.sock, or use Podman\'s user socket.'
        : `Permission denied connecting to ${ctx.host}: ${detail}`,
      base,
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new EngineError('bad-host', `Cannot resolve the host name in ${ctx.host}: ${detail}`, base);
  }
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return new EngineError('not-running', `Cannot reach the Docker engine at ${ctx.host}: ${detail}`, base);
  }
  if (code.startsWith('HPE_') || code === 'ERR_INVALID_HTTP_RESPONSE') {
    return new EngineError(
      'protocol',
      `Something answers at ${ctx.host}, but it does not speak HTTP like the Docker Engine API (${detail}). Is this socket really a Docker engine?`,
      base,
    );
  }
  if (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
    return new EngineError(
      'bad-host',
      `TLS with ${ctx.host} failed (${detail}). Check DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem) and DOCKER_TLS_VERIFY, or the context's TLS material.`,
      base,
    );
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_STREAM_PREMATURE_CLOSE' || /socket hang up/i.test(detail)) {
    return new EngineError(
      'not-running',
      `The connection to the Docker engine at ${ctx.host} closed before it answered (${detail}). Did the engine stop?`,
      base,
    );
  }
  return new EngineError('protocol', `Talking to the Docker engine at ${ctx.host} failed: ${detail}`, base);
}

/**
 * An error status from the engine → `EngineError` kind `engine` with the engine's own message verbatim,
 * or `api-too-old` when the engine rejects our API version.
 */
export function mapStatusError(statusCode: number, body: string, ctx: Pick<ConnectionContext, 'host'>, what: string): EngineError {
  let engineMessage: string | undefined;
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (parsed && typeof parsed.message === 'string') engineMessage = parsed.message;
  } catch {
    // Not JSON: proxies and old engines answer in plain text; keep what they said.
  }
  if (engineMessage === undefined && body.trim() !== '') engineMessage = body.trim().slice(0, 2000);
  const init = { socket: ctx.host, statusCode, ...(engineMessage !== undefined ? { engineMessage } : {}) };
  if (engineMessage && /client version .* is too (old|new)|minimum supported api version/i.test(engineMessage)) {
    return new EngineError('api-too-old', `The Docker engine at ${ctx.host} does not accept our API version: ${engineMessage}`, init);
  }
  return new EngineError('engine', `${what} failed: ${engineMessage ?? `HTTP ${statusCode}`}`, init);
}
