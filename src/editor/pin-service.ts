/**
 * Digest pinning as the editor runs it, without vscode: find the image sites of a text, ask the resolver,
 * turn the answers into core edits and messages, and re-check the text after the network round trip so
 * nothing is edited from a stale version. The vscode layer (`pin-commands.ts`) adds progress, the diff
 * preview and `applyEdit`; these steps are unit-tested here with a fake resolver.
 */
import {
  isFailure,
  pinAllSummary,
  pinAllTargets,
  pinFailureMessage,
  pinTargetOf,
  pinnedHoverMarkdown,
  planDigestUpdates,
  planPinAll,
  shortDigest,
  siteAt,
  updateSummary,
  updateTargets,
} from '../core/digest-pins';
import type { DigestFacts, Outcome, PinAllPlan, PinFailure, UpdatePlan } from '../core/digest-pins';
import { findImageSites, pinEdits } from '../core/pinning';
import type { ImageSite } from '../core/pinning';
import { LineIndex } from '../core/text/range';
import type { Position, Range, TextEdit } from '../core/text/range';
import type { ResolveOptions, ResolverLike } from './registry-loader';

export interface PinServiceOptions {
  /** The resolver, loaded on first use. */
  resolver: () => Promise<ResolverLike>;
  /** The resolver if it exists already (hovers never load it). */
  peek: () => ResolverLike | undefined;
  /** `containerLens.registry.timeoutMs`, for messages. */
  timeoutMs: () => number;
}

/** What a pin command ended with; the commands return it (integration tests read it). */
export interface PinOutcome {
  status: 'pinned' | 'updated' | 'failed' | 'cancelled' | 'nothing' | 'stale' | 'declined';
  /** The sentence shown to the user. */
  message: string;
  /** Whether the document was edited. */
  edited: boolean;
  image?: string;
  digest?: string;
  failure?: PinFailure;
  /** "Update pinned digests": the text the diff preview showed as the result. */
  preview?: string;
}

export function toFailure(e: unknown): PinFailure {
  if (e && typeof e === 'object') {
    const code = (e as { code?: unknown }).code;
    const message = (e as { message?: unknown }).message;
    const name = (e as { name?: unknown }).name;
    if (name === 'AbortError') return { code: 'cancelled', message: 'Cancelled.' };
    if (typeof code === 'string' && typeof message === 'string') return { code, message };
    if (typeof message === 'string') return { code: 'internal', message };
  }
  return { code: 'internal', message: String(e) };
}

function outcomeOf(value: DigestFacts | Error | undefined): Outcome | undefined {
  if (value === undefined) return undefined;
  return value instanceof Error || isFailure(value as Outcome) ? toFailure(value) : (value as DigestFacts);
}

/** Line `n` of `text` (without its line break), or undefined past the end. */
export function lineOf(text: string, n: number): string | undefined {
  const lines = new LineIndex(text);
  return n >= 0 && n < lines.lineCount ? lines.lineText(n) : undefined;
}

export class PinService {
  constructor(private readonly options: PinServiceOptions) {}

  /** Image sites of a file; a file the pinning core cannot read has none. */
  sitesOf(text: string, fileName: string): ImageSite[] {
    try {
      return findImageSites(text, fileName);
    } catch {
      return [];
    }
  }

  /** The site a quick fix or the cursor points at. */
  siteAt(text: string, fileName: string, range: Range, image?: string): ImageSite | undefined {
    return siteAt(this.sitesOf(text, fileName), range, image);
  }

  private async resolveMany(references: string[], opts: ResolveOptions): Promise<Map<string, Outcome>> {
    const out = new Map<string, Outcome>();
    if (references.length === 0) return out;
    const resolver = await this.options.resolver();
    const answers = await resolver.resolveMany(references, opts);
    for (const r of references) {
      const o = outcomeOf(answers.get(r));
      out.set(r, o ?? { code: 'bad-response', message: `No answer for ${r}.` });
    }
    return out;
  }

  /** Resolve one image as written (engine first when allowed, then the registry). */
  async resolveOne(image: string, signal?: AbortSignal): Promise<Outcome> {
    try {
      const resolver = await this.options.resolver();
      return await resolver.resolve(image, signal ? { signal } : {});
    } catch (e) {
      return toFailure(e);
    }
  }

  /**
   * Step 2 of a single pin, after the network: the edits for `image` at `range` against `current`, when
   * the line it sits on is what it was in `original`; `stale` when that line changed meanwhile.
   */
  pinEditsAfter(original: string, current: string, fileName: string, range: Range, image: string, digest: string): TextEdit[] | 'stale' {
    if (original !== current && lineOf(original, range.start.line) !== lineOf(current, range.start.line)) return 'stale';
    const site = this.siteAt(current, fileName, range, image);
    if (!site) return 'stale';
    return pinEdits([site], new Map([[site.image, digest]]));
  }

