import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { suite, test } from '../harness';
import { closeEditor, codes, codeValue, openInEditor, sampleUri, tempDir, waitForDiagnostics, writeTemp } from '../helpers';

/**
 * The fix for final-stage-runs-as-root: a quick fix with an edit that switches USER. (Actions returned
 * by `vscode.executeCodeActionProvider` do not carry their `diagnostics`; the UI test checks the tie
 * through the lightbulb on the Problems row.)
 */
function nonRootFix(actions: readonly vscode.CodeAction[] | undefined): vscode.CodeAction | undefined {
  const candidates = (actions ?? []).filter((a) => a.edit && /\bUSER\b|non-?root/i.test(a.title));
  return candidates.find((a) => a.isPreferred) ?? candidates[0];
}

suite('code actions', () => {
  // A copy of the sample outside the repository: the fix is applied to the buffer, never saved.
  let uri: vscode.Uri;

  test('the non-root quick fix is offered for final-stage-runs-as-root', async () => {
    uri = writeTemp(tempDir(), 'Dockerfile', fs.readFileSync(sampleUri('Dockerfile').fsPath));
    await openInEditor(uri);
    const diags = await waitForDiagnostics(uri, (d) => codes(d).includes('final-stage-runs-as-root'), 'root finding on the copy');
    const root = diags.find((d) => codeValue(d) === 'final-stage-runs-as-root')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', uri, root.range, vscode.CodeActionKind.QuickFix.value);
    const fix = nonRootFix(actions);
    assert.ok(fix, `no non-root fix among: ${JSON.stringify((actions ?? []).map((a) => a.title))}`);
    assert.ok(fix.isPreferred, `the non-root fix "${fix.title}" is not the preferred one`);
    assert.ok(fix.edit && fix.edit.get(uri).some((e) => /\bUSER\s+\S+/.test(e.newText)), 'the fix inserts no USER instruction');
    assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), `kind is ${fix.kind?.value}`);
  });

  test('applying it changes the document and the finding disappears', async () => {
    const doc = await openInEditor(uri);
    const before = doc.getText();
    const root = (await waitForDiagnostics(uri, (d) => codes(d).includes('final-stage-runs-as-root'), 'root finding'))
      .find((d) => codeValue(d) === 'final-stage-runs-as-root')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, root.range);
    const fix = nonRootFix(actions);
    assert.ok(fix?.edit, 'no non-root fix with an edit');
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true, 'applyEdit refused the edit');
    assert.notEqual(doc.getText(), before, 'document unchanged');
    assert.match(doc.getText(), /^USER\s+\S+/m, 'no USER instruction after the fix');
    await waitForDiagnostics(uri, (d) => !codes(d).includes('final-stage-runs-as-root'), 'root finding to disappear');
    assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), before, 'the file on disk changed (only the buffer should)');
    await closeEditor(uri);
  });
});
