import { describe, expect, it } from 'vitest';
import { FrameDemuxer, encodeFrame } from './demux';
import type { Frame } from './demux';

const text = (frames: Frame[]) => frames.map((f) => `${f.stream}:${f.data.toString('utf8')}`);

describe('FrameDemuxer', () => {
  const stream = Buffer.concat([encodeFrame('stdout', 'out 1\n'), encodeFrame('stderr', 'err 1\n'), encodeFrame('stdout', ''), encodeFrame('stdout', 'out 2\n')]);
  const expected = ['stdout:out 1\n', 'stderr:err 1\n', 'stdout:', 'stdout:out 2\n'];

  it('splits frames arriving in one chunk', () => {
    expect(text(new FrameDemuxer().push(stream))).toEqual(expected);
  });

  it('reassembles frames split at every possible point (inside headers and payloads)', () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      const d = new FrameDemuxer();
      expect(text([...d.push(stream.subarray(0, cut)), ...d.push(stream.subarray(cut))])).toEqual(expected);
      expect(d.pendingBytes).toBe(0);
    }
    const d = new FrameDemuxer();
    const got: Frame[] = [];
    for (const b of stream) got.push(...d.push(Buffer.from([b])));
    expect(text(got)).toEqual(expected);
  });

  it('reports the bytes of an unfinished frame', () => {
    const d = new FrameDemuxer();
    d.push(encodeFrame('stdout', 'hello').subarray(0, 10));
    expect(d.pendingBytes).toBe(10);
  });

  it('a large frame in many small chunks is assembled once, in linear time', () => {
    const big = Buffer.alloc(4 * 1024 * 1024, 0x61);
    const framed = encodeFrame('stderr', big);
    const d = new FrameDemuxer();
    const t = performance.now();
    const got: Frame[] = [];
    for (let i = 0; i < framed.length; i += 1024) got.push(...d.push(framed.subarray(i, i + 1024)));
    expect(performance.now() - t).toBeLessThan(2000);
    expect(got).toHaveLength(1);
    expect(got[0]!.stream).toBe('stderr');
    expect(got[0]!.data.equals(big)).toBe(true);
  });

  it('the in-band error stream (3) is its own kind', () => {
    expect(new FrameDemuxer().push(encodeFrame('system', 'boom'))).toEqual([{ stream: 'system', data: Buffer.from('boom') }]);
  });

  it('throws on bytes that are no frame header (a TTY stream read as multiplexed)', () => {
    expect(() => new FrameDemuxer().push(Buffer.from('hello world\r\n'))).toThrow(/not a multiplexed stream/);
  });
});
