/**
 * Starts the private engine (scripts/engine/start-engine.sh) before the engine suite and stops it after,
 * unless it was already running (then someone else owns it: `npm start`, run-tests.sh, a developer).
 *
 * Not root and no engine: every test is skipped with the reason, except under CI (CI=true or 1), where a
 * missing engine fails the run: CI must test the real thing.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { EngineClient } from '../../src/docker/engine-client';
import { parseHost } from '../../src/docker/endpoint';
import type { EngineInfo } from './engine-info';

const ROOT = join(import.meta.dirname, '..', '..');
const isCi = () => process.env.CI === 'true' || process.env.CI === '1';

function runScript(name: string): { status: number | null; stdout: string } {
  const r = spawnSync('bash', [join(ROOT, 'scripts', 'engine', name)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return { status: r.status, stdout: r.stdout ?? '' };
}

function envLines(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

async function answering(host: string): Promise<boolean> {
  const client = new EngineClient({ ...parseHost(host, undefined), source: 'DOCKER_HOST', candidates: [] }, { timeoutMs: 2000 });
  try {
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    client.dispose();
  }
}

export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  const defaultRun = process.env.CL_ENGINE_RUN ?? '/run/container-lens-test';
  const wasRunning = await answering(`unix://${defaultRun}/docker.sock`);
  const started = runScript('start-engine.sh');
  if (started.status === 3 && !isCi()) {
    const info: EngineInfo = { available: false, reason: 'no Docker engine here and not root (run scripts/engine/start-engine.sh as root)' };
    console.warn(`[engine suite] skipped: ${info.reason}`);
    project.provide('engine', info);
    return undefined;
  }
  if (started.status !== 0) {
    throw new Error(`scripts/engine/start-engine.sh exited ${started.status}${isCi() ? ' (under CI a missing engine is a failure)' : ''}`);
  }
  const env = envLines(started.stdout);
  if (!env.DOCKER_HOST || !env.CL_ENGINE_RUN || !env.CL_ENGINE_IMAGE) throw new Error(`start-engine.sh printed no DOCKER_HOST:\n${started.stdout}`);
  project.provide('engine', {
    available: true,
    dockerHost: env.DOCKER_HOST,
    runDir: env.CL_ENGINE_RUN,
    image: env.CL_ENGINE_IMAGE,
    root: ROOT,
    canControlDaemon: process.getuid?.() === 0,
  });
  if (wasRunning || process.env.CL_ENGINE_KEEP === '1') return undefined;
  return () => {
    runScript('stop-engine.sh');
  };
}
