import { DockerfileParser } from 'dockerfile-ast';
import type { Argument, Instruction, From, Onbuild } from 'dockerfile-ast';
import { lookupImage } from '../knowledge/images';
import type { ImageFacts } from '../knowledge/images';
import { LineIndex, comparePositions, containsPosition } from '../text/range';
import type { Position, Range } from '../text/range';
import { memoiseArgumentScans } from './ast-arguments';
import { parseImageRef } from './image-ref';
import type {
  Directives,
  DockerfileModel,
  EffectiveUser,
  Flag,
  Heredoc,
  InstructionInfo,
  LayerKind,
  ShellCommand,
  Stage,
} from './model';

const FILESYSTEM = new Set(['RUN', 'COPY', 'ADD']);

memoiseArgumentScans();

/** Parse a Dockerfile into the model every rule, hover and fix works on. Never throws on bad input. */
export function parseDockerfile(text: string): DockerfileModel {
  const lines = new LineIndex(text);
  const ast = DockerfileParser.parse(text);
  const directives = readDirectives(lines, ast.getEscapeCharacter());
  const comments = ast.getComments().map((c) => ({ text: c.getContent(), range: c.getRange() }));

  const instructions: InstructionInfo[] = [];
  const stages: Stage[] = [];
  const globalArgs = new Map<string, string | undefined>();
  let stageIndex = -1;

  for (const node of ast.getInstructions()) {
    const keyword = node.getKeyword().toUpperCase();
    if (keyword === 'FROM') stageIndex++;
    const info = describeInstruction(node, keyword, stageIndex, lines);
    instructions.push(info);
    if (stageIndex < 0 && keyword === 'ARG') {
      for (const [name, value] of readArgDefinitions(info.argsText)) globalArgs.set(name, value);
    }
    if (keyword === 'FROM') {
      stages.push(createStage(node as From, info, stageIndex, globalArgs, stages));
    } else if (stageIndex >= 0) {
      stages[stageIndex].instructions.push(info);
    }
  }

  linkStages(stages);
  for (const stage of stages) stage.effectiveUser = effectiveUser(stage, stages);
  numberLayers(stages);

  const finalStage = stages.length > 0 ? stages[stages.length - 1] : undefined;
  return {
    text,
    lines,
    directives,
    globalArgs,
    instructions,
    stages,
    finalStage,
    comments,
    stageAt(p: Position) {
      let found: Stage | undefined;
      for (const s of stages) if (comparePositions(s.from.range.start, p) <= 0) found = s;
      return found;
    },
    instructionAt(p: Position) {
      return instructions.find((i) => containsPosition(i.range, p));
    },
  };
}

/** Directives are `# key=value` lines at the very top; the first other line ends them (BuildKit's rule). */
function readDirectives(lines: LineIndex, escape: string): Directives {
  const d: Directives = { escape };
  const seen = new Set<string>();
  for (let line = 0; line < lines.lineCount; line++) {
    const raw = lines.lineText(line);
    const m = /^\s*#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.*?)\s*$/.exec(raw);
    if (!m) break;
    const name = m[1].toLowerCase();
    if (seen.has(name)) break;
    seen.add(name);
    const valueStart = raw.length - raw.trimStart().length;
    const r: Range = { start: { line, character: valueStart }, end: { line, character: raw.trimEnd().length } };
    if (name === 'syntax') d.syntax = { value: m[2], range: r };
    else if (name === 'check') {
      let skip: string[] | 'all' = [];
      let error = false;
      for (const part of m[2].split(';')) {
        const [k, v = ''] = part.split('=').map((s) => s.trim());
        if (k.toLowerCase() === 'skip') {
          skip = v.toLowerCase() === 'all' ? 'all' : v.split(',').map((s) => s.trim()).filter(Boolean);
        } else if (k.toLowerCase() === 'error') {
          error = v.toLowerCase() === 'true';
        }
      }
      d.check = { skip, error, range: r };
    } else if (name !== 'escape') {
      // unknown directives are ignored by the builder; keep scanning
    }
  }
  return d;
}

