import { YAMLMap, YAMLSeq, isAlias, isMap, isScalar, isSeq, parseAllDocuments, visit } from 'yaml';
import type { Alias, CollectionTag, Document, ParsedNode, ScalarTag, Tags } from 'yaml';
import { LineIndex } from '../text/range';
import type { Range } from '../text/range';
import { detectTemplate } from './template';
import type { TemplateInfo } from './template';

/** A node of the parsed tree: a scalar, a map, a sequence, or an alias (`*name`). */
export type YamlNode = ParsedNode;

export type YamlProblemSeverity = 'error' | 'warning' | 'info';

/** A problem with the YAML itself (syntax, duplicate keys) or the single "this is a template" note. */
export interface YamlProblem {
  message: string;
  range: Range;
  severity: YamlProblemSeverity;
  /** The `yaml` library's code (`DUPLICATE_KEY`, `BAD_INDENT`, ...) or `TEMPLATED`. */
  code: string;
}

export interface YamlDocument {
  /** 0-based index of the document in the file (`---` separated). */
  index: number;
  /** The `yaml` library's document, for the rare reader that needs more than our helpers. */
  doc: Document.Parsed;
  /** Root node; null for an empty document. */
  contents: YamlNode | null;
  range: Range;
  problems: YamlProblem[];
}

/**
 * What every reader of a YAML file needs: the one line index of the file (offsets of all
 * documents are absolute), and alias resolution.
 */
export interface YamlContext {
  lines: LineIndex;
  /** Follows aliases (`*name`) to the anchored node; other nodes come back unchanged. */
  resolve(node: unknown): YamlNode | null;
}

export interface YamlFile extends YamlContext {
  text: string;
  documents: YamlDocument[];
  /**
   * Problems across all documents. When the file is a template this is exactly one
   * info-level `TEMPLATED` note and nothing else.
   */
  problems: YamlProblem[];
  /** Helm / Go template (`{{ ... }}` outside strings, or a chart's `templates/` file). */
  templated: boolean;
  template?: TemplateInfo;
}

/**
 * Compose's `!reset` / `!override` tags, accepted on scalars, maps and sequences so that they are
 * neither errors nor warnings. Readers see them through `node.tag`.
 */
const COMPOSE_TAGS: Tags = ['!reset', '!override'].flatMap((tag): (ScalarTag | CollectionTag)[] => [
  { tag, resolve: (s: string) => s },
  { tag, collection: 'map', nodeClass: YAMLMap, resolve: (m) => m },
  { tag, collection: 'seq', nodeClass: YAMLSeq, resolve: (s) => s },
]);

/** The `yaml` library's options for every parse (the benchmark times the library alone with the same ones). */
export const YAML_OPTIONS = { merge: true, prettyErrors: false, customTags: COMPOSE_TAGS } as const;

/** Warnings that are not worth showing: other tools' custom tags (`!Ref`, `!vault`) are legitimate. */
const IGNORED_WARNINGS = new Set(['TAG_RESOLVE_FAILED']);

export interface ParseYamlOptions {
  /** The document's path, used to recognise a Helm chart's `templates/` files. */
  fileName?: string;
}

/**
 * Parse every document of a YAML file, keeping source ranges. Merge keys (`<<: *anchor`) are
 * enabled (our readers resolve them, see `entries`), unknown tags are tolerated. Never throws.
 */
export function parseYaml(text: string, options: ParseYamlOptions = {}): YamlFile {
  const lines = new LineIndex(text);
  const aliases = new WeakMap<object, YamlNode | null>();
  const documents: YamlDocument[] = [];
  let parsed: Document.Parsed[] = [];
  try {
    parsed = parseAllDocuments(text, YAML_OPTIONS) as Document.Parsed[];
  } catch (e) {
    // The library does not throw on bad input today; this guards against a future version that does.
    const problem: YamlProblem = {
      message: `YAML could not be read: ${e instanceof Error ? e.message : String(e)}`,
      range: { start: lines.positionAt(0), end: lines.positionAt(0) },
      severity: 'error',
      code: 'PARSE_FAILED',
    };
    return finish(text, lines, aliases, [], [problem], options);
  }

  const problems: YamlProblem[] = [];
  parsed.forEach((doc, index) => {
    const docProblems: YamlProblem[] = [];
    for (const e of doc.errors) docProblems.push(toProblem(lines, e, 'error'));
    for (const w of doc.warnings) if (!IGNORED_WARNINGS.has(w.code)) docProblems.push(toProblem(lines, w, 'warning'));
    problems.push(...docProblems);
    const [start, , end] = doc.range;
    // an alias is spelled `*name`: a document without a `*` has none, and walking its tree would be wasted
    const star = text.indexOf('*', start);
    if (star >= 0 && star < end) indexAliases(doc, aliases);
    documents.push({
      index,
      doc,
      contents: (doc.contents as YamlNode | null) ?? null,
      range: { start: lines.positionAt(start), end: lines.positionAt(end) },
      problems: docProblems,
    });
  });
  return finish(text, lines, aliases, documents, problems, options);
}

function finish(
  text: string,
  lines: LineIndex,
  aliases: WeakMap<object, YamlNode | null>,
  documents: YamlDocument[],
  problems: YamlProblem[],
  options: ParseYamlOptions,
): YamlFile {
  const resolve = (node: unknown): YamlNode | null => {
    let n = node;
    // Aliases of aliases are not valid YAML, but a bound keeps a malformed file from looping.
    for (let i = 0; i < 16 && isAlias(n); i++) n = aliases.get(n as object) ?? null;
    if (isAlias(n)) return null;
    return (n as YamlNode | null | undefined) ?? null;
  };
  const template = detectTemplate(text, options.fileName, documents, lines, problems.some((p) => p.severity === 'error'));
  if (template) {
    const note: YamlProblem = { message: template.message, range: template.range, severity: 'info', code: 'TEMPLATED' };
    for (const d of documents) d.problems = [];
    return { text, lines, documents, problems: [note], templated: true, template, resolve };
  }
  return { text, lines, documents, problems, templated: false, resolve };
}

function toProblem(
  lines: LineIndex,
  e: { message: string; pos: [number, number]; code: string },
  severity: YamlProblemSeverity,
): YamlProblem {
  const [start, end] = e.pos;
  return {
    message: e.message,
    range: { start: lines.positionAt(start), end: lines.positionAt(Math.max(start, end)) },
    severity,
    code: e.code,
  };
}

/** Aliases refer to the closest preceding anchor of the same name in the same document. */
function indexAliases(doc: Document.Parsed, aliases: WeakMap<object, YamlNode | null>): void {
  const anchors = new Map<string, YamlNode>();
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) {
        aliases.set(node, anchors.get((node as Alias).source) ?? null);
        return;
      }
      const anchor = (node as { anchor?: string }).anchor;
      if (anchor && (isMap(node) || isSeq(node) || isScalar(node))) anchors.set(anchor, node as YamlNode);
    },
  });
}

