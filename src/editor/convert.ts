/**
 * The ONLY place that turns core data (0-based UTF-16 LSP-shaped ranges, findings, fixes, Markdown) into
 * `vscode` objects and back. Everything else in `src/editor/` passes core types around.
 */
import * as vscode from 'vscode';
import type { Finding, Severity } from '../core/findings';
import type { Position, Range, TextEdit } from '../core/text/range';

/** `Diagnostic.source` of everything we report. */
export const DIAGNOSTIC_SOURCE = 'Container Lens';

/**
 * Where `docs/rules.md` lives; `Diagnostic.code.target` and "Show documentation" link to `#<rule-id>`.
 * The CLI keeps the same address in `src/cli/project.ts` (editor code may not import the CLI).
 */
export const RULE_DOCS_BASE_URL = 'https://github.com/container-lens/container-lens/blob/main/docs/rules.md';

/** Code of the single information diagnostic shown when a file could not be analysed at all. */
export const NOT_ANALYSED_CODE = 'not-analysed';

export function toVscodePosition(p: Position): vscode.Position {
  return new vscode.Position(Math.max(0, p.line), Math.max(0, p.character));
}

export function toVscodeRange(r: Range): vscode.Range {
  return new vscode.Range(toVscodePosition(r.start), toVscodePosition(r.end));
}

export function fromVscodePosition(p: vscode.Position): Position {
  return { line: p.line, character: p.character };
}

export function fromVscodeRange(r: vscode.Range): Range {
  return { start: fromVscodePosition(r.start), end: fromVscodePosition(r.end) };
}

export function toVscodeSeverity(s: Severity): vscode.DiagnosticSeverity {
  switch (s) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'info':
      return vscode.DiagnosticSeverity.Information;
    case 'hint':
      return vscode.DiagnosticSeverity.Hint;
    default:
      return vscode.DiagnosticSeverity.Warning;
  }
}

export function ruleDocsUri(ruleId: string): vscode.Uri {
  return vscode.Uri.parse(`${RULE_DOCS_BASE_URL}#${encodeURIComponent(ruleId)}`);
}

/**
 * Tags by rule id, until findings carry tags themselves: "deprecated" rules (MAINTAINER and friends)
 * render struck through, rules about dead code (a stage nothing uses) render faded.
 */
export function diagnosticTagsFor(ruleId: string): vscode.DiagnosticTag[] | undefined {
  if (/deprecat/i.test(ruleId)) return [vscode.DiagnosticTag.Deprecated];
  if (/(^|-)(unused|unreachable|dead|redundant)(-|$)/i.test(ruleId)) return [vscode.DiagnosticTag.Unnecessary];
  return undefined;
}

/** One finding as a diagnostic of the document `uri` (related locations point into the same document). */
export function toVscodeDiagnostic(finding: Finding, uri: vscode.Uri): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toVscodeRange(finding.range), finding.message, toVscodeSeverity(finding.severity));
  d.source = DIAGNOSTIC_SOURCE;
  d.code = { value: finding.ruleId, target: ruleDocsUri(finding.ruleId) };
  if (finding.related && finding.related.length > 0) {
    d.relatedInformation = finding.related.map(
      (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toVscodeRange(r.range)), r.message),
    );
  }
  const tags = diagnosticTagsFor(finding.ruleId);
  if (tags) d.tags = tags;
  return d;
}

/** The one diagnostic for a file `analyze` refused (binary, too large): information, at line 0. */
export function toNotAnalysedDiagnostic(reason: string): vscode.Diagnostic {
  const d = new vscode.Diagnostic(
    new vscode.Range(0, 0, 0, 0),
    `Container Lens did not analyse this file: ${reason}.`,
    vscode.DiagnosticSeverity.Information,
  );
  d.source = DIAGNOSTIC_SOURCE;
  d.code = NOT_ANALYSED_CODE;
  return d;
}

/** Code of the opt-in drift diagnostic: not a rule (it comes from a registry, not from the text). */
export const DIGEST_DRIFT_CODE = 'digest-drift';

/** An information diagnostic saying that the tag of a pinned reference now points elsewhere. */
export function toDigestDriftDiagnostic(range: Range, message: string): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toVscodeRange(range), message, vscode.DiagnosticSeverity.Information);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = DIGEST_DRIFT_CODE;
  return d;
}

/** The rule id of one of our diagnostics, or undefined for other sources. */
export function ruleIdOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE) return undefined;
  const code = typeof d.code === 'object' && d.code !== null ? d.code.value : d.code;
  return code === undefined ? undefined : String(code);
}

export function toVscodeTextEdit(e: TextEdit): vscode.TextEdit {
  return new vscode.TextEdit(toVscodeRange(e.range), e.newText);
}

export function toWorkspaceEdit(uri: vscode.Uri, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  we.set(uri, edits.map(toVscodeTextEdit));
  return we;
}

/**
 * Markdown from core (already escaped there where it quotes the file) as an untrusted MarkdownString:
 * no command links, no HTML, no theme icons.
 */
export function toMarkdownString(markdown: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(markdown, false);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}

export function toVscodeHover(markdown: string, range: Range | undefined): vscode.Hover {
  return new vscode.Hover(toMarkdownString(markdown), range ? toVscodeRange(range) : undefined);
}

/** One part of a hover: core Markdown, and the only commands its links may run (none: fully untrusted). */
export interface HoverPart {
  markdown: string;
  enabledCommands?: readonly string[];
}

/**
 * A hover of several parts (the line's lesson, then for example what is known about a pinned digest).
 * Each part stays untrusted except for the command ids it lists, so a link in the file's text can never
 * run anything.
 */
export function toVscodeHoverParts(parts: readonly HoverPart[], range: Range | undefined): vscode.Hover {
  const contents = parts.map((p) => {
    const md = toMarkdownString(p.markdown);
    if (p.enabledCommands && p.enabledCommands.length > 0) md.isTrusted = { enabledCommands: [...p.enabledCommands] };
    return md;
  });
  return new vscode.Hover(contents, range ? toVscodeRange(range) : undefined);
}
