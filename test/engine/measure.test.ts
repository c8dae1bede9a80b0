/**
 * "Measure here" of the comparison panel against the private engine: a one-shot image, an image whose
 * process stops on SIGTERM, one that ignores it (killed after the grace time), an image that is not
 * there (never pulled), and no container left behind. Images with another default command are made
 * with `POST /commit` from the test image, over the engine's socket.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measuredView } from '../../src/core/panel/measured';
import type { EngineClient } from '../../src/docker/engine-client';
import { MEASURE_LABEL, measureImage } from '../../src/panel/measure';
import { TEST_LABEL, engineInfo, newClient, readyEngine, runContainer } from './helpers';

const info = engineInfo();

/** `POST /commit` with a new CMD (the client has no commit call: the panel never needs one). */
function commit(container: string, repo: string, cmd: string[]): Promise<void> {
  const socketPath = readyEngine().dockerHost.replace(/^unix:\/\//, '');
  const query = new URLSearchParams({ container, repo, tag: '1', changes: `CMD ${JSON.stringify(cmd)}` });
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, method: 'POST', path: `/v1.41/commit?${query}` }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 201 ? resolve() : reject(new Error(`commit: HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

describe.skipIf(!info.available)('measure here (real engine)', () => {
  let client: EngineClient;
  const STOPS = 'container-lens-test/stops-on-term';
  const IGNORES = 'container-lens-test/ignores-term';

  beforeAll(async () => {
    client = newClient();
    const base = await runContainer(client, { cmd: ['true'], start: false });
    await commit(base, STOPS, ['sh', '-c', "trap 'exit 0' TERM; while :; do sleep 0.1; done"]);
    await commit(base, IGNORES, ['sleep', '3600']);
    await client.remove(base, { force: true });
  });

  afterAll(async () => {
    client?.dispose();
  });

  const leftovers = async () => (await client.listContainers({ all: true, filters: { label: [MEASURE_LABEL] } })).length;

  it('a one-shot image: created, started, ended by itself, removed; size and layers from the engine', async () => {
    const image = readyEngine().image;
    const steps: string[] = [];
    const raw = await measureImage(client, image, { engine: 'test engine', progress: (t) => steps.push(t) });
    expect(raw.local).toBe(true);
    expect(raw.runError).toBeUndefined();
    expect(raw.run?.exitedOnItsOwn).toBe(true);
    expect(raw.run!.startMs).toBeGreaterThan(0);
    expect(raw.run!.startMs).toBeLessThan(30_000);
    const inspect = await client.imageInspect(image);
    expect(raw.imageInfo?.sizeBytes).toBe(inspect.Size);
    expect(raw.imageInfo!.layers.length).toBeGreaterThan(0);
    expect(steps[0]).toMatch(/Looking for/);
    expect(await leftovers()).toBe(0);
    const view = measuredView(raw);
    expect(view.status).toBe('ok');
    expect(view.rows.map((r) => r.label)).toEqual(['Start (create + start)', 'Stop', 'Remove', 'Image size', 'Layers']);
  });

  it('a process that stops on SIGTERM: stopped well within the grace time', async () => {
    const raw = await measureImage(client, `${STOPS}:1`, { engine: 'test engine', graceSeconds: 5 });
    expect(raw.run?.exitedOnItsOwn).toBe(false);
    expect(raw.run?.killedAfterGrace).toBe(false);
    expect(raw.run!.stopMs).toBeLessThan(5000);
    expect(await leftovers()).toBe(0);
  });

  it('a process that ignores SIGTERM: killed when the grace time runs out, and said so', async () => {
    const raw = await measureImage(client, `${IGNORES}:1`, { engine: 'test engine', graceSeconds: 1 });
    expect(raw.run?.exitedOnItsOwn).toBe(false);
    expect(raw.run!.stopMs).toBeGreaterThanOrEqual(1000);
    expect(raw.run?.killedAfterGrace).toBe(true);
    expect(measuredView(raw).rows.find((r) => r.label === 'Stop')!.measured).toMatch(/killed after the 1 s grace time/);
    expect(await leftovers()).toBe(0);
  });

  it('an image that is not on the engine is reported, never pulled', async () => {
    const before = (await client.listContainers({ all: true })).length;
    const raw = await measureImage(client, 'container-lens-test/not-here:404', { engine: 'test engine' });
    expect(raw).toMatchObject({ local: false, image: 'container-lens-test/not-here:404' });
    expect(raw.run).toBeUndefined();
    await expect(client.imageInspect('container-lens-test/not-here:404')).rejects.toMatchObject({ statusCode: 404 });
    expect((await client.listContainers({ all: true })).length).toBe(before);
  });

  it('cleans up its own containers only', async () => {
    const mine = await client.listContainers({ all: true, filters: { label: [TEST_LABEL] } });
    expect(mine.every((c) => !c.Labels?.[MEASURE_LABEL])).toBe(true);
  });
});
