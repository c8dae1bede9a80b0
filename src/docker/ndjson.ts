import { StringDecoder } from 'node:string_decoder';

/**
 * Newline-delimited JSON, fed chunk by chunk as the network delivers it: a chunk may end inside a line,
 * inside a JSON value, or inside a multi-byte UTF-8 character (StringDecoder keeps those bytes back).
 * The engine's /events stream is one JSON object per line.
 */
export class NdjsonParser<T = unknown> {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  /** Whole values completed by this chunk, in order. Throws `SyntaxError` on a line that is not JSON. */
  push(chunk: Buffer | string): T[] {
    this.pending += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const out: T[] = [];
    let start = 0;
    let nl: number;
    // Walk the lines by index and cut the remainder once: a chunk with thousands of lines stays linear.
    while ((nl = this.pending.indexOf('\n', start)) >= 0) {
      const line = this.pending.slice(start, nl);
      start = nl + 1;
      try {
        this.parseLine(line, out);
      } catch (e) {
        this.pending = this.pending.slice(start);
        throw e;
      }
    }
    this.pending = this.pending.slice(start);
    return out;
  }

  /** The stream ended: a last line without a newline still counts. */
  end(): T[] {
    const rest = this.pending + this.decoder.end();
    this.pending = '';
    const out: T[] = [];
    this.parseLine(rest, out);
    return out;
  }

  /** Characters waiting for their newline (for tests and for bounding memory). */
  get pendingLength(): number {
    return this.pending.length;
  }

  private parseLine(line: string, out: T[]): void {
    const text = line.trim();
    if (text === '') return;
    out.push(JSON.parse(text) as T);
  }
}
