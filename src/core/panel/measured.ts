/**
 * Figures measured on the user's engine ("measured here"), set beside the typical figures of the seeds
 * ("typical"). The measuring itself happens in the editor glue over the Engine API; this turns its raw
 * numbers into rows the panel shows, with the comparison worked out.
 */
import { TYPICAL_TIMES, TYPICAL_VM_IMAGES } from './content';

export interface RawMeasurement {
  /** The engine, as the user knows it: `Docker 26.1.5 at unix:///var/run/docker.sock`. */
  engine: string;
  /** The image asked for. */
  image: string;
  /** ISO time of the measurement. */
  at: string;
  /** The image is on the engine (nothing is ever pulled). */
  local: boolean;
  /** Create → start → stop → remove of one container from the image, in milliseconds. */
  run?: {
    createMs: number;
    startMs: number;
    stopMs: number;
    removeMs: number;
    /** Its command had ended before the stop (a one-shot command). */
    exitedOnItsOwn: boolean;
    /** It ignored SIGTERM and was killed when the grace time ran out. */
    killedAfterGrace: boolean;
    graceSeconds: number;
  };
  /** Why the run could not be measured (the image is there but the container would not start). */
  runError?: string;
  /** `docker image inspect` size and `docker history` layers. */
  imageInfo?: { sizeBytes: number; layers: { createdBy: string; sizeBytes: number }[] };
}

export interface MeasuredRow {
  label: string;
  /** What was measured here. */
  measured: string;
  /** The typical figures it is compared with, and the sources' wording. */
  typical: string;
  /** How the two compare, in a few words. */
  comparison: string;
}

export interface MeasuredView {
  engine: string;
  image: string;
  at: string;
  status: 'ok' | 'image-missing' | 'partial';
  message?: string;
  rows: MeasuredRow[];
  layers: { createdBy: string; size: string }[];
  /** Layers with content (history entries of size 0 are metadata steps). */
  layerCount: number;
}

export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '?';
  if (n < 1000) return `${Math.round(n)} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = -1;
  do {
    v /= 1000;
    u++;
  } while (v >= 1000 && u < units.length - 1);
  return `${v >= 100 ? Math.round(v) : v.toFixed(1)} ${units[u]}`;
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

/** `about 70–150× shorter` for a measured value against a typical range. */
function times(measured: number, low: number, high: number, word: string): string {
  if (measured <= 0) return `far ${word}`;
  const a = low / measured;
  const b = high / measured;
  const r = (x: number) => (x >= 10 ? String(Math.round(x)) : x.toFixed(1));
  if (a < 1.05 && b < 1.05) return 'about the same or more';
  return `about ${r(a)}–${r(b)}× ${word}`;
}

/** A one-line command for a layer: `RUN apt-get install …`, without BuildKit's `/bin/sh -c #(nop)` noise. */
export function layerCommand(createdBy: string): string {
  const s = createdBy
    .replace(/^\/bin\/sh -c #\(nop\)\s*/, '')
    .replace(/^\/bin\/sh -c /, 'RUN ')
    .replace(/\s+/g, ' ')
    .trim();
  return s.length > 120 ? `${s.slice(0, 119)}…` : s || '(no command recorded)';
}

export function measuredView(raw: RawMeasurement): MeasuredView {
  const rows: MeasuredRow[] = [];
  const base = { engine: raw.engine, image: raw.image, at: raw.at };
  if (!raw.local) {
    return {
      ...base,
      status: 'image-missing',
      message: `${raw.image} is not on this engine, and Container Lens never pulls: build or pull it yourself, then measure again.`,
      rows,
      layers: [],
      layerCount: 0,
    };
  }
  if (raw.run) {
    const r = raw.run;
    const vm = TYPICAL_TIMES.vmBoot;
    const wide = TYPICAL_TIMES.vmBootWide;
    rows.push({
      label: 'Start (create + start)',
      measured: formatMs(r.createMs + r.startMs),
      typical: `VM boot ${formatMs(vm.low)}–${formatMs(vm.high)}, up to ${formatMs(wide.high)}; container ${formatMs(TYPICAL_TIMES.containerStart.low)}–${formatMs(TYPICAL_TIMES.containerStart.high)}`,
      comparison: times(r.createMs + r.startMs, vm.low, vm.high, 'shorter than a VM boot'),
    });
    const stopNote = r.exitedOnItsOwn
      ? ' (its command had already ended)'
      : r.killedAfterGrace
        ? ` (ignored SIGTERM: killed after the ${r.graceSeconds} s grace time)`
        : '';
    const sd = TYPICAL_TIMES.vmShutdown;
    rows.push({
      label: 'Stop',
      measured: `${formatMs(r.stopMs)}${stopNote}`,
      typical: `VM shutdown ${formatMs(sd.low)}–${formatMs(sd.high)}`,
      comparison: times(r.stopMs, sd.low, sd.high, 'shorter than a VM shutdown'),
    });
    rows.push({ label: 'Remove', measured: formatMs(r.removeMs), typical: 'deleting a VM disk of gigabytes', comparison: 'the writable layer goes with it' });
  }
  const layers: MeasuredView['layers'] = [];
  let layerCount = 0;
  if (raw.imageInfo) {
    const size = raw.imageInfo.sizeBytes;
    const small = TYPICAL_VM_IMAGES[0];
    const web = TYPICAL_VM_IMAGES[TYPICAL_VM_IMAGES.length - 1];
    rows.push({
      label: 'Image size',
      measured: formatBytes(size),
      typical: TYPICAL_VM_IMAGES.map((v) => `${v.label} ${formatBytes(v.low)}${v.high ? `–${formatBytes(v.high)}` : '+'}`).join('; '),
      comparison:
        size > 0
          ? `${times(size, web.low, web.high ?? web.low, 'smaller than a web server VM image')}; ${times(size, small.low, small.low, 'smaller than a minimal VM image').replace(/about (\S+)–\1×/, 'about $1×')}`
          : 'empty image',
    });
    // `docker history` lists newest first; show base first, like the Dockerfile reads.
    const history = [...raw.imageInfo.layers].reverse();
    for (const l of history) {
      if (l.sizeBytes > 0) layerCount++;
      layers.push({ createdBy: layerCommand(l.createdBy), size: formatBytes(l.sizeBytes) });
    }
    rows.push({
      label: 'Layers',
      measured: `${layerCount} with content, ${history.length} history entries`,
      typical: 'a VM disk is one image; container layers are shared between images and containers',
      comparison: 'a layer already on the host is not stored or pulled twice',
    });
  }
  return {
    ...base,
    status: raw.run ? 'ok' : 'partial',
    ...(raw.runError ? { message: `The container could not be started: ${raw.runError}` } : {}),
    rows,
    layers,
    layerCount,
  };
}
