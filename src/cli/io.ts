/**
 * Everything the CLI needs from the outside world, injected so the commands are unit-testable
 * with an in-memory file system. `main.ts` provides the real one.
 */
export interface FileStat {
  isFile: boolean;
  isDirectory: boolean;
  /** Bytes. */
  size: number;
}

export interface DirEntry {
  name: string;
  /** Symlinks are reported as such and never followed into directories (no loops). */
  type: 'file' | 'directory' | 'symlink' | 'other';
}

/** Synchronous on purpose: a lint run reads a handful of small files. Methods throw Node-style errors (`code`). */
export interface CliFs {
  /** Follows symlinks. */
  stat(path: string): FileStat;
  readdir(path: string): DirEntry[];
  readFile(path: string): Uint8Array;
  writeFile(path: string, data: Uint8Array): void;
}

export interface CliIo {
  fs: CliFs;
  /** Absolute working directory; relative paths are resolved against it. */
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether text output may use ANSI colours (stdout is a TTY and NO_COLOR is not set). */
  color: boolean;
}

/** A message for the user, with the errno code when there is one. */
export function describeIoError(e: unknown): string {
  const err = e as { code?: string; message?: string };
  switch (err?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'not a directory';
    default:
      return err?.message ?? String(e);
  }
}
