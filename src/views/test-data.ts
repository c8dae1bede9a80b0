/**
 * Plain engine answers for the views' unit tests (shaped like Docker 20.10's), and a fake
 * `ContainerSource` driven by the test: no engine, no vscode. Not imported by the extension.
 */
import { EngineError } from '../docker';
import type { ContainerInspect, ContainerSummary, Disposable, EngineEvent, OutputChunk } from '../docker';
import type { ContainerSource, EngineDescription, OpenStream, ShellSession } from './container-source';

export function summary(id: string, over: Partial<ContainerSummary> = {}): ContainerSummary {
  return {
    Id: id,
    Names: [`/${id}`],
    Image: 'busybox:1',
    ImageID: 'sha256:0',
    Command: 'sleep inf',
    Created: 1_700_000_000,
    Ports: [],
    Labels: {},
    State: 'running',
    Status: 'Up 5 minutes',
    Mounts: [],
    ...over,
  };
}

export function inspect(id: string, over: { state?: Partial<ContainerInspect['State']>; hostConfig?: Partial<ContainerInspect['HostConfig']>; labels?: Record<string, string>; user?: string; name?: string } = {}): ContainerInspect {
  return {
    Id: id,
    Name: `/${over.name ?? id}`,
    Created: '2026-11-24T09:00:00Z',
    Path: 'sleep',
    Args: ['inf'],
    State: {
      Status: 'running',
      Running: true,
      Paused: false,
      Restarting: false,
      OOMKilled: false,
      Dead: false,
      Pid: 42,
      ExitCode: 0,
      Error: '',
      StartedAt: '2026-11-24T09:00:01Z',
      FinishedAt: '0001-01-01T00:00:00Z',
      ...over.state,
    },
    Image: 'sha256:0',
    AppArmorProfile: '',
    HostConfig: { NetworkMode: 'none', CgroupnsMode: 'host', Runtime: 'runc', ...over.hostConfig },
    Config: { User: over.user ?? '', Image: 'busybox:1', Labels: over.labels ?? {} },
    Mounts: [],
    NetworkSettings: { Ports: {}, Networks: { none: {} } },
  };
}

export function event(id: string, action: string): EngineEvent {
  return { Type: 'container', Action: action, Actor: { ID: id, Attributes: {} }, time: 0, timeNano: 0 };
}

export const ENGINE: EngineDescription = {
  host: 'unix:///fake.sock',
  description: 'unix:///fake.sock (DOCKER_HOST)',
  version: '20.10.24',
  apiVersion: '1.41',
  product: 'Docker',
  facts: { cgroupVersion: '1', rootless: false, usernsRemap: false, defaultRuntime: 'runc' },
};

/** A `ContainerSource` whose engine is a few maps; the test fails connects and breaks streams at will. */
export class FakeSource implements ContainerSource {
  containers = new Map<string, { summary: ContainerSummary; inspect: ContainerInspect }>();
  /** The next connects fail with these, in order. */
  connectErrors: EngineError[] = [];
  calls: string[] = [];
  private streams: Array<{ onEvent: (e: EngineEvent) => void; onError: (e: EngineError) => void; open: boolean }> = [];
  endpoint = undefined;

  add(id: string, s: Partial<ContainerSummary> = {}, i: Parameters<typeof inspect>[1] = {}): void {
    this.containers.set(id, { summary: summary(id, s), inspect: inspect(id, i) });
  }

  async connect(): Promise<EngineDescription> {
    this.calls.push('connect');
    const e = this.connectErrors.shift();
    if (e) throw e;
    return ENGINE;
  }

  async list(): Promise<ContainerSummary[]> {
    this.calls.push('list');
    return [...this.containers.values()].map((c) => c.summary);
  }

  async inspect(id: string): Promise<ContainerInspect> {
    this.calls.push(`inspect ${id}`);
    const c = this.containers.get(id);
    if (!c) throw new EngineError('engine', `No such container: ${id}`, { statusCode: 404, engineMessage: `No such container: ${id}` });
    return c.inspect;
  }

  async watch(onEvent: (e: EngineEvent) => void, onError: (e: EngineError) => void): Promise<Disposable> {
    this.calls.push('watch');
    const s = { onEvent, onError, open: true };
    this.streams.push(s);
    return { dispose: () => (s.open = false) };
  }

  get openStreams(): number {
    return this.streams.filter((s) => s.open).length;
  }

  /** Deliver an event on every open stream. */
  emit(e: EngineEvent): void {
    for (const s of this.streams) if (s.open) s.onEvent(e);
  }

  /** The engine died: every open stream ends with an error. */
  breakStreams(error = new EngineError('not-running', 'The connection to the Docker engine closed before it answered. Did the engine stop?')): void {
    for (const s of this.streams) {
      if (!s.open) continue;
      s.open = false;
      s.onError(error);
    }
  }

  async start(id: string): Promise<void> {
    this.calls.push(`start ${id}`);
  }
  async stop(id: string): Promise<void> {
    this.calls.push(`stop ${id}`);
  }
  async restart(id: string): Promise<void> {
    this.calls.push(`restart ${id}`);
  }
  async pause(id: string): Promise<void> {
    this.calls.push(`pause ${id}`);
  }
  async unpause(id: string): Promise<void> {
    this.calls.push(`unpause ${id}`);
  }
  async remove(id: string): Promise<void> {
    this.calls.push(`remove ${id}`);
  }
  async logs(_id: string, _o: unknown, _on: (c: OutputChunk) => void): Promise<OpenStream> {
    throw new Error('not in the fake');
  }

  /** Sessions handed out by `exec`, scripted by the test through `execScript`. */
  execScript: Array<(s: FakeSession) => void> = [];
  async exec(id: string, cmd: string[]): Promise<ShellSession> {
    this.calls.push(`exec ${id} ${cmd.join(' ')}`);
    const s = new FakeSession();
    const script = this.execScript.shift();
    if (script) queueMicrotask(() => script(s));
    return s;
  }

  dispose(): void {
    for (const s of this.streams) s.open = false;
  }
}

export class FakeSession implements ShellSession {
  private handler?: (c: OutputChunk) => void;
  private early: OutputChunk[] = [];
  private settle!: (c: { reason: 'ended' } | { reason: 'disposed' }) => void;
  readonly closed = new Promise<{ reason: 'ended' } | { reason: 'disposed' }>((r) => (this.settle = r));
  code: number | null = null;
  written: string[] = [];
  disposed = false;

  onOutput(handler: (c: OutputChunk) => void): void {
    this.handler = handler;
    for (const c of this.early.splice(0)) handler(c);
  }
  say(text: string): void {
    const c: OutputChunk = { stream: 'tty', data: Buffer.from(text) };
    if (this.handler) this.handler(c);
    else this.early.push(c);
  }
  end(code: number): void {
    this.code = code;
    this.settle({ reason: 'ended' });
  }
  write(data: string | Buffer): void {
    this.written.push(String(data));
  }
  async resize(): Promise<void> {}
  async exitCode(): Promise<number | null> {
    return this.code;
  }
  dispose(): void {
    this.disposed = true;
    this.settle({ reason: 'disposed' });
  }
}
