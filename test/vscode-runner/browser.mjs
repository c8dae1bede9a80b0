// Launches Debian's Chromium through playwright-core (Playwright's own browser download is not
// reachable here). The profile folder lives in the tool cache (first start in an empty profile is
// slow); per-site storage is wiped each launch so one run's workbench state never leaks into the next.
import { existsSync, mkdirSync, mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const CACHE = process.env.CL_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'container-lens-test');

export function chromiumPath() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(p)) return p;
  throw new Error('chromium not found: install Debian\'s chromium (apt-get install chromium) or set CHROMIUM');
}

const PER_SITE = ['IndexedDB', 'Local Storage', 'Session Storage', 'Service Worker', 'WebStorage', 'Sessions',
  'Cookies', 'Cookies-journal', 'shared_proto_db'];

/** @returns {Promise<{ context: import('playwright-core').BrowserContext, page: import('playwright-core').Page }>} */
/** The PID in Chromium's SingletonLock ("host-pid") when that process is still alive. */
function lockOwner(profile) {
  try {
    const pid = Number(readlinkSync(join(profile, 'SingletonLock')).split('-').pop());
    if (!pid) return undefined;
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

export async function launchBrowser({ viewport = { width: 1280, height: 800 }, name = 'default' } = {}) {
  let profile = join(process.env.CHROMIUM_PROFILE || join(CACHE, 'chromium-profile'), name);
  let temporary = false;
  mkdirSync(profile, { recursive: true });
  if (lockOwner(profile)) {
    // another run uses the cached profile right now: take a fresh one rather than share it
    profile = mkdtempSync(join(tmpdir(), `container-lens-chromium-${name}-`));
    temporary = true;
  }
  for (const f of ['SingletonLock', 'SingletonSocket', 'SingletonCookie']) rmSync(join(profile, f), { force: true });
  for (const d of PER_SITE) rmSync(join(profile, 'Default', d), { recursive: true, force: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: !process.env.HEADED,
    viewport,
    deviceScaleFactor: 1,
    colorScheme: 'dark',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  if (temporary) context.on('close', () => rmSync(profile, { recursive: true, force: true }));
  const page = context.pages()[0] || (await context.newPage());
  return { context, page };
}

/** The workbench URL; `payload` entries (extensionDevelopmentPath, extensionTestsPath) need
 * code-server started with `--vscode-option enable-smoke-test-driver`. */
export function workbenchUrl(base, folder, payload = []) {
  const authority = new URL(base).host; // code-server's remote authority is the page's host:port
  const remote = (p) => `vscode-remote://${authority}${p}`;
  let url = `${base}/?folder=${encodeURIComponent(folder)}`;
  if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload.map(([k, p]) => [k, remote(p)])))}`;
  return url;
}
