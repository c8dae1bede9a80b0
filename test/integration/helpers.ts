/** Helpers for the integration suite: wait on VS Code events (never fixed sleeps), find our diagnostics. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import pkg from '../../package.json';

export const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;

export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded (extensionDevelopmentPath wrong?)`);
  return ext;
}

/** The bundled sample workspace, resolved from the extension's own folder (works in every runner). */
export function sampleUri(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(extension().extensionUri, 'sample', ...segments);
}

/** Our diagnostics only: other extensions (or none) may publish for the same file. */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter(isOurs);
}

export function isOurs(d: vscode.Diagnostic): boolean {
  return /container[ -]?lens/i.test(d.source ?? '');
}

export function codeValue(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  if (typeof c === 'object') return String(c.value);
  return String(c);
}

export function codes(diags: readonly vscode.Diagnostic[]): string[] {
  return diags.map((d) => codeValue(d) ?? '?');
}

function describe(diags: readonly vscode.Diagnostic[]): string {
  return JSON.stringify(diags.map((d) => `${codeValue(d)}@${d.range.start.line + 1}`));
}

/**
 * Resolves with our diagnostics for `uri` once `accept` holds for them: checks the current state, then
 * every `onDidChangeDiagnostics` event that names the uri. Rejects after `timeoutMs` with what it saw.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diags: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<vscode.Diagnostic[]> {
  const key = uri.toString();
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const d = ours(uri);
      if (!accept(d)) return false;
      cleanup();
      resolve(d);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === key)) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last diagnostics: ${describe(ours(uri))}`));
    }, timeoutMs);
    function cleanup(): void {
      sub.dispose();
      clearTimeout(timer);
    }
    check();
  });
}

/** Resolves with the first event value `accept` takes, or rejects after `timeoutMs`. */
export function waitForEvent<T>(
  event: vscode.Event<T>,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const sub = event((v) => {
      if (!accept(v)) return;
      sub.dispose();
      clearTimeout(timer);
      resolve(v);
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
  });
}

function findDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
}

/**
 * Opens `uri` in an editor the way a user does (the `vscode.open` command, run by the workbench),
 * so the extension host holds no extra reference and closing the editor really closes the document.
 */
export async function openInEditor(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const opened = findDocument(uri)
    ? Promise.resolve(findDocument(uri)!)
    : waitForEvent(vscode.workspace.onDidOpenTextDocument, (d) => d.uri.toString() === uri.toString(), `open ${uri.fsPath}`);
  await vscode.commands.executeCommand('vscode.open', uri);
  const doc = findDocument(uri) ?? (await opened);
  opened.catch(() => undefined);
  return doc;
}

/** Closes the editors showing `uri`, discarding unsaved changes (no save prompt in a headless run). */
export async function closeEditor(uri: vscode.Uri): Promise<void> {
  const doc = findDocument(uri);
  if (doc?.isDirty) {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  const tabs = vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}

const tempDirs: string[] = [];

/** A fresh folder outside the repository for files the tests change; removed after the run. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'container-lens-it-'));
  tempDirs.push(dir);
  return dir;
}

/** Called by the generated entry (scripts/build-tests.mjs) once every test has run. */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export function writeTemp(dir: string, name: string, content: string | Uint8Array): vscode.Uri {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return vscode.Uri.file(file);
}

/** Position of the first line whose first word is `keyword` (e.g. FROM), at that word's second character. */
export function keywordPosition(doc: vscode.TextDocument, keyword: string): vscode.Position {
  for (let line = 0; line < doc.lineCount; line++) {
    const text = doc.lineAt(line).text;
    const m = new RegExp(`^(\\s*)${keyword}\\b`, 'i').exec(text);
    if (m) return new vscode.Position(line, m[1].length + 1);
  }
  throw new Error(`no ${keyword} instruction in ${doc.uri.fsPath}`);
}

export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : String(c)))
    .join('\n');
}
