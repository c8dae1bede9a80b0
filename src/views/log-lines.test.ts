import { describe, expect, it } from 'vitest';
import { LogLineSplitter, STDERR_PREFIX } from './log-lines';

const out = (s: string | Buffer) => ({ stream: 'stdout' as const, data: Buffer.from(s) });
const err = (s: string | Buffer) => ({ stream: 'stderr' as const, data: Buffer.from(s) });

describe('LogLineSplitter', () => {
  it('whole lines per stream, stderr marked, CRLF trimmed, the rest at the end', () => {
    const s = new LogLineSplitter();
    expect(s.push(out('one\ntw'))).toEqual(['one']);
    expect(s.push(err('oops\r\n'))).toEqual([`${STDERR_PREFIX}oops`]);
    expect(s.push(out('o\nthree'))).toEqual(['two']);
    expect(s.flush()).toEqual(['three']);
  });

  it('a UTF-8 character split across chunks', () => {
    const s = new LogLineSplitter();
    const bytes = Buffer.from('héllo\n');
    expect(s.push(out(bytes.subarray(0, 2)))).toEqual([]);
    expect(s.push(out(bytes.subarray(2)))).toEqual(['héllo']);
  });

  it('TTY output is not marked', () => {
    expect(new LogLineSplitter().push({ stream: 'tty', data: Buffer.from('a\n') })).toEqual(['a']);
  });
});
