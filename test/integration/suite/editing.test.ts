import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { suite, test } from '../harness';
import { closeEditor, codes, openInEditor, tempDir, waitForDiagnostics, writeTemp } from '../helpers';

const NON_ROOT = 'FROM alpine:3.20\nRUN adduser -D app\nUSER app\nCMD ["sh"]\n';

suite('editing', () => {
  let uri: vscode.Uri;

  test('editing the buffer (not the file) updates diagnostics', async () => {
    uri = writeTemp(tempDir(), 'Dockerfile', NON_ROOT);
    const doc = await openInEditor(uri);
    // a diagnostics event for this uri arrives once it was analysed; it has no root finding
    await waitForDiagnostics(uri, (d) => !codes(d).includes('final-stage-runs-as-root'), 'analysis of the non-root file');
    const userLine = doc.getText().split('\n').indexOf('USER app');
    assert.ok(userLine > 0);
    const remove = new vscode.WorkspaceEdit();
    remove.delete(uri, new vscode.Range(userLine, 0, userLine + 1, 0));
    assert.equal(await vscode.workspace.applyEdit(remove), true);
    assert.ok(doc.isDirty, 'buffer should be dirty');
    await waitForDiagnostics(uri, (d) => codes(d).includes('final-stage-runs-as-root'), 'root finding after deleting USER');
    assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), NON_ROOT, 'the file on disk changed');

    const restore = new vscode.WorkspaceEdit();
    restore.insert(uri, new vscode.Position(userLine, 0), 'USER app\n');
    assert.equal(await vscode.workspace.applyEdit(restore), true);
    await waitForDiagnostics(uri, (d) => !codes(d).includes('final-stage-runs-as-root'), 'root finding gone after restoring USER');
  });

  test('closing the document clears its diagnostics', async () => {
    const doc = await openInEditor(uri);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(0, 0, doc.lineCount, 0), 'FROM alpine:3.20\nUSER root\n');
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    await waitForDiagnostics(uri, (d) => d.length > 0, 'findings on the edited buffer');
    await closeEditor(uri);
    await waitForDiagnostics(uri, (d) => d.length === 0, 'diagnostics cleared after close', 45_000);
  }, { timeoutMs: 90_000 });
});
