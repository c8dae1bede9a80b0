import { computeComposeHover } from '../core/compose/hover';
import { parseCompose } from '../core/compose/parse';
import type { DockerfileModel } from '../core/dockerfile/model';
import { parseDockerfile } from '../core/dockerfile/parse';
import type { FileKind } from '../core/findings';
import { computeKubernetesHover } from '../core/kubernetes/hover';
import { parseKubernetes } from '../core/kubernetes/parse';
import type { Position, Range } from '../core/text/range';

export type ComputeHover = (model: DockerfileModel, position: Position) => { markdown: string; range: Range } | undefined;

export interface Location {
  path: string;
  /** 1-based. */
  line: number;
  /** 1-based; left out: the first character of the line that is not blank. */
  column?: number;
}

/**
 * `path:line:column` or `path:line` (1-based), read from the right so Windows drive letters and
 * colons inside file names survive.
 */
export function parseLocation(arg: string): Location | undefined {
  const m = /^(.+?):(\d+)(?::(\d+))?$/.exec(arg);
  if (!m) return undefined;
  const line = Number(m[2]);
  const column = m[3] !== undefined ? Number(m[3]) : undefined;
  if (line < 1 || (column !== undefined && column < 1)) return undefined;
  return column === undefined ? { path: m[1], line } : { path: m[1], line, column };
}

/**
 * The hover Markdown at a 1-based location, or undefined when there is nothing to say there: the text
 * the editor shows on hover, for a Dockerfile (through `computeHover`), a compose file or a
 * Kubernetes manifest (`computeComposeHover` / `computeKubernetesHover`, as the editor calls them).
 * `fileName` lets the YAML parsers recognise a Helm chart's `templates/`.
 */
export function explainAt(
  text: string,
  line: number,
  column: number | undefined,
  computeHover: ComputeHover | undefined,
  kind: FileKind = 'dockerfile',
  fileName?: string,
): string | undefined {
  const position = { line: line - 1, character: column === undefined ? firstNonBlank(text, line - 1) : column - 1 };
  switch (kind) {
    case 'dockerfile': {
      if (!computeHover) return undefined;
      const model = parseDockerfile(text);
      if (line > model.lines.lineCount) return undefined;
      return computeHover(model, position)?.markdown;
    }
    case 'compose': {
      const model = parseCompose(text, fileName);
      if (line > model.lines.lineCount) return undefined;
      return computeComposeHover(model, position)?.markdown;
    }
    case 'kubernetes': {
      const model = parseKubernetes(text, fileName);
      if (line > model.lines.lineCount) return undefined;
      return computeKubernetesHover(model, position)?.markdown;
    }
    default:
      return undefined;
  }
}

/** The UTF-16 offset of the first character of line `line` (0-based) that is not a space or tab; 0 past the end. */
export function firstNonBlank(text: string, line: number): number {
  const lines = text.split(/\r\n|\r|\n/);
  const m = /^[ \t]*/.exec(lines[line] ?? '');
  return m ? m[0].length : 0;
}
