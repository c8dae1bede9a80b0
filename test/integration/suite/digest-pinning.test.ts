/**
 * Digest pinning in real VS Code against a real registry: Debian's docker-registry on loopback, started by
 * the runner (scripts/lib/suites.sh, `scripts/registry/start-registry.mjs --fixtures`), which exports
 * CL_REGISTRY_HOST to code-server. Without it the suite is skipped with a message, except under CI.
 *
 * The expected digests come from the registry itself (a HEAD or a PUT through node:http here), never
 * from the extension's resolver, so the test checks the resolver instead of repeating it.
 */
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import * as vscode from 'vscode';
import { suite, test } from '../harness';
import { closeEditor, codes, codeValue, hoverText, openInEditor, ours, tempDir, waitForDiagnostics, writeTemp } from '../helpers';

const HOST = process.env.CL_REGISTRY_HOST?.trim();
const IS_CI = process.env.CI === 'true' || process.env.CI === '1';

const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

/** What the pin commands return (src/editor/pin-service.ts `PinOutcome`). */
interface PinOutcome {
  status: string;
  message: string;
  edited: boolean;
  digest?: string;
  failure?: { code: string; message: string };
  preview?: string;
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function request(method: string, url: string, headers: Record<string, string>, body?: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url}: no answer in 10 s`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** The digest the registry reports for `repo:tag` (HEAD with every manifest type accepted). */
async function registryDigest(repo: string, tag: string): Promise<string> {
  const a = await request('HEAD', `http://${HOST}/v2/${repo}/manifests/${tag}`, { Accept: ACCEPT });
  const digest = a.headers['docker-content-digest'];
  assert.equal(a.status, 200, `HEAD ${repo}:${tag} answered ${a.status}`);
  assert.ok(typeof digest === 'string' && /^sha256:[0-9a-f]{64}$/.test(digest), `no digest for ${repo}:${tag}: ${String(digest)}`);
  return digest;
}

async function getManifest(repo: string, tag: string): Promise<{ body: Buffer; type: string }> {
  const a = await request('GET', `http://${HOST}/v2/${repo}/manifests/${tag}`, { Accept: ACCEPT });
  assert.equal(a.status, 200, `GET ${repo}:${tag} answered ${a.status}`);
  return { body: a.body, type: String(a.headers['content-type']) };
}

/** Points `repo:tag` at `body` (the registry keeps the bytes as sent); returns the new digest. */
async function putManifest(repo: string, tag: string, body: Buffer, type: string): Promise<string> {
  const a = await request('PUT', `http://${HOST}/v2/${repo}/manifests/${tag}`, { 'Content-Type': type }, body);
  assert.equal(a.status, 201, `PUT ${repo}:${tag} answered ${a.status}: ${a.body.toString('utf8').slice(0, 300)}`);
  return String(a.headers['docker-content-digest']);
}

