import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, test } from '../harness';
import { codes, codeValue, openInEditor, sampleUri, waitForDiagnostics } from '../helpers';

suite('diagnostics', () => {
  test('sample/Dockerfile: final-stage-runs-as-root with code.value and a docs link', async () => {
    const uri = sampleUri('Dockerfile');
    const doc = await openInEditor(uri);
    const diags = await waitForDiagnostics(uri, (d) => codes(d).includes('final-stage-runs-as-root'), 'final-stage-runs-as-root');
    const root = diags.find((d) => codeValue(d) === 'final-stage-runs-as-root')!;
    assert.equal(typeof root.code, 'object', 'code should be { value, target } so the id links to its docs');
    const code = root.code as { value: string | number; target: vscode.Uri };
    assert.equal(code.value, 'final-stage-runs-as-root');
    assert.ok(code.target instanceof vscode.Uri, 'code.target is not a Uri');
    assert.match(code.target.toString(), /final-stage-runs-as-root/);
    assert.equal(root.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(root.message, /root/i);
    assert.ok(doc.getText(root.range).trim().length > 0, 'range covers no text');
  });

  test('sample/Dockerfile: every diagnostic has a rule id, a message and a range inside the document', async () => {
    const uri = sampleUri('Dockerfile');
    const doc = await openInEditor(uri);
    const diags = await waitForDiagnostics(uri, (d) => d.length > 0, 'diagnostics');
    for (const d of diags) {
      assert.match(codeValue(d) ?? '', /^[a-z0-9]+(-[a-z0-9]+)*$/, `code ${codeValue(d)} is not a kebab-case rule id`);
      assert.ok(d.message.length > 10, `message too short: ${d.message}`);
      assert.ok(doc.validateRange(d.range).isEqual(d.range), `range outside the document: ${codeValue(d)}`);
    }
  });
});
