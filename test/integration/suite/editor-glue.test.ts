import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, test } from '../harness';
import { closeEditor, codes, codeValue, extension, openInEditor, tempDir, waitForDiagnostics, writeTemp } from '../helpers';

const ROOT = 'final-stage-runs-as-root';
type Api = {
  diagnosticCollectionName: string;
  diagnosticSource: string;
  analyzeDocument(uri: vscode.Uri): Promise<readonly vscode.Diagnostic[]>;
  registerDigestResolver(r: unknown): vscode.Disposable;
};
const api = () => extension().exports as Api;
const actionsAt = (uri: vscode.Uri, range: vscode.Range, resolve = 0) =>
  vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, undefined, resolve);

suite('editor glue (private)', () => {
  test('api', async () => {
    const uri = writeTemp(tempDir(), 'Dockerfile', 'FROM alpine:3.20\nUSER root\n');
    await extension().activate();
    const a = api();
    assert.equal(a.diagnosticCollectionName, 'container-lens');
    assert.equal(a.diagnosticSource, 'Container Lens');
    const d = await a.analyzeDocument(uri);
    assert.ok(codes(d).includes(ROOT), JSON.stringify(codes(d)));
    const nd = await a.analyzeDocument(vscode.Uri.file('/etc/hostname'));
    assert.deepEqual([...nd], []);
  });

  test('language association', async () => {
    const dir = tempDir();
    for (const name of ['Containerfile', 'web.Dockerfile', 'x.containerfile', 'Dockerfile.dev', 'Containerfile.prod']) {
      const doc = await vscode.workspace.openTextDocument(writeTemp(dir, name, 'FROM alpine\n'));
      assert.equal(doc.languageId, 'dockerfile', name);
    }
  });

  test('ignore + docs actions', async () => {
    const uri = writeTemp(tempDir(), 'Dockerfile', 'FROM alpine:3.20\r\n  USER root\r\n');
    const doc = await openInEditor(uri);
    const diags = await waitForDiagnostics(uri, (d) => codes(d).includes(ROOT), 'root');
    const root = diags.find((d) => codeValue(d) === ROOT)!;
    const actions = await actionsAt(uri, root.range);
    const titles = actions.map((a) => a.title);
    const ignore = actions.find((a) => a.title === `Ignore ${ROOT} for this line`);
    assert.ok(ignore?.edit, JSON.stringify(titles));
    const docs = actions.find((a) => a.title === `Show documentation for ${ROOT}`);
    assert.equal(docs?.command?.command, 'containerLens.openRuleDocs');
    assert.deepEqual(docs?.command?.arguments, [ROOT]);
    const preferred = actions.findIndex((a) => a.isPreferred);
    assert.ok(preferred >= 0, JSON.stringify(titles));
    assert.ok(titles.indexOf(ignore.title) > preferred, 'fixes first');
    assert.ok(await vscode.workspace.applyEdit(ignore.edit));
    assert.equal(doc.getText(), `FROM alpine:3.20\r\n  # container-lens-ignore=${ROOT}\r\n  USER root\r\n`);
    await waitForDiagnostics(uri, (d) => !codes(d).includes(ROOT), 'root gone after ignore');
    await closeEditor(uri);
  });

  test('settings: rules off, minimumSeverity, enable', async () => {
    const uri = writeTemp(tempDir(), 'Dockerfile', 'FROM alpine:3.20\nUSER root\nCMD echo hi\n');
    await openInEditor(uri);
    await waitForDiagnostics(uri, (d) => codes(d).includes(ROOT), 'root');
    const cfg = () => vscode.workspace.getConfiguration('containerLens');
    const G = vscode.ConfigurationTarget.Global;
    try {
      await cfg().update('rules', { [ROOT]: 'off' }, G);
      await waitForDiagnostics(uri, (d) => !codes(d).includes(ROOT) && d.length > 0, 'rule off');
      await cfg().update('rules', { [ROOT]: 'error' }, G);
      const d = await waitForDiagnostics(uri, (x) => codes(x).includes(ROOT), 'rule error');
      assert.equal(d.find((x) => codeValue(x) === ROOT)!.severity, vscode.DiagnosticSeverity.Error);
      await cfg().update('lint.minimumSeverity', 'error', G);
      await waitForDiagnostics(uri, (x) => x.length === 1 && codes(x)[0] === ROOT, 'only errors');
      await cfg().update('enable', false, G);
      await waitForDiagnostics(uri, (x) => x.length === 0, 'disabled');
    } finally {
      await cfg().update('enable', undefined, G);
      await cfg().update('lint.minimumSeverity', undefined, G);
      await cfg().update('rules', undefined, G);
    }
    await waitForDiagnostics(uri, (x) => codes(x).includes(ROOT) && x.length > 1, 'back to defaults');
    await closeEditor(uri);
  });

  test('applyNonRootFix command', async () => {
    const uri = writeTemp(tempDir(), 'Dockerfile', 'FROM alpine:3.20\nCMD ["sh"]\n');
    const doc = await openInEditor(uri);
    await vscode.window.showTextDocument(doc);
    const ok = await vscode.commands.executeCommand<boolean>('containerLens.applyNonRootFix');
    assert.equal(ok, true);
    assert.match(doc.getText(), /^USER /m);
    const again = await vscode.commands.executeCommand<boolean>('containerLens.applyNonRootFix', uri);
    assert.equal(again, false);
    const n = await vscode.commands.executeCommand<number>('containerLens.lintCurrentFile');
    assert.equal(typeof n, 'number');
    await closeEditor(uri);
  });

  test('pin-digest: the built-in command without a resolver, lazy edit with one', async () => {
    const uri = writeTemp(tempDir(), 'Dockerfile', 'FROM python:3.12-slim\nUSER 1000\n');
    await openInEditor(uri);
    const diags = await waitForDiagnostics(uri, (d) => codes(d).includes('base-image-not-pinned'), 'not pinned');
    const d = diags.find((x) => codeValue(x) === 'base-image-not-pinned')!;
    let actions = await actionsAt(uri, d.range);
    // built in: no edit while listing (no network), a command that resolves with progress when picked
    const builtIn = actions.find((a) => a.title === 'Pin `python:3.12-slim` to its current digest');
    assert.ok(builtIn, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(builtIn.edit, undefined);
    assert.equal(builtIn.command?.command, 'containerLens.pinDigest');
    let calls = 0;
    const reg = api().registerDigestResolver({
      async resolvePinFix(req: { finding: { range: vscode.Range } }) {
        calls++;
        const r = req.finding.range as unknown as { end: { line: number; character: number } };
        return [{ range: { start: r.end, end: r.end }, newText: '@sha256:' + '0'.repeat(64) }];
      },
    });
    try {
      actions = await actionsAt(uri, d.range);
      const pin = actions.find((a) => /^Pin /.test(a.title));
      assert.ok(pin, JSON.stringify(actions.map((a) => a.title)));
      assert.equal(pin.edit, undefined, 'not resolved while listing');
      assert.equal(calls, 0);
      actions = await actionsAt(uri, d.range, 10);
      const resolved = actions.find((a) => /^Pin /.test(a.title));
      assert.ok(resolved?.edit, 'resolved action has an edit');
      assert.equal(calls, 1);
    } finally {
      reg.dispose();
    }
    await closeEditor(uri);
  });

  test('hover on FROM comes from us', async () => {
    const uri = writeTemp(tempDir(), 'Dockerfile', 'FROM alpine:3.20\nUSER root\n');
    await openInEditor(uri);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(0, 1));
    assert.ok(hovers.length > 0);
    await closeEditor(uri);
  });

  test('debounce: many quick edits, one settled result', async () => {
    await vscode.workspace.getConfiguration('containerLens').update('lint.debounceMs', 3000, vscode.ConfigurationTarget.Global);
    const uri = writeTemp(tempDir(), 'Dockerfile', 'FROM alpine:3.20\nUSER app\n');
    const doc = await openInEditor(uri);
    await waitForDiagnostics(uri, (d) => !codes(d).includes(ROOT), 'clean');
    let events = 0;
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) events++;
    });
    for (let i = 0; i < 10; i++) {
      const ed = new vscode.WorkspaceEdit();
      ed.insert(uri, new vscode.Position(2, 0), `# ${i}\n`);
      await vscode.workspace.applyEdit(ed);
    }
    const ed = new vscode.WorkspaceEdit();
    ed.replace(uri, new vscode.Range(1, 0, 1, 8), 'USER root');
    await vscode.workspace.applyEdit(ed);
    await waitForDiagnostics(uri, (d) => codes(d).includes(ROOT), 'root after edits');
    sub.dispose();
    assert.ok(events <= 3, `diagnostics published ${events} times for 11 quick edits`);
    assert.ok(doc.isDirty);
    await vscode.workspace.getConfiguration('containerLens').update('lint.debounceMs', undefined, vscode.ConfigurationTarget.Global);
    await closeEditor(uri);
  }, { timeoutMs: 60_000 });
});
