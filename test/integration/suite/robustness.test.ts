import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ContainerLensApi } from '../../../src/editor/api';
import { suite, test } from '../harness';
import { closeEditor, codes, codeValue, extension, openInEditor, sampleUri, tempDir, waitForDiagnostics, writeTemp } from '../helpers';

/** Rules about Linux-only mechanics (POSIX shells, Linux package managers). */
const LINUX_ONLY = [
  'pipe-to-shell',
  'curl-pipe-to-shell',
  'run-pipe-to-shell',
  'apt-get-without-no-install-recommends',
  'apt-lists-not-removed',
  'missing-pipefail',
  'run-without-pipefail',
];
/** Words of Linux-only advice that must not reach a Windows image. */
const LINUX_WORDS = /\broot\b|UID 0|\/bin\/sh|apt-get|pipefail/i;

suite('robustness', () => {
  test('a binary file named Dockerfile gives one info diagnostic and no crash', async () => {
    const bytes = new Uint8Array(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 197 + 13) % 256; // includes NUL bytes
    const uri = writeTemp(tempDir(), 'Dockerfile', bytes);
    let doc: vscode.TextDocument | undefined;
    try {
      doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
    } catch {
      // VS Code refuses to open binary files as text ("File seems to be binary"); the same analysis
      // path is reached by a buffer that contains NUL characters, so put the bytes there instead.
    }
    let target = uri;
    if (!doc) {
      target = writeTemp(tempDir(), 'Dockerfile', '');
      doc = await openInEditor(target);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(target, new vscode.Position(0, 0), String.fromCharCode(...bytes));
      assert.equal(await vscode.workspace.applyEdit(edit), true);
    }
    assert.ok(doc.getText().includes('\u0000'), 'the buffer holds no NUL character');
    const diags = await waitForDiagnostics(target, (d) => d.length > 0, 'the not-analysed notice');
    assert.equal(diags.length, 1, `expected one diagnostic, got ${JSON.stringify(codes(diags))}`);
    assert.equal(diags[0].severity, vscode.DiagnosticSeverity.Information);
    assert.match(diags[0].message, /binary|not analy[sz]ed/i);
    assert.ok(extension().isActive);
    await closeEditor(target);
  });

  test('the extension keeps working after the binary file', async () => {
    const uri = writeTemp(tempDir(), 'Dockerfile', 'FROM alpine:3.20\nUSER root\n');
    await openInEditor(uri);
    await waitForDiagnostics(uri, (d) => codes(d).includes('final-stage-runs-as-root'), 'root finding');
    await closeEditor(uri);
  });

  test('sample/windows/Dockerfile gets no Linux-only advice (its Linux twin does)', async () => {
    const api = extension().exports as ContainerLensApi;
    assert.equal(typeof api?.analyzeDocument, 'function', 'the extension API has no analyzeDocument');
    const uri = sampleUri('windows', 'Dockerfile');
    const text = fs.readFileSync(uri.fsPath, 'utf8');
    assert.match(text, /^FROM\s+mcr\.microsoft\.com\/windows/im, 'sample/windows/Dockerfile is not a Windows image');
    await openInEditor(uri);
    const windows = await api.analyzeDocument(uri);
    const linuxRules = codes(windows).filter((c) => LINUX_ONLY.includes(c));
    assert.deepEqual(linuxRules, [], `Linux-only rules on a Windows image: ${linuxRules.join(', ')}`);
    const linuxAdvice = windows.filter((d) => LINUX_WORDS.test(d.message)).map((d) => `${codeValue(d)}: ${d.message}`);
    assert.deepEqual(linuxAdvice, [], 'Linux advice on a Windows image');

    // the same file on a Linux base image gets the root finding, so the silence above is the
    // platform check at work, not an analysis that never ran
    const twin = writeTemp(tempDir(), 'Dockerfile', text.replace(/^FROM\s+\S+/im, 'FROM ubuntu:24.04'));
    const root = (await api.analyzeDocument(twin)).find((d) => codeValue(d) === 'final-stage-runs-as-root');
    assert.ok(root, 'no final-stage-runs-as-root on the Linux twin');
    assert.match(root.message, /\broot\b/i);
  });
});
