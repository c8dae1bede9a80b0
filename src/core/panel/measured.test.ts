import { describe, expect, it } from 'vitest';
import { formatBytes, formatMs, layerCommand, measuredView } from './measured';
import type { RawMeasurement } from './measured';

const base: RawMeasurement = { engine: 'Docker 26.1.5 at unix:///run/docker.sock', image: 'busybox:1.36', at: '2025-01-01T00:00:00Z', local: true };

describe('measuredView', () => {
  it('an image that is not local: says so, no figures', () => {
    const v = measuredView({ ...base, local: false });
    expect(v.status).toBe('image-missing');
    expect(v.message).toMatch(/not on this engine.*never pulls/);
    expect(v.rows).toEqual([]);
  });

  it('a run and an image: start/stop against VM boot and shutdown, size against VM images, layers base first', () => {
    const v = measuredView({
      ...base,
      run: { createMs: 40, startMs: 260, stopMs: 150, removeMs: 20, exitedOnItsOwn: false, killedAfterGrace: false, graceSeconds: 3 },
      imageInfo: {
        sizeBytes: 5_000_000,
        layers: [
          { createdBy: '/bin/sh -c #(nop)  CMD ["sh"]', sizeBytes: 0 },
          { createdBy: '/bin/sh -c #(nop) ADD file:abc in / ', sizeBytes: 5_000_000 },
        ],
      },
    });
    expect(v.status).toBe('ok');
    const start = v.rows.find((r) => r.label.startsWith('Start'))!;
    expect(start.measured).toBe('300 ms');
    expect(start.comparison).toBe('about 100–200× shorter than a VM boot');
    const size = v.rows.find((r) => r.label === 'Image size')!;
    expect(size.measured).toBe('5.0 MB');
    expect(size.comparison).toMatch(/about 2000–4000× smaller than a web server VM image; about 100× smaller than a minimal VM image/);
    expect(v.layers.map((l) => l.createdBy)).toEqual(['ADD file:abc in /', 'CMD ["sh"]']);
    expect(v.layerCount).toBe(1);
  });

  it('a process that ignores SIGTERM is reported as killed after the grace time', () => {
    const v = measuredView({ ...base, run: { createMs: 1, startMs: 1, stopMs: 3100, removeMs: 1, exitedOnItsOwn: false, killedAfterGrace: true, graceSeconds: 3 } });
    expect(v.rows.find((r) => r.label === 'Stop')!.measured).toBe('3.1 s (ignored SIGTERM: killed after the 3 s grace time)');
    expect(v.status).toBe('ok');
  });

  it('no run (the container would not start): partial, with the reason', () => {
    const v = measuredView({ ...base, runError: 'exec format error', imageInfo: { sizeBytes: 1, layers: [] } });
    expect(v.status).toBe('partial');
    expect(v.message).toMatch(/exec format error/);
  });
});

describe('formatting', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1500, '1.5 kB'],
    [187_000_000, '187 MB'],
    [12_300_000_000, '12.3 GB'],
  ])('formatBytes(%d) = %s', (n, s) => expect(formatBytes(n)).toBe(s));
  it.each([
    [12.4, '12 ms'],
    [1500, '1.5 s'],
    [45_000, '45 s'],
    [300_000, '5.0 min'],
  ])('formatMs(%d) = %s', (n, s) => expect(formatMs(n)).toBe(s));
  it('layerCommand drops the shell noise and shortens long commands', () => {
    expect(layerCommand('/bin/sh -c apt-get update')).toBe('RUN apt-get update');
    expect(layerCommand('RUN /bin/sh -c x # buildkit')).toBe('RUN /bin/sh -c x # buildkit');
    expect(layerCommand('x'.repeat(300)).length).toBe(120);
  });
});
