import { isMap, isScalar, visit } from 'yaml';
import type { LineIndex, Range } from '../text/range';
import type { YamlDocument } from './parse';

export type TemplateReason = 'chart-template' | 'invalid-yaml' | 'template-in-structure' | 'helm-expression';

export interface TemplateInfo {
  reason: TemplateReason;
  /** The first `{{` of the file (or its start). */
  range: Range;
  message: string;
}

/** A file in a chart's `templates/` folder (any depth below it). */
const CHART_TEMPLATE_PATH = /(^|[\\/])templates[\\/](.+[\\/])?[^\\/]+\.(ya?ml|tpl)$/i;

/**
 * Helm's built-in objects and functions inside `{{ }}`. Prometheus / Alertmanager templates use
 * `$labels`, `$value`, `humanize`, which are not here, so a PrometheusRule stays analysable.
 */
const HELM_EXPRESSION =
  /\{\{-?[^}]*?(?:\.Values\b|\.Release\b|\.Chart\b|\.Capabilities\b|\.Files\b|\.Template\b|\binclude\s+"|\btemplate\s+"|\btoYaml\b|\btpl\s)/;

const MESSAGE =
  'This file is a template ({{ ... }}): Container Lens does not analyse it as written. ' +
  'Render it first (for example `helm template`) and open the output to see its findings.';

/**
 * Decide whether a YAML file is a Helm / Go template rather than YAML to analyse:
 * - a file below a chart's `templates/` folder that contains `{{`;
 * - a file whose `{{ ... }}` makes it invalid YAML;
 * - valid YAML where `{{` opens a structure (`name: {{ .Values.x }}` parses as a nested flow map);
 * - valid YAML whose strings use Helm's objects (`"{{ .Values.image }}"`).
 * `{{ $labels.instance }}` inside a string (Prometheus rules) is ordinary text.
 */
export function detectTemplate(
  text: string,
  fileName: string | undefined,
  documents: readonly YamlDocument[],
  lines: LineIndex,
  hasErrors: boolean,
): TemplateInfo | undefined {
  const first = text.indexOf('{{');
  if (first < 0) return undefined;
  const at = (offset: number): Range => ({
    start: lines.positionAt(offset),
    end: lines.positionAt(Math.min(text.length, closingOf(text, offset))),
  });
  const make = (reason: TemplateReason, offset = first): TemplateInfo => ({ reason, range: at(offset), message: MESSAGE });

  if (fileName && CHART_TEMPLATE_PATH.test(fileName.replace(/\\/g, '/'))) return make('chart-template');
  if (hasErrors) return make('invalid-yaml');

  // Only nodes whose text holds a `{{` can match: a subtree without one is skipped, so a large file
  // with a single `{{` is not walked node by node.
  const opens = allOffsets(text, '{{', first);
  let found: TemplateInfo | undefined;
  for (const d of documents) {
    visit(d.doc, {
      Node(_key, node) {
        if (found) return visit.BREAK;
        const range = (node as { range?: [number, number, number] }).range;
        if (!range) return undefined;
        const start = range[0];
        if (!anyWithin(opens, start, Math.max(range[1], range[2]))) return visit.SKIP;
        if (isMap(node) && node.flow && text.startsWith('{{', start)) {
          found = make('template-in-structure', start);
          return visit.BREAK;
        }
        if (isScalar(node) && typeof node.value === 'string' && node.value.includes('{{') && HELM_EXPRESSION.test(node.value)) {
          found = make('helm-expression', Math.max(start, text.indexOf('{{', start)));
          return visit.BREAK;
        }
        return undefined;
      },
    });
    if (found) break;
  }
  return found;
}

/** Every offset of `needle` in `text`, ascending, from `from` on. */
function allOffsets(text: string, needle: string, from: number): number[] {
  const out: number[] = [];
  for (let i = from; i >= 0; i = text.indexOf(needle, i + 1)) out.push(i);
  return out;
}

/** Whether a sorted list holds an offset in `[start, end)`. */
function anyWithin(sorted: readonly number[], start: number, end: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] < end;
}

function closingOf(text: string, open: number): number {
  const close = text.indexOf('}}', open);
  const eol = text.indexOf('\n', open);
  if (close >= 0 && (eol < 0 || close < eol)) return close + 2;
  return eol < 0 ? text.length : eol;
}
