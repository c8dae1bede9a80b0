/**
 * The pure half of digest pinning in the editor: which references to ask the registry about, the plans
 * for "Pin all images" and "Update pinned digests", the drift check's findings and throttle, and the
 * texts of hovers, summaries and failures. No network and no clock: resolutions and `now` come in as data,
 * so every rule here is tested on strings.
 *
 * Reference parsing and the pin edits themselves belong to `image-reference.ts` and `pinning.ts`.
 */
import { parseImageReference, taggedReference } from './image-reference';
import type { ImageReference } from './image-reference';
import { inlineCode, joinWords, plural } from './markdown';
import { pinEdits } from './pinning';
import type { ImageSite } from './pinning';
import type { TextEdit } from './text/range';

/** What a resolution says about a digest (the registry module's `Resolution` has this shape). */
export interface DigestFacts {
  reference: string;
  digest: string;
  kind: 'index' | 'manifest';
  platforms: string[];
  source: 'engine' | 'registry';
  registry: string;
  resolvedAt: number;
  /** The engine's `RepoDigests` does not say whether the digest is an index or one platform's manifest. */
  kindUnknown?: boolean;
}

/** Why a reference could not be resolved: the registry module's error code and its user-facing message. */
export interface PinFailure {
  code: string;
  message: string;
}

export type Outcome = DigestFacts | PinFailure;

export function isFailure(o: Outcome | undefined): o is PinFailure {
  return !!o && typeof (o as PinFailure).code === 'string' && (o as DigestFacts).digest === undefined;
}

/** A background drift check runs at most this often per reference. */
export const DRIFT_CHECK_INTERVAL_MS = 10 * 60_000;

/** An image as the pin commands see it; `undefined` from `pinTargetOf` when the text is no reference. */
export interface PinTarget {
  /** As written in the file. */
  image: string;
  /** `name:tag` without a digest: what to re-resolve to see where the tag points now. */
  tagged?: string;
  /** The pinned digest, when there is one. */
  digest?: string;
  /** The registry host (`docker.io`, `127.0.0.1:5000`). */
  domain: string;
}

export function pinTargetOf(image: string): PinTarget | undefined {
  let ref: ImageReference;
  try {
    ref = parseImageReference(image);
  } catch {
    return undefined;
  }
  return {
    image,
    domain: ref.domain,
    ...(ref.tag !== undefined ? { tagged: taggedReference(ref)! } : {}),
    ...(ref.digest ? { digest: ref.digest } : {}),
  };
}

/** `sha256:0123456789ab…`: enough to tell two digests apart in a message. */
export function shortDigest(digest: string): string {
  const m = /^([a-z0-9]+):([0-9a-f]+)$/i.exec(digest);
  if (!m || m[2].length <= 12) return digest;
  return `${m[1]}:${m[2].slice(0, 12)}…`;
}

