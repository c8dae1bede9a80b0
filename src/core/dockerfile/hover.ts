/**
 * Teaching hovers for Dockerfiles. A hover speaks about this line in this file first (its layer, what
 * a change rebuilds, the image, the user, the ports), then gives one short lesson from the knowledge
 * base, then "see also". Generic instruction documentation is left to other tools.
 *
 * Called by the editor's hover provider and by `container-lens explain`. Pure: model and position in,
 * Markdown out. Every value taken from the file is escaped (see `core/markdown.ts`).
 */
import { TOPICS, seeAlsoLine, topicLink } from '../knowledge/topics';
import type { TopicId } from '../knowledge/topics';
import type { Position, Range } from '../text/range';
import { commentHover } from './hover/comments';
import type { RuleInfo } from './hover/comments';
import { finalChain, lineNo, stageHeader, within } from './hover/context';
import { flagCode, flagFact } from './hover/flags';
import { instructionFacts } from './hover/instructions';
import { argumentsOf } from './hover/operands';
import { cacheFact, layerFact } from './hover/place';
import type { DockerfileModel, InstructionInfo } from './model';

export type { RuleInfo } from './hover/comments';

export interface DockerfileHover {
  markdown: string;
  /** The text the hover is about (keyword, image, user, port, flag or comment line). */
  range: Range;
  /** Topics the hover teaches or points to, lesson first. */
  topics: TopicId[];
}

export interface DockerfileHoverOptions {
  /** Turns topic titles into links (a `command:` URI in the editor); plain titles without it. */
  link?: (id: TopicId) => string | undefined;
  /** The rule registry, so pragma hovers can say which rule an id names. */
  rules?: readonly RuleInfo[];
}

/**
 * The hover at `position` (0-based line and UTF-16 character), or undefined where there is nothing to
 * teach: whitespace, ordinary comments, arguments other than the ones listed below. Hovers exist on
 * instruction keywords, the FROM image and stage name, the USER value, EXPOSE ports, flags, parser
 * directives and ignore pragmas. Never throws on any input the parser accepts.
 */
export function computeDockerfileHover(
  model: DockerfileModel,
  position: Position,
  options: DockerfileHoverOptions = {},
): DockerfileHover | undefined {
  if (position.line < 0 || position.line >= model.lines.lineCount || position.character < 0) return undefined;

  const comment = commentHover(model, position, options.rules);
  if (comment) {
    return { markdown: [comment.header, '', ...comment.facts.map((f) => `- ${f}`)].join('\n'), range: comment.range, topics: [] };
  }

  const ins = model.instructionAt(position);
  if (!ins) return undefined;

  const flag = ins.flags.find((f) => within(f.range, position));
  if (flag) return flagHover(model, ins, flag, options);

  const range = hoveredPart(ins, position);
  if (!range) return undefined;
  return instructionHover(model, ins, range, options);
}

/** Which part of the instruction the position is on, when it is one we explain. */
function hoveredPart(ins: InstructionInfo, p: Position): Range | undefined {
  if (within(ins.keywordRange, p)) return ins.keywordRange;
  if (ins.keyword === 'FROM' && ins.stage >= 0) {
    const node = ins.node as unknown as { getImageRange(): Range | null; getBuildStageRange(): Range | null };
    const image = node.getImageRange();
    if (within(image, p)) return image ?? undefined;
    const name = node.getBuildStageRange();
    if (within(name, p)) return name ?? undefined;
  }
  if (ins.keyword === 'USER' && within(ins.argsRange, p)) return ins.argsRange ?? undefined;
  if (ins.keyword === 'EXPOSE') {
    const port = argumentsOf(ins).find((a) => within(a.getRange(), p));
    if (port) return port.getRange();
  }
  return undefined;
}

function render(
  header: string,
  facts: string[],
  lesson: TopicId | undefined,
  seeAlso: TopicId[],
  options: DockerfileHoverOptions,
): { markdown: string; topics: TopicId[] } {
  const lines = [header, '', ...facts.filter(Boolean).map((f) => `- ${f}`)];
  const topics: TopicId[] = [];
  if (lesson) {
    topics.push(lesson);
    lines.push('', '---', '', `**${topicLink(lesson, options.link)}**: ${TOPICS[lesson].summary}`);
  }
  const more = [...new Set(seeAlso)].filter((t) => t !== lesson);
  topics.push(...more);
  const see = seeAlsoLine(more, options.link);
  if (see) lines.push('', see);
  return { markdown: lines.join('\n'), topics };
}

function instructionHeader(model: DockerfileModel, ins: InstructionInfo): string {
  const parts = [`**${ins.keyword}**`, `line ${lineNo(ins)}`];
  if (ins.stage < 0) parts.push('before the first FROM');
  else {
    const s = stageHeader(model, model.stages[ins.stage]);
    if (s) parts.push(s);
  }
  return parts.join(' · ');
}

function instructionHover(
  model: DockerfileModel,
  ins: InstructionInfo,
  range: Range,
  options: DockerfileHoverOptions,
): DockerfileHover | undefined {
  const chain = finalChain(model);
  const lesson = instructionFacts(model, ins, chain);
  if (!lesson) return undefined;
  const facts: string[] = [];
  if (ins.keyword !== 'FROM') facts.push(layerFact(model, ins, chain));
  facts.push(...lesson.facts);
  const cache = cacheFact(model, ins);
  if (cache) facts.push(cache);
  const seeAlso = [...lesson.seeAlso];
  if (ins.layer === 'filesystem' || ins.keyword === 'FROM') seeAlso.push('build-cache');
  const { markdown, topics } = render(instructionHeader(model, ins), facts, lesson.lesson, seeAlso, options);
  return { markdown, range, topics };
}

function flagHover(
  model: DockerfileModel,
  ins: InstructionInfo,
  flag: InstructionInfo['flags'][number],
  options: DockerfileHoverOptions,
): DockerfileHover | undefined {
  const fact = flagFact(model, ins, flag);
  if (!fact) return undefined;
  const header = `${flagCode(flag)} on **${ins.keyword}** · line ${lineNo(ins)}`;
  const { markdown, topics } = render(header, [fact.text], fact.topic, TOPICS[fact.topic].seeAlso.slice(0, 2), options);
  return { markdown, range: flag.range, topics };
}
