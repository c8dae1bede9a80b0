/** An in-memory `CliIo` for unit tests: POSIX paths, files as strings or bytes, captured output. */
import * as nodePath from 'node:path';
import type { CliIo, DirEntry, FileStat } from './io';

export interface MemoryIo extends CliIo {
  files: Map<string, Uint8Array>;
  out: string[];
  err: string[];
  readonly stdoutText: string;
  readonly stderrText: string;
  text(path: string): string;
}

function enoent(path: string): Error {
  return Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
}

/** `tree` maps paths relative to `/work` to contents; directories exist implicitly. */
export function memoryIo(tree: Record<string, string | Uint8Array>, cwd = '/work'): MemoryIo {
  const files = new Map<string, Uint8Array>();
  const enc = new TextEncoder();
  for (const [p, c] of Object.entries(tree)) files.set(nodePath.posix.resolve(cwd, p), typeof c === 'string' ? enc.encode(c) : c);
  const isDir = (p: string) => [...files.keys()].some((f) => f.startsWith(p.endsWith('/') ? p : `${p}/`));
  const out: string[] = [];
  const err: string[] = [];
  return {
    files,
    out,
    err,
    get stdoutText() {
      return out.join('');
    },
    get stderrText() {
      return err.join('');
    },
    text(path: string) {
      const b = files.get(nodePath.posix.resolve(cwd, path));
      if (!b) throw enoent(path);
      return new TextDecoder('utf-8', { ignoreBOM: true }).decode(b);
    },
    cwd,
    color: false,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    fs: {
      stat(p): FileStat {
        const f = files.get(p);
        if (f) return { isFile: true, isDirectory: false, size: f.length };
        if (isDir(p)) return { isFile: false, isDirectory: true, size: 0 };
        throw enoent(p);
      },
      readdir(p): DirEntry[] {
        if (!isDir(p)) throw enoent(p);
        const prefix = p.endsWith('/') ? p : `${p}/`;
        const names = new Map<string, DirEntry['type']>();
        for (const f of files.keys()) {
          if (!f.startsWith(prefix)) continue;
          const rest = f.slice(prefix.length);
          const slash = rest.indexOf('/');
          names.set(slash < 0 ? rest : rest.slice(0, slash), slash < 0 ? 'file' : 'directory');
        }
        return [...names].map(([name, type]) => ({ name, type }));
      },
      readFile(p) {
        const f = files.get(p);
        if (!f) throw enoent(p);
        return f;
      },
      writeFile(p, data) {
        files.set(p, data);
      },
    },
  };
}
