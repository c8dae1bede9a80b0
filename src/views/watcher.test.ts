import { afterEach, describe, expect, it } from 'vitest';
import { EngineError } from '../docker';
import { ContainerStore } from './model';
import type { RefreshKey } from './model';
import { FakeSource, event } from './test-data';
import { DEFAULT_BACKOFF, EngineWatcher, backoffDelay } from './watcher';
import type { EngineState, Timers } from './watcher';

/** A clock the test moves by hand. */
class ManualTimers implements Timers {
  t = 0;
  private seq = 0;
  private pending = new Map<number, { at: number; fn: () => void }>();
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.pending.set(id, { at: this.t + ms, fn });
    return id;
  }
  clearTimeout(h: unknown): void {
    this.pending.delete(h as number);
  }
  now(): number {
    return this.t;
  }
  /** Delays of the timers waiting now (batching timers of 15 ms included). */
  delays(): number[] {
    return [...this.pending.values()].map((p) => p.at - this.t).sort((a, b) => a - b);
  }
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await settle();
      const due = [...this.pending.entries()].filter(([, p]) => p.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.t = Math.max(this.t, due[1].at);
      due[1].fn();
    }
    this.t = end;
    await settle();
  }
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

function setup() {
  const source = new FakeSource();
  const store = new ContainerStore();
  const timers = new ManualTimers();
  const states: EngineState[] = [];
  const changes: RefreshKey[][] = [];
  let resets = 0;
  const watcher = new EngineWatcher(
    source,
    store,
    { state: (s) => states.push(s), reset: () => resets++, changed: (k) => changes.push(k) },
    timers,
  );
  return { source, store, timers, states, changes, watcher, resets: () => resets };
}

let current: ReturnType<typeof setup> | undefined;
afterEach(() => current?.watcher.dispose());

