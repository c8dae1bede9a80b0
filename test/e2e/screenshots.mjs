#!/usr/bin/env node
// The README's pictures of the Containers view and of compose / Kubernetes files, taken in real VS Code
// (code-server's web workbench) with playwright-core and Debian's Chromium, and checked on the way:
//  - containers.png: the Containers view on the private engine (DOCKER_HOST, exported to code-server by
//    scripts/lib/suites.sh) with a compose project and standalone containers at different places on the
//    isolation spectrum, one expanded to its Isolation rows, the badge letters beside the names;
//  - compose.png: sample/compose.yaml, the hover on a mounted docker.sock with its diagnostic and the code lenses;
//  - kubernetes.png: sample/k8s/daemonset.yaml, the hover on `privileged: true` of a node agent DaemonSet.
// The containers are made here through the Engine API (labelled container-lens-shots, removed at the end).
// Without DOCKER_HOST the Containers picture is skipped with a message, except under CI, where it fails.
//
//   node test/e2e/screenshots.mjs <code-server base url> [workspace folder]
// Pictures go to test/e2e/screenshots/ when one is missing or with UPDATE_SCREENSHOTS=1 (so a test run does not
// churn binary files in git), else to test/e2e/.artifacts/screenshots/. Last line: "N passed, N failed".
import * as http from 'node:http';
import { join } from 'node:path';
import { squeeze, startE2e } from './lib.mjs';

const IS_CI = process.env.CI === 'true' || process.env.CI === '1';
const DOCKER_HOST = (process.env.DOCKER_HOST || '').trim();
const IMAGE = (process.env.CL_ENGINE_IMAGE || '').trim() || 'container-lens-test/busybox:1';
const LABEL = 'container-lens-shots';

const { shots: SHOTS, context, page, check, runCommand, checkWorkbenchLoads, finish } = await startE2e({
  script: 'screenshots.mjs',
  label: 'e2e-shots',
  pictures: ['containers.png', 'compose.png', 'kubernetes.png'],
  viewport: { width: 1280, height: 800 },
  failPrefix: 'shots-',
});

// ---- the engine -------------------------------------------------------------------------------------------

