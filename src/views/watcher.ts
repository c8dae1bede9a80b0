/**
 * Keeps the `ContainerStore` in step with the engine through ONE events stream: connect, open the
 * stream, list once (the full resync), then every container event refreshes just that container
 * (inspect by id, or drop it on `destroy`). When the stream breaks it reconnects with exponential
 * backoff and resyncs. Started when the view becomes visible, stopped when it is hidden. No polling:
 * while connected and idle it makes no request at all. No vscode here; timers are injected for tests.
 */
import { EngineError, isEngineError } from '../docker';
import type { Disposable, EngineEvent } from '../docker';
import type { ContainerSource, EngineDescription } from './container-source';
import type { ContainerStore, RefreshKey } from './model';

export type EngineState =
  /** Not started, or stopped because the view is hidden. */
  | { kind: 'idle' }
  | { kind: 'connecting' }
  | { kind: 'connected'; engine: EngineDescription }
  /** The stream broke; items are kept (stale) while it tries again. */
  | { kind: 'reconnecting'; error: EngineError; attempt: number; delayMs: number; engine?: EngineDescription }
  /** No connection; `retrying` says whether it tries again by itself (not for permission or host errors). */
  | { kind: 'failed'; error: EngineError; retrying: boolean; delayMs?: number };

export interface WatcherListener {
  state(state: EngineState): void;
  /** Rebuild the whole tree (after a resync or when the items were dropped). */
  reset(): void;
  /** Repaint these nodes only. */
  changed(keys: RefreshKey[]): void;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export interface BackoffOptions {
  /** First retry after this (doubles each time). */
  initialMs: number;
  /** Longest wait while the outage is recent: a restarted engine is found within this. */
  maxMs: number;
  /** After this long without an engine, wait `slowMs` between attempts. */
  slowAfterMs: number;
  slowMs: number;
  /** Drop the stale items after this long without an engine (the welcome view then explains). */
  dropItemsAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = {
  initialMs: 250,
  maxMs: 4000,
  slowAfterMs: 120_000,
  slowMs: 30_000,
  dropItemsAfterMs: 10_000,
};

/** Delay before attempt `n` (0-based) of an outage that began `elapsedMs` ago. */
export function backoffDelay(n: number, elapsedMs: number, o: BackoffOptions = DEFAULT_BACKOFF): number {
  if (elapsedMs >= o.slowAfterMs) return o.slowMs;
  return Math.min(o.maxMs, o.initialMs * 2 ** Math.min(n, 20));
}

/** Errors a retry will not fix without the user: the view asks them instead of retrying. */
function needsUser(e: EngineError): boolean {
  return e.kind === 'permission-denied' || e.kind === 'bad-host' || e.kind === 'api-too-old';
}

/**
 * Events that say nothing about the container's state or settings (exec, attach, resize, copy ...).
 * `kill` only says a signal was sent: if it ends the process, `die` follows, and an inspect started on
 * `kill` would still read "running" and delay the one that matters.
 */
const IGNORED_ACTIONS = new Set([
  'kill',
  'exec_create',
  'exec_start',
  'exec_die',
  'exec_detach',
  'attach',
  'detach',
  'resize',
  'top',
  'export',
  'commit',
  'copy',
  'archive-path',
  'extract-to-dir',
]);

export function eventAction(e: EngineEvent): string {
  return (e.Action ?? '').split(':')[0]!.trim();
}

function toEngineError(e: unknown): EngineError {
  return isEngineError(e) ? e : new EngineError('protocol', e instanceof Error ? e.message : String(e), { cause: e });
}

export class EngineWatcher implements Disposable {
  private generation = 0;
  private stream?: Disposable;
  private timer?: unknown;
  private current: EngineState = { kind: 'idle' };
  private running = false;
  private attempt = 0;
  private outageSince?: number;
  private engine?: EngineDescription;
  private firstLoad?: Promise<void>;
  /**
   * Per container: an inspect in flight, whether another event came while it was, and whether the
   * container was destroyed meanwhile (its answer is then stale and must not bring the row back).
   */
  private readonly inFlight = new Map<string, { again: boolean; gone: boolean }>();
  private readonly backgroundQueue: string[] = [];
  private readonly queued = new Set<string>();
  private backgroundActive = 0;
  private pendingKeys: RefreshKey[] = [];
  private flushTimer?: unknown;
  /** Requests made to the engine (for the idle-cost bench and tests). */
  requests = 0;

  constructor(
    private readonly source: ContainerSource,
    private readonly store: ContainerStore,
    private readonly listener: WatcherListener,
    private readonly timers: Timers = realTimers,
    private readonly backoff: BackoffOptions = DEFAULT_BACKOFF,
    /** Background inspects (for badges) at a time. */
    private readonly backgroundWidth = 4,
    /** Batch repaints that come within this many ms. */
    private readonly batchMs = 15,
  ) {}

  get state(): EngineState {
    return this.current;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Start (idempotent). Resolves when the first attempt has finished, whatever its outcome. */
  start(): Promise<void> {
    if (this.running) return this.firstLoad ?? Promise.resolve();
    this.running = true;
    this.attempt = 0;
    this.outageSince = undefined;
    this.firstLoad = this.connect(++this.generation);
    return this.firstLoad;
  }

  /** Stop: close the stream, cancel retries. Items stay (shown again, then resynced, on the next start). */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.generation++;
    this.closeStream();
    this.cancelTimer();
    this.firstLoad = undefined;
    this.setState({ kind: 'idle' });
  }

  /** Stop and start again: a retry button, a settings change, a manual refresh. */
  restart(): Promise<void> {
    this.stop();
    return this.start();
  }

  /** A first load (or the one after a restart) finished. */
  ready(): Promise<void> {
    return this.firstLoad ?? Promise.resolve();
  }

  private setState(s: EngineState): void {
    this.current = s;
    this.listener.state(s);
  }

  private closeStream(): void {
    const s = this.stream;
    this.stream = undefined;
    try {
      s?.dispose();
    } catch {
      // already closed
    }
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async connect(gen: number): Promise<void> {
    const stale = () => gen !== this.generation || !this.running;
    // Retries keep showing what went wrong; only a fresh start says "connecting".
    if (this.current.kind === 'idle' || this.current.kind === 'connected') this.setState({ kind: 'connecting' });
    const buffered: EngineEvent[] = [];
    let listed = false;
    try {
      this.requests++;
      const engine = await this.source.connect();
      if (stale()) return;
      this.store.facts = engine.facts;
      this.requests++;
      // The stream first, then the list: nothing that happens in between is missed.
      const stream = await this.source.watch(
        (e) => {
          if (stale()) return;
          if (!listed) buffered.push(e);
          else this.onEvent(e);
        },
        (error) => {
          if (stale()) return;
          this.onLost(error);
        },
      );
      if (stale()) {
        stream.dispose();
        return;
      }
      this.stream = stream;
      this.requests++;
      const list = await this.source.list();
      if (stale()) return;
      this.store.replaceAll(list);
      this.inFlight.clear();
      listed = true;
      this.engine = engine;
      this.attempt = 0;
      this.outageSince = undefined;
      this.setState({ kind: 'connected', engine });
      this.listener.reset();
      for (const e of buffered.splice(0)) this.onEvent(e);
    } catch (e) {
      if (stale()) return;
      this.closeStream();
      this.onFailure(toEngineError(e));
    }
  }

  /** The events stream ended: try again soon, keeping the items for now. */
  private onLost(error: EngineError): void {
    this.closeStream();
    this.onFailure(error);
  }

  private onFailure(error: EngineError): void {
    const now = this.timers.now();
    this.outageSince ??= now;
    const elapsed = now - this.outageSince;
    if (needsUser(error)) {
      this.dropItems();
      this.setState({ kind: 'failed', error, retrying: false });
      return;
    }
    const delayMs = backoffDelay(this.attempt, elapsed, this.backoff);
    this.attempt++;
    if (elapsed >= this.backoff.dropItemsAfterMs) this.dropItems();
    if (this.store.size > 0 && this.engine) {
      this.setState({ kind: 'reconnecting', error, attempt: this.attempt, delayMs, engine: this.engine });
    } else {
      this.setState({ kind: 'failed', error, retrying: true, delayMs });
    }
    this.cancelTimer();
    const gen = this.generation;
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      if (gen !== this.generation || !this.running) return;
      void this.connect(++this.generation);
    }, delayMs);
  }

  private dropItems(): void {
    if (this.store.size === 0) return;
    this.store.clear();
    this.listener.reset();
  }

  private onEvent(e: EngineEvent): void {
    if (e.Type !== undefined && e.Type !== 'container') return;
    const id = e.Actor?.ID ?? e.id;
    if (!id) return;
    const action = eventAction(e);
    if (IGNORED_ACTIONS.has(action)) return;
    if (action === 'destroy') {
      const pending = this.inFlight.get(id);
      if (pending) pending.gone = true;
      this.queue(this.store.remove(id));
      return;
    }
    this.refresh(id);
  }

  /**
   * Inspect one container again and repaint what changed. Events in a burst (kill, die, stop) cost
   * one inspect each at most, and one more if they arrived while it was in flight.
   */
  refresh(id: string): Promise<void> {
    const running = this.inFlight.get(id);
    if (running) {
      running.again = true;
      return Promise.resolve();
    }
    const slot = { again: false, gone: false };
    this.inFlight.set(id, slot);
    const gen = this.generation;
    const run = async (): Promise<void> => {
      do {
        slot.again = false;
        try {
          this.requests++;
          const inspect = await this.source.inspect(id);
          if (gen !== this.generation || slot.gone) return;
          this.queue(this.store.applyInspect(inspect));
        } catch (e) {
          if (gen !== this.generation) return;
          const err = toEngineError(e);
          // 404: removed between the event and the inspect.
          if (err.kind === 'engine' && err.statusCode === 404) this.queue(this.store.remove(id));
        }
      } while (slot.again && !slot.gone && gen === this.generation);
    };
    return run().finally(() => {
      if (this.inFlight.get(id) === slot) this.inFlight.delete(id);
    });
  }

  /** Inspect a container the view shows but has not inspected yet (for its badges), a few at a time. */
  ensureInspected(id: string): void {
    const e = this.store.get(id);
    if (!e || e.inspect || this.queued.has(id) || this.inFlight.has(id) || this.current.kind !== 'connected') return;
    this.queued.add(id);
    this.backgroundQueue.push(id);
    this.pump();
  }

  private pump(): void {
    while (this.backgroundActive < this.backgroundWidth && this.backgroundQueue.length) {
      const id = this.backgroundQueue.shift()!;
      this.queued.delete(id);
      const e = this.store.get(id);
      if (!e || e.inspect) continue;
      this.backgroundActive++;
      void this.refresh(id).finally(() => {
        this.backgroundActive--;
        this.pump();
      });
    }
  }

  private queue(keys: RefreshKey[]): void {
    if (keys.length === 0) return;
    this.pendingKeys.push(...keys);
    if (this.flushTimer !== undefined) return;
    this.flushTimer = this.timers.setTimeout(() => {
      this.flushTimer = undefined;
      const keys = this.pendingKeys.splice(0);
      if (keys.some((k) => k.kind === 'root')) this.listener.changed([{ kind: 'root' }]);
      else {
        const seen = new Set<string>();
        const unique = keys.filter((k) => {
          const id = k.kind === 'group' ? `g:${k.project}` : k.kind === 'container' ? `c:${k.id}` : 'root';
          if (seen.has(id)) return false;
          seen.add(id);
          return true;
        });
        this.listener.changed(unique);
      }
    }, this.batchMs);
  }

  dispose(): void {
    this.stop();
    if (this.flushTimer !== undefined) this.timers.clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
  }
}
