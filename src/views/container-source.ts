/**
 * What the containers view needs from an engine, as an interface, and its implementation over the
 * Engine API client. The tree, the watcher and the commands depend on `ContainerSource` only, so
 * their logic is tested with a fake; `EngineContainerSource` is tested against a real dockerd.
 * No vscode here.
 */
import { engineFactsFromInfo } from '../core/isolation/from-inspect';
import type { EngineFacts } from '../core/isolation/from-inspect';
import { EngineClient, EngineError, describeEndpoint, isEngineError, nodeResolveDeps, resolveEndpoint } from '../docker';
import type {
  ContainerInspect,
  ContainerSummary,
  Disposable,
  Endpoint,
  EndpointCandidate,
  EngineEvent,
  LogsOptions,
  OutputChunk,
  ResolveDeps,
  ResolveSettings,
  StreamClosed,
} from '../docker';

/** The engine as the status bar and the error views describe it. */
export interface EngineDescription {
  /** `unix:///var/run/docker.sock`. */
  host: string;
  /** `unix:///var/run/docker.sock (Docker, well-known socket)`. */
  description: string;
  /** The docker context that named the host, when one did. */
  contextName?: string;
  /** Engine version (`20.10.24`), API version in use (`1.41`), and `Podman` when it is Podman. */
  version: string;
  apiVersion: string;
  product: string;
  facts: EngineFacts;
}

/** A running log or exec stream. */
export interface OpenStream extends Disposable {
  readonly closed: Promise<StreamClosed>;
}

/** An interactive process in a container (what `EngineClient.exec` returns, as far as a terminal needs it). */
export interface ShellSession extends Disposable {
  readonly closed: Promise<StreamClosed>;
  onOutput(handler: (chunk: OutputChunk) => void): void;
  write(data: string | Buffer): void;
  resize(cols: number, rows: number): Promise<void>;
  exitCode(): Promise<number | null>;
}

export interface ContainerSource extends Disposable {
  /**
   * (Re)connect: resolve the endpoint again (settings, env and sockets may have changed), negotiate
   * the API version, read what inspect does not say (cgroup version, rootless). Rejects with an
   * `EngineError` whose kind the view shows.
   */
  connect(): Promise<EngineDescription>;
  /** Every container, stopped ones too. */
  list(): Promise<ContainerSummary[]>;
  inspect(id: string): Promise<ContainerInspect>;
  /**
   * Container events from now on. Resolves once the engine accepted the stream; `onError` is called
   * once when it ends for any reason but `dispose()` (the engine stopped, the connection broke).
   */
  watch(onEvent: (event: EngineEvent) => void, onError: (error: EngineError) => void): Promise<Disposable>;
  start(id: string): Promise<void>;
  stop(id: string): Promise<void>;
  restart(id: string): Promise<void>;
  pause(id: string): Promise<void>;
  unpause(id: string): Promise<void>;
  remove(id: string, options: { force: boolean }): Promise<void>;
  logs(id: string, options: LogsOptions, onChunk: (chunk: OutputChunk) => void): Promise<OpenStream>;
  /** A process with a TTY (`cmd` as given, no shell around it). */
  exec(id: string, cmd: string[], options?: { tty?: boolean }): Promise<ShellSession>;
  /** Where it connects (or would), for error views: the endpoint and the sockets looked at. */
  readonly endpoint: Endpoint | undefined;
}

export interface EngineSourceOptions {
  /** The `containerLens.docker.*` settings, read at every connect. */
  settings: () => ResolveSettings;
  deps?: () => ResolveDeps;
  timeoutMs?: number;
  userAgent?: string;
}

/** `ContainerSource` over `EngineClient`; a new client whenever the endpoint changes. */
export class EngineContainerSource implements ContainerSource {
  private client?: EngineClient;
  private current?: Endpoint;
  private disposed = false;

  constructor(private readonly options: EngineSourceOptions) {}

  get endpoint(): Endpoint | undefined {
    return this.current;
  }

  private resolve(): Endpoint {
    try {
      return resolveEndpoint((this.options.deps ?? nodeResolveDeps)(), this.options.settings());
    } catch (e) {
      if (isEngineError(e)) throw e;
      throw new EngineError('bad-host', `Cannot decide which Docker engine to use: ${(e as Error)?.message ?? String(e)}`, { cause: e });
    }
  }