describe('EngineWatcher', () => {
  it('connects, opens the stream before listing, resyncs once', async () => {
    const t = (current = setup());
    t.source.add('a');
    t.source.add('b', { State: 'exited', Status: 'Exited (0) 1 minute ago' });
    await t.watcher.start();
    expect(t.source.calls).toEqual(['connect', 'watch', 'list']);
    expect(t.states.map((s) => s.kind)).toEqual(['connecting', 'connected']);
    expect(t.resets()).toBe(1);
    expect(t.store.layout().root).toEqual(['a', 'b']);
  });

  it('one event refreshes one container: inspect by id, repaint that row only', async () => {
    const t = (current = setup());
    t.source.add('a');
    t.source.add('b');
    await t.watcher.start();
    t.source.calls.length = 0;
    t.source.containers.get('a')!.inspect.State.Health = { Status: 'unhealthy' };
    t.source.emit(event('a', 'health_status: unhealthy'));
    await t.timers.advance(20);
    expect(t.source.calls).toEqual(['inspect a']);
    expect(t.changes).toEqual([[{ kind: 'container', id: 'a' }]]);
    expect(t.store.get('a')?.state).toBe('unhealthy');
    expect(t.resets()).toBe(1);
  });

  it('a burst of events for one container costs at most two inspects; exec events none', async () => {
    const t = (current = setup());
    t.source.add('a');
    await t.watcher.start();
    t.source.calls.length = 0;
    for (const action of ['kill', 'die', 'stop', 'exec_create: sh', 'exec_start: sh', 'exec_die']) t.source.emit(event('a', action));
    await t.timers.advance(20);
    expect(t.source.calls).toEqual(['inspect a', 'inspect a']);
    expect(t.changes.flat()).toEqual([{ kind: 'container', id: 'a' }]);
  });

  it('a kill alone costs nothing: the die that ends the process brings the inspect', async () => {
    const t = (current = setup());
    t.source.add('a');
    await t.watcher.start();
    t.source.calls.length = 0;
    t.source.emit(event('a', 'kill'));
    await t.timers.advance(20);
    expect(t.source.calls).toEqual([]);
    t.source.containers.get('a')!.inspect.State = { ...t.source.containers.get('a')!.inspect.State, Status: 'exited', Running: false, ExitCode: 143 };
    t.source.emit(event('a', 'die'));
    await t.timers.advance(20);
    expect(t.source.calls).toEqual(['inspect a']);
    expect(t.store.get('a')?.state).toBe('exited');
  });

  it('create adds, destroy removes, a 404 after an event removes', async () => {
    const t = (current = setup());
    t.source.add('a');
    await t.watcher.start();
    t.source.add('n');
    t.source.emit(event('n', 'create'));
    await t.timers.advance(20);
    expect(t.store.layout().root).toEqual(['a', 'n']);
    expect(t.changes.at(-1)).toEqual([{ kind: 'root' }]);
    t.source.emit(event('n', 'destroy'));
    await t.timers.advance(20);
    expect(t.store.get('n')).toBeUndefined();
    t.source.containers.delete('a');
    t.source.emit(event('a', 'die'));
    await t.timers.advance(20);
    expect(t.store.size).toBe(0);
  });

  it('a container destroyed while its inspect is in flight does not come back', async () => {
    const t = (current = setup());
    await t.watcher.start();
    t.source.add('brief');
    // the inspect answers only after the destroy event has come: it was taken before the removal
    let answer!: () => void;
    const gate = new Promise<void>((r) => (answer = r));
    const inspect = t.source.inspect.bind(t.source);
    t.source.inspect = async (id) => {
      const result = await inspect(id);
      await gate;
      return result;
    };
    t.source.emit(event('brief', 'create'));
    await t.timers.advance(5);
    t.source.containers.delete('brief');
    t.source.emit(event('brief', 'destroy'));
    answer();
    await t.timers.advance(20);
    expect(t.store.get('brief')).toBeUndefined();
    expect(t.store.layout().root).toEqual([]);
    expect(t.source.calls.filter((c) => c === 'inspect brief')).toEqual(['inspect brief']);
  });

  it('events that arrive while the first list is in flight are applied after it', async () => {
    const t = (current = setup());
    t.source.add('a');
    const list = t.source.list.bind(t.source);
    t.source.list = async () => {
      const result = await list();
      t.source.add('late');
      t.source.emit(event('late', 'create'));
      return result;
    };
    await t.watcher.start();
    await t.timers.advance(20);
    expect(t.store.layout().root).toEqual(['a', 'late']);
  });

  it('reconnects with backoff after the engine dies, keeps the rows meanwhile, resyncs after', async () => {
    const t = (current = setup());
    t.source.add('a');
    await t.watcher.start();
    const down = new EngineError('not-running', 'The Docker engine is not running: there is no socket at unix:///x.');
    t.source.connectErrors = [down, down];
    t.source.breakStreams();
    await settle();
    expect(t.watcher.state).toMatchObject({ kind: 'reconnecting', attempt: 1, delayMs: 250 });
    expect(t.store.size).toBe(1);
    await t.timers.advance(250);
    expect(t.watcher.state).toMatchObject({ kind: 'reconnecting', attempt: 2, delayMs: 500 });
    await t.timers.advance(500);
    expect(t.watcher.state).toMatchObject({ kind: 'reconnecting', attempt: 3, delayMs: 1000 });
    // the engine is back, with a container more
    t.source.add('b');
    t.source.calls.length = 0;
    await t.timers.advance(1000);
    expect(t.watcher.state.kind).toBe('connected');
    expect(t.source.calls).toEqual(['connect', 'watch', 'list']);
    expect(t.store.layout().root).toEqual(['a', 'b']);
    expect(t.source.openStreams).toBe(1);
  });

  it('drops stale rows after a long outage: the welcome view explains', async () => {
    const t = (current = setup());
    t.source.add('a');
    await t.watcher.start();
    const down = new EngineError('not-running', 'down');
    t.source.connectErrors = Array(20).fill(down);
    t.source.breakStreams();
    await t.timers.advance(DEFAULT_BACKOFF.dropItemsAfterMs + 5000);
    expect(t.store.size).toBe(0);
    expect(t.watcher.state).toMatchObject({ kind: 'failed', retrying: true });
  });

  it('does not retry by itself what only the user can fix', async () => {
    const t = (current = setup());
    t.source.connectErrors = [new EngineError('permission-denied', 'Permission denied on unix:///var/run/docker.sock.')];
    await t.watcher.start();
    expect(t.watcher.state).toMatchObject({ kind: 'failed', retrying: false, error: { kind: 'permission-denied' } });
    expect(t.timers.delays()).toEqual([]);
    await t.watcher.restart();
    expect(t.watcher.state.kind).toBe('connected');
  });

  it('retries an engine that is not running yet', async () => {
    const t = (current = setup());
    t.source.connectErrors = [new EngineError('not-running', 'no socket')];
    await t.watcher.start();
    expect(t.watcher.state).toMatchObject({ kind: 'failed', retrying: true, delayMs: 250 });
    await t.timers.advance(250);
    expect(t.watcher.state.kind).toBe('connected');
    // no "connecting" flicker between the failure and the success
    expect(t.states.map((s) => s.kind)).toEqual(['connecting', 'failed', 'connected']);
  });

  it('stop closes the stream and cancels retries; idle means no request at all', async () => {
    const t = (current = setup());
    t.source.add('a');
    await t.watcher.start();
    const before = t.watcher.requests;
    await t.timers.advance(60_000);
    expect(t.watcher.requests).toBe(before);
    expect(t.timers.delays()).toEqual([]);
    t.watcher.stop();
    expect(t.source.openStreams).toBe(0);
    expect(t.watcher.state.kind).toBe('idle');
    // events of a closed stream are ignored
    t.source.breakStreams();
    await t.timers.advance(10_000);
    expect(t.source.calls.filter((c) => c === 'connect')).toHaveLength(1);
  });

  it('background inspects for badges, a few at a time', async () => {
    const t = (current = setup());
    for (let i = 0; i < 10; i++) t.source.add(`c${i}`);
    await t.watcher.start();
    t.source.calls.length = 0;
    for (let i = 0; i < 10; i++) t.watcher.ensureInspected(`c${i}`);
    t.watcher.ensureInspected('c0');
    await t.timers.advance(20);
    expect(t.source.calls.filter((c) => c.startsWith('inspect'))).toHaveLength(10);
    expect(t.store.all().every((e) => e.profile)).toBe(true);
  });

  it('backoffDelay doubles to the cap, then slows down for long outages', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => backoffDelay(n, 0))).toEqual([250, 500, 1000, 2000, 4000, 4000, 4000]);
    expect(backoffDelay(3, 200_000)).toBe(30_000);
  });
});
