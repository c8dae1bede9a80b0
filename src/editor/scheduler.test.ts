import { describe, expect, it } from 'vitest';
import { DebounceScheduler } from './scheduler';
import type { Timers } from './scheduler';

/** Timers driven by hand: `advance(ms)` fires what is due, in deadline order. */
function fakeTimers() {
  let now = 0;
  let nextId = 1;
  const queue = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    setTimeout(fn, ms) {
      const id = nextId++;
      queue.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout(h) {
      queue.delete(h as number);
    },
  };
  return {
    timers,
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = [...queue.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        queue.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = until;
    },
    get armed() {
      return queue.size;
    },
  };
}

describe('DebounceScheduler', () => {
  it('runs once, delayMs after the last schedule for a key', () => {
    const t = fakeTimers();
    const s = new DebounceScheduler<string>(t.timers);
    const runs: string[] = [];
    s.schedule('a', 250, () => runs.push('a1'));
    t.advance(200);
    s.schedule('a', 250, () => runs.push('a2'));
    t.advance(200);
    expect(runs).toEqual([]);
    t.advance(50);
    expect(runs).toEqual(['a2']);
    expect(s.isPending('a')).toBe(false);
    expect(t.armed).toBe(0);
  });

  it('keeps keys independent', () => {
    const t = fakeTimers();
    const s = new DebounceScheduler<string>(t.timers);
    const runs: string[] = [];
    s.schedule('a', 100, () => runs.push('a'));
    s.schedule('b', 300, () => runs.push('b'));
    t.advance(100);
    expect(runs).toEqual(['a']);
    s.schedule('a', 100, () => runs.push('a again'));
    t.advance(200);
    expect(runs).toEqual(['a', 'a again', 'b']);
  });

  it('runs synchronously for a delay of 0 and cancels what was pending', () => {
    const t = fakeTimers();
    const s = new DebounceScheduler<string>(t.timers);
    const runs: string[] = [];
    s.schedule('a', 100, () => runs.push('late'));
    s.schedule('a', 0, () => runs.push('now'));
    expect(runs).toEqual(['now']);
    t.advance(1000);
    expect(runs).toEqual(['now']);
  });

  it('cancel and flush', () => {
    const t = fakeTimers();
    const s = new DebounceScheduler<string>(t.timers);
    const runs: string[] = [];
    s.schedule('a', 100, () => runs.push('a'));
    expect(s.cancel('a')).toBe(true);
    expect(s.cancel('a')).toBe(false);
    t.advance(1000);
    expect(runs).toEqual([]);
    s.schedule('b', 100, () => runs.push('b'));
    expect(s.flush('b')).toBe(true);
    expect(runs).toEqual(['b']);
    t.advance(1000);
    expect(runs).toEqual(['b']);
    expect(s.flush('b')).toBe(false);
  });

  it('a timer whose entry was replaced does not run the old work, even if clearTimeout is a no-op', () => {
    const t = fakeTimers();
    const leaky: Timers = { setTimeout: t.timers.setTimeout, clearTimeout: () => undefined };
    const s = new DebounceScheduler<string>(leaky);
    const runs: string[] = [];
    s.schedule('a', 100, () => runs.push('old'));
    s.schedule('a', 150, () => runs.push('new'));
    t.advance(1000);
    expect(runs).toEqual(['new']);
  });

  it('dispose cancels everything and ignores later schedules', () => {
    const t = fakeTimers();
    const s = new DebounceScheduler<string>(t.timers);
    const runs: string[] = [];
    s.schedule('a', 100, () => runs.push('a'));
    s.schedule('b', 100, () => runs.push('b'));
    s.dispose();
    s.schedule('c', 0, () => runs.push('c'));
    t.advance(1000);
    expect(runs).toEqual([]);
    expect(s.size).toBe(0);
    expect(t.armed).toBe(0);
  });
});
