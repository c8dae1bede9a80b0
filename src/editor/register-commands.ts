import * as vscode from 'vscode';
import { analyze } from '../core/analyze';
import { COMMANDS, NON_ROOT_RULE_ID } from './commands';
import { ruleDocsUri, toWorkspaceEdit } from './convert';
import type { DiagnosticsManager } from './diagnostics';
import { DOCKERFILE_LANGUAGE_ID, isLintTarget } from './diagnostics';
import type { Logger } from './log';
import { describeError } from './log';

export interface CommandDeps {
  diagnostics: DiagnosticsManager;
  log: Logger;
  showLog(): void;
}

/** Registers the commands of `COMMANDS`; every handler logs and swallows its own errors. */
export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { log } = deps;
  const safe =
    <A extends unknown[], R>(name: string, fallback: R, body: (...args: A) => R | Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await body(...args);
      } catch (e) {
        log.error(`command ${name} failed: ${describeError(e)}`);
        void vscode.window.showErrorMessage(`Container Lens: ${name} failed. See the "Container Lens" output for details.`);
        return fallback;
      }
    };

  return [
    vscode.commands.registerCommand(
      COMMANDS.applyNonRootFix,
      safe('Run as non-root user', false, async (uri?: vscode.Uri) => applyNonRootFix(await targetDocument(uri, 'dockerfile'))),
    ),
    vscode.commands.registerCommand(
      COMMANDS.lintCurrentFile,
      safe('Lint this file', 0, async (uri?: vscode.Uri) => {
        const doc = await targetDocument(uri, 'any');
        if (!doc) return 0;
        const diags = deps.diagnostics.lintNow(doc) ?? [];
        vscode.window.setStatusBarMessage(`Container Lens: ${diags.length} finding${diags.length === 1 ? '' : 's'}`, 4000);
        return diags.length;
      }),
    ),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => deps.showLog()),
    vscode.commands.registerCommand(
      COMMANDS.openRuleDocs,
      safe('Show rule documentation', false, async (ruleId: unknown) =>
        typeof ruleId === 'string' && ruleId ? vscode.env.openExternal(ruleDocsUri(ruleId)) : false,
      ),
    ),
  ];
}

/**
 * The document a command acts on: its argument, else the active editor's document; a Dockerfile, or
 * for `any` also a compose file or Kubernetes manifest.
 */
async function targetDocument(uri: vscode.Uri | undefined, accept: 'dockerfile' | 'any'): Promise<vscode.TextDocument | undefined> {
  const doc = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  const ok = doc && (accept === 'dockerfile' ? doc.languageId === DOCKERFILE_LANGUAGE_ID : isLintTarget(doc));
  if (!doc || !ok) {
    void vscode.window.showInformationMessage(
      accept === 'dockerfile'
        ? 'Container Lens: open a Dockerfile first.'
        : 'Container Lens: open a Dockerfile, a compose file or a Kubernetes manifest first.',
    );
    return undefined;
  }
  return doc;
}

/**
 * Applies the preferred fix of `final-stage-runs-as-root` to the buffer (not saved). The rule runs even
 * when settings turned it off: the user asked for this fix by name. Resolves to whether it edited.
 */
async function applyNonRootFix(doc: vscode.TextDocument | undefined): Promise<boolean> {
  if (!doc) return false;
  const version = doc.version;
  const result = analyze(doc.getText(), doc.fileName, { rules: { [NON_ROOT_RULE_ID]: 'warning' } }, 'dockerfile');
  const finding = result.findings.find((f) => f.ruleId === NON_ROOT_RULE_ID);
  const fix = finding?.fixes.find((f) => f.preferred && f.edits.length > 0) ?? finding?.fixes.find((f) => f.edits.length > 0);
  if (!fix) {
    void vscode.window.showInformationMessage(
      finding
        ? 'Container Lens has no automatic fix for this Dockerfile; add a USER instruction before CMD/ENTRYPOINT.'
        : 'Container Lens: the final stage already runs as a non-root user (or the finding is ignored here).',
    );
    return false;
  }
  if (doc.version !== version) return false;
  return vscode.workspace.applyEdit(toWorkspaceEdit(doc.uri, fix.edits));
}
