/**
 * "Measure here": start and stop one container from a local image on the user's engine and read the
 * image's size and layers, over the Engine API. Only on an explicit click; never pulls (an image that
 * is not local is reported as such); the container gets no network, no mounts, no privileges, a label
 * and a name of ours, and is removed whatever happens. No vscode here: the engine suite runs it against
 * a real dockerd.
 */
import type { RawMeasurement } from '../core/panel/measured';
import { isEngineError } from '../docker';
import type { EngineClient } from '../docker';


/** How long a command may take to end by itself after its start before it is treated as a service and stopped. */
const ONE_SHOT_GRACE_MS = 1000;
export type MeasureClient = Pick<
  EngineClient,
  'imageInspect' | 'imageHistory' | 'createContainer' | 'start' | 'stop' | 'remove' | 'inspectContainer' | 'wait'
>;

export interface MeasureOptions {
  /** The engine in words, for the result (`Docker 26.1.5 at unix:///…`). */
  engine: string;
  /** Seconds between SIGTERM and SIGKILL when stopping (short: this is a measurement). */
  graceSeconds?: number;
  /** Clock in milliseconds (tests). */
  now?: () => number;
  /** Progress, in words. */
  progress?: (text: string) => void;
  /** Label on the container, so a leftover can be found (`container-lens.measure`). */
  label?: string;
}

export const MEASURE_LABEL = 'container-lens.measure';

const isNotFound = (e: unknown) => isEngineError(e) && e.kind === 'engine' && e.statusCode === 404;

/** Measure `image` on the engine behind `client`. Rejects only when the engine cannot be reached at all. */
export async function measureImage(client: MeasureClient, image: string, options: MeasureOptions): Promise<RawMeasurement> {
  const now = options.now ?? (() => performance.now());
  const grace = options.graceSeconds ?? 3;
  const progress = options.progress ?? (() => undefined);
  const base = { engine: options.engine, image, at: new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC' };

  progress(`Looking for ${image} on the engine…`);
  let inspect;
  try {
    inspect = await client.imageInspect(image);
  } catch (e) {
    if (isNotFound(e)) return { ...base, local: false };
    throw e;
  }
  const history = await client.imageHistory(image).catch(() => []);
  const imageInfo = {
    sizeBytes: inspect.Size ?? history.reduce((n, h) => n + (h.Size > 0 ? h.Size : 0), 0),
    layers: history.map((h) => ({ createdBy: h.CreatedBy ?? '', sizeBytes: h.Size ?? 0 })),
  };

  progress(`Creating a container from ${image}…`);
  let id: string | undefined;
  try {
    const t0 = now();
    const created = await client.createContainer(
      {
        Image: inspect.Id,
        Labels: { [options.label ?? MEASURE_LABEL]: '1' },
        NetworkDisabled: true,
        HostConfig: { NetworkMode: 'none', AutoRemove: false, Privileged: false },
      },
      { name: `container-lens-measure-${Math.random().toString(36).slice(2, 10)}` },
    );
    id = created.Id;
    const t1 = now();
    progress('Starting it…');
    await client.start(id);
    const t2 = now();
    const state = await client.inspectContainer(id);
    // a one-shot command may still be finishing when the start call returns: give it a moment to end by itself
    // before treating it as a service that has to be stopped
    const exitedOnItsOwn =
      state.State?.Running !== true ||
      (await client.wait(id, { condition: 'not-running', timeoutMs: ONE_SHOT_GRACE_MS }).then(() => true, () => false));
    progress(exitedOnItsOwn ? 'Its command has ended; waiting for it…' : 'Stopping it…');
    const t3 = now();
    if (exitedOnItsOwn) await client.wait(id, { condition: 'not-running', timeoutMs: 10_000 });
    else await client.stop(id, { t: grace });
    const t4 = now();
    const stopMs = exitedOnItsOwn ? 0 : t4 - t3;
    progress('Removing it…');
    const t5 = now();
    await client.remove(id, { force: true });
    const t6 = now();
    id = undefined;
    return {
      ...base,
      local: true,
      imageInfo,
      run: {
        createMs: t1 - t0,
        startMs: t2 - t1,
        stopMs,
        removeMs: t6 - t5,
        exitedOnItsOwn,
        killedAfterGrace: !exitedOnItsOwn && stopMs >= grace * 1000,
        graceSeconds: grace,
      },
    };
  } catch (e) {
    if (!isEngineError(e) || e.kind !== 'engine') throw e;
    return { ...base, local: true, imageInfo, runError: e.engineMessage ?? e.message };
  } finally {
    if (id) await client.remove(id, { force: true }).catch(() => undefined);
  }
}
