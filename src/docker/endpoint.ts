import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { EngineError } from './errors';

/**
 * Which Docker engine to talk to, decided the way the docker CLI decides it, so the extension sees the
 * same engine as `docker ps` in the user's terminal:
 *
 *   setting host > setting context > DOCKER_HOST > DOCKER_CONTEXT > `currentContext` of config.json
 *   > the first well-known socket that exists (Docker, rootless, Desktop, Podman, Colima, ...) > the default.
 *
 * `resolveEndpoint` is pure: env, file reads and existence checks are injected, so every rule is tested
 * on tables. `nodeResolveDeps()` supplies the real ones.
 */

export type Transport =
  | { kind: 'unix'; socketPath: string }
  /** Windows named pipe; `socketPath` is the `\\.\pipe\name` form Node's `net.connect` takes. */
  | { kind: 'npipe'; socketPath: string }
  | { kind: 'tcp'; host: string; port: number; tls?: TlsFiles }
  /** `ssh <destination> docker system dial-stdio`: HTTP over the ssh process's stdin/stdout. */
  | { kind: 'ssh'; host: string; user?: string; port?: number; socketPath?: string };

/** TLS material as file paths; a file left out was not found (the CLI skips missing files too). */
export interface TlsFiles {
  /** Check the server certificate (DOCKER_TLS_VERIFY, or a context without SkipTLSVerify). */
  verify: boolean;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
}

export type EndpointSource =
  | 'setting'
  | 'setting-context'
  | 'DOCKER_HOST'
  | 'DOCKER_CONTEXT'
  | 'config-context'
  | 'well-known-socket'
  | 'default';

/** A place an engine often listens; `exists` tells the "not running" view what is there. */
export interface EndpointCandidate {
  host: string;
  label: string;
  exists: boolean;
}

export interface Endpoint {
  /** The host as a URL: `unix:///var/run/docker.sock`, `tcp://10.0.0.2:2376`, `ssh://me@box`. */
  host: string;
  transport: Transport;
  /** Where the decision came from, for the status bar and error messages. */
  source: EndpointSource;
  /** The docker context that named the host, when one did. */
  contextName?: string;
  /** For a well-known socket: whose it is (`Podman (rootless)`). */
  label?: string;
  /** Every well-known place, in the order looked at, whether or not it decided. */
  candidates: EndpointCandidate[];
}

export interface ResolveSettings {
  /** `containerLens.docker.host`: a DOCKER_HOST-style URL; empty means "decide like the CLI". */
  host?: string;
  /** `containerLens.docker.context`: a docker context name. */
  context?: string;
}

export interface ResolveDeps {
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  /** `process.platform`: `win32` has named pipes instead of sockets. */
  platform: string;
  /** Real uid, for the rootless default `/run/user/<uid>` when XDG_RUNTIME_DIR is unset. */
  uid?: number;
  /** Text of a file, or undefined when it cannot be read. */
  readFile(file: string): string | undefined;
  exists(file: string): boolean;
}

const DEFAULT_UNIX = '/var/run/docker.sock';
const DEFAULT_PIPE = '//./pipe/docker_engine';

export function nodeResolveDeps(): ResolveDeps {
  return {
    env: process.env,
    homeDir: homedir(),
    platform: process.platform,
    ...(typeof process.getuid === 'function' ? { uid: process.getuid() } : {}),
    readFile(file) {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    },
    exists: (file) => existsSync(file),
  };
}

function nonEmpty(s: string | undefined): string | undefined {
  const t = s?.trim();
  return t ? t : undefined;
}

