import { analyze } from '../core/analyze';
import type { FileKind } from '../core/findings';
import { parseDockerfile } from '../core/dockerfile/parse';
import type { DistroFamily } from '../core/knowledge/images';

/**
 * `container-lens profile`: what the Dockerfile alone says about each stage's isolation-relevant facts.
 * Only facts the file (and our base-image knowledge) establish; `unknown` where they do not.
 */
export interface StageProfile {
  index: number;
  name: string | null;
  /** The last stage: what `docker build` produces without `--target`. */
  final: boolean;
  /** Files of this stage end up in the final image. */
  reachesFinal: boolean;
  from: {
    /** After ARG substitution. */
    image: string;
    registry: string | null;
    path: string;
    tag: string | null;
    digest: string | null;
    /** Another stage of this file, when FROM names one. */
    stage: string | null;
    /** A `$VAR` no ARG default resolved. */
    unresolved: boolean;
    /** 1-based. */
    line: number;
  };
  baseImage: {
    /** What our knowledge base matched, `unknown image` otherwise. */
    label: string;
    family: DistroFamily;
    runsAsRoot: boolean | 'unknown';
    defaultUser: string | null;
  };
  user: {
    kind: 'root' | 'non-root' | 'unknown';
    name: string | null;
    why: string;
    /** 1-based line of the USER instruction that decided it, or null. */
    line: number | null;
  };
  /** Filesystem layers (RUN/COPY/ADD) this stage and its parent stages add on top of the base image. */
  filesystemLayers: number;
}

export function profileDockerfile(text: string): StageProfile[] {
  const model = parseDockerfile(text);
  return model.stages.map((s) => ({
    index: s.index,
    name: s.name ?? null,
    final: s === model.finalStage,
    reachesFinal: s.reachesFinal,
    from: {
      image: s.image.raw,
      registry: s.image.registry ?? null,
      path: s.image.path,
      tag: s.image.tag ?? null,
      digest: s.image.digest ?? null,
      stage: s.parentStage !== undefined ? (model.stages[s.parentStage].name ?? String(s.parentStage)) : null,
      unresolved: s.image.unresolved,
      line: s.from.range.start.line + 1,
    },
    baseImage: {
      label: s.baseFacts.label,
      family: s.baseFacts.family,
      runsAsRoot: s.baseFacts.runsAsRoot,
      defaultUser: s.baseFacts.defaultUser ?? null,
    },
    user: {
      kind: s.effectiveUser.kind,
      name: s.effectiveUser.name ?? null,
      why: s.effectiveUser.why,
      line: s.effectiveUser.instruction ? s.effectiveUser.instruction.range.start.line + 1 : null,
    },
    filesystemLayers: s.layerCount,
  }));
}

/** A range as the CLI prints it: 1-based lines and columns, end exclusive. */
export interface CliRange {
  start: { line: number; column: number };
  end: { line: number; column: number };
}

function isRange(v: unknown): v is { start: { line: number; character: number }; end: { line: number; character: number } } {
  const r = v as { start?: { line?: unknown; character?: unknown }; end?: { line?: unknown } } | null;
  return typeof r === 'object' && r !== null && typeof r.start?.line === 'number' && typeof r.start?.character === 'number' && typeof r.end?.line === 'number';
}

/** Deep copy with every `{start, end}` position range turned 1-based (`line`, `column`). */
function oneBased(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(oneBased);
  if (isRange(value)) {
    return {
      start: { line: value.start.line + 1, column: value.start.character + 1 },
      end: { line: value.end.line + 1, column: value.end.character + 1 },
    } satisfies CliRange;
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, oneBased(v)]));
  }
  return value;
}

/**
 * `container-lens profile` for a compose file or a Kubernetes manifest: each service / container's
 * isolation profile, its place on the isolation spectrum (with the reasons and the next step up)
 * and the one-line summary the editor shows. Ranges are 1-based.
 */
export function profileWorkloads(text: string, path: string, kind: FileKind): { workloads: unknown[]; error?: string } {
  const result = analyze(text, path, {}, kind);
  if (result.error) return { workloads: [], error: result.error };
  return {
    workloads: (result.profiles ?? []).map((w) =>
      oneBased({ summary: w.summary, level: w.placement.level, profile: w.profile, placement: w.placement }),
    ),
  };
}
