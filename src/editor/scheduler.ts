/**
 * Per-key debouncing with injected timers, so the logic is testable without VS Code or real time.
 * The editor keys it by document URI: each change re-arms that document's timer, other documents are untouched.
 */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class DebounceScheduler<K = string> {
  private readonly pending = new Map<K, { handle: unknown; run: () => void }>();
  private disposed = false;

  constructor(private readonly timers: Timers = realTimers) {}

  /**
   * Run `run` after `delayMs` unless `schedule` is called again for the same key first.
   * A delay of 0 or less runs synchronously (and cancels what was pending for the key).
   */
  schedule(key: K, delayMs: number, run: () => void): void {
    if (this.disposed) return;
    this.cancel(key);
    if (!(delayMs > 0)) {
      run();
      return;
    }
    const entry = {
      run,
      handle: this.timers.setTimeout(() => {
        // Only the entry that armed this timer may run; a later schedule replaced it otherwise.
        if (this.pending.get(key) !== entry) return;
        this.pending.delete(key);
        run();
      }, delayMs),
    };
    this.pending.set(key, entry);
  }

  /** Forget the pending run for `key`, if any. Returns whether something was pending. */
  cancel(key: K): boolean {
    const entry = this.pending.get(key);
    if (!entry) return false;
    this.timers.clearTimeout(entry.handle);
    this.pending.delete(key);
    return true;
  }

  /** Run the pending work for `key` now instead of at its deadline. Returns whether something ran. */
  flush(key: K): boolean {
    const entry = this.pending.get(key);
    if (!entry) return false;
    this.cancel(key);
    entry.run();
    return true;
  }

  isPending(key: K): boolean {
    return this.pending.has(key);
  }

  get size(): number {
    return this.pending.size;
  }

  dispose(): void {
    for (const key of [...this.pending.keys()]) this.cancel(key);
    this.disposed = true;
  }
}
