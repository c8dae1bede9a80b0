import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { suite, test } from '../harness';
import { closeEditor, codes, codeValue, openInEditor, sampleUri, tempDir, waitForDiagnostics, writeTemp } from '../helpers';

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
    const fix = (actions ?? []).find((a) => /non-?root/i.test(a.title) && a.edit);
    assert.ok(fix, `no non-root fix among: ${JSON.stringify((actions ?? []).map((a) => a.title))}`);
    assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), `kind is ${fix.kind?.value}`);
    assert.ok(
      (fix.diagnostics ?? []).some((d) => codeValue(d) === 'final-stage-runs-as-root'),
      'the fix is not tied to its diagnostic',
    );
  });

  test('applying it changes the document and the finding disappears', async () => {
    const doc = await openInEditor(uri);
    const before = doc.getText();
    const root = (await waitForDiagnostics(uri, (d) => codes(d).includes('final-stage-runs-as-root'), 'root finding'))
      .find((d) => codeValue(d) === 'final-stage-runs-as-root')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, root.range);
    const fix = (actions ?? []).find((a) => /non-?root/i.test(a.title) && a.edit);
    assert.ok(fix?.edit, 'no fix with an edit');
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true, 'applyEdit refused the edit');
    assert.notEqual(doc.getText(), before, 'document unchanged');
    assert.match(doc.getText(), /^USER\s+\S+/m, 'no USER instruction after the fix');
    await waitForDiagnostics(uri, (d) => !codes(d).includes('final-stage-runs-as-root'), 'root finding to disappear');
    assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), before, 'the file on disk changed (only the buffer should)');
    await closeEditor(uri);
  });
});
