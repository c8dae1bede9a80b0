/**
 * The comparison panel in real VS Code: opened from the code lens on a compose file, its model read
 * through the extension's API, "move one step right" sent through the same handler the webview's
 * messages go to (the file changes), following the cursor, the palette's pick, the Dockerfile lens (and
 * the panel following the cursor from stage to stage),
 * and messages the webview should never send.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ContainerLensApi } from '../../../src/editor/api';
import { EngineClient, parseHost } from '../../../src/docker';
import { suite, test } from '../harness';
import { closeEditor, extension, openInEditor, sampleUri, tempDir, writeTemp } from '../helpers';

const api = () => extension().exports as ContainerLensApi;

async function lensesOf(uri: vscode.Uri, atLeast = 1): Promise<vscode.CodeLens[]> {
  // A freshly opened file may still be changing language (yaml → dockercompose): ask until lenses come.
  let lenses: vscode.CodeLens[] = [];
  for (let i = 0; i < 50; i++) {
    const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
    lenses = (all ?? []).filter((l) => l.command?.command === 'containerLens.compareWithVm');
    if (lenses.length >= atLeast) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return lenses;
}

function lineOf(doc: vscode.TextDocument, re: RegExp): number {
  for (let i = 0; i < doc.lineCount; i++) if (re.test(doc.lineAt(i).text)) return i;
  throw new Error(`no line matches ${re}`);
}

function panelTabOpen(): boolean {
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview && /containerLens\.comparison/.test(t.input.viewType)));
}

suite('comparison panel', () => {
  test('the code lens on sample/compose.yaml opens the panel; its model says "shares host network"', async () => {
    const uri = writeTemp(tempDir(), 'compose.yaml', fs.readFileSync(sampleUri('compose.yaml').fsPath));
    const doc = await openInEditor(uri);
    const lenses = await lensesOf(uri, 3);
    const web = lenses.find((l) => l.range.start.line === lineOf(doc, /^ {2}web:/))!;
    assert.ok(web, `no lens above web: ${JSON.stringify(lenses.map((l) => [l.range.start.line, l.command?.title]))}`);
    const target = await vscode.commands.executeCommand(web.command!.command, ...(web.command!.arguments ?? []));
    assert.deepEqual(target, { kind: 'file', uri: uri.toString(), index: 0, name: 'web' });
    const probe = api().comparisonPanel;
    const m = await probe.waitForModel((x) => x.subject.name === 'web');
    assert.ok(probe.isOpen() && panelTabOpen(), 'no panel tab');
    assert.equal(m.level, 'weakened-container');
    assert.ok(m.reasons.some((r) => r.label === 'shares host network'), JSON.stringify(m.reasons.map((r) => r.label)));
    assert.match(m.summary, /shares host network/);
    assert.equal(m.subject.file, vscode.workspace.asRelativePath(uri));
    assert.ok(m.content.table.length >= 8);

    // "Move one step right" through the webview's own message handler: the file changes.
    const action = m.nextStep!.actions.find((a) => a.fixes.some((f) => f.ruleId === 'compose-host-network'))!;
    assert.ok(action, JSON.stringify(m.nextStep));
    const fix = action.fixes[0];
    assert.equal(fix.version, doc.version);
    const reply = await probe.receive({ type: 'apply', actionId: action.id, fix });
    assert.equal(reply?.type, 'applied');
    assert.ok(reply?.type === 'applied' && reply.ok, JSON.stringify(reply));
    assert.doesNotMatch(doc.getText(), /network_mode: host/);
    // the panel follows the edit: web is a default container now
    const after = await probe.waitForModel((x) => x.subject.name === 'web' && x.level !== 'weakened-container');
    assert.ok(!after.reasons.some((r) => r.label === 'shares host network'));
    // the same reference again: the document moved on, so it is refused and nothing changes
    const text = doc.getText();
    const again = await probe.receive({ type: 'apply', actionId: action.id, fix });
    assert.ok(again?.type === 'applied' && !again.ok, JSON.stringify(again));
    assert.equal(doc.getText(), text);
  });

  test('following the cursor: moving to another service shows that service', async () => {
    const uri = writeTemp(tempDir(), 'compose.yaml', fs.readFileSync(sampleUri('compose.yaml').fsPath));
    const doc = await openInEditor(uri);
    const probe = api().comparisonPanel;
    const web = (await lensesOf(uri))[0];
    await vscode.commands.executeCommand(web.command!.command, ...(web.command!.arguments ?? []));
    await probe.waitForModel((x) => x.subject.name === 'web' && x.subject.file === vscode.workspace.asRelativePath(uri));
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc) ?? (await vscode.window.showTextDocument(doc));
    const dash = lineOf(doc, /docker\.sock:/);
    editor.selection = new vscode.Selection(dash, 8, dash, 8);
    const m = await probe.waitForModel((x) => x.subject.name === 'dashboard');
    assert.equal(m.level, 'privileged-container');
    assert.ok(m.reasons.some((r) => /docker\.sock/.test(r.label)), JSON.stringify(m.reasons.map((r) => r.label)));
    const api_ = lineOf(doc, /^ {2}api:/);
    editor.selection = new vscode.Selection(api_ + 2, 4, api_ + 2, 4);
    assert.equal((await probe.waitForModel((x) => x.subject.name === 'api')).level, 'hardened-container');
    await closeEditor(uri);
  });

  test('a Dockerfile has a lens above its final stage that opens the panel', async () => {
    const uri = writeTemp(tempDir(), 'Dockerfile', 'FROM alpine:3.20 AS build\nRUN echo hi\n\nFROM node:22\nCOPY . /app\nCMD ["node", "/app/index.js"]\n');
    const doc = await openInEditor(uri);
    const lenses = await lensesOf(uri);
    assert.equal(lenses.length, 1, JSON.stringify(lenses.map((l) => l.command?.title)));
    assert.equal(lenses[0].range.start.line, lineOf(doc, /^FROM node/));
    assert.match(lenses[0].command!.title, /container · runs as root/);
    await vscode.commands.executeCommand(lenses[0].command!.command, ...(lenses[0].command!.arguments ?? []));
    const m = await api().comparisonPanel.waitForModel((x) => x.subject.kind === 'dockerfile-stage' && x.subject.file === vscode.workspace.asRelativePath(uri));
    const user = m.nextStep?.actions.find((a) => a.field === 'user');
    assert.equal(user?.fixes[0]?.ruleId, 'final-stage-runs-as-root');
    assert.equal(m.subject.kindLabel, 'Dockerfile final stage');
    // the panel follows the cursor into the build stage, and says what a build stage is
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc) ?? (await vscode.window.showTextDocument(doc));
    editor.selection = new vscode.Selection(1, 3, 1, 3);
    const b = await api().comparisonPanel.waitForModel((x) => x.subject.name === 'build');
    assert.equal(b.subject.kindLabel, 'Dockerfile build stage');
    assert.match(b.nextStep?.note ?? '', /--target build/);
    editor.selection = new vscode.Selection(4, 0, 4, 0);
    assert.equal((await api().comparisonPanel.waitForModel((x) => x.subject.name === 'stage 2')).subject.kindLabel, 'Dockerfile final stage');
    await closeEditor(uri);
  });

  test('the palette offers the workload at the cursor first', async () => {
    const uri = writeTemp(tempDir(), 'docker-compose.yml', 'services:\n  solo:\n    image: nginx:1.27\n    pid: host\n');
    await openInEditor(uri);
    const pending = vscode.commands.executeCommand<{ name: string } | undefined>('containerLens.compareWithVm');
    // With live containers on the engine (the Containers tests' one), a pick opens: the workload at the
    // cursor is its first item. The list of containers is asked with a 3 s limit, hence the wait.
    const first = await Promise.race([pending, new Promise<'pick'>((r) => setTimeout(() => r('pick'), 5000))]);
    if (first === 'pick') await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const t = await pending;
    assert.equal(t?.name, 'solo');
    const m = await api().comparisonPanel.waitForModel((x) => x.subject.name === 'solo');
    assert.ok(m.reasons.some((r) => r.label === 'shares host PID'), JSON.stringify(m.reasons.map((r) => r.label)));
    await closeEditor(uri);
  });

  test('messages the webview should never send are ignored; a fix not offered is refused', async () => {
    const probe = api().comparisonPanel;
    const sample = sampleUri('compose.yaml');
    const sampleDoc = await vscode.workspace.openTextDocument(sample);
    const before = sampleDoc.getText();
    assert.equal(await probe.receive({ type: 'eval', code: 'process.exit(1)' }), undefined);
    assert.equal(await probe.receive('apply'), undefined);
    assert.equal(await probe.receive({ type: 'apply', actionId: 'a0' }), undefined);
    const forged = {
      type: 'apply',
      actionId: 'a0',
      fix: { uri: sample.toString(), version: sampleDoc.version, ruleId: 'compose-host-network', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, fixIndex: 0, title: 'x', needsInput: false },
    };
    const reply = await probe.receive(forged);
    assert.ok(reply?.type === 'applied' && !reply.ok, JSON.stringify(reply));
    assert.equal(sampleDoc.getText(), before);
    assert.equal(fs.readFileSync(sample.fsPath, 'utf8'), before);
  });

  test('a live container: the tree\'s "Compare with a VM", run options, and "Measure here" on the engine', async () => {
    const host = process.env.DOCKER_HOST?.trim();
    if (!host) {
      if (process.env.CI === 'true' || process.env.CI === '1') throw new Error('CI is set but DOCKER_HOST is not: the runner must start the private engine');
      console.log('comparison panel: live container test skipped (no DOCKER_HOST)');
      return;
    }
    const client = new EngineClient({ ...parseHost(host, undefined), source: 'DOCKER_HOST', candidates: [] });
    const image = process.env.CL_ENGINE_IMAGE?.trim() || 'container-lens-test/busybox:1';
    let id: string | undefined;
    try {
      id = (
        await client.createContainer(
          { Image: image, Cmd: ['sleep', 'inf'], Labels: { 'container-lens-it-panel': '1' }, HostConfig: { Init: true, NetworkMode: 'none', PidMode: 'host' } },
          { name: `cl-it-panel-${process.pid}` },
        )
      ).Id;
      await client.start(id);
      const target = await vscode.commands.executeCommand('containerLens.container.compareWithVm', id);
      assert.deepEqual(target, { kind: 'container', id, name: `cl-it-panel-${process.pid}` });
      const probe = api().comparisonPanel;
      const m = await probe.waitForModel((x) => x.subject.kind === 'container' && x.subject.containerId === id);
      assert.ok(m.reasons.some((r) => r.label === 'shares host PID'), JSON.stringify(m.reasons.map((r) => r.label)));
      const pid = m.nextStep!.actions.find((a) => a.field === 'hostNamespaces.pid')!;
      assert.deepEqual(pid.fixes, []);
      assert.match(pid.runOption ?? '', /--pid host/);
      const copied = await probe.receive({ type: 'copy-run-option', actionId: pid.id });
      assert.ok(copied?.type === 'applied' && copied.ok, JSON.stringify(copied));
      assert.match(await vscode.env.clipboard.readText(), /--pid host/);
      // Measure here: a container from the same (local) image, started, stopped and removed
      const measured = await probe.receive({ type: 'measure' });
      assert.equal(measured?.type, 'measured', JSON.stringify(measured));
      if (measured?.type === 'measured') {
        assert.equal(measured.measured.status, 'ok', JSON.stringify(measured.measured));
        assert.deepEqual(measured.measured.rows.map((r) => r.label), ['Start (create + start)', 'Stop', 'Remove', 'Image size', 'Layers']);
        assert.equal(probe.model()?.measured?.image, image);
      }
      const left = await client.listContainers({ all: true, filters: { label: ['container-lens.measure'] } });
      assert.equal(left.length, 0, 'a measuring container was left behind');
    } finally {
      if (id) await client.remove(id, { force: true }).catch(() => undefined);
      client.dispose();
    }
  });

  test('the panel closes cleanly', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.equal(api().comparisonPanel.isOpen(), false);
  });
});
