import * as vscode from 'vscode';
import { renderProfileReport } from '../core/isolation/report';
import { containsPosition } from '../core/text/range';
import { workloadsOf } from './code-lens';
import { findWorkload, isWorkloadRef, pageName } from './workload-ref';
import type { WorkloadRef } from './workload-ref';
import { COMMANDS } from './commands';
import { fromVscodePosition } from './convert';
import { lintKind } from './diagnostics';
import type { Logger } from './log';
import { describeError } from './log';
import type { ModelCache } from './model-cache';

/** Scheme of the read-only profile pages: `container-lens-profile:/web.md?<workload ref>`. */
export const PROFILE_SCHEME = 'container-lens-profile';

/** The page's URI for a workload; the query carries the ref, the path gives the tab a readable name. */
export function profileUri(ref: WorkloadRef): vscode.Uri {
  return vscode.Uri.from({ scheme: PROFILE_SCHEME, path: `/${pageName(ref.name)}-isolation.md`, query: JSON.stringify(ref) });
}

export function refOf(uri: vscode.Uri): WorkloadRef | undefined {
  try {
    const ref: unknown = JSON.parse(uri.query);
    if (isWorkloadRef(ref)) return { uri: ref.uri, index: ref.index, name: ref.name };
  } catch {
    // not one of ours
  }
  return undefined;
}

/**
 * Read-only Markdown pages with a workload's isolation profile, rendered from the document's current
 * text (not the file on disk) each time VS Code asks, and refreshed when the document changes: the
 * text form of the comparison panel ("Open as text"), and what the CLI's `profile` prints.
 */
export class ProfileView implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly models: ModelCache,
    private readonly log: Logger,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        const source = e.document.uri.toString();
        for (const doc of vscode.workspace.textDocuments) {
          if (doc.uri.scheme === PROFILE_SCHEME && refOf(doc.uri)?.uri === source) this.changed.fire(doc.uri);
        }
      }),
    );
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const ref = refOf(uri);
    if (!ref) return '# Container Lens\n\nThis page does not name a workload.\n';
    try {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(ref.uri));
      const workload = findWorkload(workloadsOf(doc, this.models, { allStages: true }), ref);
      if (!workload) return `# Container Lens\n\nThe workload is no longer in ${vscode.workspace.asRelativePath(doc.uri)}.\n`;
      return renderProfileReport(workload.profile, workload.placement, { file: vscode.workspace.asRelativePath(doc.uri) });
    } catch (e) {
      this.log.error(`profile page failed: ${describeError(e)}`);
      return '# Container Lens\n\nThe profile could not be computed; see the "Container Lens" output.\n';
    }
  }

  /** The content provider and the `containerLens.openIsolationReport` command. */
  register(): vscode.Disposable[] {
    return [
      vscode.workspace.registerTextDocumentContentProvider(PROFILE_SCHEME, this),
      vscode.commands.registerCommand(COMMANDS.openIsolationReport, async (arg?: unknown) => {
        try {
          return await this.openReport(arg);
        } catch (e) {
          this.log.error(`command openIsolationReport failed: ${describeError(e)}`);
          void vscode.window.showErrorMessage('Container Lens: could not open the isolation profile. See the "Container Lens" output.');
          return undefined;
        }
      }),
    ];
  }

  /**
   * `containerLens.openIsolationReport`: for a `WorkloadRef` (the panel's "Open as text"), or from the
   * palette (the workload under the cursor of the active editor, else a pick). Resolves to the page's URI.
   */
  async openReport(arg?: unknown): Promise<string | undefined> {
    const ref = isWorkloadRef(arg) ? arg : await this.pickFromActiveEditor();
    if (!ref) return undefined;
    const uri = profileUri(ref);
    const doc = await vscode.workspace.openTextDocument(uri);
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch {
      // No Markdown preview (disabled built-in extension): the source is readable too.
      await vscode.window.showTextDocument(doc, { preview: true, preserveFocus: false });
    }
    return uri.toString();
  }

  private async pickFromActiveEditor(): Promise<WorkloadRef | undefined> {
    const editor = vscode.window.activeTextEditor;
    const doc = editor?.document;
    if (!doc || !lintKind(doc)) {
      void vscode.window.showInformationMessage('Container Lens: open a Dockerfile, a compose file or a Kubernetes manifest first.');
      return undefined;
    }
    const workloads = workloadsOf(doc, this.models, { allStages: true });
    if (workloads.length === 0) {
      void vscode.window.showInformationMessage('Container Lens: this file has no services or containers.');
      return undefined;
    }
    const cursor = fromVscodePosition(editor.selection.active);
    const refs = workloads.map((w, index) => ({ uri: doc.uri.toString(), index, name: w.profile.subject.name }));
    if (workloads.length === 1) return refs[0];
    // The workload the cursor is in: the last one defined at or above it.
    let under = -1;
    workloads.forEach((w, i) => {
      const r = w.profile.subject.range;
      if (r && (containsPosition(r, cursor) || r.start.line <= cursor.line)) under = i;
    });
    if (under >= 0) return refs[under];
    const picked = await vscode.window.showQuickPick(
      workloads.map((w, i) => ({ label: w.profile.subject.name, description: w.profile.subject.owner, detail: w.summary, i })),
      { placeHolder: 'Which workload?' },
    );
    return picked ? refs[picked.i] : undefined;
  }

  dispose(): void {
    for (const s of this.subscriptions.splice(0)) s.dispose();
    this.changed.dispose();
  }
}
