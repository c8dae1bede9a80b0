import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { suite, test } from '../harness';
import {
  closeEditor,
  codes,
  codeValue,
  extension,
  hoverText,
  openInEditor,
  ours,
  sampleUri,
  tempDir,
  waitForDiagnostics,
  writeTemp,
} from '../helpers';

/** Rule ids from src/core/compose/rules and src/core/kubernetes/rules. */
const HOST_NETWORK = 'compose-host-network';
const DOCKER_SOCKET = 'compose-docker-socket';
const K8S_PRIVILEGED = 'k8s-privileged';
const K8S_HOST_PID = 'k8s-host-pid';
const TEMPLATE = 'helm-template-skipped';

type Api = { analyzeDocument(uri: vscode.Uri): Promise<readonly vscode.Diagnostic[]> };
const api = () => extension().exports as Api;

/** Position on the first line whose first word is `key` (a YAML key), on its second character. */
function keyPosition(doc: vscode.TextDocument, key: string): vscode.Position {
  for (let line = 0; line < doc.lineCount; line++) {
    const m = new RegExp(`^(\\s*(?:- )?)${key}\\s*:`).exec(doc.lineAt(line).text);
    if (m) return new vscode.Position(line, m[1].length + 1);
  }
  throw new Error(`no ${key}: in ${doc.uri.fsPath}`);
}

async function hoverAt(uri: vscode.Uri, at: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
  return hoverText(hovers ?? []);
}

async function lensesOf(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
  return (lenses ?? []).filter((l) => l.command?.command === 'containerLens.compareWithVm');
}

