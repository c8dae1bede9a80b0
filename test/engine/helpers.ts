/**
 * Shared pieces of the real-engine tests: the client for the private engine, containers made over the
 * API (never pulled; labelled so cleanup finds them) and waiting on events instead of sleeping.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { inject } from 'vitest';
import { parseHost } from '../../src/docker/endpoint';
import type { Endpoint } from '../../src/docker/endpoint';
import { EngineClient } from '../../src/docker/engine-client';
import type { EngineClientOptions, StreamHandle } from '../../src/docker/engine-client';
import type { EngineEvent } from '../../src/docker/types';
import type { EngineInfo } from './engine-info';

export type ReadyEngine = Extract<EngineInfo, { available: true }>;

export const TEST_LABEL = 'container-lens-test';

export function engineInfo(): EngineInfo {
  return inject('engine');
}

/** The engine, or a reason to skip (describe.skipIf). */
export function readyEngine(): ReadyEngine {
  const info = engineInfo();
  if (!info.available) throw new Error(`no engine: ${info.reason}`);
  return info;
}

export function endpointOf(host: string): Endpoint {
  return { ...parseHost(host, undefined), source: 'DOCKER_HOST', candidates: [] };
}

export function newClient(options: EngineClientOptions = {}): EngineClient {
  return new EngineClient(endpointOf(readyEngine().dockerHost), options);
}

export interface RunSpec {
  cmd?: string[];
  tty?: boolean;
  name?: string;
  user?: string;
  labels?: Record<string, string>;
  hostConfig?: Record<string, unknown>;
  /** Start it after creating (default true). */
  start?: boolean;
}

/** `docker run -d --init --network none` over the API, from the test image (never pulled). */
export async function runContainer(client: EngineClient, spec: RunSpec = {}): Promise<string> {
  const { Id } = await client.createContainer(
    {
      Image: readyEngine().image,
      Cmd: spec.cmd ?? ['sleep', 'inf'],
      Tty: spec.tty ?? false,
      ...(spec.user ? { User: spec.user } : {}),
      Labels: { [TEST_LABEL]: '1', ...spec.labels },
      // --init: busybox sleep as PID 1 ignores SIGTERM and would make every stop take 10 s.
      HostConfig: { Init: true, NetworkMode: 'none', ...spec.hostConfig },
    },
    spec.name ? { name: spec.name } : {},
  );
  if (spec.start ?? true) await client.start(Id);
  return Id;
}

/** Remove every container of the private engine (it is ours alone). */
export async function removeAll(client: EngineClient): Promise<void> {
  const all = await client.listContainers({ all: true });
  await inBatches(all, 8, (c) => client.remove(c.Id, { force: true }));
}

/** Run `work` over items with at most `width` at a time (the engine has 2 CPUs to share). */
export async function inBatches<T, R>(items: readonly T[], width: number, work: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!, i);
    }
  });
  await Promise.all(lanes);
  return results;
}

/**
 * An events stream that records everything, with `until(predicate)` to wait for an event (or a
 * timeout error naming what was awaited and what arrived).
 */
export class EventRecorder {
  readonly events: EngineEvent[] = [];
  private waiters: Array<{ predicate: (e: EngineEvent[]) => boolean; resolve: () => void }> = [];
  handle!: StreamHandle;

  static async open(client: EngineClient, filters: Record<string, string[]> = { type: ['container'] }): Promise<EventRecorder> {
    const r = new EventRecorder();
    r.handle = await client.events({ filters }, (e) => r.push(e));
    return r;
  }

  private push(e: EngineEvent): void {
    this.events.push(e);
    this.waiters = this.waiters.filter((w) => {
      if (!w.predicate(this.events)) return true;
      w.resolve();
      return false;
    });
  }

  actionsOf(id: string): string[] {
    return this.events.filter((e) => e.Actor.ID === id).map((e) => e.Action.split(':')[0]!);
  }

  until(predicate: (events: EngineEvent[]) => boolean, ms: number, what: string): Promise<void> {
    if (predicate(this.events)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`timed out after ${ms} ms waiting for ${what}; got: ${this.events.map((e) => `${e.Action}(${e.Actor.ID.slice(0, 8)})`).join(', ')}`));
      }, ms);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push({ predicate, resolve: done });
    });
  }

  dispose(): void {
    this.handle.dispose();
  }
}

/** A promise that rejects after `ms` naming `what`, raced against `p`. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export function engineScript(name: 'start-engine.sh' | 'stop-engine.sh'): { status: number | null; stdout: string; stderr: string; ms: number } {
  const t = performance.now();
  const r = spawnSync('bash', [join(readyEngine().root, 'scripts', 'engine', name)], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: Math.round(performance.now() - t) };
}
