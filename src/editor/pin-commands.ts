/**
 * The digest-pinning commands in the editor:
 *   containerLens.pinDigest            one image (the quick fix's target, or the one at the cursor)
 *   containerLens.pinAllImages         every unpinned image of the file, one edit (one undo step)
 *   containerLens.updatePinnedDigests  re-resolve the tags of pinned images; diff preview, then apply
 * Each resolves behind a cancellable progress notification, edits only if the relevant text is what it was
 * before the network round trip, shows one message, and returns a `PinOutcome` (tests read it).
 * The steps without vscode live in `pin-service.ts`.
 */
import * as vscode from 'vscode';
import { detectKind } from '../core/analyze';
import { pinTargetOf } from '../core/digest-pins';
import type { Outcome } from '../core/digest-pins';
import type { Range } from '../core/text/range';
import { applyEdits } from '../core/text/range';
import type { BuiltInPin } from './code-actions';
import { COMMANDS } from './commands';
import { fromVscodePosition, toWorkspaceEdit } from './convert';
import { lintKind } from './diagnostics';
import type { Logger } from './log';
import { describeError } from './log';
import type { PinOutcome, PinService } from './pin-service';
import { isCancelled } from './pin-service';

/** Scheme of the read-only "after" side of the update preview. */
export const PIN_PREVIEW_SCHEME = 'container-lens-pins';

const SETTINGS_QUERY = 'containerLens.registry';

/** Arguments of `containerLens.pinDigest` as the quick fix passes them. */
export interface PinDigestArgs {
  uri: string;
  version: number;
  range: Range;
  image: string;
}

export interface UpdateOptions {
  /** Apply after showing the preview without the modal question (tests, scripted use). */
  skipConfirmation?: boolean;
}

export interface PinCommandDeps {
  service: PinService;
  log: Logger;
  timeoutMs: () => number;
}

/**
 * The file name the pinning core should see: a document the editor treats as a Dockerfile by its language
 * (`Containerfile.prod`, an untitled buffer) is given a Dockerfile name, so kind detection agrees.
 */
export function pinFileName(doc: vscode.TextDocument): string {
  const kind = lintKind(doc);
  if (kind === 'dockerfile' && detectKind(doc.fileName) !== 'dockerfile') return 'Dockerfile';
  if (kind === 'compose' && detectKind(doc.fileName) !== 'compose') return 'compose.yaml';
  return doc.fileName;
}

/** Read-only documents holding the text "Update pinned digests" would write, for `vscode.diff`. */
class PreviewDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private counter = 0;

  open(source: vscode.Uri, text: string): vscode.Uri {
    const name = source.path.split('/').pop() || 'file';
    const uri = vscode.Uri.from({ scheme: PIN_PREVIEW_SCHEME, path: `/${name}`, query: `n=${++this.counter}` });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  forget(uri: vscode.Uri): void {
    this.texts.delete(uri.toString());
  }

  dispose(): void {
    this.changed.dispose();
    this.texts.clear();
  }
}

export class PinCommands implements vscode.Disposable {
  private readonly previews = new PreviewDocuments();

  constructor(private readonly deps: PinCommandDeps) {}

  register(): vscode.Disposable[] {
    return [
      this,
      vscode.workspace.registerTextDocumentContentProvider(PIN_PREVIEW_SCHEME, this.previews),
      vscode.commands.registerCommand(COMMANDS.pinDigest, (arg?: unknown) => this.safe('Pin image digest', () => this.pinDigest(arg))),
      vscode.commands.registerCommand(COMMANDS.pinAllImages, (arg?: unknown) => this.safe('Pin all images', () => this.pinAll(arg))),
      vscode.commands.registerCommand(COMMANDS.updatePinnedDigests, (arg?: unknown, options?: UpdateOptions) =>
        this.safe('Update pinned digests', () => this.updatePinned(arg, options ?? {})),
      ),
    ];
  }

  dispose(): void {
    this.previews.dispose();
  }

  /** Nothing escapes to the extension host: an unexpected error is logged and reported once. */
  private async safe(name: string, body: () => Promise<PinOutcome>): Promise<PinOutcome> {
    try {
      return await body();
    } catch (e) {
      this.deps.log.error(`command ${name} failed: ${describeError(e)}`);
      const message = `Container Lens: ${name} failed. See the "Container Lens" output for details.`;
      void vscode.window.showErrorMessage(message);
      return { status: 'failed', edited: false, message };
    }
  }