  /** The whole single pin for a text that does not change meanwhile (the commands re-check the text themselves). */
  async pinOne(text: string, fileName: string, range: Range, image?: string, signal?: AbortSignal): Promise<{ outcome: PinOutcome; edits: TextEdit[] }> {
    const site = this.siteAt(text, fileName, range, image);
    if (!site) return { outcome: { status: 'nothing', edited: false, message: 'Container Lens: there is no image reference here to pin.' }, edits: [] };
    const target = pinTargetOf(site.image);
    if (!target) return { outcome: { status: 'nothing', edited: false, image: site.image, message: `Container Lens cannot read \`${site.image}\` as an image reference.` }, edits: [] };
    if (target.digest) return { outcome: { status: 'nothing', edited: false, image: site.image, message: `\`${site.image}\` is already pinned by digest.` }, edits: [] };
    const r = await this.resolveOne(site.image, signal);
    return this.pinOutcome(site.image, r, text, text, fileName, site.range);
  }

  /** Turn a resolution into edits and a message, re-checking the text (`current`) against `original`. */
  pinOutcome(image: string, r: Outcome, original: string, current: string, fileName: string, range: Range): { outcome: PinOutcome; edits: TextEdit[] } {
    if (isFailure(r)) {
      if (r.code === 'cancelled') return { outcome: { status: 'cancelled', edited: false, image, failure: r, message: 'Container Lens: cancelled; nothing was changed.' }, edits: [] };
      return { outcome: { status: 'failed', edited: false, image, failure: r, message: pinFailureMessage(image, r, { timeoutMs: this.options.timeoutMs() }) }, edits: [] };
    }
    const edits = this.pinEditsAfter(original, current, fileName, range, image, r.digest);
    if (edits === 'stale' || edits.length === 0) {
      return {
        outcome: { status: 'stale', edited: false, image, digest: r.digest, message: `Container Lens did not pin \`${image}\`: the line changed while the digest was being resolved. Try again.` },
        edits: [],
      };
    }
    const where = r.source === 'engine' ? 'the local engine' : r.registry;
    const kind = r.kindUnknown ? '' : `${r.kind === 'index' ? 'multi-platform index' : 'single-platform manifest'}, `;
    return {
      outcome: { status: 'pinned', edited: true, image, digest: r.digest, message: `Pinned \`${image}\` to ${shortDigest(r.digest)} (${kind}from ${where}).` },
      edits,
    };
  }

  /** Resolve every unpinned image of `text` (deduplicated, concurrent). */
  async resolveForPinAll(text: string, fileName: string, signal?: AbortSignal): Promise<Map<string, Outcome>> {
    return this.resolveManySafe(pinAllTargets(this.sitesOf(text, fileName)), signal ? { signal } : {});
  }

  /** The pin-all plan for `text` (the current text, after resolving) and its summary. */
  planPinAll(text: string, fileName: string, results: ReadonlyMap<string, Outcome>): { plan: PinAllPlan; message: string } {
    const plan = planPinAll(this.sitesOf(text, fileName), results);
    return { plan, message: pinAllSummary(plan, { timeoutMs: this.options.timeoutMs() }) };
  }

  /** Re-resolve the tags of every pinned image of `text` at the registry, bypassing every cache. */
  async resolveForUpdate(text: string, fileName: string, signal?: AbortSignal): Promise<Map<string, Outcome>> {
    return this.resolveManySafe(updateTargets(this.sitesOf(text, fileName)), { registryOnly: true, noCache: true, ...(signal ? { signal } : {}) });
  }

  planUpdate(text: string, fileName: string, results: ReadonlyMap<string, Outcome>, applied?: boolean): { plan: UpdatePlan; message: string } {
    const plan = planDigestUpdates(this.sitesOf(text, fileName), results);
    return { plan, message: updateSummary(plan, { timeoutMs: this.options.timeoutMs(), ...(applied === undefined ? {} : { applied }) }) };
  }

  /** A rejected `resolveMany` (cancelled, the module failed to load) counts as that failure for every reference. */
  private async resolveManySafe(references: string[], opts: ResolveOptions): Promise<Map<string, Outcome>> {
    try {
      return await this.resolveMany(references, opts);
    } catch (e) {
      const failure = toFailure(e);
      return new Map(references.map((r) => [r, failure]));
    }
  }

  /**
   * Hover for a pinned reference at `position`, from what the resolver already knows (no network, and the
   * registry module is not loaded for it).
   */
  hover(text: string, fileName: string, position: Position, updateLink?: string): { markdown: string; range: Range } | undefined {
    return this.hoverAt(this.sitesOf(text, fileName), position, updateLink);
  }

  /** `hover` on sites already found (the editor takes them from its cached models, not from a new parse). */
  hoverAt(sites: readonly ImageSite[], position: Position, updateLink?: string): { markdown: string; range: Range } | undefined {
    const site = siteAt(sites, { start: position, end: position });
    if (!site) return undefined;
    const target = pinTargetOf(site.image);
    if (!target?.digest) return undefined;
    const resolver = this.options.peek();
    let facts: DigestFacts | undefined;
    try {
      facts = resolver?.cached(site.image) ?? (target.tagged ? resolver?.cached(target.tagged) : undefined);
    } catch {
      facts = undefined;
    }
    const markdown = pinnedHoverMarkdown(site.image, facts, updateLink);
    return markdown ? { markdown, range: site.range } : undefined;
  }
}

export function isCancelled(results: ReadonlyMap<string, Outcome>): boolean {
  for (const r of results.values()) if (isFailure(r) && r.code === 'cancelled') return true;
  return false;
}