/** The docker CLI names a context's folders by the SHA-256 of its name. */
export function contextDirName(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

/** Resolve the engine endpoint. Throws `EngineError` kind `bad-host` for a host or context that cannot be used. */
export function resolveEndpoint(deps: ResolveDeps, settings: ResolveSettings = {}): Endpoint {
  const p = deps.platform === 'win32' ? path.win32 : path.posix;
  const env = deps.env;
  const configDir = nonEmpty(env.DOCKER_CONFIG) ?? p.join(deps.homeDir, '.docker');
  const candidates = wellKnownCandidates(deps, p);
  const tlsFromEnv = envTls(env, configDir, deps, p);

  const settingHost = nonEmpty(settings.host);
  if (settingHost) {
    return { ...parseHost(settingHost, tlsFromEnv, 'the containerLens.docker.host setting'), source: 'setting', candidates };
  }
  const settingContext = nonEmpty(settings.context);
  if (settingContext && settingContext !== 'default') {
    return fromContext(settingContext, 'setting-context', 'the containerLens.docker.context setting');
  }
  // The CLI lets DOCKER_HOST win over DOCKER_CONTEXT (both set: the host is used).
  const envHost = nonEmpty(env.DOCKER_HOST);
  if (envHost) {
    return { ...parseHost(envHost, tlsFromEnv, 'DOCKER_HOST'), source: 'DOCKER_HOST', candidates };
  }
  const envContext = nonEmpty(env.DOCKER_CONTEXT);
  if (envContext) {
    if (envContext !== 'default') return fromContext(envContext, 'DOCKER_CONTEXT', 'DOCKER_CONTEXT');
  } else {
    const configText = deps.readFile(p.join(configDir, 'config.json'));
    const current = configText === undefined ? undefined : currentContextOf(configText);
    if (current && current !== 'default') return fromContext(current, 'config-context', `currentContext in ${p.join(configDir, 'config.json')}`);
  }

  const found = candidates.find((c) => c.exists);
  if (found) {
    return { ...parseHost(found.host, undefined, found.label), source: 'well-known-socket', label: found.label, candidates };
  }
  const fallback = deps.platform === 'win32' ? `npipe://${DEFAULT_PIPE}` : `unix://${DEFAULT_UNIX}`;
  return { ...parseHost(fallback, undefined, 'the default'), source: 'default', candidates };

  function fromContext(name: string, source: EndpointSource, from: string): Endpoint {
    const dir = contextDirName(name);
    const metaFile = p.join(configDir, 'contexts', 'meta', dir, 'meta.json');
    const text = deps.readFile(metaFile);
    if (text === undefined) {
      throw new EngineError('bad-host', `Docker context "${name}" (from ${from}) does not exist: no ${metaFile}. Run \`docker context ls\` to see the contexts.`);
    }
    let meta: { Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } } };
    try {
      meta = JSON.parse(text) as typeof meta;
    } catch (e) {
      throw new EngineError('bad-host', `Docker context "${name}": ${metaFile} is not valid JSON (${(e as Error).message}).`, { cause: e });
    }
    const host = meta?.Endpoints?.docker?.Host;
    if (typeof host !== 'string' || host.trim() === '') {
      throw new EngineError('bad-host', `Docker context "${name}" has no docker endpoint host in ${metaFile}.`);
    }
    const tlsDir = p.join(configDir, 'contexts', 'tls', dir, 'docker');
    const files = tlsFilesIn(tlsDir, deps, p);
    const tls: TlsFiles | undefined =
      files.caFile || files.certFile || files.keyFile ? { verify: meta.Endpoints?.docker?.SkipTLSVerify !== true, ...files } : undefined;
    return { ...parseHost(host.trim(), tls, `context "${name}"`), source, contextName: name, candidates };
  }
}

function currentContextOf(configText: string): string | undefined {
  try {
    const config = JSON.parse(configText) as { currentContext?: unknown };
    return typeof config.currentContext === 'string' ? nonEmpty(config.currentContext) : undefined;
  } catch {
    // The CLI refuses to run with a broken config.json; for us, a broken file just names no context.
    return undefined;
  }
}

function tlsFilesIn(dir: string, deps: ResolveDeps, p: path.PlatformPath): Omit<TlsFiles, 'verify'> {
  const pick = (name: string) => {
    const f = p.join(dir, name);
    return deps.exists(f) ? f : undefined;
  };
  const ca = pick('ca.pem');
  const cert = pick('cert.pem');
  const key = pick('key.pem');
  return { ...(ca ? { caFile: ca } : {}), ...(cert ? { certFile: cert } : {}), ...(key ? { keyFile: key } : {}) };
}

