import * as vscode from 'vscode';
import type { Finding, Fix } from '../core/findings';
import type { LineIndex } from '../core/text/range';
import { COMMANDS } from './commands';
import { NOT_ANALYSED_CODE, fromVscodeRange, ruleIdOf, toWorkspaceEdit } from './convert';
import type { DiagnosticsManager } from './diagnostics';
import { lintKind } from './diagnostics';
import type { FindingStore } from './finding-store';
import { canInsertPragmaAbove, canInsertYamlPragmaAbove, ignorePragmaEdit } from './ignore-pragma';
import type { Logger } from './log';
import { describeError, guard } from './log';
import type { ModelCache } from './model-cache';
import type { DigestResolverRegistry } from './pin-digest-hook';
import { isPinDigestFix } from './pin-digest-hook';

/**
 * The built-in digest pin for a `pin-digest` fix: a title naming the image and the command that resolves
 * it with progress (`containerLens.pinDigest`). `undefined` when the finding's image cannot be pinned.
 */
export type BuiltInPin = (doc: vscode.TextDocument, finding: Finding) => { title: string; command: vscode.Command } | undefined;

/** Ids that are not rules: no "ignore" pragma or docs link makes sense for them. */
const NOT_RULES = new Set([NOT_ANALYSED_CODE, 'internal-error']);

/** A pin-digest action whose edit is computed only when the user picks it (`resolveCodeAction`). */
class PinDigestAction extends vscode.CodeAction {
  constructor(
    title: string,
    readonly document: vscode.TextDocument,
    readonly version: number,
    readonly finding: Finding,
    readonly fix: Fix,
  ) {
    super(title, vscode.CodeActionKind.QuickFix);
  }
}

/**
 * Quick fixes for our diagnostics: the fixes recorded with each finding (looked up by document version),
 * "Ignore <rule> for this line", "Show documentation for <rule>", and digest pins when a resolver is
 * registered.
 */