/** A loopback port nothing listens on: bound, then closed. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

async function pinAction(uri: vscode.Uri, image: string, title = `Pin \`${image}\` to its current digest`): Promise<vscode.CodeAction> {
  const diags = await waitForDiagnostics(uri, (d) => codes(d).includes('base-image-not-pinned'), `base-image-not-pinned for ${image}`);
  const d = diags.find((x) => codeValue(x) === 'base-image-not-pinned')!;
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
  const action = (actions ?? []).find((a) => a.title === title);
  assert.ok(action, `no "${title}" among ${JSON.stringify((actions ?? []).map((a) => a.title))}`);
  assert.equal(action.edit, undefined, 'the pin action must not resolve while the actions are listed');
  assert.equal(action.command?.command, 'containerLens.pinDigest');
  return action;
}

function run(action: vscode.CodeAction): Thenable<PinOutcome> {
  return vscode.commands.executeCommand<PinOutcome>(action.command!.command, ...(action.command!.arguments ?? []));
}

if (!HOST) {
  suite('digest pinning (real registry)', () => {
    test(`skipped: no CL_REGISTRY_HOST (the runner starts the loopback registry and exports it)${IS_CI ? ' — required under CI' : ''}`, () => {
      if (IS_CI) throw new Error('CI is set but CL_REGISTRY_HOST is not: scripts/lib/suites.sh must start scripts/registry/start-registry.mjs --fixtures before code-server');
      console.log('digest pinning: skipped (no CL_REGISTRY_HOST in the extension host)');
    });
  });
} else {
  suite('digest pinning (real registry)', () => {
    const dir = tempDir();
    const multi = `${HOST}/cl/multi:1.0`;
    let dockerfile: vscode.Uri;

    test('the pin quick fix writes the digest the registry reports, tag kept', async () => {
      const expected = await registryDigest('cl/multi', '1.0');
      dockerfile = writeTemp(dir, 'pin/Dockerfile', `FROM ${multi}\nUSER 1000\n`);
      const doc = await openInEditor(dockerfile);
      const outcome = await run(await pinAction(dockerfile, multi));
      assert.equal(outcome.status, 'pinned', outcome.message);
      assert.equal(outcome.edited, true);
      assert.equal(doc.lineAt(0).text, `FROM ${multi}@${expected}`);
      assert.equal(doc.lineAt(1).text, 'USER 1000');
      await waitForDiagnostics(dockerfile, (d) => !codes(d).includes('base-image-not-pinned'), 'the not-pinned finding to go');
    });

    test('FROM ${BASE}: the quick fix on the FROM pins the ARG default, and the hover on the FROM reads it', async () => {
      const expected = await registryDigest('cl/multi', '1.0');
      const uri = writeTemp(dir, 'pin-arg/Dockerfile', `ARG BASE="${multi}"\nFROM \${BASE}\nUSER 1000\n`);
      const doc = await openInEditor(uri);
      const outcome = await run(await pinAction(uri, multi, `Pin \`${multi}\` (the default of ARG BASE, line 1) to its current digest`));
      assert.equal(outcome.status, 'pinned', outcome.message);
      assert.equal(doc.lineAt(0).text, `ARG BASE="${multi}@${expected}"`);
      assert.equal(doc.lineAt(1).text, 'FROM ${BASE}');
      await waitForDiagnostics(uri, (d) => !codes(d).includes('base-image-not-pinned'), 'the not-pinned finding to go');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(1, 8));
      const text = hoverText(hovers ?? []);
      assert.match(text, /Pinned by digest/, text);
      await closeEditor(uri);
    });

    test('the hover on the pinned reference says index and names both platforms', async () => {
      const doc = await openInEditor(dockerfile);
      const at = new vscode.Position(0, doc.lineAt(0).text.indexOf('/cl/multi') + 3);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', dockerfile, at);
      const text = hoverText(hovers ?? []);
      assert.match(text, /Pinned by digest/);
      assert.match(text, /multi-platform \*\*index\*\*/);
      assert.match(text, /linux\/amd64/);
      assert.match(text, /linux\/arm64/);
      assert.match(text, new RegExp(`Resolved from the registry \`${HOST.replace(/[.]/g, '\\.')}\``));
      await closeEditor(dockerfile);
    });

    test('Pin all images: every service of a compose file in one edit, undone in one step', async () => {
      const [oci, list, v2] = await Promise.all([registryDigest('cl/oci', '1.0'), registryDigest('cl/list', '1.0'), registryDigest('cl/docker-v2', '1.0')]);
      const original = [
        'services:',
        '  api:',
        `    image: ${HOST}/cl/oci:1.0`,
        '  web:',
        `    image: "${HOST}/cl/list:1.0"`,
        '  worker:',
        `    image: ${HOST}/cl/docker-v2:1.0`,
        '  cron:',
        `    image: ${HOST}/cl/docker-v2:1.0`,
        '',
      ].join('\n');
      const uri = writeTemp(dir, 'pin-all/compose.yaml', original);
      const doc = await openInEditor(uri);
      await vscode.window.showTextDocument(doc);
      const outcome = await vscode.commands.executeCommand<PinOutcome>('containerLens.pinAllImages', uri);
      assert.equal(outcome.status, 'pinned', outcome.message);
      assert.match(outcome.message, /pinned 3 images \(4 references\)/);
      const lines = doc.getText().split('\n');
      assert.equal(lines[2], `    image: ${HOST}/cl/oci:1.0@${oci}`);
      assert.equal(lines[4], `    image: "${HOST}/cl/list:1.0@${list}"`);
      assert.equal(lines[6], `    image: ${HOST}/cl/docker-v2:1.0@${v2}`);
      assert.equal(lines[8], `    image: ${HOST}/cl/docker-v2:1.0@${v2}`);
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('undo');
      assert.equal(doc.getText(), original, 'one undo did not restore the file: the pins were not one edit');
      await closeEditor(uri);
    });

    test('Pin image at cursor (the palette command) pins a COPY --from image, and says so where there is none', async () => {
      const oci = await registryDigest('cl/oci', '1.0');
      const uri = writeTemp(dir, 'cursor/Dockerfile', `FROM scratch\nCOPY --from=${HOST}/cl/oci:1.0 /hello.txt /hello.txt\n`);
      const doc = await openInEditor(uri);
      const editor = await vscode.window.showTextDocument(doc);
      editor.selection = new vscode.Selection(0, 7, 0, 7);
      const none = await vscode.commands.executeCommand<PinOutcome>('containerLens.pinDigest');
      assert.equal(none.status, 'nothing', none.message);
      assert.match(none.message, /put the cursor on an image reference/);
      editor.selection = new vscode.Selection(1, 20, 1, 20);
      const outcome = await vscode.commands.executeCommand<PinOutcome>('containerLens.pinDigest');
      assert.equal(outcome.status, 'pinned', outcome.message);
      assert.equal(doc.lineAt(1).text, `COPY --from=${HOST}/cl/oci:1.0@${oci} /hello.txt /hello.txt`);
      assert.equal(doc.lineAt(0).text, 'FROM scratch');
      await closeEditor(uri);
    });

    test('Update pinned digests: a moved tag is rewritten after the preview; the drift check sees it first', async () => {
      const before = await registryDigest('cl/moving', '1.0');
      const { body, type } = await getManifest('cl/moving', '1.0');
      const uri = writeTemp(dir, 'update/Dockerfile', `FROM ${HOST}/cl/moving:1.0@${before}\nUSER 1000\n`);
      // Same manifest, other bytes: the registry keeps bytes as sent, so the tag now names another digest.
      const parsed: unknown = JSON.parse(body.toString('utf8'));
      let moved = Buffer.from(JSON.stringify(parsed, null, 3));
      if (moved.equals(body)) moved = Buffer.from(JSON.stringify(parsed, null, 4));
      const after = await putManifest('cl/moving', '1.0', moved, type);
      assert.notEqual(after, before);
      assert.equal(await registryDigest('cl/moving', '1.0'), after);
      const config = vscode.workspace.getConfiguration('containerLens');
      try {
        // the opt-in background check: an information diagnostic with a quick fix
        await config.update('digests.checkDrift', true, vscode.ConfigurationTarget.Global);
        const doc = await openInEditor(uri);
        const drift = (await waitForDiagnostics(uri, (d) => codes(d).includes('digest-drift'), 'the digest-drift diagnostic'))
          .find((d) => codeValue(d) === 'digest-drift')!;
        assert.equal(drift.severity, vscode.DiagnosticSeverity.Information);
        assert.match(drift.message, new RegExp(`now points to ${after.slice(0, 19)}…`));
        assert.match(drift.message, new RegExp(`pinned ${before.slice(0, 19)}…`));
        const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, drift.range, vscode.CodeActionKind.QuickFix.value);
        const fix = (fixes ?? []).find((a) => /^Update the digest/.test(a.title));
        assert.ok(fix?.edit, `no drift quick fix among ${JSON.stringify((fixes ?? []).map((a) => a.title))}`);
        await config.update('digests.checkDrift', undefined, vscode.ConfigurationTarget.Global);
        await waitForDiagnostics(uri, (d) => !codes(d).includes('digest-drift'), 'the drift diagnostic to go when the check is switched off');

        // the command: registry only, diff preview, then one edit
        const outcome = await vscode.commands.executeCommand<PinOutcome>('containerLens.updatePinnedDigests', uri, { skipConfirmation: true });
        assert.equal(outcome.status, 'updated', outcome.message);
        assert.equal(doc.isClosed, false, 'the preview closed the file');
        assert.equal(doc.lineAt(0).text, `FROM ${HOST}/cl/moving:1.0@${after}`);
        assert.equal(outcome.preview, doc.getText(), 'the preview did not show what was applied');
        const previews = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff);
        assert.equal(previews.length, 0, 'the diff preview is still open');
        assert.match(outcome.message, /updated 1 digest whose tag moved/);
        const again = await vscode.commands.executeCommand<PinOutcome>('containerLens.updatePinnedDigests', uri, { skipConfirmation: true });
        assert.equal(again.status, 'nothing', again.message);
        assert.match(again.message, /1 pinned tag still current/);
      } finally {
        await config.update('digests.checkDrift', undefined, vscode.ConfigurationTarget.Global);
        await putManifest('cl/moving', '1.0', body, type);
        await closeEditor(uri);
      }
    }, { timeoutMs: 90_000 });

    test('an unreachable registry: a message naming it, and no edit', async () => {
      const port = await closedPort();
      const image = `127.0.0.1:${port}/cl/multi:1.0`;
      const uri = writeTemp(dir, 'offline/Dockerfile', `FROM ${image}\nUSER 1000\n`);
      const doc = await openInEditor(uri);
      const text = doc.getText();
      const outcome = await run(await pinAction(uri, image));
      assert.equal(outcome.status, 'failed', outcome.message);
      assert.equal(outcome.edited, false);
      assert.equal(outcome.failure?.code, 'offline', JSON.stringify(outcome.failure));
      assert.ok(outcome.message.startsWith(`Container Lens could not pin \`${image}\``), outcome.message);
      assert.match(outcome.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
      assert.equal(doc.getText(), text, 'the file changed although nothing was resolved');
      assert.equal(doc.isDirty, false);
      assert.ok(ours(uri).some((d) => codeValue(d) === 'base-image-not-pinned'));
      await closeEditor(uri);
    });
  });
}
