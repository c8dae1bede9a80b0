import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, test } from '../harness';
import { hoverText, keywordPosition, openInEditor, sampleUri } from '../helpers';

suite('hover', () => {
  test('hovering FROM in sample/Dockerfile explains layers or the shared kernel', async () => {
    const uri = sampleUri('Dockerfile');
    const doc = await openInEditor(uri);
    const at = keywordPosition(doc, 'FROM');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
    const text = hoverText(hovers ?? []);
    assert.ok(text.length > 0, 'no hover on FROM');
    assert.match(text, /layer|kernel/i, `hover text: ${text.slice(0, 300)}`);
  });
});
