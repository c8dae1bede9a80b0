import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, test } from '../harness';
import { EXTENSION_ID, extension, openInEditor, ours, sampleUri, waitForDiagnostics } from '../helpers';

suite('activation', () => {
  test('the extension is loaded and activates lazily (onLanguage:dockerfile, never "*")', () => {
    const ext = extension();
    const events: string[] = ext.packageJSON.activationEvents ?? [];
    assert.ok(events.includes('onLanguage:dockerfile'), `activationEvents: ${JSON.stringify(events)}`);
    assert.ok(!events.includes('*'), 'activates on "*"');
    assert.equal(ext.id.toLowerCase(), EXTENSION_ID.toLowerCase());
  });

  test('opening sample/Dockerfile activates it and publishes diagnostics', async () => {
    const uri = sampleUri('Dockerfile');
    const doc = await openInEditor(uri);
    assert.equal(doc.languageId, 'dockerfile');
    const diags = await waitForDiagnostics(uri, (d) => d.length > 0, 'first diagnostics on sample/Dockerfile', 90_000);
    assert.ok(extension().isActive, 'extension not active after opening a Dockerfile');
    assert.ok(diags.length > 0);
  }, { timeoutMs: 120_000 });

  test('the sample workspace is the open folder', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.ok(folders.some((f) => f.uri.path.endsWith('/sample')), `workspace folders: ${folders.map((f) => f.uri.path)}`);
    assert.ok(ours(sampleUri('Dockerfile')).length > 0);
  });
});