/** DOCKER_TLS_VERIFY (verify) or DOCKER_TLS (encrypt only), with files from DOCKER_CERT_PATH or ~/.docker. */
function envTls(env: ResolveDeps['env'], configDir: string, deps: ResolveDeps, p: path.PlatformPath): TlsFiles | undefined {
  const verify = nonEmpty(env.DOCKER_TLS_VERIFY) !== undefined;
  const tls = verify || nonEmpty(env.DOCKER_TLS) !== undefined;
  if (!tls) return undefined;
  const files = tlsFilesIn(nonEmpty(env.DOCKER_CERT_PATH) ?? configDir, deps, p);
  // Without verification the CLI does not load the CA either.
  if (!verify) delete files.caFile;
  return { verify, ...files };
}

function wellKnownCandidates(deps: ResolveDeps, p: path.PlatformPath): EndpointCandidate[] {
  const list: Array<{ host: string; label: string; file: string }> = [];
  const add = (file: string, label: string) => list.push({ host: `unix://${file}`, label, file });
  if (deps.platform === 'win32') {
    for (const [name, label] of [
      ['docker_engine', 'Docker Desktop'],
      ['dockerDesktopLinuxEngine', 'Docker Desktop (Linux engine)'],
      ['podman-machine-default', 'Podman machine'],
    ] as const) {
      const pipe = `//./pipe/${name}`;
      list.push({ host: `npipe://${pipe}`, label, file: pipe.replace(/\//g, '\\') });
    }
  } else {
    const home = deps.homeDir;
    const runtime = nonEmpty(deps.env.XDG_RUNTIME_DIR) ?? (deps.uid !== undefined && deps.uid !== 0 ? `/run/user/${deps.uid}` : undefined);
    add(DEFAULT_UNIX, 'Docker');
    if (runtime) add(p.join(runtime, 'docker.sock'), 'Docker (rootless)');
    add(p.join(home, '.docker', 'run', 'docker.sock'), 'Docker Desktop');
    add(p.join(home, '.docker', 'desktop', 'docker.sock'), 'Docker Desktop (older releases)');
    if (runtime) add(p.join(runtime, 'podman', 'podman.sock'), 'Podman (rootless)');
    add('/run/podman/podman.sock', 'Podman');
    add(p.join(home, '.colima', 'default', 'docker.sock'), 'Colima');
    add(p.join(home, '.colima', 'docker.sock'), 'Colima (older releases)');
    add(p.join(home, '.orbstack', 'run', 'docker.sock'), 'OrbStack');
    add(p.join(home, '.rd', 'docker.sock'), 'Rancher Desktop');
  }
  return list.map(({ host, label, file }) => ({ host, label, exists: deps.exists(file) }));
}

/**
 * Parse a DOCKER_HOST-style URL the way the docker CLI does. `tls` applies to `tcp://` only.
 * Throws `EngineError` kind `bad-host`, naming `from`, when the URL cannot be used.
 */
export function parseHost(raw: string, tls: TlsFiles | undefined, from = 'DOCKER_HOST'): Pick<Endpoint, 'host' | 'transport'> {
  const bad = (why: string) => new EngineError('bad-host', `${from} is "${raw}": ${why}`);
  const value = raw.trim();
  const sep = value.indexOf('://');
  // The CLI reads a bare "host:port" as tcp.
  const scheme = sep < 0 ? 'tcp' : value.slice(0, sep).toLowerCase();
  const rest = sep < 0 ? value : value.slice(sep + 3);

  switch (scheme) {
    case 'unix': {
      if (rest === '') throw bad('a unix:// host needs a socket path, e.g. unix:///var/run/docker.sock');
      return { host: `unix://${rest}`, transport: { kind: 'unix', socketPath: rest } };
    }
    case 'npipe': {
      if (rest === '') throw bad('an npipe:// host needs a pipe, e.g. npipe:////./pipe/docker_engine');
      return { host: `npipe://${rest}`, transport: { kind: 'npipe', socketPath: rest.replace(/\//g, '\\') } };
    }
    case 'tcp':
    case 'http':
    case 'https': {
      const withTls: TlsFiles | undefined = scheme === 'https' ? (tls ?? { verify: true }) : scheme === 'http' ? undefined : tls;
      const { host, port } = hostPort(rest, withTls ? 2376 : 2375, bad);
      const shown = host.includes(':') ? `[${host}]` : host;
      return { host: `tcp://${shown}:${port}`, transport: { kind: 'tcp', host, port, ...(withTls ? { tls: withTls } : {}) } };
    }
    case 'ssh':
      return parseSsh(value, bad);
    case 'fd':
      throw bad('fd:// is how dockerd listens under systemd; a client connects to its socket instead, e.g. unix:///var/run/docker.sock');
    default:
      throw bad(`unsupported scheme "${scheme}://" (use unix://, npipe://, tcp:// or ssh://)`);
  }
}

function hostPort(rest: string, defaultPort: number, bad: (why: string) => EngineError): { host: string; port: number } {
  const slash = rest.indexOf('/');
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  const pathPart = slash < 0 ? '' : rest.slice(slash);
  if (pathPart !== '' && pathPart !== '/') throw bad('a path after the address is not supported');
  let host: string;
  let portText: string | undefined;
  const v6 = /^\[([^\]]+)\](?::(.*))?$/.exec(authority);
  if (v6) {
    host = v6[1]!;
    portText = v6[2];
  } else {
    const colon = authority.lastIndexOf(':');
    if (colon >= 0 && authority.indexOf(':') !== colon) throw bad('write an IPv6 address in brackets: tcp://[::1]:2375');
    host = colon < 0 ? authority : authority.slice(0, colon);
    portText = colon < 0 ? undefined : authority.slice(colon + 1);
  }
  // The CLI's default for an empty host part ("tcp://:2375") is the loopback address.
  if (host === '') host = '127.0.0.1';
  if (portText === undefined || portText === '') return { host, port: defaultPort };
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) throw bad(`"${portText}" is not a port number`);
  return { host, port };
}

function parseSsh(value: string, bad: (why: string) => EngineError): Pick<Endpoint, 'host' | 'transport'> {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw bad('not a valid ssh:// URL (ssh://[user@]host[:port][/socket/path])');
  }
  if (url.password) throw bad('a password in the URL is not supported: use an ssh key or agent');
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') throw bad('an ssh:// host needs a host name');
  // ssh would read a host starting with "-" as an option: refuse rather than pass it on.
  if (host.startsWith('-')) throw bad('a host name cannot start with "-"');
  if (url.search || url.hash) throw bad('query strings and fragments are not supported');
  const user = url.username ? decodeURIComponent(url.username) : undefined;
  if (user?.startsWith('-')) throw bad('a user name cannot start with "-"');
  const port = url.port ? Number(url.port) : undefined;
  const socketPath = url.pathname && url.pathname !== '/' ? decodeURIComponent(url.pathname) : undefined;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const shown = `ssh://${user ? `${user}@` : ''}${shownHost}${port ? `:${port}` : ''}${socketPath ?? ''}`;
  return {
    host: shown,
    transport: { kind: 'ssh', host, ...(user ? { user } : {}), ...(port ? { port } : {}), ...(socketPath ? { socketPath } : {}) },
  };
}

/** "unix:///var/run/docker.sock (Docker, well-known socket)" and the like, for logs and tooltips. */
export function describeEndpoint(e: Endpoint): string {
  const why: Record<EndpointSource, string> = {
    setting: 'containerLens.docker.host setting',
    'setting-context': `context "${e.contextName}" from the containerLens.docker.context setting`,
    DOCKER_HOST: 'DOCKER_HOST',
    DOCKER_CONTEXT: `context "${e.contextName}" from DOCKER_CONTEXT`,
    'config-context': `current docker context "${e.contextName}"`,
    'well-known-socket': `${e.label ?? 'well-known socket'}`,
    default: 'default; no engine socket found',
  };
  return `${e.host} (${why[e.source]})`;
}
