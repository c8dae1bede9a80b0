import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { httpEngine, tempDir } from '../docker/test-engine';
import type { FakeEngine } from '../docker/test-engine';
import { engineDigestSource } from './engine-source';

const D1 = `sha256:${'1'.repeat(64)}`;
const deps = (env: Record<string, string>) => () => ({ env, homeDir: '/nonexistent', platform: 'linux', readFile: () => undefined, exists: () => false });

let engine: FakeEngine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

describe('engineDigestSource (over HTTP on a unix socket)', () => {
  it('reads RepoDigests of an image the engine has; an image it lacks is undefined', async () => {
    engine = await httpEngine((req, res) => {
      if (req.url === '/v1.41/images/127.0.0.1:5000/cl/multi:1.0/json') {
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ Id: 'sha256:abc', RepoDigests: [`127.0.0.1:5000/cl/multi@${D1}`] }));
        return true;
      }
      if (req.url?.startsWith('/v1.41/images/')) {
        res.statusCode = 404;
        res.end(JSON.stringify({ message: 'No such image: node:20' }));
        return true;
      }
      return false;
    });
    const source = engineDigestSource({ settings: () => ({ host: `unix://${engine!.socketPath}` }), deps: deps({}) });
    try {
      expect(await source.imageRepoDigests('127.0.0.1:5000/cl/multi:1.0')).toEqual([`127.0.0.1:5000/cl/multi@${D1}`]);
      expect(await source.imageRepoDigests('node:20')).toBeUndefined();
      expect(engine.seen.filter((l) => l.includes('/images/'))).toHaveLength(2);
    } finally {
      source.dispose();
    }
  });

  it('no engine: undefined at once, and not asked again for a while', async () => {
    const tmp = tempDir();
    let now = 0;
    let lookups = 0;
    const base = deps({ DOCKER_HOST: `unix://${join(tmp.dir, 'missing.sock')}` });
    const source = engineDigestSource({
      settings: () => ({ host: '' }),
      deps: () => {
        lookups++;
        return base();
      },
      now: () => now,
      retryAfterMs: 30_000,
    });
    try {
      const t0 = Date.now();
      expect(await source.imageRepoDigests('node:20')).toBeUndefined();
      expect(Date.now() - t0).toBeLessThan(2000);
      expect(lookups).toBe(1);
      now += 29_000;
      expect(await source.imageRepoDigests('redis:7')).toBeUndefined();
      expect(lookups).toBe(1);
      now += 2_000;
      expect(await source.imageRepoDigests('redis:7')).toBeUndefined();
      expect(lookups).toBe(2);
    } finally {
      source.dispose();
      tmp.remove();
    }
  });

  it('reads the settings at every call: a changed docker.host is asked from then on', async () => {
    const digests = (name: string) => (req: { url?: string }, res: { setHeader(k: string, v: string): void; end(b: string): void }) => {
      if (!req.url?.startsWith('/v1.41/images/')) return false;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ Id: 'sha256:abc', RepoDigests: [`${name}@${D1}`] }));
      return true;
    };
    engine = await httpEngine(digests('first/app'));
    const second = await httpEngine(digests('second/app'));
    let host = `unix://${engine.socketPath}`;
    const source = engineDigestSource({ settings: () => ({ host }), deps: deps({}) });
    try {
      expect(await source.imageRepoDigests('app:1')).toEqual([`first/app@${D1}`]);
      host = `unix://${second.socketPath}`;
      expect(await source.imageRepoDigests('app:1')).toEqual([`second/app@${D1}`]);
      expect(second.seen.filter((l) => l.includes('/images/'))).toHaveLength(1);
    } finally {
      source.dispose();
      await second.close();
    }
  });

  it('an unusable DOCKER_HOST is undefined, not an exception', async () => {
    const source = engineDigestSource({ settings: () => ({ host: 'bogus://x' }), deps: deps({}) });
    await expect(source.imageRepoDigests('node:20')).resolves.toBeUndefined();
    source.dispose();
  });
});
