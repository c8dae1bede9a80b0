/**
 * Log chunks → whole lines, stdout and stderr told apart. Chunks split lines (and UTF-8 characters)
 * anywhere; each stream keeps its own unfinished line. No vscode here.
 */
import type { OutputChunk } from '../docker';

/** What marks a stderr line in the output channel (stdout lines are shown as they are). */
export const STDERR_PREFIX = '[stderr] ';

export class LogLineSplitter {
  private readonly partial = new Map<string, string>();
  private readonly decoders = new Map<string, TextDecoder>();

  /** Complete lines of this chunk (with the stderr prefix), oldest first. */
  push(chunk: OutputChunk): string[] {
    let decoder = this.decoders.get(chunk.stream);
    if (!decoder) this.decoders.set(chunk.stream, (decoder = new TextDecoder('utf-8')));
    const text = (this.partial.get(chunk.stream) ?? '') + decoder.decode(chunk.data, { stream: true });
    const parts = text.split('\n');
    this.partial.set(chunk.stream, parts.pop() ?? '');
    return parts.map((line) => format(chunk.stream, line.replace(/\r$/, '')));
  }

  /** What is left without a final newline, once the stream ended. */
  flush(): string[] {
    const out: string[] = [];
    for (const [stream, decoder] of this.decoders) {
      const rest = (this.partial.get(stream) ?? '') + decoder.decode();
      if (rest !== '') out.push(format(stream, rest.replace(/\r$/, '')));
    }
    this.partial.clear();
    this.decoders.clear();
    return out;
  }
}

function format(stream: string, line: string): string {
  return stream === 'stderr' ? `${STDERR_PREFIX}${line}` : line;
}