/** `2025-05-04 14:05 UTC`. */
export function formatTime(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return 'an unknown time';
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

// ---- one pin -------------------------------------------------------------------------------------------

/**
 * The site a pin quick-fix or the "pin at cursor" command is about: the one whose range overlaps `range`
 * (a finding's range, or an empty range at the cursor), preferring one whose text equals `image`.
 */
export function siteAt(sites: readonly ImageSite[], range: { start: { line: number; character: number }; end: { line: number; character: number } }, image?: string): ImageSite | undefined {
  const before = (a: { line: number; character: number }, b: { line: number; character: number }) =>
    a.line < b.line || (a.line === b.line && a.character < b.character);
  const overlaps = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
    !before(r.end, range.start) && !before(range.end, r.start);
  // a site is also found from the places that name it (`FROM ${BASE}` for the default of ARG BASE)
  const overlapping = sites.filter((s) => overlaps(s.range) || (s.references ?? []).some(overlaps));
  return overlapping.find((s) => image !== undefined && s.image === image) ?? (image === undefined ? overlapping[0] : undefined);
}

// ---- pin all -------------------------------------------------------------------------------------------

export interface PinAllPlan {
  edits: TextEdit[];
  /** Distinct images pinned, as written. */
  pinned: string[];
  /** References (sites) the edits touch. */
  sitesPinned: number;
  failed: { image: string; failure: PinFailure }[];
  /** Sites that already carry a digest and were left alone. */
  alreadyPinned: number;
}

/** The distinct images of a file that have no digest yet: what "Pin all images" resolves. */
export function pinAllTargets(sites: readonly ImageSite[]): string[] {
  const out = new Set<string>();
  for (const s of sites) {
    const t = pinTargetOf(s.image);
    if (t && !t.digest) out.add(s.image);
  }
  return [...out];
}

/** One edit per unpinned site whose image resolved; failures listed once per image. */
export function planPinAll(sites: readonly ImageSite[], results: ReadonlyMap<string, Outcome>): PinAllPlan {
  const digests = new Map<string, string>();
  const failed: PinAllPlan['failed'] = [];
  const seen = new Set<string>();
  let alreadyPinned = 0;
  const chosen: ImageSite[] = [];
  for (const s of sites) {
    const t = pinTargetOf(s.image);
    if (!t) continue;
    if (t.digest) {
      alreadyPinned++;
      continue;
    }
    const r = results.get(s.image);
    if (!r) continue;
    if (isFailure(r)) {
      if (!seen.has(s.image)) failed.push({ image: s.image, failure: r });
    } else {
      digests.set(s.image, r.digest);
      chosen.push(s);
    }
    seen.add(s.image);
  }
  return { edits: pinEdits(chosen, digests), pinned: [...digests.keys()], sitesPinned: chosen.length, failed, alreadyPinned };
}

export function pinAllSummary(plan: PinAllPlan, opts: { timeoutMs?: number } = {}): string {
  const parts: string[] = [];
  if (plan.sitesPinned > 0) {
    const refs = plan.sitesPinned === plan.pinned.length ? '' : ` (${plan.sitesPinned} references)`;
    parts.push(`pinned ${plural(plan.pinned.length, 'image')}${refs} to their current digests`);
  }
  if (plan.failed.length > 0) {
    const first = plan.failed[0];
    const more = plan.failed.length > 1 ? ` (and ${plural(plan.failed.length - 1, 'other image')})` : '';
    parts.push(`could not resolve ${plural(plan.failed.length, 'image')}: ${pinFailureText(first.image, first.failure, opts)}${more}`);
  }
  if (plan.alreadyPinned > 0) parts.push(`${plural(plan.alreadyPinned, 'reference')} already pinned`);
  if (parts.length === 0) return 'Container Lens found no image in this file that it can pin.';
  return `Container Lens ${parts.join('; ')}.`;
}

// ---- update pinned digests -----------------------------------------------------------------------------

export interface DigestChange {
  image: string;
  tagged: string;
  from: string;
  to: string;
}

export interface UpdatePlan {
  edits: TextEdit[];
  /** One entry per distinct pinned image whose tag now points elsewhere. */
  changes: DigestChange[];
  /** Sites rewritten by `edits`. */
  sitesChanged: number;
  /** Distinct tagged references whose digest is still current. */
  current: string[];
  failed: { tagged: string; failure: PinFailure }[];
  /** Pinned references without a tag (`name@sha256:…`): nothing to re-resolve. */
  untagged: number;
}

/** The distinct `name:tag` of every pinned site that has a tag: what "Update pinned digests" re-resolves. */
export function updateTargets(sites: readonly ImageSite[]): string[] {
  const out = new Set<string>();
  for (const s of sites) {
    const t = pinTargetOf(s.image);
    if (t?.digest && t.tagged) out.add(t.tagged);
  }
  return [...out];
}

export function planDigestUpdates(sites: readonly ImageSite[], results: ReadonlyMap<string, Outcome>): UpdatePlan {
  const digests = new Map<string, string>();
  const changes: DigestChange[] = [];
  const current = new Set<string>();
  const failed = new Map<string, PinFailure>();
  const chosen: ImageSite[] = [];
  let untagged = 0;
  for (const s of sites) {
    const t = pinTargetOf(s.image);
    if (!t?.digest) continue;
    if (!t.tagged) {
      untagged++;
      continue;
    }
    const r = results.get(t.tagged);
    if (!r) continue;
    if (isFailure(r)) {
      failed.set(t.tagged, r);
      continue;
    }
    if (r.digest === t.digest) {
      current.add(t.tagged);
      continue;
    }
    if (!digests.has(s.image)) changes.push({ image: s.image, tagged: t.tagged, from: t.digest, to: r.digest });
    digests.set(s.image, r.digest);
    chosen.push(s);
  }
  return {
    edits: pinEdits(chosen, digests),
    changes,
    sitesChanged: chosen.length,
    current: [...current],
    failed: [...failed].map(([tagged, failure]) => ({ tagged, failure })),
    untagged,
  };
}

export function updateSummary(plan: UpdatePlan, opts: { timeoutMs?: number; applied?: boolean } = {}): string {
  const parts: string[] = [];
  if (plan.changes.length > 0) {
    const verb = opts.applied === false ? 'found' : 'updated';
    const list = plan.changes.slice(0, 3).map((c) => inlineCode(c.tagged));
    const more = plan.changes.length > 3 ? ` and ${plan.changes.length - 3} more` : '';
    parts.push(`${verb} ${plural(plan.changes.length, 'digest')} whose tag moved (${joinWords(list)}${more})`);
  }
  if (plan.current.length > 0) parts.push(`${plural(plan.current.length, 'pinned tag')} still current`);
  if (plan.failed.length > 0) {
    const first = plan.failed[0];
    const more = plan.failed.length > 1 ? ` (and ${plural(plan.failed.length - 1, 'other')})` : '';
    parts.push(`could not check ${plural(plan.failed.length, 'tag')}: ${pinFailureText(first.tagged, first.failure, opts)}${more}`);
  }
  if (plan.untagged > 0) parts.push(`${plural(plan.untagged, 'reference')} pinned without a tag, which cannot move`);
  if (parts.length === 0) return 'Container Lens found no pinned image with a tag in this file (`name:tag@sha256:…`).';
  return `Container Lens ${parts.join('; ')}.`;
}

// ---- drift ---------------------------------------------------------------------------------------------

export interface DriftFinding {
  site: ImageSite;
  tagged: string;
  pinned: string;
  current: string;
  message: string;
}

/** Pinned sites whose tag resolves to another digest now. Failures and unknown tags report nothing. */
export function driftFindings(sites: readonly ImageSite[], results: ReadonlyMap<string, Outcome>): DriftFinding[] {
  const out: DriftFinding[] = [];
  for (const s of sites) {
    const t = pinTargetOf(s.image);
    if (!t?.digest || !t.tagged) continue;
    const r = results.get(t.tagged);
    if (!r || isFailure(r) || r.digest === t.digest) continue;
    out.push({ site: s, tagged: t.tagged, pinned: t.digest, current: r.digest, message: driftMessage(t.tagged, r.digest, t.digest) });
  }
  return out;
}

export function driftMessage(tagged: string, current: string, pinned: string): string {
  return `\`${tagged}\` now points to ${shortDigest(current)} (pinned ${shortDigest(pinned)}): the tag moved since this line was pinned.`;
}

/**
 * "At most once per reference per interval" for the background drift check. `take` answers which of the
 * given references are due at `now` and marks them as checked.
 */
export class DriftThrottle {
  private readonly last = new Map<string, number>();

  constructor(readonly intervalMs = DRIFT_CHECK_INTERVAL_MS) {}

  take(references: readonly string[], now: number): string[] {
    const due: string[] = [];
    for (const r of new Set(references)) {
      const at = this.last.get(r);
      if (at !== undefined && now - at < this.intervalMs) continue;
      this.last.set(r, now);
      due.push(r);
    }
    return due;
  }

  /** Forget a reference (its check failed): the next open or save may try again. */
  release(reference: string): void {
    this.last.delete(reference);
  }
}

// ---- texts ---------------------------------------------------------------------------------------------

const SETTING_TIMEOUT = 'containerLens.registry.timeoutMs';
const SETTING_INSECURE = 'containerLens.registry.insecureRegistries';

/**
 * The message shown when `image` could not be resolved. The registry module's message already names the
 * registry and what went wrong; this adds what only the editor knows (its setting names) and the usual
 * next step when the message does not say it yet.
 */
export function pinFailureText(image: string, failure: PinFailure, opts: { timeoutMs?: number } = {}): string {
  const host = pinTargetOf(image)?.domain;
  const said = failure.message.trim().replace(/\.$/, '');
  const head = `${inlineCode(image)}: ${said || failure.code}`;
  let hint = '';
  switch (failure.code) {
    case 'unauthorized':
      if (!/docker login/i.test(said)) hint = `log in with \`docker login${host && host !== 'docker.io' ? ` ${host}` : ''}\` and try again`;
      break;
    case 'forbidden':
      if (!/docker login|permission|access/i.test(said)) hint = 'the credentials in use may not pull this repository';
      break;
    case 'not-found':
      if (!/name|tag/i.test(said)) hint = 'check the name and the tag';
      break;
    case 'rate-limited':
      if (!/wait|later|login/i.test(said)) hint = 'wait a while, or `docker login` for a higher limit';
      break;
    case 'offline':
      if (!/proxy|network|connect/i.test(said)) hint = 'check the network connection and the proxy variables (`HTTPS_PROXY`, `NO_PROXY`)';
      break;
    case 'timeout':
      hint = `the time limit is ${opts.timeoutMs ?? 15000} ms, set by \`${SETTING_TIMEOUT}\``;
      break;
    case 'insecure-refused':
      hint = `if you trust ${host ? `\`${host}\`` : 'this registry'} over plain HTTP, add it to \`${SETTING_INSECURE}\``;
      break;
    default:
      break;
  }
  return hint ? `${head} (${hint})` : head;
}