export class ContainerLensCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  };

  constructor(
    private readonly diagnostics: DiagnosticsManager,
    private readonly store: FindingStore,
    private readonly models: ModelCache,
    private readonly digests: DigestResolverRegistry,
    private readonly log: Logger,
    private readonly builtInPin?: BuiltInPin,
  ) {}

  provideCodeActions(
    doc: vscode.TextDocument,
    _range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
    token: vscode.CancellationToken,
  ): vscode.CodeAction[] {
    return guard(this.log, 'code actions', [], () => {
      const kind = lintKind(doc);
      if (token.isCancellationRequested || !kind) return [];
      if (context.only && !context.only.intersects(vscode.CodeActionKind.QuickFix)) return [];
      const mine = context.diagnostics.filter((d) => ruleIdOf(d) !== undefined);
      if (mine.length === 0) return [];
      // Fixes are only ever taken from findings of this exact version.
      this.diagnostics.ensureCurrent(doc);
      const key = doc.uri.toString();
      const fixes: vscode.CodeAction[] = [];
      const extras: vscode.CodeAction[] = [];
      const ignored = new Set<string>();
      const documented = new Set<string>();
      for (const diagnostic of mine) {
        const ruleId = ruleIdOf(diagnostic)!;
        if (NOT_RULES.has(ruleId)) continue;
        const findings = this.store.lookup(key, doc.version, ruleId, fromVscodeRange(diagnostic.range), diagnostic.message);
        for (const finding of findings) {
          for (const fix of finding.fixes) {
            const action = this.toAction(doc, diagnostic, finding, fix);
            if (action) fixes.push(action);
          }
        }
        // A diagnostic from before the last edit matches no current finding: its line may have moved.
        if (findings.length === 0) continue;
        const line = diagnostic.range.start.line;
        if (!ignored.has(`${ruleId}@${line}`) && this.canIgnore(doc, kind, line)) {
          ignored.add(`${ruleId}@${line}`);
          extras.push(this.ignoreAction(doc, kind, diagnostic, ruleId, line));
        }
        if (!documented.has(ruleId)) {
          documented.add(ruleId);
          extras.push(this.docsAction(diagnostic, ruleId));
        }
      }
      return [...fixes, ...extras];
    });
  }

  async resolveCodeAction(action: vscode.CodeAction, token: vscode.CancellationToken): Promise<vscode.CodeAction> {
    if (!(action instanceof PinDigestAction)) return action;
    const resolver = this.digests.current;
    if (!resolver) return action;
    const { document, version, finding, fix } = action;
    try {
      if (document.version !== version) return action; // the text moved on: no edit from an old version
      const edits = await resolver.resolvePinFix(
        { documentUri: document.uri.toString(), text: document.getText(), version, finding, fix },
        token,
      );
      if (edits && edits.length > 0 && !token.isCancellationRequested && document.version === version) {
        action.edit = toWorkspaceEdit(document.uri, edits);
      } else if (!token.isCancellationRequested) {
        void vscode.window.showInformationMessage(`Container Lens could not resolve a digest for this image.`);
      }
    } catch (e) {
      this.log.error(`resolving a digest pin failed: ${describeError(e)}`);
      void vscode.window.showWarningMessage(`Container Lens could not resolve a digest: ${e instanceof Error ? e.message : String(e)}`);
    }
    return action;
  }

  private toAction(doc: vscode.TextDocument, diagnostic: vscode.Diagnostic, finding: Finding, fix: Fix): vscode.CodeAction | undefined {
    let action: vscode.CodeAction;
    if (isPinDigestFix(fix)) {
      // A resolver plugged in through the API resolves lazily in resolveCodeAction; otherwise the
      // built-in command resolves with progress when picked. Without either, nothing is offered.
      const builtIn = this.builtInPin?.(doc, finding);
      if (this.digests.current) {
        action = new PinDigestAction(builtIn?.title ?? fix.title, doc, doc.version, finding, fix);
      } else if (builtIn) {
        action = new vscode.CodeAction(builtIn.title, vscode.CodeActionKind.QuickFix);
        action.command = builtIn.command;
      } else {
        return undefined;
      }
    } else {
      if (fix.edits.length === 0) return undefined;
      action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      action.edit = toWorkspaceEdit(doc.uri, fix.edits);
    }
    action.diagnostics = [diagnostic];
    if (fix.preferred) action.isPreferred = true;
    return action;
  }

  /** A comment above `line` changes nothing but the suppression (not a directive, heredoc or multi-line string). */
  private canIgnore(doc: vscode.TextDocument, kind: string, line: number): boolean {
    if (kind === 'dockerfile') return canInsertPragmaAbove(this.models.get(doc), line);
    const yaml = kind === 'compose' ? this.models.compose(doc).yaml : this.models.kubernetes(doc).yaml;
    return !yaml.templated && canInsertYamlPragmaAbove(yaml, line);
  }

  private linesOf(doc: vscode.TextDocument, kind: string): LineIndex {
    if (kind === 'dockerfile') return this.models.get(doc).lines;
    return kind === 'compose' ? this.models.compose(doc).lines : this.models.kubernetes(doc).lines;
  }

  private ignoreAction(doc: vscode.TextDocument, kind: string, diagnostic: vscode.Diagnostic, ruleId: string, line: number): vscode.CodeAction {
    const action = new vscode.CodeAction(`Ignore ${ruleId} for this line`, vscode.CodeActionKind.QuickFix);
    const lines = this.linesOf(doc, kind);
    action.edit = toWorkspaceEdit(doc.uri, [ignorePragmaEdit(lines, line, ruleId)]);
    action.diagnostics = [diagnostic];
    return action;
  }

  private docsAction(diagnostic: vscode.Diagnostic, ruleId: string): vscode.CodeAction {
    const action = new vscode.CodeAction(`Show documentation for ${ruleId}`, vscode.CodeActionKind.QuickFix);
    action.command = { command: COMMANDS.openRuleDocs, title: action.title, arguments: [ruleId] };
    action.diagnostics = [diagnostic];
    return action;
  }
}
