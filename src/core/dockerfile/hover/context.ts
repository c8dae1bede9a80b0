/**
 * What a hover says about an instruction's place in the file: its stage, its layer, what a change
 * to it rebuilds and who runs it. Pure functions over the parsed model.
 */
import { inlineCode, joinWords } from '../../markdown';
import type { Range, Position } from '../../text/range';
import { comparePositions } from '../../text/range';
import type { DockerfileModel, InstructionInfo, Stage } from '../model';
import { classifyUser } from '../parse';
import { argumentsOf } from './operands';

/** Half-open containment: a hover at the first character after a word is not on the word. */
export function within(r: Range | null | undefined, p: Position): boolean {
  if (!r) return false;
  return comparePositions(r.start, p) <= 0 && comparePositions(p, r.end) < 0;
}

export function lineNo(ins: InstructionInfo): number {
  return ins.range.start.line + 1;
}

/** The instruction's first line as written, shortened, as inline code: `RUN npm ci --omit=dev`. */
export function snippet(model: DockerfileModel, ins: InstructionInfo, max = 48): string {
  let text = model.lines.lineText(ins.range.start.line).slice(ins.range.start.character).trim();
  const escape = model.directives.escape || '\\';
  let more = ins.range.end.line > ins.range.start.line;
  if (text.endsWith(escape)) {
    text = text.slice(0, -1).trimEnd();
    more = true;
  }
  if (more && !text.endsWith('…')) text += ' …';
  return inlineCode(text, max);
}

/** `snippet (line 7)` */
export function cite(model: DockerfileModel, ins: InstructionInfo): string {
  return `${snippet(model, ins)} (line ${lineNo(ins)})`;
}

/** Indexes of the final stage and the stages it is built FROM: their layers are the image's layers. */
export function finalChain(model: DockerfileModel): Set<number> {
  const chain = new Set<number>();
  let s: Stage | undefined = model.finalStage;
  while (s && !chain.has(s.index)) {
    chain.add(s.index);
    s = s.parentStage !== undefined ? model.stages[s.parentStage] : undefined;
  }
  return chain;
}

/**
 * "stage `build`", or "stage 2 (unnamed, `--from=1`)" for stages only an index can reach: counted from 1 as the
 * headers and the panel count them, with the 0-based index that `--from` takes.
 */
export function stageRef(stage: Stage): string {
  return stage.name ? `stage ${inlineCode(stage.name)}` : `stage ${stage.index + 1} (unnamed, ${inlineCode(`--from=${stage.index}`)})`;
}

/** Like `stageRef`, but "this stage" in a single-stage file, where naming it adds nothing. */
export function stageRefIn(model: DockerfileModel, stage: Stage): string {
  return model.stages.length <= 1 ? 'this stage' : stageRef(stage);
}

/** The word a `--from=` or `--target` would use for this stage. */
export function stageKey(stage: Stage): string {
  return stage.name ?? String(stage.index);
}

/** One dependency edge between stages: `to` builds on (`from`) or copies out of (`copy`) a stage. */
export interface StageEdge {
  kind: 'from' | 'copy';
  from: number;
  to: number;
  instruction: InstructionInfo;
}

const likeCache = new WeakMap<DockerfileModel, Map<number, Set<number>>>();

/** Stage indexes an unresolved FROM of stage `t` may name (memoised per model). */
function maybeParents(model: DockerfileModel, t: Stage): Set<number> {
  let perModel = likeCache.get(model);
  if (!perModel) {
    perModel = new Map();
    likeCache.set(model, perModel);
  }
  let set = perModel.get(t.index);
  if (!set) {
    set = new Set(t.parentStage === undefined ? stagesNamedLike(model, t).map((s) => s.index) : []);
    perModel.set(t.index, set);
  }
  return set;
}

function edgesFrom(model: DockerfileModel, index: number): StageEdge[] {
  const out: StageEdge[] = [];
  for (const t of model.stages) {
    // A FROM with an unresolved `$VAR` that may name this stage counts as building on it.
    if (t.parentStage === index || maybeParents(model, t).has(index)) {
      out.push({ kind: 'from', from: index, to: t.index, instruction: t.from });
    }
    for (const c of t.copiesFrom) {
      if (c.stage === index) out.push({ kind: 'copy', from: index, to: t.index, instruction: c.instruction });
    }
  }
  return out;
}

/** Every stage that depends on `index`, directly or not, with the edge through which it was reached first. */
export function dependents(model: DockerfileModel, index: number): StageEdge[] {
  const seen = new Set<number>([index]);
  const out: StageEdge[] = [];
  const queue = [index];
  while (queue.length > 0) {
    const s = queue.shift() as number;
    for (const e of edgesFrom(model, s)) {
      if (seen.has(e.to)) continue;
      seen.add(e.to);
      out.push(e);
      queue.push(e.to);
    }
  }
  return out;
}

