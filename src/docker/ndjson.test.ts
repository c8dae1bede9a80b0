import { describe, expect, it } from 'vitest';
import { NdjsonParser } from './ndjson';

describe('NdjsonParser', () => {
  it('returns values only when their line is complete, however the bytes are split', () => {
    const text = '{"Action":"create","n":1}\n{"Action":"start","n":2}\n\n{"Action":"die","n":3}\n';
    const bytes = Buffer.from(text);
    // every possible split point into two chunks, and byte-by-byte
    for (let cut = 0; cut <= bytes.length; cut++) {
      const p = new NdjsonParser<{ n: number }>();
      const got = [...p.push(bytes.subarray(0, cut)), ...p.push(bytes.subarray(cut)), ...p.end()];
      expect(got.map((v) => v.n)).toEqual([1, 2, 3]);
    }
    const p = new NdjsonParser<{ n: number }>();
    const got: number[] = [];
    for (const b of bytes) got.push(...p.push(Buffer.from([b])).map((v) => v.n));
    expect(got).toEqual([1, 2, 3]);
  });

  it('keeps a multi-byte character split across chunks intact', () => {
    const bytes = Buffer.from('{"name":"caf\u00e9 \u{1F433}"}\n');
    const at = bytes.indexOf(0xf0) + 2; // inside the 4-byte whale
    const p = new NdjsonParser<{ name: string }>();
    expect(p.push(bytes.subarray(0, at))).toEqual([]);
    expect(p.push(bytes.subarray(at))).toEqual([{ name: 'caf\u00e9 \u{1F433}' }]);
  });

  it('holds a partial line back and parses it at the end', () => {
    const p = new NdjsonParser();
    expect(p.push('{"a":1}\n{"b":')).toEqual([{ a: 1 }]);
    expect(p.pendingLength).toBe(5);
    expect(p.push('2}')).toEqual([]);
    expect(p.end()).toEqual([{ b: 2 }]);
  });

  it('accepts CRLF line ends and throws on a line that is not JSON', () => {
    const p = new NdjsonParser();
    expect(p.push('{"a":1}\r\n')).toEqual([{ a: 1 }]);
    expect(() => p.push('<html>\n')).toThrow(SyntaxError);
  });

  it('parses many lines in one chunk in linear time', () => {
    const line = JSON.stringify({ Type: 'container', Action: 'start', Actor: { ID: 'x'.repeat(64) } }) + '\n';
    const chunk = line.repeat(20_000);
    const t = performance.now();
    expect(new NdjsonParser().push(chunk)).toHaveLength(20_000);
    expect(performance.now() - t).toBeLessThan(2000);
  });
});