  private async documentOf(arg: unknown): Promise<vscode.TextDocument | undefined> {
    let doc: vscode.TextDocument | undefined;
    if (arg instanceof vscode.Uri) doc = await vscode.workspace.openTextDocument(arg);
    else if (typeof arg === 'string' && arg) doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(arg));
    else doc = vscode.window.activeTextEditor?.document;
    return doc && lintKind(doc) ? doc : undefined;
  }

  private noDocument(): PinOutcome {
    const message = 'Container Lens: open a Dockerfile, a compose file or a Kubernetes manifest first.';
    void vscode.window.showInformationMessage(message);
    return { status: 'nothing', edited: false, message };
  }

  private report(outcome: PinOutcome): PinOutcome {
    switch (outcome.status) {
      case 'failed': {
        const code = outcome.failure?.code;
        const settings = code === 'timeout' || code === 'insecure-refused';
        void (settings ? vscode.window.showWarningMessage(outcome.message, 'Open Settings') : vscode.window.showWarningMessage(outcome.message)).then(
          (choice) => {
            if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettings', SETTINGS_QUERY);
          },
        );
        break;
      }
      case 'pinned':
      case 'updated':
        vscode.window.setStatusBarMessage(outcome.message.replace(/`/g, ''), 5000);
        break;
      case 'cancelled':
        break;
      default:
        void vscode.window.showInformationMessage(outcome.message);
    }
    this.deps.log.info(`pin: ${outcome.status}: ${outcome.message}`);
    return outcome;
  }

  /** Runs `body` behind a cancellable progress notification; cancelling aborts the requests. */
  private withProgress<T>(title: string, body: (signal: AbortSignal) => Promise<T>): Thenable<T> {
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (_progress, token) => {
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      try {
        return await body(controller.signal);
      } finally {
        sub.dispose();
      }
    });
  }

  // ---- one image ------------------------------------------------------------------------------------

  async pinDigest(arg: unknown): Promise<PinOutcome> {
    const request = isPinArgs(arg) ? arg : undefined;
    const doc = await this.documentOf(request ? request.uri : arg);
    if (!doc) return this.noDocument();
    const { service } = this.deps;
    const fileName = pinFileName(doc);
    const original = doc.getText();
    let range: Range;
    if (request) {
      range = request.range;
    } else {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.document !== doc) return this.report({ status: 'nothing', edited: false, message: 'Container Lens: put the cursor on an image reference to pin it.' });
      const p = fromVscodePosition(editor.selection.active);
      range = { start: p, end: p };
    }
    const site = service.siteAt(original, fileName, range, request?.image);
    if (!site) {
      const message = request
        ? `Container Lens did not pin \`${request.image}\`: the file changed and the image is no longer there.`
        : 'Container Lens: put the cursor on an image reference (FROM, `image:`) to pin it.';
      return this.report({ status: request ? 'stale' : 'nothing', edited: false, message });
    }
    if (pinTargetOf(site.image)?.digest) {
      return this.report({ status: 'nothing', edited: false, image: site.image, message: `\`${site.image}\` is already pinned by digest.` });
    }
    const resolved: Outcome = await this.withProgress(`Container Lens: resolving the digest of ${site.image}`, (signal) => service.resolveOne(site.image, signal));
    const { outcome, edits } = service.pinOutcome(site.image, resolved, original, doc.getText(), fileName, site.range);
    if (edits.length > 0) {
      const ok = await vscode.workspace.applyEdit(toWorkspaceEdit(doc.uri, edits));
      if (!ok) return this.report({ ...outcome, status: 'stale', edited: false, message: `Container Lens could not edit the file to pin \`${site.image}\`.` });
    }
    return this.report(outcome);
  }

  // ---- all images of a file -------------------------------------------------------------------------

  async pinAll(arg: unknown): Promise<PinOutcome> {
    const doc = await this.documentOf(arg);
    if (!doc) return this.noDocument();
    const { service } = this.deps;
    const fileName = pinFileName(doc);
    const results = await this.withProgress('Container Lens: resolving the digests of the images in this file', (signal) =>
      service.resolveForPinAll(doc.getText(), fileName, signal),
    );
    if (isCancelled(results)) return this.report({ status: 'cancelled', edited: false, message: 'Container Lens: cancelled; nothing was changed.' });
    // Planned against the text as it is now: a site whose text changed meanwhile has no answer and is left alone.
    const { plan, message } = service.planPinAll(doc.getText(), fileName, results);
    const edited = plan.edits.length > 0 && (await vscode.workspace.applyEdit(toWorkspaceEdit(doc.uri, plan.edits)));
    const failure = plan.failed[0]?.failure;
    const outcome: PinOutcome = { status: edited ? 'pinned' : failure ? 'failed' : 'nothing', edited, message, ...(failure ? { failure } : {}) };
    // One message for the whole file: a warning when an image failed, even if others were pinned.
    if (failure) void vscode.window.showWarningMessage(message);
    else void vscode.window.showInformationMessage(message);
    this.deps.log.info(`pin all: ${message}`);
    return outcome;
  }

  // ---- update pinned digests ------------------------------------------------------------------------

  async updatePinned(arg: unknown, options: UpdateOptions): Promise<PinOutcome> {
    const doc = await this.documentOf(arg);
    if (!doc) return this.noDocument();
    const { service } = this.deps;
    const fileName = pinFileName(doc);
    const results = await this.withProgress('Container Lens: asking the registries where the pinned tags point now', (signal) =>
      service.resolveForUpdate(doc.getText(), fileName, signal),
    );
    if (isCancelled(results)) return this.report({ status: 'cancelled', edited: false, message: 'Container Lens: cancelled; nothing was changed.' });
    const version = doc.version;
    const text = doc.getText();
    const { plan, message: found } = service.planUpdate(text, fileName, results, false);
    if (plan.edits.length === 0) {
      const message = found;
      const failure = plan.failed[0]?.failure;
      if (plan.failed.length > 0) void vscode.window.showWarningMessage(message);
      else void vscode.window.showInformationMessage(message);
      return { status: plan.failed.length > 0 ? 'failed' : 'nothing', edited: false, message, ...(failure ? { failure } : {}) };
    }

    const previewText = applyEdits(text, plan.edits);
    const preview = this.previews.open(doc.uri, previewText);
    const name = doc.uri.path.split('/').pop() ?? 'file';
    // not a preview tab: it would replace the file's own preview editor, and closing it could close the file
    await vscode.commands.executeCommand('vscode.diff', doc.uri, preview, `${name}: pinned digests now ↔ after update (Container Lens)`, { preview: false });
    let apply = !!options.skipConfirmation;
    if (!apply) {
      const detail = plan.changes.map((c) => `${c.tagged}: ${c.from.slice(0, 19)}… → ${c.to.slice(0, 19)}…`).join('\n');
      const choice = await vscode.window.showInformationMessage(
        `Update ${plan.changes.length === 1 ? 'this pinned digest' : `these ${plan.changes.length} pinned digests`} in ${name}?`,
        { modal: true, detail },
        'Apply',
      );
      apply = choice === 'Apply';
    }
    await this.closePreview(preview);
    if (!apply) return this.report({ status: 'declined', edited: false, message: 'Container Lens: the pinned digests were left as they are.' });
    if (doc.version !== version) {
      return this.report({ status: 'stale', edited: false, message: 'Container Lens did not update the digests: the file changed while the preview was open. Run the command again.' });
    }
    const edited = await vscode.workspace.applyEdit(toWorkspaceEdit(doc.uri, plan.edits));
    const { message } = service.planUpdate(text, fileName, results, edited);
    if (plan.failed.length > 0) void vscode.window.showWarningMessage(message);
    else void vscode.window.showInformationMessage(message);
    this.deps.log.info(`update pinned digests: ${message}`);
    return {
      status: edited ? 'updated' : 'stale',
      edited,
      message,
      preview: previewText,
      ...(plan.changes[0] ? { digest: plan.changes[0].to, image: plan.changes[0].image } : {}),
    };
  }

  private async closePreview(preview: vscode.Uri): Promise<void> {
    const key = preview.toString();
    const tabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === key);
    try {
      if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
    } catch (e) {
      this.deps.log.warn(`could not close the digest preview: ${describeError(e)}`);
    }
    this.previews.forget(preview);
  }
}

function isPinArgs(arg: unknown): arg is PinDigestArgs {
  if (!arg || typeof arg !== 'object') return false;
  const a = arg as Partial<PinDigestArgs>;
  return typeof a.uri === 'string' && typeof a.image === 'string' && typeof a.version === 'number' && !!a.range && typeof a.range === 'object';
}

/** The quick fix for a `pin-digest` finding: runs `containerLens.pinDigest` on the finding's image. */
export function builtInPin(service: PinService): BuiltInPin {
  return (doc, finding) => {
    const site = service.siteAt(doc.getText(), pinFileName(doc), finding.range);
    if (!site || pinTargetOf(site.image)?.digest) return undefined;
    const args: PinDigestArgs = { uri: doc.uri.toString(), version: doc.version, range: site.range, image: site.image };
    const title = site.arg
      ? `Pin \`${site.image}\` (the default of ARG ${site.arg}, line ${site.range.start.line + 1}) to its current digest`
      : `Pin \`${site.image}\` to its current digest`;
    return { title, command: { command: COMMANDS.pinDigest, title, arguments: [args] } };
  };
}
