import { describe, expect, it } from 'vitest';
import { guard, guardAsync } from './log';
import type { Logger } from './log';

function recorder(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return { errors, info() {}, warn() {}, error: (m) => errors.push(String(m)) };
}

describe('guard', () => {
  it('returns the body result', () => {
    expect(guard(recorder(), 'x', 0, () => 42)).toBe(42);
  });

  it('turns a throw into the fallback and a log line', () => {
    const log = recorder();
    expect(
      guard(log, 'hover', 'fallback', () => {
        throw new Error('boom');
      }),
    ).toBe('fallback');
    expect(log.errors[0]).toMatch(/^hover failed: Error: boom/);
  });

  it('turns a rejection into the fallback', async () => {
    const log = recorder();
    await expect(guardAsync(log, 'resolve', 'fb', () => Promise.reject(new Error('nope')))).resolves.toBe('fb');
    await expect(guardAsync(log, 'resolve', 'fb', async () => 'ok')).resolves.toBe('ok');
    expect(log.errors[0]).toMatch(/resolve failed: Error: nope/);
  });
});
