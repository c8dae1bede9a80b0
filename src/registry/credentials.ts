/**
 * Registry credentials the way the docker CLI finds them: `$DOCKER_CONFIG/config.json` (default
 * `~/.docker/config.json`), first `credHelpers[<host>]`, then `credsStore`, then the `auths` entry
 * (`auth` = base64 of `user:password`, or `username`/`password`, or an `identitytoken`). A helper is the
 * program `docker-credential-<name>`, run with `get` and the server address on stdin.
 *
 * Credentials are looked up only after a registry asks for them (a 401), and only for that registry.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DOCKER_HUB } from '../core/image-reference';
import { DOCKER_HUB_API, DOCKER_HUB_AUTH_KEY, normalizeHostEntry } from './hosts';

export interface Credentials {
  username?: string;
  password?: string;
  /** An OAuth refresh token (`docker login` to some registries stores one instead of a password). */
  identityToken?: string;
  /** A bearer token to send as is. */
  registryToken?: string;
  /** Where they came from, for messages: `~/.docker/config.json`, `docker-credential-pass`. */
  from: string;
}

export interface CredentialStoreOptions {
  dockerConfigDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Time limit for a credential helper (default 10 s). */
  helperTimeoutMs?: number;
}

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string; registrytoken?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

/** What config.json and the helpers are keyed by for a registry domain. */
export function authKey(domain: string): string {
  return domain === DOCKER_HUB || domain === DOCKER_HUB_API || domain === 'index.docker.io' ? DOCKER_HUB_AUTH_KEY : domain;
}

/** `https://index.docker.io/v1/` and `index.docker.io` → `docker.io`; `https://reg:5000/` → `reg:5000`. */
function hostOfKey(key: string): string {
  const host = normalizeHostEntry(key);
  return host === 'index.docker.io' || host === DOCKER_HUB_API ? DOCKER_HUB : host;
}

export class CredentialStore {
  private readonly cache = new Map<string, Promise<Credentials | undefined>>();
  private readonly env: NodeJS.ProcessEnv;

  constructor(private readonly options: CredentialStoreOptions = {}) {
    this.env = options.env ?? process.env;
  }

  get configDir(): string {
    return this.options.dockerConfigDir ?? this.env.DOCKER_CONFIG ?? join(homedir(), '.docker');
  }

  private readConfig(): DockerConfig {
    let text: string;
    try {
      text = readFileSync(join(this.configDir, 'config.json'), 'utf8');
    } catch {
      return {};
    }
    try {
      const json = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
      return json && typeof json === 'object' ? (json as DockerConfig) : {};
    } catch {
      // a broken config.json means no stored credentials; the registry's 401 then says what to do
      return {};
    }
  }

  /** Credentials for a registry domain (`docker.io`, `ghcr.io`, `localhost:5000`), cached per store. */
  lookup(domain: string): Promise<Credentials | undefined> {
    const host = hostOfKey(domain);
    let p = this.cache.get(host);
    if (!p) {
      p = this.find(host).catch(() => undefined);
      this.cache.set(host, p);
    }
    return p;
  }

  private async find(host: string): Promise<Credentials | undefined> {
    const config = this.readConfig();
    const helpers = config.credHelpers && typeof config.credHelpers === 'object' ? config.credHelpers : {};
    const helperKey = Object.keys(helpers).find((k) => hostOfKey(k) === host);
    const helper = helperKey !== undefined ? helpers[helperKey] : config.credsStore;
    if (typeof helper === 'string' && helper.trim() !== '') {
      const fromHelper = await this.runHelper(helper.trim(), authKey(host));
      if (fromHelper) return fromHelper;
      // a helper with nothing for this host: docker falls back to `auths` only for credsStore; so do we
      if (helperKey !== undefined) return undefined;
    }
    const auths = config.auths && typeof config.auths === 'object' ? config.auths : {};
    const key = Object.keys(auths).find((k) => hostOfKey(k) === host);
    const entry = key !== undefined ? auths[key] : undefined;
    if (!entry || typeof entry !== 'object') return undefined;
    const from = join(this.configDir, 'config.json');
    let username = typeof entry.username === 'string' ? entry.username : undefined;
    let password = typeof entry.password === 'string' ? entry.password : undefined;
    if (typeof entry.auth === 'string' && entry.auth !== '') {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) {
        username = decoded.slice(0, colon);
        password = decoded.slice(colon + 1);
      }
    }
    const creds: Credentials = { from };
    if (username) creds.username = username;
    if (password) creds.password = password;
    if (typeof entry.identitytoken === 'string' && entry.identitytoken) creds.identityToken = entry.identitytoken;
    if (typeof entry.registrytoken === 'string' && entry.registrytoken) creds.registryToken = entry.registrytoken;
    return creds.username || creds.identityToken || creds.registryToken ? creds : undefined;
  }

  /** `docker-credential-<name> get` with the server address on stdin; nothing found → undefined. */
  private runHelper(name: string, server: string): Promise<Credentials | undefined> {
    if (!/^[A-Za-z0-9._-]+$/.test(name)) return Promise.resolve(undefined);
    const program = `docker-credential-${name}`;
    const timeoutMs = this.options.helperTimeoutMs ?? 10_000;
    return new Promise((resolve) => {
      let out = '';
      let done = false;
      const finish = (c: Credentials | undefined) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve(c);
      };
      let child: ReturnType<typeof spawn>;
      try {
        child = spawn(program, ['get'], { env: this.env, stdio: ['pipe', 'pipe', 'ignore'], windowsHide: true });
      } catch {
        resolve(undefined);
        return;
      }
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        finish(undefined);
      }, timeoutMs);
      child.on('error', () => finish(undefined));
      child.stdout!.setEncoding('utf8');
      child.stdout!.on('data', (d: string) => {
        out += d;
        if (out.length > 1024 * 1024) {
          child.kill('SIGKILL');
          finish(undefined);
        }
      });
      child.on('close', (code) => {
        if (code !== 0) return finish(undefined);
        try {
          const json = JSON.parse(out) as { Username?: unknown; Secret?: unknown };
          const username = typeof json.Username === 'string' ? json.Username : '';
          const secret = typeof json.Secret === 'string' ? json.Secret : '';
          if (!secret) return finish(undefined);
          // docker's convention: the user name <token> marks an identity (refresh) token
          if (username === '<token>') return finish({ identityToken: secret, from: program });
          finish({ username, password: secret, from: program });
        } catch {
          finish(undefined);
        }
      });
      child.stdin!.on('error', () => undefined);
      child.stdin!.end(server);
    });
  }
}
