import { describe, expect, it } from 'vitest';
import { DigestResolverRegistry, isPinDigestFix } from './pin-digest-hook';
import type { DigestResolver } from './pin-digest-hook';

const resolver = (): DigestResolver => ({ resolvePinFix: async () => undefined });

describe('DigestResolverRegistry', () => {
  it('is empty until a resolver registers; the last registration wins; dispose restores', () => {
    const reg = new DigestResolverRegistry();
    expect(reg.current).toBeUndefined();
    const a = resolver();
    const b = resolver();
    const da = reg.register(a);
    const db = reg.register(b);
    expect(reg.current).toBe(b);
    db.dispose();
    expect(reg.current).toBe(a);
    da.dispose();
    da.dispose();
    expect(reg.current).toBeUndefined();
  });

  it('recognises pin-digest fixes', () => {
    expect(isPinDigestFix({ title: 'pin', edits: [], kind: 'pin-digest' })).toBe(true);
    expect(isPinDigestFix({ title: 'x', edits: [] })).toBe(false);
  });
});
