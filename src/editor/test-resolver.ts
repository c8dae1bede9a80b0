/**
 * A scripted stand-in for the registry module's `DigestResolver`, for the unit tests of the editor's pin
 * glue (the real resolver is tested against a real registry in test/registry and in real VS Code).
 */
import type { DigestFacts } from '../core/digest-pins';
import type { ResolveOptions, ResolverLike } from './registry-loader';

export const D1 = `sha256:${'1'.repeat(64)}`;
export const D2 = `sha256:${'2'.repeat(64)}`;
export const D3 = `sha256:${'3'.repeat(64)}`;

export function facts(reference: string, digest: string, extra: Partial<DigestFacts> = {}): DigestFacts {
  return { reference, digest, kind: 'index', platforms: ['linux/amd64', 'linux/arm64'], source: 'registry', registry: 'registry.test', resolvedAt: 1_700_000_000_000, ...extra };
}

export class ScriptedResolver implements ResolverLike {
  readonly calls: { method: 'resolve' | 'resolveMany'; references: string[]; opts: ResolveOptions }[] = [];
  readonly cache = new Map<string, DigestFacts>();
  disposed = false;

  constructor(readonly answers: Map<string, DigestFacts | Error> = new Map()) {}

  private answer(reference: string, opts: ResolveOptions): DigestFacts | Error {
    if (opts.signal?.aborted) return Object.assign(new Error('cancelled'), { code: 'cancelled' });
    const a = this.answers.get(reference) ?? Object.assign(new Error(`${reference} was not found.`), { code: 'not-found' });
    if (!(a instanceof Error)) this.cache.set(reference, a);
    return a;
  }

  async resolve(reference: string, opts: ResolveOptions = {}): Promise<DigestFacts> {
    this.calls.push({ method: 'resolve', references: [reference], opts });
    const a = this.answer(reference, opts);
    if (a instanceof Error) throw a;
    return a;
  }

  async resolveMany(references: string[], opts: ResolveOptions = {}): Promise<Map<string, DigestFacts | Error>> {
    this.calls.push({ method: 'resolveMany', references: [...references], opts });
    return new Map(references.map((r) => [r, this.answer(r, opts)]));
  }

  cached(reference: string): DigestFacts | undefined {
    return this.cache.get(reference);
  }

  dispose(): void {
    this.disposed = true;
  }
}