/** The single-pin failure as one sentence. */
export function pinFailureMessage(image: string, failure: PinFailure, opts: { timeoutMs?: number } = {}): string {
  return `Container Lens could not pin ${pinFailureText(image, failure, opts)}.`;
}

function kindText(f: DigestFacts): string {
  if (f.kindUnknown) return 'whatever the local engine pulled for this tag; the engine does not say whether that is a multi-platform index or one platform\'s manifest';
  const platforms = f.platforms.length > 0 ? ` (${f.platforms.map((p) => inlineCode(p)).join(', ')})` : '';
  return f.kind === 'index'
    ? `a multi-platform **index**${platforms}: each machine pulls the manifest of its own platform from it`
    : `a single-platform **manifest**${platforms}`;
}

function sourceText(f: DigestFacts): string {
  return f.source === 'engine' ? `the local Docker engine (${inlineCode(f.registry)})` : `the registry ${inlineCode(f.registry)}`;
}

/**
 * Hover text for a pinned reference. `facts` is the last resolution of its tag this session (never a
 * network request); `updateLink` is a command link to "Update pinned digests", when the caller has one.
 */
export function pinnedHoverMarkdown(image: string, facts: DigestFacts | undefined, updateLink?: string): string | undefined {
  const t = pinTargetOf(image);
  if (!t?.digest) return undefined;
  const lines: string[] = [`**Pinned by digest** ${inlineCode(shortDigest(t.digest))}`, ''];
  const update = updateLink ? ` [Update pinned digests](${updateLink}) asks the registry.` : '';
  if (!t.tagged) {
    lines.push('A digest names one image byte for byte, and there is no tag next to it to compare with: this line always gets the same image.');
    return lines.join('\n');
  }
  if (!facts) {
    lines.push(
      `A digest names one image byte for byte: the registry cannot change what this line gets, whatever happens to the tag ${inlineCode(t.tagged)}. ` +
        `Container Lens has not looked the tag up in this session, so it cannot say whether the tag has moved since.${update}`,
    );
    return lines.join('\n');
  }
  if (facts.digest === t.digest) {
    lines.push(`The digest is ${kindText(facts)}.`, '');
    lines.push(`Resolved from ${sourceText(facts)} at ${formatTime(facts.resolvedAt)}: ${inlineCode(t.tagged)} pointed to this digest then.`);
    return lines.join('\n');
  }
  lines.push(
    `When Container Lens last looked (${sourceText(facts)}, ${formatTime(facts.resolvedAt)}), ${inlineCode(t.tagged)} pointed to ` +
      `${inlineCode(shortDigest(facts.digest))}, ${kindText(facts)}. The tag has moved since this line was pinned; the line still gets the pinned image.${update}`,
  );
  return lines.join('\n');
}