function describeInstruction(node: Instruction, keyword: string, stage: number, lines: LineIndex): InstructionInfo {
  const keywordRange = node.getInstructionRange();
  const flags: Flag[] = [];
  const anyNode = node as unknown as {
    getFlags?: () => import('dockerfile-ast').Flag[];
    getHeredocs?: () => import('dockerfile-ast/lib/heredoc').Heredoc[];
  };
  if (typeof anyNode.getFlags === 'function') {
    for (const f of anyNode.getFlags()) {
      const options: Record<string, string> = {};
      for (const o of f.getOptions()) options[o.getName().toLowerCase()] = o.getValue() ?? '';
      flags.push({
        name: f.getName().toLowerCase(),
        value: f.getValue(),
        range: f.getRange(),
        valueRange: f.getValueRange(),
        options,
      });
    }
  }
  // dockerfile-ast recomputes the arguments on every call (a scan of the whole instruction): read them once here
  // and derive what the model needs from them.
  const args = node.getArguments();
  const heredocs: Heredoc[] = [];
  if (
    typeof anyNode.getHeredocs === 'function' &&
    (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD') &&
    // heredocs are only ever read from `<<` arguments: without one there is nothing to find
    args.some((a) => a.getValue().startsWith('<<'))
  ) {
    for (const h of anyNode.getHeredocs()) heredocs.push({ name: h.getName(), contentRange: h.getContentRange() });
  }
  const argsText = args.map((a) => a.getValue()).join(' ');
  // Read the raw text: argument values have lost their escapes (`\"` inside a JSON string).
  // argsRange is what node.getArgumentsRange() returns, without scanning the instruction again.
  const argsRange: Range | null = args.length > 0 ? { start: args[0].getRange().start, end: args[args.length - 1].getRange().end } : null;
  const rawArgs = argsRange ? lines.slice(argsRange).replace(/\\\r?\n/g, '').replace(/`\r?\n/g, '') : '';
  const jsonForm = isJsonArray(rawArgs) || isJsonArray(argsText);
  let layer: LayerKind = FILESYSTEM.has(keyword) ? 'filesystem' : 'metadata';
  if (stage < 0) layer = 'global';
  const info: InstructionInfo = {
    keyword,
    keywordText: node.getInstruction(),
    keywordRange,
    range: node.getRange(),
    node,
    stage,
    layer,
    flags,
    heredocs,
    jsonForm,
    argsText,
    argsRange,
  };
  if (keyword === 'RUN') info.shell = shellCommand(node, args, heredocs, lines);
  if (keyword === 'ONBUILD') info.onbuildTrigger = (node as Onbuild).getTrigger()?.toUpperCase() ?? undefined;
  return info;
}

/** Exec form is a JSON array of strings; anything else (e.g. `['a']`) runs through the shell, as BuildKit does. */
function isJsonArray(text: string): boolean {
  const t = text.trim();
  if (!t.startsWith('[') || !t.endsWith(']')) return false;
  try {
    const v: unknown = JSON.parse(t);
    return Array.isArray(v) && v.every((x) => typeof x === 'string');
  } catch {
    return false;
  }
}

interface Segment {
  textStart: number;
  text: string;
  range: Range;
}

function shellCommand(node: Instruction, args: Argument[], heredocs: Heredoc[], lines: LineIndex): ShellCommand {
  const segments: Segment[] = [];
  let text = '';
  const push = (s: string, r: Range, sep: string) => {
    if (text.length > 0) text += sep;
    segments.push({ textStart: text.length, text: s, range: r });
    text += s;
  };
  // Heredoc bodies are what runs; flags and `<<EOF` markers are not.
  const bodies = heredocs.filter((h) => h.contentRange);
  const inBody = (r: Range) =>
    heredocs.some(
      (h) =>
        h.contentRange &&
        comparePositions(r.start, h.contentRange.start) >= 0 &&
        r.start.line <= h.contentRange.end.line + 1,
    );
  for (const a of args) {
    const v = a.getValue();
    if (heredocs.length > 0 && (inBody(a.getRange()) || /^<<-?["']?\w+["']?$/.test(v))) continue;
    push(v, a.getRange(), ' ');
  }
  for (const h of bodies) {
    const r = h.contentRange as Range;
    for (let line = r.start.line; line <= r.end.line; line++) {
      const lt = lines.lineText(line);
      push(lt, { start: { line, character: 0 }, end: { line, character: lt.length } }, '\n');
    }
  }
  return {
    text,
    rangeOf(start: number, end: number): Range {
      const at = (offset: number, isEnd: boolean): Position => {
        // the segment an offset falls in; an end offset belongs to the segment it closes
        let seg: Segment | undefined;
        for (const s of segments) {
          if (isEnd ? s.textStart < offset || (offset === 0 && s.textStart === 0) : s.textStart <= offset) seg = s;
          else break;
        }
        if (!seg) return node.getRange().start;
        const delta = Math.max(0, Math.min(offset - seg.textStart, seg.text.length));
        if (seg.range.start.line !== seg.range.end.line) return delta === 0 ? seg.range.start : seg.range.end;
        return { line: seg.range.start.line, character: seg.range.start.character + delta };
      };
      return { start: at(start, false), end: at(end, true) };
    },
  };
}

/** `ARG A=1 B` → [[A, '1'], [B, undefined]] */
export function readArgDefinitions(argsText: string): [string, string | undefined][] {
  const out: [string, string | undefined][] = [];
  for (const part of argsText.split(/\s+/).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq < 0) out.push([part, undefined]);
    else out.push([part.slice(0, eq), unquote(part.slice(eq + 1))]);
  }
  return out;
}

function unquote(s: string): string {
  if (s.length >= 2 && ((s[0] === '"' && s.endsWith('"')) || (s[0] === "'" && s.endsWith("'")))) return s.slice(1, -1);
  return s;
}

/** Substitute `$VAR`, `${VAR}`, `${VAR:-x}`, `${VAR:+x}` from ARG defaults, as the builder does for FROM. */
export function substituteArgs(value: string, args: Map<string, string | undefined>): string {
  return value.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (whole, braced, op, alt, bare) => {
    const name = braced ?? bare;
    const v = args.get(name);
    const set = v !== undefined && v !== '';
    if (op === ':-' || op === '-') return set ? (v as string) : alt;
    if (op === ':+' || op === '+') return set ? alt : '';
    return v !== undefined ? v : whole;
  });
}

function createStage(
  node: From,
  info: InstructionInfo,
  index: number,
  globalArgs: Map<string, string | undefined>,
  previous: Stage[],
): Stage {
  const rawImage = node.getImage() ?? '';
  const image = parseImageRef(substituteArgs(rawImage, globalArgs));
  const name = node.getBuildStage() ?? undefined;
  const parent = previous.find((s) => s.name !== undefined && s.name.toLowerCase() === image.raw.toLowerCase());
  return {
    index,
    name,
    nameRange: node.getBuildStageRange() ?? undefined,
    from: info,
    image,
    imageRange: node.getImageRange(),
    parentStage: parent?.index,
    baseFacts: parent ? parent.baseFacts : lookupImage({ path: image.path, registry: image.registry, tag: image.tag }),
    instructions: [],
    reachesFinal: false,
    copiesFrom: [],
    effectiveUser: { kind: 'unknown', why: '' },
    layerCount: 0,
  };
}

/** Resolve a `--from` value (stage name, index, or an image) to a stage of this file. */
export function resolveStageRef(value: string, stages: Stage[], before: number): Stage | undefined {
  const v = value.trim();
  if (/^\d+$/.test(v)) {
    const n = Number(v);
    return n < before ? stages[n] : undefined;
  }
  return stages.slice(0, before).find((s) => s.name !== undefined && s.name.toLowerCase() === v.toLowerCase());
}

function linkStages(stages: Stage[]): void {
  for (const stage of stages) {
    for (const ins of stage.instructions) {
      const froms: string[] = [];
      if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
        const f = ins.flags.find((x) => x.name === 'from');
        if (f?.value) froms.push(f.value);
      }
      if (ins.keyword === 'RUN') {
        for (const f of ins.flags) if (f.name === 'mount' && f.options.from) froms.push(f.options.from);
      }
      for (const v of froms) {
        const src = resolveStageRef(v, stages, stage.index);
        if (src) stage.copiesFrom.push({ stage: src.index, instruction: ins });
      }
    }
  }
  const final = stages[stages.length - 1];
  if (!final) return;
  const queue = [final];
  final.reachesFinal = true;
  while (queue.length) {
    const s = queue.pop() as Stage;
    const next = [...s.copiesFrom.map((c) => stages[c.stage])];
    if (s.parentStage !== undefined) next.push(stages[s.parentStage]);
    for (const n of next) {
      if (n && !n.reachesFinal) {
        n.reachesFinal = true;
        queue.push(n);
      }
    }
  }
}

const ROOT_USERS = new Set(['root', '0']);

/** Classify a USER value: `root`, `0`, `0:0`, `root:root` are root; variables are unknown. */
export function classifyUser(value: string): 'root' | 'non-root' | 'unknown' {
  const v = value.trim();
  if (!v || v.includes('$')) return 'unknown';
  const user = v.split(':')[0];
  return ROOT_USERS.has(user.toLowerCase()) ? 'root' : 'non-root';
}

function effectiveUser(stage: Stage, stages: Stage[]): EffectiveUser {
  const users = stage.instructions.filter((i) => i.keyword === 'USER');
  const last = users[users.length - 1];
  if (last) {
    const name = last.argsText.trim();
    const kind = classifyUser(name);
    const line = last.range.start.line + 1;
    const why =
      kind === 'root'
        ? `USER ${name} on line ${line}`
        : kind === 'unknown'
          ? `USER ${name} on line ${line} depends on a build argument`
          : `USER ${name} on line ${line}`;
    return { kind, name, instruction: last, why };
  }
  if (stage.parentStage !== undefined) {
    const p = stages[stage.parentStage].effectiveUser;
    return { ...p, why: `no USER in this stage; inherits from stage "${stages[stage.parentStage].name}" (${p.why})` };
  }
  return userFromImage(stage.baseFacts, stage.image.raw);
}

function userFromImage(facts: ImageFacts, image: string): EffectiveUser {
  if (facts.runsAsRoot === true) {
    return { kind: 'root', name: 'root', why: `no USER, and ${image || 'the base image'} runs as root by default` };
  }
  if (facts.runsAsRoot === false) {
    return {
      kind: 'non-root',
      name: facts.defaultUser,
      why: `no USER, and ${image} runs as ${facts.defaultUser ?? 'a non-root user'} by default`,
    };
  }
  return { kind: 'unknown', why: `no USER, and the default user of ${image || 'the base image'} is not known` };
}

function numberLayers(stages: Stage[]): void {
  for (const stage of stages) {
    let n = stage.parentStage !== undefined ? stages[stage.parentStage].layerCount : 0;
    for (const ins of stage.instructions) {
      if (ins.layer === 'filesystem') ins.layerNumber = ++n;
    }
    stage.layerCount = n;
  }
}
