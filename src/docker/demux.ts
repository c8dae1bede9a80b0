/**
 * The engine's multiplexed stream format (logs and attach/exec of containers WITHOUT a TTY): each frame
 * is an 8-byte header `[stream, 0, 0, 0, size (uint32 big-endian)]` and `size` bytes of payload.
 * stream: 0 stdin, 1 stdout, 2 stderr, 3 an error the engine reports in-band (`systemerr`).
 * With a TTY there are no frames: the bytes are the terminal's output as is.
 *
 * Frames arrive split anywhere (inside a header, inside a payload) and several per chunk; the demuxer
 * buffers only what it must.
 */
export type StreamName = 'stdin' | 'stdout' | 'stderr' | 'system';

export interface Frame {
  stream: StreamName;
  data: Buffer;
}

const NAMES: readonly StreamName[] = ['stdin', 'stdout', 'stderr', 'system'];
const HEADER = 8;

export class FrameDemuxer {
  private buffered: Buffer[] = [];
  private bufferedLength = 0;
  /** Bytes needed before the next frame can complete: a large frame arriving in many chunks is joined once. */
  private need = HEADER;

  /**
   * Frames completed by this chunk, in order. Throws `Error` when a header is not a frame header (the
   * stream is not multiplexed, e.g. a TTY container read as if it had none).
   */
  push(chunk: Buffer): Frame[] {
    if (chunk.length > 0) {
      this.buffered.push(chunk);
      this.bufferedLength += chunk.length;
    }
    const frames: Frame[] = [];
    if (this.bufferedLength < this.need) return frames;
    let buf = this.buffered.length === 1 ? this.buffered[0]! : Buffer.concat(this.buffered, this.bufferedLength);
    let offset = 0;
    this.need = HEADER;
    while (buf.length - offset >= HEADER) {
      const type = buf[offset]!;
      if (type > 3 || buf[offset + 1] !== 0 || buf[offset + 2] !== 0 || buf[offset + 3] !== 0) {
        throw new Error(`not a multiplexed stream: frame header ${buf.subarray(offset, offset + HEADER).toString('hex')}`);
      }
      const size = buf.readUInt32BE(offset + 4);
      if (buf.length - offset - HEADER < size) {
        this.need = HEADER + size;
        break;
      }
      // Copy: the payload must not pin the (possibly large) concatenated buffer.
      frames.push({ stream: NAMES[type]!, data: Buffer.from(buf.subarray(offset + HEADER, offset + HEADER + size)) });
      offset += HEADER + size;
    }
    buf = offset === 0 ? buf : buf.subarray(offset);
    this.buffered = buf.length > 0 ? [buf] : [];
    this.bufferedLength = buf.length;
    return frames;
  }

  /** Bytes of an incomplete frame still waiting (non-zero at the end = a truncated stream). */
  get pendingBytes(): number {
    return this.bufferedLength;
  }
}

/** One frame for tests and fake engines: the exact bytes the engine would send. */
export function encodeFrame(stream: StreamName, data: Buffer | string): Buffer {
  const payload = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const header = Buffer.alloc(HEADER);
  header[0] = NAMES.indexOf(stream);
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}