/** How an edge's instruction takes from its source: `COPY --from=build`, `RUN --mount=from=build`, `FROM build`. */
export function edgeText(edge: StageEdge): string {
  const ins = edge.instruction;
  if (edge.kind === 'from') return inlineCode(`FROM ${argumentsOf(ins)[0]?.getValue() ?? ''}`.trim());
  if (ins.keyword === 'RUN') {
    const mount = ins.flags.find((f) => f.name === 'mount' && f.options.from);
    return inlineCode(`RUN --mount=from=${mount?.options.from ?? ''}`);
  }
  const from = ins.flags.find((f) => f.name === 'from');
  return inlineCode(`${ins.keyword} --from=${from?.value ?? ''}`);
}

/**
 * When the final stage's chain starts at a FROM whose name depends on a build argument
 * (`FROM app-$TARGETOS`), the stages that name could resolve to. The model cannot follow such a
 * FROM, so hovers must not claim a stage is unused when one of these builds on it.
 */
export function possibleFinalBases(model: DockerfileModel, chain: Set<number>): { from: InstructionInfo; stages: Stage[] } | undefined {
  const root = [...chain].map((i) => model.stages[i]).find((s) => s.parentStage === undefined);
  if (!root) return undefined;
  const stages = stagesNamedLike(model, root);
  return stages.length > 0 ? { from: root.from, stages } : undefined;
}

/** What BuildKit's platform arguments can hold, so `FROM app-$TARGETOS` matches `app-linux`, not `app-base`. */
const PLATFORM_VALUES: Record<string, string> = {
  TARGETOS: '(?:linux|windows|darwin|freebsd|netbsd|openbsd|solaris|illumos|aix)',
  BUILDOS: '(?:linux|windows|darwin|freebsd|netbsd|openbsd|solaris|illumos|aix)',
  TARGETARCH: '(?:amd64|arm64|arm|386|ppc64le|ppc64|s390x|riscv64|mips64le|mips64|loong64|wasm)',
  BUILDARCH: '(?:amd64|arm64|arm|386|ppc64le|ppc64|s390x|riscv64|mips64le|mips64|loong64|wasm)',
  TARGETVARIANT: '(?:v[0-9]+)?',
  BUILDVARIANT: '(?:v[0-9]+)?',
};

/** Earlier stages whose name a FROM with an unresolved `$VAR` could resolve to. */
export function stagesNamedLike(model: DockerfileModel, stage: Stage): Stage[] {
  if (!stage.image.unresolved) return [];
  const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const variable = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;
  let pattern = '';
  let last = 0;
  for (const m of stage.image.raw.matchAll(variable)) {
    pattern += escape(stage.image.raw.slice(last, m.index));
    last = (m.index ?? 0) + m[0].length;
    const [, braced, op, word, bare] = m;
    const value = PLATFORM_VALUES[braced ?? bare] ?? '[A-Za-z0-9_.]*';
    if (op?.endsWith('+')) pattern += `(?:${escape(word ?? '')})?`;
    else if (op?.endsWith('-')) pattern += `(?:${value}|${escape(word ?? '')})`;
    else pattern += value;
  }
  pattern += escape(stage.image.raw.slice(last));
  let re: RegExp;
  try {
    re = new RegExp(`^${pattern}$`, 'i');
  } catch {
    return [];
  }
  return model.stages.filter((s) => s.index < stage.index && s.name !== undefined && re.test(s.name));
}

/**
 * For a stage outside the final chain: the rest of a sentence about whether and how its files reach
 * the final image ("does not reach the final image: only what `COPY --from=build` on line 9 takes does").
 */
export function reachVerdict(model: DockerfileModel, stage: Stage, chain: Set<number>): string {
  const deps = dependents(model, stage.index);
  const takers = deps.filter((e) => e.kind === 'copy' && chain.has(e.to));
  if (takers.length > 0) {
    const list = takers.slice(0, 3).map((e) => `${edgeText(e)} on line ${lineNo(e.instruction)}`);
    if (takers.length > 3) list.push(`${takers.length - 3} more`);
    return `does not reach the final image: only what ${joinWords(list)} ${takers.length === 1 ? 'takes' : 'take'} does`;
  }
  const maybe = possibleFinalBases(model, chain);
  if (maybe) {
    const reached = new Set([stage.index, ...deps.map((e) => e.to)]);
    const via = maybe.stages.filter((s) => reached.has(s.index));
    if (via.length > 0) {
      return `may reach the final image: the final FROM on line ${lineNo(maybe.from)} depends on a build argument and can resolve to ${joinWords(via.slice(0, 3).map((s) => stageRef(s)), 'or')}${via.some((s) => s.index !== stage.index) ? ', which uses this stage' : ''}`;
    }
  }
  if (stage.name) {
    return `does not reach the final image: nothing in it uses this stage, so BuildKit skips it unless you build it with ${inlineCode(`--target ${stage.name}`)}`;
  }
  return 'does not reach the final image: nothing in it uses this stage, so BuildKit skips it (name it with `AS <name>` to build it alone with `--target`)';
}

