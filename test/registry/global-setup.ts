/**
 * Before the registry suite: checks the tools (docker-registry, openssl, htpasswd), bundles the CLI and
 * the registry module for child-process tests, and starts the private dockerd for the engine-path tests
 * (stopped afterwards unless it was already running).
 *
 * Outside CI, a machine without the tools or without root skips those tests with the reason; under CI
 * (CI=true or 1) a missing piece fails the suite: run-tests.sh installs the tools first.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { TestProject } from 'vitest/node';
import type { RegistrySuiteInfo } from './setup-info';

const ROOT = join(import.meta.dirname, '..', '..');
const isCi = () => process.env.CI === 'true' || process.env.CI === '1';
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

function engineScript(name: string): { status: number | null; stdout: string } {
  const r = spawnSync('bash', [join(ROOT, 'scripts', 'engine', name)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return { status: r.status, stdout: r.stdout ?? '' };
}

function pingEngine(sock: string): boolean {
  return spawnSync('curl', ['-s', '--max-time', '2', '--unix-socket', sock, 'http://engine/_ping'], { encoding: 'utf8' }).stdout === 'OK';
}

export default async function setup(project: TestProject): Promise<() => void> {
  const missing = ['docker-registry', 'openssl', 'htpasswd'].filter((c) => !has(c));
  const tools: RegistrySuiteInfo['tools'] =
    missing.length === 0 ? { available: true } : { available: false, reason: `not installed: ${missing.join(', ')} (apt-get install -y docker-registry apache2-utils openssl)` };
  if (!tools.available) {
    if (isCi()) throw new Error(`registry suite under CI: ${tools.reason}`);
    console.warn(`[registry suite] registry tests skipped: ${tools.reason}`);
  }

  const dir = mkdtempSync(join(tmpdir(), 'container-lens-registry-bundles-'));
  const common = { bundle: true, platform: 'node' as const, format: 'cjs' as const, target: 'node20', logLevel: 'error' as const, absWorkingDir: ROOT };
  await build({ ...common, entryPoints: [join(ROOT, 'src/cli/main.ts')], outfile: join(dir, 'cli.cjs') });
  await build({ ...common, entryPoints: [join(ROOT, 'src/registry/index.ts')], outfile: join(dir, 'registry.cjs') });

  let engine: RegistrySuiteInfo['engine'];
  let stopEngine = false;
  const sock = `${process.env.CL_ENGINE_RUN ?? '/run/container-lens-test'}/docker.sock`;
  const wasRunning = pingEngine(sock);
  const skipEngine = process.env.SKIP_ENGINE === '1' && !isCi();
  const started = skipEngine ? { status: 3, stdout: '' } : engineScript('start-engine.sh');
  const env = Object.fromEntries(
    started.stdout
      .split('\n')
      .map((l) => /^([A-Z_]+)=(.*)$/.exec(l.trim()))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1]!, m[2]!]),
  );
  if (started.status === 0 && env.DOCKER_HOST && env.CL_ENGINE_IMAGE) {
    engine = { available: true, dockerHost: env.DOCKER_HOST, image: env.CL_ENGINE_IMAGE };
    stopEngine = !wasRunning && process.env.CL_ENGINE_KEEP !== '1';
  } else {
    const reason = skipEngine
      ? 'SKIP_ENGINE=1'
      : started.status === 3
        ? 'no private Docker engine and not root (scripts/engine/start-engine.sh)'
        : `scripts/engine/start-engine.sh exited ${started.status}`;
    if (isCi()) throw new Error(`registry suite under CI needs the engine: ${reason}`);
    console.warn(`[registry suite] engine-path tests skipped: ${reason}`);
    engine = { available: false, reason };
  }

  project.provide('registrySuite', { tools, bundles: { cli: join(dir, 'cli.cjs'), registry: join(dir, 'registry.cjs') }, engine });
  return () => {
    rmSync(dir, { recursive: true, force: true });
    if (stopEngine) engineScript('stop-engine.sh');
  };
}
