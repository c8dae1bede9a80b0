/**
 * `container-lens pin` and `lint --check-drift`: the commands that talk to registries. Both find image
 * references with the pure `findImageSites`, ask the resolver once per distinct image (concurrently),
 * and turn the answers into edits or findings. Nothing here runs unless one of these is asked for:
 * `lint` without `--check-drift` never touches the network.
 */
import * as nodePath from 'node:path';
import { driftFindings } from '../core/digest-pins';
import type { Outcome } from '../core/digest-pins';
import type { Finding } from '../core/findings';
import { parseImageReference } from '../core/image-reference';
import { findImageSites, pinEdits } from '../core/pinning';
import type { ImageSite } from '../core/pinning';
import { applyEdits } from '../core/text/range';
import type { Range } from '../core/text/range';
import { RegistryError } from '../core/registry-error';
import type { Resolution, ResolveOptions } from '../registry/resolver';
import { UsageError, oneOf } from './args';
import type { ParsedArgs } from './args';
import { collectFiles, encodeTextFile, kindFor, readTextFile } from './files';
import type { CliIo } from './io';
import { describeIoError } from './io';
import type { LintReport } from './lint';
import { TOOL_NAME } from './project';

/** What the commands need of `src/registry`'s `DigestResolver`. */
export interface PinResolver {
  resolveMany(references: string[], opts?: ResolveOptions): Promise<Map<string, Resolution | RegistryError>>;
  dispose(): void;
}

export interface PinResolverOptions {
  insecureRegistries: string[];
  timeoutMs?: number;
  /** Ask the local engine first (off with --no-engine; drift checks never do). */
  useEngine: boolean;
}

export type CreateResolver = (options: PinResolverOptions) => PinResolver;

