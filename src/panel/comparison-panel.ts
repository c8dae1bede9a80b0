/**
 * "Container Lens: Compare with a VM": the webview panel's host side. One panel per window. It shows
 * one workload (a compose service, a Kubernetes container, a Dockerfile stage, or a live
 * container), follows the editor's cursor to the workload under it (debounced), and answers the
 * webview's messages: apply a quick-fix (the exact fix, for the exact document version), copy a run
 * option, measure on the engine, open the text report, reveal a line.
 *
 * Every message from the webview is checked against the protocol first; the fix it names must be one
 * the current model offered, and is looked up again in the findings of the document's version.
 */
import * as vscode from 'vscode';
import { profileFromInspect } from '../core/isolation/from-inspect';
import { measuredView } from '../core/panel/measured';
import type { MeasuredView } from '../core/panel/measured';
import { buildPanelModel } from '../core/panel/model';
import type { FixRef, PanelAction, PanelModel } from '../core/panel/model';
import { composeScope, kubernetesScope, stageScope, workloadAt } from '../core/panel/scope';
import type { WorkloadScope } from '../core/panel/fix-match';
import { isApplicable } from '../core/panel/fix-match';
import { EngineClient, describeEndpoint, nodeResolveDeps, resolveEndpoint } from '../docker';
import { workloadsOf } from '../editor/code-lens';
import { COMMANDS } from '../editor/commands';
import { fromVscodePosition, toVscodeRange, toWorkspaceEdit } from '../editor/convert';
import type { DiagnosticsManager } from '../editor/diagnostics';
import { lintKind } from '../editor/diagnostics';
import type { FindingStore } from '../editor/finding-store';
import type { Logger } from '../editor/log';
import { describeError } from '../editor/log';
import type { ModelCache } from '../editor/model-cache';
import { findWorkload, stageWord } from '../editor/workload-ref';
import { check, panelState, panelTarget, webviewMessage } from '../shared/panel-protocol';
import type { HostMessage, PanelTarget, WebviewMessage } from '../shared/panel-protocol';
import type { LiveContainers } from '../views';
import { makeNonce, panelHtml } from './html';
import { measureImage } from './measure';

export const PANEL_VIEW_TYPE = 'containerLens.comparison';
export const PANEL_TITLE = 'Container Lens: Compare with a VM';
/** Cursor moves and edits settle this long before the panel recomputes. */
export const FOLLOW_DEBOUNCE_MS = 300;

export interface ComparisonPanelDeps {
  extensionUri: vscode.Uri;
  models: ModelCache;
  diagnostics: DiagnosticsManager;
  store: FindingStore;
  log: Logger;
  /** Live containers, once the Containers view is registered. */
  live?: () => LiveContainers | undefined;
}

/** What the integration tests read and drive (through the extension's API). */
export interface ComparisonPanelProbe {
  isOpen(): boolean;
  target(): PanelTarget | undefined;
  model(): PanelModel | undefined;
  /** Resolves once a model passing `test` is shown (or rejects after `ms`). */
  waitForModel(test: (m: PanelModel) => boolean, ms?: number): Promise<PanelModel>;
  /** The handler the webview's messages go to; resolves with what the host answered, if anything. */
  receive(message: unknown): Promise<HostMessage | undefined>;
}

const sameTarget = (a: PanelTarget | undefined, b: PanelTarget | undefined) => JSON.stringify(a) === JSON.stringify(b);

function targetKey(t: PanelTarget): string {
  return t.kind === 'file' ? `file:${t.uri}#${t.name}` : `container:${t.id}`;
}

export class ComparisonPanel implements vscode.Disposable, ComparisonPanelProbe {
  private panel?: vscode.WebviewPanel;
  private current?: PanelTarget;
  private shown?: PanelModel;
  private following = false;
  private readonly measurements = new Map<string, MeasuredView>();
  private readonly panelSubscriptions: vscode.Disposable[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];
  private followTimer?: ReturnType<typeof setTimeout>;
  private refreshTimer?: ReturnType<typeof setTimeout>;
  private modelWaiters: { test: (m: PanelModel) => boolean; resolve: (m: PanelModel) => void }[] = [];
  private measuring = false;

  constructor(private readonly d: ComparisonPanelDeps) {}

  // ---- registration ------------------------------------------------------------------------------

