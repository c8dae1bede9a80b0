import * as nodePath from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Category, Equivalents, Finding, Severity } from '../core/findings';
import { equivalentIds } from '../core/findings';
import { TOPICS } from '../core/knowledge/topics';
import type { TopicId } from '../core/knowledge/topics';
import { LineIndex } from '../core/text/range';
import type { Range } from '../core/text/range';
import { outputFixes } from './format-json';
import type { LintReport } from './lint';
import { PROJECT_URL, TOOL_NAME, TOOL_VERSION, ruleDocsUrl } from './project';
import type { RuleInfo } from './rules';
import { RULE_CATALOG } from './rules';

/** The subset of SARIF 2.1.0 we write (what GitHub code scanning reads). */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface SarifRun {
  tool: { driver: SarifDriver };
  originalUriBaseIds: Record<string, { uri: string }>;
  columnKind: 'utf16CodeUnits';
  results: SarifResult[];
  invocations: {
    executionSuccessful: boolean;
    toolExecutionNotifications: {
      level: 'error';
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: ArtifactLocation } }[];
    }[];
  }[];
}

export interface SarifDriver {
  name: string;
  informationUri: string;
  version: string;
  semanticVersion: string;
  rules: SarifRule[];
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; category: Category; equivalents: Equivalents; topic: string };
}

export type SarifLevel = 'error' | 'warning' | 'note';

export interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: ArtifactLocation; region: SarifRegion } }[];
  fixes?: {
    description: { text: string };
    artifactChanges: {
      artifactLocation: ArtifactLocation;
      replacements: { deletedRegion: SarifRegion; insertedContent: { text: string } }[];
    }[];
  }[];
}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';

export function sarifLevel(s: Severity): SarifLevel {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

/** `final-stage-runs-as-root` → `FinalStageRunsAsRoot` (SARIF's `name` is an identifier-like string). */
export function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_m, _d, ch: string) => ch.toUpperCase());
}

/** Markdown as readable plain text for `help.text` and `fullDescription`. */
export function markdownToText(md: string): string {
  return md
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .trim();
}

/** GitHub code scanning reads at most 1024 characters of a rule description. */
export const MAX_DESCRIPTION = 1024;

export function truncate(text: string, max = MAX_DESCRIPTION): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

function topicLine(topicId: TopicId): { text: string; markdown: string } | undefined {
  const t = TOPICS[topicId];
  if (!t || !t.summary) return undefined;
  return { text: `${t.title}: ${t.summary}`, markdown: `**${t.title}**: ${t.summary}` };
}

function sarifRule(rule: RuleInfo): SarifRule {
  const topic = topicLine(rule.topic);
  const equivalents = equivalentIds(rule.equivalents);
  // GitHub keeps at most 20 tags
  const tags = [rule.category, ...(rule.category === 'isolation' ? ['security'] : []), ...equivalents].slice(0, 20);
  const docsText = markdownToText(rule.docs);
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: truncate(rule.title) },
    fullDescription: { text: truncate(docsText || rule.title) },
    help: {
      text: [docsText, topic?.text, `Docs: ${ruleDocsUrl(rule.id)}`].filter(Boolean).join('\n\n'),
      markdown: [rule.docs.trim(), topic?.markdown, `[Rule documentation](${ruleDocsUrl(rule.id)})`].filter(Boolean).join('\n\n'),
    },
    helpUri: ruleDocsUrl(rule.id),
    defaultConfiguration: { level: sarifLevel(rule.defaultSeverity) },
    properties: { tags, category: rule.category, equivalents: rule.equivalents, topic: rule.topic },
  };
}

/** A rule descriptor for findings whose id is in no registry (`internal-error`). */
function syntheticRule(f: Finding): RuleInfo {
  return {
    id: f.ruleId,
    title: f.ruleId === 'internal-error' ? 'A Container Lens rule failed on this file' : f.ruleId,
    category: f.category,
    defaultSeverity: f.severity,
    topic: f.topic,
    equivalents: f.equivalents,
    docs: 'Reported by Container Lens itself, not by a rule of the catalogue.',
  };
}

/** The artifact URI: relative to the working directory (`%SRCROOT%`), or an absolute file URI when outside it. */
export function artifactLocation(cwd: string, path: string): ArtifactLocation {
  const abs = nodePath.resolve(cwd, path);
  const rel = nodePath.relative(cwd, abs);
  if (rel === '' || rel.startsWith('..') || nodePath.isAbsolute(rel)) return { uri: pathToFileURL(abs).href };
  return { uri: rel.split(nodePath.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/** 0-based LSP range → 1-based SARIF region, clamped into the text (an insertion past the last line lands at its end). */
export function sarifRegion(r: Range, lines: LineIndex | undefined): SarifRegion {
  let { start, end } = r;
  if (lines) {
    start = lines.positionAt(lines.offsetAt(start));
    end = lines.positionAt(lines.offsetAt(end));
  }
  return { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

export function toSarif(report: LintReport, cwd: string): SarifLog {
  const rules: SarifRule[] = RULE_CATALOG.map((e) => sarifRule(e.rule));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results: SarifResult[] = [];
  const notifications: SarifRun['invocations'][number]['toolExecutionNotifications'] = [];
  for (const file of report.files) {
    const location = artifactLocation(cwd, file.path);
    if (file.error !== undefined) {
      notifications.push({
        level: 'error',
        message: { text: `${file.path}: ${file.error}` },
        locations: [{ physicalLocation: { artifactLocation: location } }],
      });
    }
    const lines = file.text !== undefined ? new LineIndex(file.text) : undefined;
    for (const f of file.findings) {
      let ruleIndex = index.get(f.ruleId);
      if (ruleIndex === undefined) {
        ruleIndex = rules.push(sarifRule(syntheticRule(f))) - 1;
        index.set(f.ruleId, ruleIndex);
      }
      const fixes = outputFixes(f.fixes).filter((x) => x.edits.length > 0);
      results.push({
        ruleId: f.ruleId,
        ruleIndex,
        level: sarifLevel(f.severity),
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: location, region: sarifRegion(f.range, lines) } }],
        ...(fixes.length > 0
          ? {
              fixes: fixes.map((x) => ({
                description: { text: x.title },
                artifactChanges: [
                  {
                    artifactLocation: location,
                    replacements: x.edits.map((e) => ({
                      deletedRegion: sarifRegion(e.range, lines),
                      insertedContent: { text: e.newText },
                    })),
                  },
                ],
              })),
            }
          : {}),
      });
    }
  }
  const srcroot = pathToFileURL(cwd.endsWith(nodePath.sep) ? cwd : cwd + nodePath.sep).href;
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: TOOL_NAME, informationUri: PROJECT_URL, version: TOOL_VERSION, semanticVersion: TOOL_VERSION, rules },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: srcroot } },
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [
          { executionSuccessful: !report.files.some((f) => f.ioError), toolExecutionNotifications: notifications },
        ],
      },
    ],
  };
}

export function formatSarif(report: LintReport, cwd: string): string {
  return `${JSON.stringify(toSarif(report, cwd), null, 2)}\n`;
}