  /** The client, connecting first when nothing has yet (a command run while the view is hidden). */
  private async use(): Promise<EngineClient> {
    if (this.disposed) throw new EngineError('not-running', 'The containers view was closed.');
    if (!this.client) await this.connect();
    if (!this.client) throw new EngineError('not-running', 'Not connected to a Docker engine.');
    return this.client;
  }

  async connect(): Promise<EngineDescription> {
    if (this.disposed) throw new EngineError('not-running', 'The containers view was closed.');
    const endpoint = this.resolve();
    if (!this.client || !this.current || this.current.host !== endpoint.host || JSON.stringify(this.current.transport) !== JSON.stringify(endpoint.transport)) {
      this.client?.dispose();
      this.client = new EngineClient(endpoint, {
        ...(this.options.timeoutMs ? { timeoutMs: this.options.timeoutMs } : {}),
        userAgent: this.options.userAgent ?? 'container-lens',
      });
    }
    this.current = endpoint;
    const client = this.client;
    const version = await client.version();
    let facts: EngineFacts = {};
    try {
      facts = engineFactsFromInfo(await client.request<{ CgroupVersion?: string; SecurityOptions?: string[]; DefaultRuntime?: string }>('GET', '/info'));
    } catch (e) {
      // Old or restricted engines: the profile falls back to Docker's defaults for what /info says.
      if (isEngineError(e) && e.kind !== 'engine') throw e;
    }
    const podman = version.Components?.some((c) => /podman/i.test(c.Name)) || /podman/i.test(version.Platform?.Name ?? '');
    return {
      host: endpoint.host,
      description: describeEndpoint(endpoint),
      ...(endpoint.contextName ? { contextName: endpoint.contextName } : {}),
      version: version.Version,
      apiVersion: version.negotiatedApiVersion,
      product: podman ? 'Podman' : 'Docker',
      facts,
    };
  }

  async list(): Promise<ContainerSummary[]> {
    return (await this.use()).listContainers({ all: true });
  }

  async inspect(id: string): Promise<ContainerInspect> {
    return (await this.use()).inspectContainer(id);
  }

  async watch(onEvent: (event: EngineEvent) => void, onError: (error: EngineError) => void): Promise<Disposable> {
    const client = await this.use();
    const handle = await client.events({ filters: { type: ['container'] } }, onEvent);
    void handle.closed.then((c) => {
      if (c.reason === 'disposed') return;
      if (c.reason === 'error') onError(c.error);
      else if (c.reason === 'ended') onError(new EngineError('not-running', `The engine at ${client.endpoint.host} closed the events stream.`, { socket: client.endpoint.host }));
      else onError(new EngineError('protocol', `Handling an engine event failed: ${String(c.error)}`, { cause: c.error }));
    });
    return handle;
  }

  async start(id: string): Promise<void> {
    return (await this.use()).start(id);
  }

  async stop(id: string): Promise<void> {
    return (await this.use()).stop(id);
  }

  async restart(id: string): Promise<void> {
    return (await this.use()).restart(id);
  }

  async pause(id: string): Promise<void> {
    return (await this.use()).pause(id);
  }

  async unpause(id: string): Promise<void> {
    return (await this.use()).unpause(id);
  }

  async remove(id: string, options: { force: boolean }): Promise<void> {
    return (await this.use()).remove(id, { force: options.force });
  }

  async logs(id: string, options: LogsOptions, onChunk: (chunk: OutputChunk) => void): Promise<OpenStream> {
    return (await this.use()).logs(id, options, onChunk);
  }

  async exec(id: string, cmd: string[], options: { tty?: boolean } = {}): Promise<ShellSession> {
    return (await this.use()).exec(id, { cmd, tty: options.tty ?? true });
  }

  dispose(): void {
    this.disposed = true;
    this.client?.dispose();
    this.client = undefined;
  }
}

/** The sockets looked at, for the "engine not running" view: `found` first. */
export function candidateLines(candidates: readonly EndpointCandidate[] | undefined): string[] {
  return (candidates ?? []).map((c) => `${c.host} (${c.label}): ${c.exists ? 'found' : 'not found'}`);
}
