/**
 * Host names and the rules that hang on them: which host serves a registry's API, which hosts may be
 * spoken to in plain HTTP, and which requests go through a proxy (`HTTPS_PROXY`, `HTTP_PROXY`,
 * `NO_PROXY`, read the way Go programs such as the docker CLI read them).
 */
import { isIP } from 'node:net';
import { DOCKER_HUB } from '../core/image-reference';

/** Docker Hub's API answers at registry-1.docker.io, not at docker.io. */
export const DOCKER_HUB_API = 'registry-1.docker.io';
/** The key Docker Hub credentials have in `~/.docker/config.json` and in credential helpers. */
export const DOCKER_HUB_AUTH_KEY = 'https://index.docker.io/v1/';

/** The `host[:port]` to send API requests to for a reference's domain. */
export function apiHost(domain: string): string {
  return domain === DOCKER_HUB ? DOCKER_HUB_API : domain;
}

/** `host[:port]` → `{ hostname, port }`; IPv6 literals keep no brackets in `hostname`. */
export function splitHost(host: string): { hostname: string; port?: string } {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(host);
  if (v6) return { hostname: v6[1]!, ...(v6[2] ? { port: v6[2] } : {}) };
  const colon = host.lastIndexOf(':');
  if (colon > 0 && /^\d+$/.test(host.slice(colon + 1)) && !host.slice(0, colon).includes(':')) {
    return { hostname: host.slice(0, colon), port: host.slice(colon + 1) };
  }
  return { hostname: host };
}

/** `localhost`, `*.localhost`, 127.0.0.0/8 and ::1: traffic that never leaves the machine. */
export function isLoopbackHostname(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(h);
  return false;
}

export function isLoopbackHost(host: string): boolean {
  return isLoopbackHostname(splitHost(host).hostname);
}

/** `http://reg.local:5000/` → `reg.local:5000`; settings may hold either spelling. */
export function normalizeHostEntry(entry: string): string {
  return entry
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
}

/**
 * Whether `host` (`host[:port]`) is listed as insecure: an entry with a port matches that port only, an
 * entry without one matches the host on any port, and an IPv4 range in CIDR notation (`10.0.0.0/8`, as the
 * engine's `insecure-registries` accepts) matches a registry addressed by an IP address in it. The engine
 * also matches ranges against the addresses a name resolves to; that would need a DNS lookup here, so a
 * registry named by host name is matched by its name only.
 */
export function isListedInsecure(host: string, insecure: readonly string[]): boolean {
  const h = host.toLowerCase();
  const { hostname } = splitHost(h);
  return insecure.some((entry) => {
    const trimmed = entry.trim();
    if (/^[0-9.]+\/\d{1,2}$/.test(trimmed)) return inCidr(hostname, trimmed);
    const e = normalizeHostEntry(entry);
    if (!e) return false;
    if (e === h) return true;
    return splitHost(e).port === undefined && splitHost(e).hostname === hostname;
  });
}

export interface ProxyChoice {
  /** The proxy URL, or undefined for a direct connection. */
  proxy?: URL;
}

function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = env[name] ?? env[name.toLowerCase()];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

/**
 * `NO_PROXY` entries: `*` (everything), a host name (`example.com` also covers its subdomains, as does
 * `.example.com`), `host:port`, an IP address, or an IP range in CIDR notation.
 */
export function bypassesProxy(hostname: string, port: string, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  for (const raw of noProxy.split(/[,\s]+/)) {
    let entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    let entryPort: string | undefined;
    const hp = splitHost(entry);
    if (hp.port !== undefined && !entry.includes('/')) {
      entry = hp.hostname;
      entryPort = hp.port;
    }
    if (entryPort !== undefined && entryPort !== port) continue;
    if (entry.includes('/')) {
      if (inCidr(host, entry)) return true;
      continue;
    }
    entry = entry.replace(/^\*?\./, '.');
    if (entry.startsWith('.')) {
      if (host.endsWith(entry) || host === entry.slice(1)) return true;
    } else if (host === entry || host.endsWith(`.${entry}`)) {
      return true;
    }
  }
  return false;
}

function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  if (isIP(ip) !== 4 || isIP(base ?? '') !== 4 || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const toInt = (a: string) => a.split('.').reduce((n, part) => (n << 8) + Number(part), 0) >>> 0;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (toInt(ip) & mask) === (toInt(base!) & mask);
}

/**
 * The proxy for a request to `url`, from the environment. Loopback hosts never go through a proxy (as in
 * Go's net/http). `HTTPS_PROXY` serves https URLs and `HTTP_PROXY` http ones; lower-case names work too.
 * Throws a plain Error for a proxy variable that is not a URL (the caller words it for the user).
 */
export function proxyFor(url: URL, env: NodeJS.ProcessEnv): URL | undefined {
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  if (isLoopbackHostname(hostname)) return undefined;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  if (bypassesProxy(hostname, port, envValue(env, 'NO_PROXY'))) return undefined;
  const name = url.protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY';
  const value = envValue(env, name);
  if (!value) return undefined;
  let proxy: URL;
  try {
    proxy = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
  } catch {
    throw new Error(`${name} is set to "${value}", which is not a URL`);
  }
  if (proxy.protocol !== 'http:' && proxy.protocol !== 'https:') {
    throw new Error(`${name} uses the scheme "${proxy.protocol}"; only http:// and https:// proxies are supported`);
  }
  return proxy;
}
