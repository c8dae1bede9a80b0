import type { DockerfileModel } from '../core/dockerfile/model';
import { parseDockerfile } from '../core/dockerfile/parse';
import type { Position, Range } from '../core/text/range';

export type ComputeHover = (model: DockerfileModel, position: Position) => { markdown: string; range: Range } | undefined;

export interface Location {
  path: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/**
 * `path:line:column` or `path:line` (1-based), read from the right so Windows drive letters and
 * colons inside file names survive.
 */
export function parseLocation(arg: string): Location | undefined {
  const m = /^(.+?):(\d+)(?::(\d+))?$/.exec(arg);
  if (!m) return undefined;
  const line = Number(m[2]);
  const column = m[3] !== undefined ? Number(m[3]) : 1;
  if (line < 1 || column < 1) return undefined;
  return { path: m[1], line, column };
}

/** The hover Markdown at a 1-based location, or undefined when there is nothing to say there. */
export function explainAt(text: string, line: number, column: number, computeHover: ComputeHover): string | undefined {
  const model = parseDockerfile(text);
  if (line > model.lines.lineCount) return undefined;
  const hover = computeHover(model, { line: line - 1, character: column - 1 });
  return hover?.markdown;
}