/** "stage `build` (2 of 3)" for headers; '' for single-stage files. */
export function stageHeader(model: DockerfileModel, stage: Stage): string {
  if (model.stages.length <= 1) return '';
  const pos = `${stage.index + 1} of ${model.stages.length}`;
  return stage.name ? `stage ${inlineCode(stage.name)} (${pos})` : `stage ${pos}, unnamed (${inlineCode(`--from=${stage.index}`)})`;
}

/** Names referenced as `$NAME` or `${NAME…}` in a text. */
export function referencedNames(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/g)) out.add(m[1] ?? m[2]);
  return out;
}

/** Names an ARG or ENV line defines, with their values (null: no value). */
export function definedNames(ins: InstructionInfo): { name: string; value: string | null; range: Range }[] {
  const node = ins.node as unknown as {
    getProperties?: () => { getName(): string; getValue(): string | null; getRange(): Range }[];
    getProperty?: () => { getName(): string; getValue(): string | null; getRange(): Range } | null;
  };
  const props = typeof node.getProperties === 'function' ? node.getProperties() : [];
  const list = props.length > 0 ? props : node.getProperty?.() ? [node.getProperty()!] : [];
  return list
    .filter((p) => p.getName() !== '')
    .map((p) => ({ name: p.getName(), value: p.getValue(), range: p.getRange() }));
}

/** The stage chain from the root ancestor down to `stage`. */
function chainOf(model: DockerfileModel, stage: Stage): Stage[] {
  const out: Stage[] = [];
  const seen = new Set<number>();
  let s: Stage | undefined = stage;
  while (s && !seen.has(s.index)) {
    seen.add(s.index);
    out.unshift(s);
    s = s.parentStage !== undefined ? model.stages[s.parentStage] : undefined;
  }
  return out;
}

export interface Variable {
  name: string;
  kind: 'ARG' | 'ENV';
  instruction: InstructionInfo;
}

/**
 * Variables a step runs with: ARGs declared earlier in its stage (every RUN sees them, used or not)
 * and ENV values set earlier in its stage chain (ENV is inherited through `FROM <stage>`).
 */
export function variablesInScope(model: DockerfileModel, stage: Stage, before: InstructionInfo): Variable[] {
  const vars = new Map<string, Variable>();
  for (const s of chainOf(model, stage)) {
    for (const ins of s.instructions) {
      if (s === stage && comparePositions(ins.range.start, before.range.start) >= 0) break;
      if (ins.keyword === 'ENV') for (const d of definedNames(ins)) vars.set(d.name, { name: d.name, kind: 'ENV', instruction: ins });
      if (ins.keyword === 'ARG' && s === stage) {
        for (const d of definedNames(ins)) vars.set(d.name, { name: d.name, kind: 'ARG', instruction: ins });
      }
    }
  }
  return [...vars.values()];
}

/** "`A` (line 3), `B` (line 4) or 2 more" */
export function variableList(vars: Variable[], max = 3): string {
  const items = vars.slice(0, max).map((v) => `${inlineCode(v.name)} (line ${lineNo(v.instruction)})`);
  if (vars.length > max) items.push(`${vars.length - max} more`);
  return joinWords(items, 'or');
}

/** Who a step at `ins` runs as: `who` is inline code (or words), `text` adds why. */
export function userAt(
  model: DockerfileModel,
  stage: Stage,
  ins: InstructionInfo,
): { who: string; text: string; kind: 'root' | 'non-root' | 'unknown' } {
  const users = stage.instructions.filter((i) => i.keyword === 'USER' && comparePositions(i.range.start, ins.range.start) < 0);
  const last = users[users.length - 1];
  if (last) {
    const value = last.argsText.trim();
    const who = inlineCode(value);
    return { kind: classifyUser(value), who, text: `${who} (USER on line ${lineNo(last)})` };
  }
  if (stage.parentStage !== undefined) {
    const parent = model.stages[stage.parentStage];
    const eu = parent.effectiveUser;
    const who = eu.kind === 'root' ? '`root`' : eu.name ? inlineCode(eu.name) : 'the user it ends with';
    return { kind: eu.kind, who, text: `${who}, inherited from ${stageRef(parent)}` };
  }
  const f = stage.baseFacts;
  if (f.runsAsRoot === true && f.family !== 'windows') {
    return { kind: 'root', who: '`root`', text: '`root`: no USER above it, and the base image runs as root by default' };
  }
  if (f.defaultUser) {
    const who = inlineCode(f.defaultUser);
    return { kind: f.runsAsRoot === true ? 'root' : 'non-root', who, text: `${who}, the base image's default user` };
  }
  return {
    kind: 'unknown',
    who: "the base image's default user",
    text: "the base image's default user (not known to Container Lens; most images use root)",
  };
}

/** Whether `stage.instructions` has a later instruction with this keyword after `ins`. */
export function laterInStage(stage: Stage, ins: InstructionInfo, keyword: string): InstructionInfo | undefined {
  const idx = stage.instructions.indexOf(ins);
  return stage.instructions.slice(idx + 1).find((i) => i.keyword === keyword);
}