  register(): vscode.Disposable[] {
    return [
      vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state) => {
          try {
            this.attach(panel);
            const s = check(panelState, state ?? {}, 'state');
            if (s.ok && s.value.target) {
              this.current = s.value.target;
              this.following = s.value.target.kind === 'file';
              await this.refresh();
            } else {
              await this.post({ type: 'empty', text: 'Open a compose file, a Kubernetes manifest or a Dockerfile and click the isolation code lens.' });
            }
          } catch (e) {
            this.d.log.error(`restoring the comparison panel failed: ${describeError(e)}`);
          }
        },
      }),
      vscode.commands.registerCommand(COMMANDS.compareWithVm, async (arg?: unknown) => {
        try {
          return await this.compareWithVm(arg);
        } catch (e) {
          this.d.log.error(`command compareWithVm failed: ${describeError(e)}`);
          void vscode.window.showErrorMessage('Container Lens: could not open the comparison. See the "Container Lens" output.');
          return undefined;
        }
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => this.scheduleFollow(e.textEditor)),
      vscode.window.onDidChangeActiveTextEditor((editor) => editor && this.scheduleFollow(editor)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.current?.kind === 'file' && e.document.uri.toString() === this.current.uri) this.scheduleRefresh();
      }),
      this,
    ];
  }

  /**
   * `containerLens.compareWithVm`: a `WorkloadRef` (code lens), a target (`{ kind: 'container', id }` from
   * the Containers view), or nothing (palette: a pick of the active editor's workloads and the live
   * containers). Resolves to the target shown.
   */
  async compareWithVm(arg?: unknown): Promise<PanelTarget | undefined> {
    const target = this.targetOf(arg) ?? (await this.pick());
    if (!target) return undefined;
    await this.show(target);
    return target;
  }

  private targetOf(arg: unknown): PanelTarget | undefined {
    if (!arg || typeof arg !== 'object') return typeof arg === 'string' && arg.trim() ? { kind: 'container', id: arg.trim(), name: arg.trim() } : undefined;
    const a = arg as Record<string, unknown>;
    if (typeof a.uri === 'string' && typeof a.index === 'number' && typeof a.name === 'string') {
      return { kind: 'file', uri: a.uri, index: a.index, name: a.name };
    }
    const t = check(panelTarget, arg, 'target');
    if (t.ok) return t.value;
    if (typeof a.containerId === 'string') return { kind: 'container', id: a.containerId, name: a.containerId.slice(0, 12) };
    return undefined;
  }

  private async pick(): Promise<PanelTarget | undefined> {
    type Item = vscode.QuickPickItem & { target?: PanelTarget };
    const items: Item[] = [];
    const editor = vscode.window.activeTextEditor;
    if (editor && lintKind(editor.document)) {
      const doc = editor.document;
      const { workloads, scopes } = this.workloadsOf(doc);
      const at = workloadAt(scopes, fromVscodePosition(editor.selection.active));
      const file = vscode.workspace.asRelativePath(doc.uri);
      const fileItems: Item[] = workloads.map((w, index) => ({
        label: w.profile.subject.name,
        description: `${index === at ? 'at the cursor · ' : ''}${stageWord(w.profile.subject)}${w.profile.subject.owner ?? file}`,
        detail: w.summary,
        target: { kind: 'file', uri: doc.uri.toString(), index, name: w.profile.subject.name },
      }));
      if (at !== undefined) fileItems.unshift(...fileItems.splice(at, 1));
      if (fileItems.length) items.push({ label: file, kind: vscode.QuickPickItemKind.Separator }, ...fileItems);
    }
    const live = this.d.live?.();
    if (live) {
      try {
        const containers = await Promise.race([
          live.list(),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the engine did not answer in 3 s')), 3000)),
        ]);
        if (containers.length) {
          items.push(
            { label: 'Live containers', kind: vscode.QuickPickItemKind.Separator },
            ...containers.map((c) => ({ label: c.name, description: `${c.status} · ${c.image}`, target: { kind: 'container', id: c.id, name: c.name } as PanelTarget })),
          );
        }
      } catch (e) {
        this.d.log.info(`compare with a VM: no live containers (${describeError(e)})`);
      }
    }
    const choices = items.filter((i) => i.target);
    if (choices.length === 0) {
      void vscode.window.showInformationMessage(
        'Container Lens: nothing to compare. Open a Dockerfile, a compose file or a Kubernetes manifest, or start a container.',
      );
      return undefined;
    }
    if (choices.length === 1) return choices[0].target;
    const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Compare which workload with a VM?', matchOnDescription: true });
    return picked?.target;
  }

  // ---- the panel --------------------------------------------------------------------------------

  /** Show `target` (creating the panel, or revealing it without taking the focus from the editor). */
  async show(target: PanelTarget): Promise<void> {
    this.current = target;
    this.following = target.kind === 'file';
    if (this.panel) {
      this.panel.reveal(this.panel.viewColumn ?? vscode.ViewColumn.Beside, true);
    } else {
      const panel = vscode.window.createWebviewPanel(
        PANEL_VIEW_TYPE,
        PANEL_TITLE,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        this.webviewOptions(),
      );
      this.attach(panel);
    }
    await this.refresh();
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      retainContextWhenHidden: false,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(this.d.extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(this.d.extensionUri, 'media')],
    };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.detach();
    this.panel = panel;
    panel.webview.options = this.webviewOptions();
    panel.iconPath = vscode.Uri.joinPath(this.d.extensionUri, 'media', 'activity.svg');
    const webview = panel.webview;
    webview.html = panelHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce((b) => globalThis.crypto.getRandomValues(b)),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.d.extensionUri, 'dist', 'webview', 'panel.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.d.extensionUri, 'media', 'panel.css')).toString(),
    });
    this.panelSubscriptions.push(
      webview.onDidReceiveMessage((m: unknown) => void this.receive(m)),
      panel.onDidDispose(() => {
        if (this.panel === panel) this.detach();
      }),
    );
  }

  private detach(): void {
    for (const s of this.panelSubscriptions.splice(0)) s.dispose();
    this.panel = undefined;
    this.shown = undefined;
    clearTimeout(this.followTimer);
    clearTimeout(this.refreshTimer);
  }

  private async post(message: HostMessage): Promise<HostMessage> {
    if (this.panel) {
      try {
        await this.panel.webview.postMessage(message);
      } catch (e) {
        this.d.log.warn(`comparison panel: a message did not reach the webview: ${describeError(e)}`);
      }
    }
    return message;
  }

  /** Recompute the model for the current target and send it. */
  async refresh(): Promise<HostMessage | undefined> {
    const target = this.current;
    if (!target || !this.panel) return undefined;
    let model: PanelModel | undefined;
    let empty: string | undefined;
    try {
      const r = target.kind === 'file' ? await this.fileModel(target) : await this.containerModel(target);
      if (typeof r === 'string') empty = r;
      else model = r;
    } catch (e) {
      this.d.log.error(`comparison panel: ${describeError(e)}`);
      empty = `Could not read ${target.name}: ${e instanceof Error ? e.message : String(e)}`;
    }
    if (!sameTarget(target, this.current)) return undefined; // the cursor moved on meanwhile
    if (!model) {
      this.shown = undefined;
      return this.post({ type: 'empty', text: empty ?? 'Nothing to show.' });
    }
    const measured = this.measurements.get(targetKey(target));
    if (measured) model = { ...model, measured };
    this.shown = model;
    this.panel.title = `${PANEL_TITLE}: ${model.subject.name}`;
    const sent = await this.post({ type: 'model', model, target, following: this.following });
    this.modelWaiters = this.modelWaiters.filter((w) => {
      if (!w.test(model!)) return true;
      w.resolve(model!);
      return false;
    });
    return sent;
  }

  private workloadsOf(doc: vscode.TextDocument): { workloads: ReturnType<typeof workloadsOf>; scopes: (WorkloadScope | undefined)[] } {
    // every stage of a Dockerfile, so that the panel follows the cursor into build stages too
    const workloads = workloadsOf(doc, this.d.models, { allStages: true });
    const kind = lintKind(doc);
    const scopes = workloads.map((_, i) =>
      kind === 'compose'
        ? composeScope(this.d.models.compose(doc), i)
        : kind === 'kubernetes'
          ? kubernetesScope(this.d.models.kubernetes(doc), i)
          : kind === 'dockerfile'
            ? stageScope(this.d.models.get(doc), i)
            : undefined,
    );
    return { workloads, scopes };
  }

  private async fileModel(t: Extract<PanelTarget, { kind: 'file' }>): Promise<PanelModel | string> {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(t.uri));
    const file = vscode.workspace.asRelativePath(doc.uri);
    const { workloads, scopes } = this.workloadsOf(doc);
    const w = findWorkload(workloads, t);
    if (!w) return `${t.name} is no longer in ${file}.`;
    const index = workloads.indexOf(w);
    const scope = scopes[index];
    // Fixes come from the findings of exactly this version, as the lightbulb's do.
    this.d.diagnostics.ensureCurrent(doc);
    const findings = this.d.store.all(doc.uri.toString(), doc.version);
    return buildPanelModel({
      profile: w.profile,
      placement: w.placement,
      ...(scope ? { source: { uri: doc.uri.toString(), version: doc.version, file, findings, scope } } : {}),
    });
  }

  private async containerModel(t: Extract<PanelTarget, { kind: 'container' }>): Promise<PanelModel | string> {
    const live = this.d.live?.();
    if (!live) return 'The Containers view is not available, so live containers cannot be read.';
    const inspect = await live.inspect(t.id);
    return buildPanelModel({ profile: profileFromInspect(inspect, live.facts()) });
  }

  // ---- following the editor --------------------------------------------------------------------

  private scheduleFollow(editor: vscode.TextEditor): void {
    if (!this.panel || !lintKind(editor.document)) return;
    clearTimeout(this.followTimer);
    this.followTimer = setTimeout(() => void this.follow(editor).catch((e) => this.d.log.error(`comparison panel: ${describeError(e)}`)), FOLLOW_DEBOUNCE_MS);
  }

  private async follow(editor: vscode.TextEditor): Promise<void> {
    if (!this.panel || editor.document.isClosed) return;
    const doc = editor.document;
    const { workloads, scopes } = this.workloadsOf(doc);
    const i = workloadAt(scopes, fromVscodePosition(editor.selection.active));
    if (i === undefined) return;
    const target: PanelTarget = { kind: 'file', uri: doc.uri.toString(), index: i, name: workloads[i].profile.subject.name };
    if (sameTarget(target, this.current)) return;
    this.current = target;
    this.following = true;
    await this.refresh();
  }

  private scheduleRefresh(): void {
    if (!this.panel) return;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh().catch((e) => this.d.log.error(`comparison panel: ${describeError(e)}`)), FOLLOW_DEBOUNCE_MS);
  }

  // ---- messages from the webview ------------------------------------------------------------------

  async receive(message: unknown): Promise<HostMessage | undefined> {
    const r = check(webviewMessage, message);
    if (!r.ok) {
      this.d.log.warn(`comparison panel: ignored a message from the webview: ${r.error}`);
      return undefined;
    }
    try {
      return await this.handle(r.value);
    } catch (e) {
      this.d.log.error(`comparison panel: ${r.value.type} failed: ${describeError(e)}`);
      if (r.value.type === 'apply' || r.value.type === 'copy-run-option') {
        return this.post({ type: 'applied', actionId: r.value.actionId, ok: false, message: `Failed: ${e instanceof Error ? e.message : String(e)}` });
      }
      return undefined;
    }
  }

  private async handle(m: WebviewMessage): Promise<HostMessage | undefined> {
    switch (m.type) {
      case 'ready':
        return this.refresh();
      case 'apply':
        return this.apply(m.actionId, m.fix);
      case 'copy-run-option': {
        const action = this.actionOf(m.actionId);
        if (!action?.runOption) return this.post({ type: 'applied', actionId: m.actionId, ok: false, message: 'That step has no run option.' });
        await vscode.env.clipboard.writeText(action.runOption.replace(/`/g, ''));
        return this.post({ type: 'applied', actionId: m.actionId, ok: true, message: 'Copied to the clipboard.' });
      }
      case 'measure':
        return this.measure();
      case 'open-text':
        if (this.current?.kind === 'file') {
          await vscode.commands.executeCommand(COMMANDS.openIsolationReport, { uri: this.current.uri, index: this.current.index, name: this.current.name });
        } else if (this.current) {
          await vscode.commands.executeCommand('containerLens.container.explainIsolation', this.current.id);
        }
        return undefined;
      case 'reveal':
        await this.reveal(m.line);
        return undefined;
      case 'error':
        this.d.log.warn(`comparison panel (webview): ${m.text}`);
        return undefined;
    }
  }

  private actionOf(id: string): PanelAction | undefined {
    return this.shown?.nextStep?.actions.find((a) => a.id === id);
  }

  /**
   * Apply the fix the webview named, if the model shown offered it: looked up again among the findings
   * of the document's current version (a fix for an older text is never applied), as one edit.
   */
  private async apply(actionId: string, ref: FixRef): Promise<HostMessage> {
    const fail = (message: string) => this.post({ type: 'applied', actionId, ok: false, message });
    const action = this.actionOf(actionId);
    if (!action || !action.fixes.some((f) => JSON.stringify(f) === JSON.stringify(ref))) {
      return fail('That fix is not offered any more: the panel shows the current one.');
    }
    const uri = vscode.Uri.parse(ref.uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    if (doc.version !== ref.version) {
      void this.refresh();
      return fail(`${vscode.workspace.asRelativePath(uri)} changed since this was offered; the panel now shows the current steps.`);
    }
    this.d.diagnostics.ensureCurrent(doc);
    const finding = this.d.store.lookup(ref.uri, ref.version, ref.ruleId, ref.range)[0];
    const fix = finding?.fixes[ref.fixIndex];
    if (!fix || fix.title !== ref.title || !isApplicable(fix)) return fail('That fix is no longer there; the panel shows the current steps.');
    const ok = await vscode.workspace.applyEdit(toWorkspaceEdit(uri, fix.edits));
    if (!ok) return fail(`VS Code refused the edit to ${vscode.workspace.asRelativePath(uri)}.`);
    // Show the edited place beside the panel; the panel keeps the focus for the keyboard.
    const column = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === ref.uri)?.viewColumn ?? vscode.ViewColumn.One;
    const at = toVscodeRange(fix.edits[0].range).start;
    await vscode.window.showTextDocument(doc, { viewColumn: column, preserveFocus: true, selection: new vscode.Range(at, at) });
    void this.refresh();
    const more = fix.needsInput ? ' Fill in the placeholder values.' : '';
    return this.post({ type: 'applied', actionId, ok: true, message: `Applied "${fix.title}" to ${vscode.workspace.asRelativePath(uri)} (not saved yet).${more}` });
  }

  private async reveal(line: number | undefined): Promise<void> {
    const t = this.current;
    if (t?.kind !== 'file') return;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(t.uri));
    const l = Math.min(Math.max((line ?? this.shown?.subject.line ?? 1) - 1, 0), Math.max(doc.lineCount - 1, 0));
    const column = vscode.window.visibleTextEditors.find((e) => e.document === doc)?.viewColumn ?? vscode.ViewColumn.One;
    const at = new vscode.Position(l, doc.lineAt(l).firstNonWhitespaceCharacterIndex);
    await vscode.window.showTextDocument(doc, { viewColumn: column, preserveFocus: false, selection: new vscode.Range(at, at) });
  }

  /** "Measure here": only on this explicit request, on the engine the Containers view uses. */
  private async measure(): Promise<HostMessage | undefined> {
    const target = this.current;
    const image = this.shown?.subject.image;
    if (!target || !image) return this.post({ type: 'measure-failed', message: 'This workload names no image to measure.' });
    if (this.measuring) return undefined;
    this.measuring = true;
    let client: EngineClient | undefined;
    try {
      const c = vscode.workspace.getConfiguration('containerLens.docker');
      const endpoint = resolveEndpoint(nodeResolveDeps(), { host: c.get<string>('host', '').trim(), context: c.get<string>('context', '').trim() });
      client = new EngineClient(endpoint, { userAgent: 'container-lens/measure' });
      const v = await client.version();
      const engine = `${v.Platform?.Name || 'Docker Engine'} ${v.Version} (kernel ${v.KernelVersion ?? '?'}) at ${describeEndpoint(endpoint)}`;
      const raw = await measureImage(client, image, { engine, progress: (text) => void this.post({ type: 'measuring', text }) });
      const view = measuredView(raw);
      this.measurements.set(targetKey(target), view);
      if (this.shown && sameTarget(target, this.current)) this.shown = { ...this.shown, measured: view };
      return this.post({ type: 'measured', measured: view });
    } catch (e) {
      this.d.log.warn(`comparison panel: measuring ${image} failed: ${describeError(e)}`);
      return this.post({ type: 'measure-failed', message: `Could not measure on the Docker engine: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` });
    } finally {
      client?.dispose();
      this.measuring = false;
    }
  }

  // ---- probe for tests ------------------------------------------------------------------------------

  isOpen(): boolean {
    return this.panel !== undefined;
  }

  target(): PanelTarget | undefined {
    return this.current;
  }

  model(): PanelModel | undefined {
    return this.shown;
  }

  waitForModel(test: (m: PanelModel) => boolean, ms = 10_000): Promise<PanelModel> {
    if (this.shown && test(this.shown)) return Promise.resolve(this.shown);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.modelWaiters = this.modelWaiters.filter((w) => w.resolve !== done);
        reject(new Error(`the panel did not show the expected model within ${ms} ms (shows ${this.shown?.subject.name ?? 'nothing'}: ${this.shown?.summary ?? ''})`));
      }, ms);
      const done = (m: PanelModel) => {
        clearTimeout(timer);
        resolve(m);
      };
      this.modelWaiters.push({ test, resolve: done });
    });
  }

  dispose(): void {
    this.panel?.dispose();
    this.detach();
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }
}