suite('compose and Kubernetes', () => {
  test('sample/compose.yaml: a host-network finding on network_mode, and the docker.sock one', async () => {
    const uri = sampleUri('compose.yaml');
    const doc = await openInEditor(uri);
    assert.ok(['yaml', 'dockercompose'].includes(doc.languageId), `language ${doc.languageId}`);
    const diags = await waitForDiagnostics(uri, (d) => codes(d).includes(HOST_NETWORK), HOST_NETWORK);
    const host = diags.find((d) => codeValue(d) === HOST_NETWORK)!;
    assert.match(doc.getText(host.range), /network_mode/);
    assert.equal(host.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(host.message, /network namespace/);
    assert.ok(codes(diags).includes(DOCKER_SOCKET), JSON.stringify(codes(diags)));
    // The hardened service has no isolation warning of its own.
    const apiLine = keyPosition(doc, 'api').line;
    const onApi = diags.filter((d) => d.range.start.line >= apiLine && d.severity <= vscode.DiagnosticSeverity.Warning);
    assert.deepEqual(onApi.map(codeValue), []);
  });

  test('hover on network_mode teaches the network namespace', async () => {
    const uri = sampleUri('compose.yaml');
    const doc = await openInEditor(uri);
    const text = await hoverAt(uri, keyPosition(doc, 'network_mode'));
    assert.match(text, /network namespace/, text.slice(0, 400));
    assert.match(text, /service `web`/);
    assert.match(text, /Behind a VM boundary/);
    assert.match(text, /Isolation:/);
  });

  test('code lenses: one per service, with the isolation summary', async () => {
    const uri = sampleUri('compose.yaml');
    const doc = await openInEditor(uri);
    const lenses = await lensesOf(uri);
    assert.equal(lenses.length, 3, JSON.stringify(lenses.map((l) => l.command?.title)));
    const web = lenses.find((l) => l.range.start.line === keyPosition(doc, 'web').line);
    assert.ok(web?.command, 'no lens above web');
    assert.match(web.command.title, /container · runs as root · shares host network/);
    const dashboard = lenses.find((l) => l.range.start.line === keyPosition(doc, 'dashboard').line)!;
    assert.match(dashboard.command!.title, /^privileged container · .*mounts docker\.sock/);
    const hardened = lenses.find((l) => l.range.start.line === keyPosition(doc, 'api').line)!;
    assert.match(hardened.command!.title, /^hardened container · runs as 10001/);
  });

  test('the text form of the profile ("Open as text") for the workload a lens names', async () => {
    const uri = sampleUri('compose.yaml');
    await openInEditor(uri);
    const web = (await lensesOf(uri))[0];
    const page = await vscode.commands.executeCommand<string>('containerLens.openIsolationReport', ...(web.command!.arguments ?? []));
    assert.ok(page, 'the command returned no page');
    const pageDoc = await vscode.workspace.openTextDocument(vscode.Uri.parse(page));
    const text = pageDoc.getText();
    assert.match(text, /^# web: isolation profile/m);
    assert.match(text, /## Where it sits/);
    assert.match(text, /## One step to the right: /);
    assert.match(text, /## Compared with a virtual machine/);
    assert.ok(ours(pageDoc.uri).length === 0, 'the profile page got diagnostics');
  });

  test('a compose quick fix applied through the code-action provider removes its finding', async () => {
    const uri = writeTemp(tempDir(), 'compose.yaml', fs.readFileSync(sampleUri('compose.yaml').fsPath));
    const doc = await openInEditor(uri);
    const before = doc.getText();
    const host = (await waitForDiagnostics(uri, (d) => codes(d).includes(HOST_NETWORK), 'host network on the copy')).find(
      (d) => codeValue(d) === HOST_NETWORK,
    )!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, host.range);
    const titles = (actions ?? []).map((a) => a.title);
    const fix = (actions ?? []).find((a) => a.edit && /network_mode/.test(a.title));
    assert.ok(fix?.edit, `no network_mode fix among ${JSON.stringify(titles)}`);
    assert.ok(titles.includes(`Ignore ${HOST_NETWORK} for this line`), JSON.stringify(titles));
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    assert.doesNotMatch(doc.getText(), /network_mode: host/);
    assert.notEqual(doc.getText(), before);
    await waitForDiagnostics(uri, (d) => !codes(d).includes(HOST_NETWORK) && codes(d).includes(DOCKER_SOCKET), 'host network gone');
    assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), before, 'only the buffer changes');
    await closeEditor(uri);
  });

  test('"ignore for this line" inserts an indented YAML comment that silences the finding', async () => {
    const uri = writeTemp(tempDir(), 'docker-compose.yml', 'services:\n  web:\n    image: nginx:1.27\n    network_mode: host\n');
    const doc = await openInEditor(uri);
    const host = (await waitForDiagnostics(uri, (d) => codes(d).includes(HOST_NETWORK), 'host network')).find(
      (d) => codeValue(d) === HOST_NETWORK,
    )!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, host.range);
    const ignore = (actions ?? []).find((a) => a.title === `Ignore ${HOST_NETWORK} for this line`);
    assert.ok(ignore?.edit);
    assert.ok(await vscode.workspace.applyEdit(ignore.edit));
    assert.equal(
      doc.getText(),
      `services:\n  web:\n    image: nginx:1.27\n    # container-lens-ignore=${HOST_NETWORK}\n    network_mode: host\n`,
    );
    await waitForDiagnostics(uri, (d) => !codes(d).includes(HOST_NETWORK), 'host network ignored');
    await closeEditor(uri);
  });

  test('sample/k8s/daemonset.yaml: privileged and hostPID findings, hover and a lens', async () => {
    const uri = sampleUri('k8s', 'daemonset.yaml');
    const doc = await openInEditor(uri);
    const diags = await waitForDiagnostics(uri, (d) => codes(d).includes(K8S_PRIVILEGED) && codes(d).includes(K8S_HOST_PID), 'k8s findings');
    assert.equal(diags.find((d) => codeValue(d) === K8S_PRIVILEGED)!.severity, vscode.DiagnosticSeverity.Error);
    const text = await hoverAt(uri, keyPosition(doc, 'hostPID'));
    assert.match(text, /PID namespace/);
    assert.match(text, /DaemonSet `node-agent`/);
    const lenses = await lensesOf(uri);
    assert.equal(lenses.length, 1);
    assert.match(lenses[0].command!.title, /^privileged container · /);
  });

  test('sample/k8s/deployment.yaml (hardened): no warnings, a hardened lens', async () => {
    const uri = sampleUri('k8s', 'deployment.yaml');
    await openInEditor(uri);
    const diags = await api().analyzeDocument(uri);
    assert.deepEqual(
      diags.filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning).map(codeValue),
      [],
    );
    const lenses = await lensesOf(uri);
    assert.equal(lenses.length, 1);
    assert.match(lenses[0].command!.title, /^hardened container · runs as 10001/);
  });

  test('a Helm template gives exactly one information diagnostic', async () => {
    const dir = tempDir();
    const uri = writeTemp(
      dir,
      'chart/templates/deployment.yaml',
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: {{ include "app.fullname" . }}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: app',
        '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
        '          {{- with .Values.securityContext }}',
        '          securityContext:',
        '            {{- toYaml . | nindent 12 }}',
        '          {{- end }}',
        '',
      ].join('\n'),
    );
    await openInEditor(uri);
    const diags = await waitForDiagnostics(uri, (d) => d.length > 0, 'the template note');
    assert.equal(diags.length, 1, JSON.stringify(codes(diags)));
    assert.equal(codeValue(diags[0]), TEMPLATE);
    assert.equal(diags[0].severity, vscode.DiagnosticSeverity.Information);
    assert.equal((await lensesOf(uri)).length, 0);
    await closeEditor(uri);
  });

  test('other YAML is left alone: no diagnostics, hovers or lenses', async () => {
    const uri = writeTemp(tempDir(), 'settings.yaml', 'privileged: true\nservices: 3\nnetwork_mode: host\n');
    const doc = await openInEditor(uri);
    assert.deepEqual([...(await api().analyzeDocument(uri))], []);
    assert.equal(await hoverAt(uri, keyPosition(doc, 'network_mode')), '');
    assert.equal((await lensesOf(uri)).length, 0);
    assert.deepEqual(ours(uri), []);
    await closeEditor(uri);
  });
});
