/**
 * Facts about stages and instructions that several rules need to phrase their message about THIS line:
 * whose layers are shipped, which user a given instruction runs as, how to name a stage in a sentence,
 * and the sources and destination of a COPY/ADD.
 */
import type { Range } from '../text/range';
import { classifyUser } from './parse';
import type { DockerfileModel, InstructionInfo, Stage, UserKind } from './model';
import { memo } from './memo';
import { isExecForm, parseJsonStrings } from './shell';

/**
 * Do this stage's layers end up in an image someone runs? True for the final stage, for stages no other
 * stage builds on or copies from (alternative `--target`s), and for the stages those are built `FROM`.
 * False for stages that only feed files to others (`COPY --from`, `RUN --mount=from=`): what they leave
 * behind (package caches, compilers) is thrown away with them.
 */
export function shipsLayers(model: DockerfileModel, stage: Stage): boolean {
  return shippingStages(model).has(stage.index);
}

function shippingStages(model: DockerfileModel): Set<number> {
  return memo(model, 'shippingStages', () => findShippingStages(model));
}

function findShippingStages(model: DockerfileModel): Set<number> {
  const used = new Set<number>();
  for (const s of model.stages) {
    if (s.parentStage !== undefined) used.add(s.parentStage);
    for (const c of s.copiesFrom) used.add(c.stage);
  }
  const out = new Set<number>();
  for (const s of model.stages) {
    if (s !== model.finalStage && used.has(s.index)) continue;
    let cur: Stage | undefined = s;
    while (cur && !out.has(cur.index)) {
      out.add(cur.index);
      cur = cur.parentStage !== undefined ? model.stages[cur.parentStage] : undefined;
    }
  }
  return out;
}

/** `stage "build"` or `stage 2` (1-based, as people count them). */
export function stageLabel(stage: Stage): string {
  return stage.name ? `stage "${stage.name}"` : `stage ${stage.index + 1}`;
}

/**
 * A sentence to add to a message when the stage's layers are not shipped (see `shipsLayers`), so the
 * reader knows the finding only affects the build. Empty when they are.
 */
export function notShippedNote(model: DockerfileModel, stage: Stage): string {
  if (shipsLayers(model, stage)) return '';
  return ` (${stageLabel(stage)} only feeds other stages, so this affects the build, not the image you ship)`;
}

export interface UserAt {
  kind: UserKind;
  /** As written (`app`, `1000:1000`) or what the base image is known to use. */
  name?: string;
  /** Where it comes from: "USER app on line 4", "the base image's default". */
  why: string;
}

/** The user an instruction runs as: the last USER before it in its stage, else what the stage starts with. */
export function userAt(model: DockerfileModel, ins: InstructionInfo): UserAt {
  const stage = model.stages[ins.stage];
  if (!stage) return { kind: 'unknown', why: 'outside any stage' };
  const before = stage.instructions.filter((i) => i.keyword === 'USER' && i.range.start.line < ins.range.start.line);
  const last = before[before.length - 1];
  if (last) {
    const name = last.argsText.trim();
    return { kind: classifyUser(name), name, why: `USER ${name} on line ${last.range.start.line + 1}` };
  }
  if (stage.parentStage !== undefined) {
    const parent = model.stages[stage.parentStage];
    const p = parent?.effectiveUser;
    if (p) return { kind: p.kind, name: p.name, why: `inherited from ${stageLabel(parent)}: ${p.why}` };
  }
  const f = stage.baseFacts;
  if (f.runsAsRoot === true) return { kind: 'root', name: 'root', why: 'no USER before it, and the base image runs as root' };
  if (f.runsAsRoot === false) return { kind: 'non-root', name: f.defaultUser, why: `the base image runs as ${f.defaultUser ?? 'a non-root user'}` };
  // Unknown images almost always start as root; say so without claiming it.
  return { kind: 'unknown', why: 'no USER before it (most base images start as root)' };
}

/** The stage and the stages it is built `FROM`, base first. */
export function stageChain(model: DockerfileModel, stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s && !chain.includes(s); s = s.parentStage !== undefined ? model.stages[s.parentStage] : undefined) {
    chain.unshift(s);
  }
  return chain;
}

/** Instructions that come before `ins` in its stage and the stages that stage is built on, in build order. */
export function instructionsBefore(model: DockerfileModel, ins: InstructionInfo): InstructionInfo[] {
  const stage = model.stages[ins.stage];
  if (!stage) return [];
  return stageChain(model, stage)
    .flatMap((s) => s.instructions)
    .filter((i) => i.stage !== ins.stage || i.range.start.line < ins.range.start.line);
}

export interface CopyArgument {
  /** Unquoted value (JSON strings decoded). */
  value: string;
  range: Range;
}

/**
 * Sources and destination of a COPY or ADD, in shell or JSON form, without flags. Heredoc sources
 * (`<<EOF`) are kept as written and their bodies, which are file content, are left out.
 */
export function copyArguments(model: DockerfileModel, ins: InstructionInfo): { sources: CopyArgument[]; dest?: CopyArgument } {
  let args: CopyArgument[] = [];
  if (isExecForm(model, ins) && ins.argsRange) {
    const lines = model.lines;
    const base = lines.offsetAt(ins.argsRange.start);
    const raw = model.text.slice(base, lines.offsetAt(ins.argsRange.end));
    const els = parseJsonStrings(raw, model.directives.escape) ?? [];
    args = els.map((e) => ({ value: e.value, range: { start: lines.positionAt(base + e.start), end: lines.positionAt(base + e.end) } }));
  } else {
    const all = ins.node.getArguments();
    const marker = all.findIndex((a) => /^<<-?["']?\w+["']?$/.test(a.getValue()));
    const markerLine = marker >= 0 ? all[marker].getRange().start.line : Number.POSITIVE_INFINITY;
    args = all
      .filter((a) => a.getRange().start.line <= markerLine)
      .map((a) => ({ value: a.getValue().replace(/^(["'])(.*)\1$/, '$2'), range: a.getRange() }));
  }
  if (args.length < 2) return { sources: args };
  return { sources: args.slice(0, -1), dest: args[args.length - 1] };
}

/**
 * Does an instruction before `ins` (in its stage or the stages it is built on) satisfy `test`? The matches are
 * found once per model and `key`, so rules that ask this for every RUN of a long file stay linear.
 */
export function anyBefore(model: DockerfileModel, ins: InstructionInfo, key: string, test: (i: InstructionInfo) => boolean): boolean {
  const matches = memo(model, `anyBefore:${key}`, () => model.instructions.filter(test));
  if (matches.length === 0) return false;
  const stage = model.stages[ins.stage];
  if (!stage) return false;
  const chain = new Set(stageChain(model, stage).map((s) => s.index));
  return matches.some((i) => chain.has(i.stage) && (i.stage !== ins.stage || i.range.start.line < ins.range.start.line));
}