/** One Engine API call over the unix socket DOCKER_HOST names; JSON in and out. */
function engine(method, path, body) {
  const socketPath = DOCKER_HOST.replace(/^unix:\/\//, '');
  return new Promise((done, fail) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(
      { socketPath, method, path: `/v1.41${path}`, headers: { Host: 'docker', ...(data ? { 'Content-Type': 'application/json', 'Content-Length': data.length } : {}) }, timeout: 60_000 },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode >= 300 && res.statusCode !== 304) fail(new Error(`${method} ${path}: ${res.statusCode} ${text.trim()}`));
          else done(text ? JSON.parse(text) : undefined);
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in 60 s`)));
    req.on('error', fail);
    req.end(data);
  });
}

/**
 * Containers a reader recognises: a compose project and standalone ones, from hardened to privileged.
 * `start: false` ones stay created (a privileged container cannot start in this sandbox, and inspect still says so).
 */
const SOCKET = DOCKER_HOST.replace(/^unix:\/\//, '');
const CONTAINERS = [
  { name: 'shop-web-1', project: 'shop', service: 'web', host: { NetworkMode: 'host' } },
  { name: 'shop-db-1', project: 'shop', service: 'db', user: '65534:65534', host: { Memory: 256 << 20, PidsLimit: 200 } },
  { name: 'shop-cache-1', project: 'shop', service: 'cache', host: {}, start: false },
  { name: 'engine-ui', host: { Binds: [`${SOCKET}:/var/run/docker.sock`] } },
  { name: 'debugger', host: { PidMode: 'host', CapAdd: ['SYS_PTRACE'] } },
  { name: 'node-agent', host: { Privileged: true }, start: false },
  {
    name: 'hardened-api',
    user: '65534:65534',
    host: { CapDrop: ['ALL'], ReadonlyRootfs: true, SecurityOpt: ['no-new-privileges'], Memory: 128 << 20, PidsLimit: 100 },
  },
];

async function removeOurs() {
  const list = await engine('GET', `/containers/json?all=1&filters=${encodeURIComponent(JSON.stringify({ label: [LABEL] }))}`);
  for (const c of list) await engine('DELETE', `/containers/${c.Id}?force=1`).catch(() => {});
  return list.length;
}

async function makeContainers() {
  await removeOurs();
  for (const c of CONTAINERS) {
    const labels = { [LABEL]: '1', ...(c.project ? { 'com.docker.compose.project': c.project, 'com.docker.compose.service': c.service } : {}) };
    const body = {
      Image: IMAGE,
      Cmd: ['sleep', '3600'],
      ...(c.user ? { User: c.user } : {}),
      Labels: labels,
      HostConfig: { Init: true, NetworkMode: 'none', ...c.host },
    };
    const { Id } = await engine('POST', `/containers/create?name=${encodeURIComponent(c.name)}`, body);
    if (c.start !== false) await engine('POST', `/containers/${Id}/start`);
  }
}

// ---- the workbench ------------------------------------------------------------------------------------------

async function openFile(relative) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible', timeout: 30_000 });
  await input.fill(relative);
  const name = relative.split('/').pop();
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: 30_000 });
}

/** The screen position of `needle` inside the rendered editor line that contains it (a few characters in). */
async function positionOf(needle, offset = 2) {
  const handle = await page.waitForFunction(
    ({ needle, offset }) => {
      for (const line of document.querySelectorAll('.monaco-editor .view-lines .view-line')) {
        const text = line.textContent.replace(/\u00a0/g, ' ');
        const at = text.indexOf(needle);
        if (at < 0) continue;
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        let seen = 0;
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const len = n.textContent.length;
          if (seen + len > at + offset) {
            const range = document.createRange();
            range.setStart(n, at + offset - seen);
            range.setEnd(n, at + offset - seen + 1);
            const r = range.getBoundingClientRect();
            return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
          }
          seen += len;
        }
      }
      return null;
    },
    { needle, offset },
    { timeout: 60_000 },
  );
  return handle.jsonValue();
}

/** Hover over `needle` until a hover whose text matches `expect` shows; returns that text. */
async function hoverOn(needle, expect, offset = 2) {
  const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').filter({ hasText: expect }).first();
  for (let attempt = 1; ; attempt++) {
    const p = await positionOf(needle, offset);
    await page.mouse.move(p.x - 3, p.y);
    await page.mouse.move(p.x, p.y);
    try {
      await hover.waitFor({ state: 'visible', timeout: 15_000 });
      break;
    } catch (e) {
      // the first hover can come before the extension host has the file's model: move away and back
      if (attempt >= 3) throw e;
      await page.mouse.move(5, 400);
      await page.waitForTimeout(500);
    }
  }
  await page.locator('.monaco-hover:not(.hidden)', { hasText: 'Checking for quick fixes' }).waitFor({ state: 'detached', timeout: 5_000 }).catch(() => {});
  return squeeze(await hover.innerText());
}

let engineReady = false;
try {
  await checkWorkbenchLoads('compose.yaml');

  if (!DOCKER_HOST.startsWith('unix://')) {
    const why = DOCKER_HOST ? `DOCKER_HOST is ${DOCKER_HOST}, not a unix socket` : 'no DOCKER_HOST (the private engine is not running)';
    if (IS_CI) await check('the Containers picture has an engine', async () => { throw new Error(why); });
    else console.log(`skip - the Containers view picture: ${why}`);
  } else {
    await check('containers for the picture, made through the Engine API', async () => {
      await makeContainers();
      engineReady = true;
      return CONTAINERS.map((c) => c.name).join(', ');
    });
  }

  if (engineReady) {
    await check('the Containers view shows them, grouped, with isolation badges', async () => {
      await page.locator('.activitybar .action-item .action-label[aria-label^="Container Lens"]').first().click();
      const pane = page.locator('.part.sidebar');
      const row = (name) => pane.locator('.monaco-list-row', { hasText: name }).first();
      for (const c of CONTAINERS) await row(c.name).waitFor({ timeout: 60_000 });
      // a wider side bar, so the descriptions (status, badges, image) are readable
      const box = await pane.boundingBox();
      await page.mouse.move(box.x + box.width + 1, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width + 260, box.y + box.height / 2, { steps: 8 });
      await page.mouse.up();
      // badges come with the inspects the view makes in the background
      await row('node-agent').filter({ hasText: '⚠ privileged' }).waitFor({ timeout: 60_000 });
      await row('engine-ui').filter({ hasText: `mounts ${SOCKET}` }).waitFor({ timeout: 60_000 });
      await row('shop-web-1').filter({ hasText: 'host network' }).waitFor({ timeout: 60_000 });
      const group = squeeze(await row('shop').innerText());
      if (!/compose · 2\/3 up/.test(group)) throw new Error(`the shop group says "${group}"`);
      // expand one container: its Isolation rows open by themselves
      await row('debugger').click();
      await page.keyboard.press('ArrowRight');
      const isolation = pane.locator('.monaco-list-row', { hasText: 'Isolation' }).filter({ hasText: 'privileged container' }).first();
      await isolation.waitFor({ timeout: 30_000 });
      await pane.locator('.monaco-list-row', { hasText: 'host PID + SYS_PTRACE' }).first().waitFor({ timeout: 30_000 });
      const next = pane.locator('.monaco-list-row', { hasText: 'Next:' }).first();
      await next.waitFor({ timeout: 30_000 });
      // the step up, said as docker run flags (a live container), not compose keys
      await next.click();
      await page.keyboard.press('ArrowRight');
      const step = pane.locator('.monaco-list-row', { hasText: 'recreate it without --pid host' }).first();
      await step.waitFor({ timeout: 30_000 });
      if (await pane.locator('.monaco-list-row', { hasText: /pid: host|cap_add/ }).count()) throw new Error('a compose key in a live container\'s next step');
      await page.mouse.move(box.x + 20, box.y + box.height - 20);
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(SHOTS, 'containers.png') });
      return `${CONTAINERS.length} containers; debugger: ${squeeze(await isolation.innerText())}; ${squeeze(await next.innerText())}: ${squeeze(await step.innerText())}`;
    });
  }

  await check('compose.yaml: diagnostics and the docker.sock hover', async () => {
    await runCommand('View: Close Primary Side Bar');
    await openFile('compose.yaml');
    await page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning').first().waitFor({ timeout: 90_000 });
    // the code lens above each service
    await page.locator('.monaco-editor .codelens-decoration', { hasText: /container/ }).first().waitFor({ timeout: 60_000 });
    const text = await hoverOn('/var/run/docker.sock:', /socket/i, 12);
    if (!/dashboard/.test(text)) throw new Error(`the hover does not name the service: ${text.slice(0, 160)}`);
    await page.screenshot({ path: join(SHOTS, 'compose.png') });
    return JSON.stringify(text.slice(0, 160));
  });
  await page.mouse.move(640, 790);
  await page.keyboard.press('Escape');

  await check('k8s/daemonset.yaml: the privileged hover', async () => {
    await openFile('k8s/daemonset.yaml');
    await page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning').first().waitFor({ timeout: 90_000 });
    await page.locator('.monaco-editor .codelens-decoration', { hasText: /privileged container/ }).first().waitFor({ timeout: 60_000 });
    const text = await hoverOn('privileged: true', /privileged/i, 3);
    if (!/agent/.test(text)) throw new Error(`the hover does not name the container: ${text.slice(0, 160)}`);
    await page.screenshot({ path: join(SHOTS, 'kubernetes.png') });
    return JSON.stringify(text.slice(0, 160));
  });
} finally {
  await context.close().catch(() => {});
  if (engineReady) {
    const n = await removeOurs().catch((e) => {
      console.log(`could not remove the picture's containers: ${e.message}`);
      return 0;
    });
    console.log(`removed ${n} containers labelled ${LABEL}`);
  }
}

finish();