/** `--insecure-registry` (repeatable, comma lists accepted) and `--timeout`. */
export function registryOptions(args: ParsedArgs, useEngine: boolean): PinResolverOptions {
  const insecureRegistries = (args.options.get('insecure-registry') ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  const timeout = args.options.get('timeout')?.[0];
  if (timeout !== undefined && (!/^\d+$/.test(timeout) || Number(timeout) < 1)) {
    throw new UsageError(`--timeout expects a time in milliseconds (got "${timeout}")`);
  }
  return { insecureRegistries, useEngine, ...(timeout !== undefined ? { timeoutMs: Number(timeout) } : {}) };
}

interface PinnedSite {
  site: ImageSite;
  newText: string;
  resolution: Resolution;
}

interface FilePlan {
  path: string;
  kind: string;
  text: string;
  hadBom: boolean;
  pins: PinnedSite[];
  failures: { site: ImageSite; error: RegistryError }[];
  alreadyPinned: number;
}

const where = (path: string, r: Range) => `${path}:${r.start.line + 1}:${r.start.character + 1}`;

function describeResolution(r: Resolution): string {
  const what = r.kindUnknown
    ? 'digest the local engine pulled'
    : r.kind === 'index'
      ? `multi-platform index${r.platforms.length ? `: ${r.platforms.join(', ')}` : ''}`
      : 'single-platform manifest';
  return `${what}; from ${r.source === 'engine' ? 'the local engine' : r.registry}`;
}

/** `container-lens pin <paths...> [--write] [--format text|json] [--insecure-registry h] [--timeout ms] [--no-engine]` */
export async function pinCommand(args: ParsedArgs, io: CliIo, createResolver: CreateResolver): Promise<number> {
  const format = oneOf('format', args.options.get('format')?.[0] ?? 'text', ['text', 'json'] as const);
  const write = args.options.has('write');
  const options = registryOptions(args, !args.options.has('no-engine'));
  if (args.positionals.length === 0) throw new UsageError('pin needs at least one path');
  const { files, errors } = collectFiles(io, args.positionals);
  let code = 0;
  for (const e of errors) {
    io.stderr(`${TOOL_NAME}: ${e.path}: ${e.error}\n`);
    code = 2;
  }

  const plans: FilePlan[] = [];
  const sitesByFile: ImageSite[][] = [];
  for (const file of files) {
    const read = readTextFile(io, file.path);
    if (!read.ok) {
      if (file.maybe && !read.io) continue;
      io.stderr(`${TOOL_NAME}: ${file.path}: ${read.error}\n`);
      if (read.io) code = 2;
      continue;
    }
    const kind = kindFor(file, read.file.text);
    if (kind === 'unknown') {
      if (!file.maybe) io.stderr(`${TOOL_NAME}: ${file.path} is neither a Dockerfile, a compose file nor a Kubernetes manifest: nothing to pin\n`);
      continue;
    }
    const sites = findImageSites(read.file.text, file.path, kind);
    plans.push({ path: file.path, kind, text: read.file.text, hadBom: read.file.hadBom, pins: [], failures: [], alreadyPinned: 0 });
    sitesByFile.push(sites);
  }

  const unpinned = (s: ImageSite) => !parseImageReference(s.image).digest;
  const targets = [...new Set(sitesByFile.flat().filter(unpinned).map((s) => s.image))];
  const resolver = targets.length > 0 ? createResolver(options) : undefined;
  let results = new Map<string, Resolution | RegistryError>();
  try {
    if (resolver) results = await resolver.resolveMany(targets);
  } finally {
    resolver?.dispose();
  }

  plans.forEach((plan, i) => {
    const sites = sitesByFile[i]!;
    const digests = new Map<string, string>();
    for (const site of sites) {
      if (!unpinned(site)) {
        plan.alreadyPinned++;
        continue;
      }
      const r = results.get(site.image);
      if (!r) continue;
      if (r instanceof RegistryError) plan.failures.push({ site, error: r });
      else digests.set(site.image, r.digest);
    }
    const chosen = sites.filter((s) => unpinned(s) && digests.has(s.image));
    const edits = pinEdits(chosen, digests);
    for (const e of edits) {
      const site = chosen.find((s) => s.range.start.line === e.range.start.line && s.range.start.character === e.range.start.character)!;
      plan.pins.push({ site, newText: e.newText, resolution: results.get(site.image) as Resolution });
    }
  });

  for (const plan of plans) {
    if (plan.failures.length > 0) code = Math.max(code, 1);
    if (!write || plan.pins.length === 0) continue;
    const text = applyEdits(
      plan.text,
      plan.pins.map((p) => ({ range: p.site.range, newText: p.newText })),
    );
    try {
      io.fs.writeFile(nodePath.resolve(io.cwd, plan.path), encodeTextFile(text, plan.hadBom));
    } catch (e) {
      io.stderr(`${TOOL_NAME}: ${plan.path}: ${describeIoError(e)}\n`);
      code = 2;
    }
  }

  if (format === 'json') {
    io.stdout(`${JSON.stringify({ version: 1, written: write, files: plans.map(jsonPlan) }, null, 2)}\n`);
  } else {
    io.stdout(textReport(plans, write, targets.length));
  }
  for (const plan of plans) {
    for (const f of plan.failures) io.stderr(`${TOOL_NAME}: ${where(plan.path, f.site.range)}: ${f.site.image}: ${f.error.message}\n`);
  }
  return code;
}

function jsonPlan(plan: FilePlan) {
  return {
    path: plan.path,
    kind: plan.kind,
    pins: plan.pins.map((p) => ({
      image: p.site.image,
      pinned: p.newText,
      range: p.site.range,
      digest: p.resolution.digest,
      manifestKind: p.resolution.kindUnknown ? 'unknown' : p.resolution.kind,
      mediaType: p.resolution.mediaType,
      platforms: p.resolution.platforms,
      source: p.resolution.source,
      registry: p.resolution.registry,
    })),
    failures: plan.failures.map((f) => ({ image: f.site.image, range: f.site.range, code: f.error.code, message: f.error.message })),
    alreadyPinned: plan.alreadyPinned,
  };
}

function textReport(plans: FilePlan[], write: boolean, distinct: number): string {
  const lines: string[] = [];
  let pins = 0;
  let failures = 0;
  let already = 0;
  for (const plan of plans) {
    for (const p of plan.pins) lines.push(`${where(plan.path, p.site.range)}: ${p.site.image} -> ${p.newText} (${describeResolution(p.resolution)})`);
    pins += plan.pins.length;
    failures += plan.failures.length;
    already += plan.alreadyPinned;
  }
  const files = plans.filter((p) => p.pins.length > 0).length;
  const parts = [
    `${pins} reference${pins === 1 ? '' : 's'} ${write ? 'pinned' : 'to pin'} in ${files} file${files === 1 ? '' : 's'} (${distinct} distinct image${distinct === 1 ? '' : 's'} asked for)`,
  ];
  if (failures > 0) parts.push(`${failures} could not be resolved (see above on stderr)`);
  if (already > 0) parts.push(`${already} already pinned`);
  let summary = `${parts.join('; ')}.`;
  if (!write && pins > 0) summary += ' Run again with --write to rewrite the files.';
  lines.push(summary);
  return `${lines.join('\n')}\n`;
}

/**
 * `lint --check-drift`: for every pinned reference with a tag (`name:tag@sha256:…`), ask the registry
 * where the tag points now; a different digest adds an info finding `digest-drift` whose fix writes the
 * new digest. A tag that cannot be checked is reported on stderr and adds nothing.
 */
export async function addDriftFindings(report: LintReport, io: CliIo, resolver: PinResolver): Promise<void> {
  const perFile: { file: LintReport['files'][number]; sites: ImageSite[] }[] = [];
  const targets = new Set<string>();
  for (const file of report.files) {
    if (file.text === undefined || file.error !== undefined || file.kind === 'unknown') continue;
    const sites = findImageSites(file.text, file.path, file.kind);
    perFile.push({ file, sites });
    for (const s of sites) {
      const ref = parseImageReference(s.image);
      if (ref.digest && ref.tag !== undefined) targets.add(`${ref.familiar}:${ref.tag}`);
    }
  }
  if (targets.size === 0) return;
  const results = await resolver.resolveMany([...targets], { registryOnly: true, noCache: true });
  const outcomes = new Map<string, Outcome>();
  for (const [ref, r] of results) {
    if (r instanceof RegistryError) {
      io.stderr(`${TOOL_NAME}: could not check ${ref} for drift: ${r.message}\n`);
      outcomes.set(ref, { code: r.code, message: r.message });
    } else {
      outcomes.set(ref, r);
    }
  }
  for (const { file, sites } of perFile) {
    for (const d of driftFindings(sites, outcomes)) {
      const finding: Finding = {
        ruleId: 'digest-drift',
        category: 'reproducibility',
        severity: 'info',
        message: d.message,
        range: d.site.range,
        topic: 'tags-vs-digests',
        equivalents: {},
        fixes: [{ title: `Update the digest of ${d.tagged} to where the tag points now`, edits: pinEdits([d.site], new Map([[d.site.image, d.current]])) }],
      };
      file.findings.push(finding);
    }
    file.findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  }
}
