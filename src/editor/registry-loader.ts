/**
 * The registry resolver, built on first use. Activation must stay light, so `src/registry` (node:https,
 * agents, the credential helpers) is loaded only when a pin command, a drift check or a quick fix needs
 * it; a hover only peeks at a resolver that already exists. A settings change builds a new resolver on
 * the next use (and disposes the old one), so `insecureRegistries` and the time limit apply at once.
 * No vscode here: settings arrive through a function.
 */
import type { DigestFacts } from '../core/digest-pins';
import type { ResolveSettings } from '../docker';
import type { EngineDigestSource } from '../registry/engine-source';

export interface ResolveOptions {
  signal?: AbortSignal;
  noCache?: boolean;
  registryOnly?: boolean;
}

/** The part of `src/registry`'s `DigestResolver` the editor uses. */
export interface ResolverLike {
  resolve(reference: string, opts?: ResolveOptions): Promise<DigestFacts>;
  resolveMany(references: string[], opts?: ResolveOptions): Promise<Map<string, DigestFacts | Error>>;
  cached(reference: string): DigestFacts | undefined;
  dispose(): void;
}

export interface RegistrySettings {
  insecureRegistries: string[];
  timeoutMs: number;
  preferLocalEngine: boolean;
  /** `containerLens.docker.*`: which engine is the local one. */
  docker: ResolveSettings;
}

/** What the loader needs from the registry module (its constructor options, as far as we set them). */
export interface RegistryModule {
  DigestResolver: new (options: {
    insecureRegistries?: string[];
    timeoutMs?: number;
    engine?: { imageRepoDigests(ref: string): Promise<string[] | undefined> } | false;
    useEngine?: boolean;
    userAgent?: string;
  }) => ResolverLike;
}

export interface LazyResolverOptions {
  settings: () => RegistrySettings;
  /** Loads `src/registry` (a dynamic import, so the bundle evaluates it only now). */
  load?: () => Promise<RegistryModule>;
  /** The local engine source; built with the resolver. */
  engine?: (docker: () => ResolveSettings) => EngineDigestSource;
  userAgent?: string;
}

export class LazyDigestResolver {
  private key = '';
  private pending?: Promise<ResolverLike>;
  private ready?: ResolverLike;
  private engine?: EngineDigestSource;
  private disposed = false;

  constructor(private readonly options: LazyResolverOptions) {}

  /** The resolver for the current settings, loading the registry module the first time. */
  get(): Promise<ResolverLike> {
    if (this.disposed) return Promise.reject(new Error('Container Lens is shutting down.'));
    const settings = this.options.settings();
    const key = JSON.stringify(settings);
    if (this.pending && key === this.key) return this.pending;
    this.release();
    this.key = key;
    let attempt: Promise<ResolverLike> | undefined = undefined;
    attempt = (async (): Promise<ResolverLike> => {
      const mod = await (this.options.load ?? loadRegistryModule)();
      const engine = settings.preferLocalEngine && this.options.engine ? this.options.engine(() => this.options.settings().docker) : undefined;
      const resolver = new mod.DigestResolver({
        insecureRegistries: settings.insecureRegistries,
        timeoutMs: settings.timeoutMs,
        engine: engine ?? false,
        useEngine: !!engine,
        ...(this.options.userAgent ? { userAgent: this.options.userAgent } : {}),
      });
      if (this.pending !== attempt || this.disposed) {
        // settings changed (or we were disposed) while loading: this one is already stale
        resolver.dispose();
        engine?.dispose();
        return this.get();
      }
      this.ready = resolver;
      this.engine = engine;
      return resolver;
    })();
    this.pending = attempt;
    attempt.catch(() => {
      if (this.pending === attempt) {
        this.pending = undefined;
        this.key = '';
      }
    });
    return attempt;
  }

  /** The resolver if one was built already; never loads anything (hovers use this). */
  peek(): ResolverLike | undefined {
    return this.ready;
  }

  private release(): void {
    this.ready?.dispose();
    this.engine?.dispose();
    this.ready = undefined;
    this.engine = undefined;
    this.pending = undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.release();
  }
}

/** `import()` keeps `src/registry` out of activation: esbuild evaluates a dynamically imported module on first import. */
async function loadRegistryModule(): Promise<RegistryModule> {
  // typed without a cast, so the registry module's constructor is checked against what we pass
  const mod: RegistryModule = await import('../registry');
  return mod;
}

export const DEFAULT_REGISTRY_TIMEOUT_MS = 15_000;

/**
 * `containerLens.registry.*`, `containerLens.digests.preferLocalEngine` and `containerLens.docker.*` from a
 * getter (keys relative to `containerLens`). Bad values fall back to the default and are described in
 * `problems`: a typo in a setting must not stop pinning.
 */
export function readRegistrySettings(get: (key: string) => unknown, problems: string[] = []): RegistrySettings {
  const insecure: string[] = [];
  const rawInsecure = get('registry.insecureRegistries');
  if (Array.isArray(rawInsecure)) {
    for (const entry of rawInsecure) {
      const host = typeof entry === 'string' ? normaliseRegistryHost(entry) : undefined;
      if (host) insecure.push(host);
      else problems.push(`containerLens.registry.insecureRegistries: ${JSON.stringify(entry)} is not a registry host such as registry.lan:5000`);
    }
  } else if (rawInsecure !== undefined && rawInsecure !== null) {
    problems.push('containerLens.registry.insecureRegistries must be a list of registry hosts');
  }
  let timeoutMs = DEFAULT_REGISTRY_TIMEOUT_MS;
  const rawTimeout = get('registry.timeoutMs');
  if (typeof rawTimeout === 'number' && Number.isFinite(rawTimeout) && rawTimeout >= 500 && rawTimeout <= 300_000) timeoutMs = Math.round(rawTimeout);
  else if (rawTimeout !== undefined && rawTimeout !== null) problems.push(`containerLens.registry.timeoutMs: ${JSON.stringify(rawTimeout)} is not a number of milliseconds between 500 and 300000`);
  const rawEngine = get('digests.preferLocalEngine');
  const preferLocalEngine = typeof rawEngine === 'boolean' ? rawEngine : true;
  const str = (key: string) => {
    const v = get(key);
    return typeof v === 'string' ? v.trim() : '';
  };
  return { insecureRegistries: [...new Set(insecure)], timeoutMs, preferLocalEngine, docker: { host: str('docker.host'), context: str('docker.context') } };
}

/** `http://Registry.LAN:5000/` -> `registry.lan:5000`; undefined for what is not a host[:port]. */
export function normaliseRegistryHost(entry: string): string | undefined {
  const host = entry.trim().replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, '').toLowerCase();
  if (!host || host.includes('/')) return undefined;
  if (/^\[[0-9a-f:.]+\](:\d{1,5})?$/.test(host)) return host;
  return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/.test(host) ? host : undefined;
}
