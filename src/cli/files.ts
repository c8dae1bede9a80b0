import * as nodePath from 'node:path';
import { MAX_ANALYZED_BYTES, detectKind, looksBinary, stripBom } from '../core/analyze';
import type { FileKind } from '../core/findings';
import type { CliIo } from './io';
import { describeIoError } from './io';

/** Directories never worth walking into. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface InputFile {
  /** As the user will see it: the argument, or the argument joined with the walked relative path. */
  path: string;
  /** Named on the command line (linted whatever its name) rather than found by walking. */
  explicit: boolean;
  /**
   * Found by walking with a name that does not decide the kind (YAML): kept only if its content does
   * (`detectKind(path, text)`), and dropped silently otherwise.
   */
  maybe?: boolean;
}

export interface InputError {
  path: string;
  error: string;
}

/**
 * Expand command-line paths: files are taken as they are, directories are walked (sorted, symlinked
 * directories not followed) for files whose name says Dockerfile/Containerfile/compose (`detectKind`),
 * and YAML files whose content is then checked (`maybe`).
 */
export function collectFiles(io: CliIo, args: readonly string[]): { files: InputFile[]; errors: InputError[] } {
  const files: InputFile[] = [];
  const errors: InputError[] = [];
  const seen = new Set<string>();
  const add = (p: string, explicit: boolean, maybe = false) => {
    const key = nodePath.resolve(io.cwd, p);
    if (seen.has(key)) return;
    seen.add(key);
    files.push(maybe ? { path: p, explicit, maybe } : { path: p, explicit });
  };
  const walk = (dir: string) => {
    let entries;
    try {
      entries = io.fs.readdir(nodePath.resolve(io.cwd, dir));
    } catch (e) {
      errors.push({ path: dir, error: describeIoError(e) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const child = nodePath.join(dir, entry.name);
      if (entry.type === 'directory') {
        if (!SKIPPED_DIRS.has(entry.name)) walk(child);
      } else if (entry.type === 'file' || entry.type === 'symlink') {
        const lintable = isLintableName(entry.name);
        const maybe = !lintable && MAYBE_NAME.test(entry.name);
        if (!lintable && !maybe) continue;
        if (entry.type === 'symlink') {
          try {
            if (!io.fs.stat(nodePath.resolve(io.cwd, child)).isFile) continue;
          } catch {
            continue; // a dangling link found while walking is not the user's request
          }
        }
        add(child, false, maybe);
      }
    }
  };
  for (const arg of args) {
    let stat;
    try {
      stat = io.fs.stat(nodePath.resolve(io.cwd, arg));
    } catch (e) {
      errors.push({ path: arg, error: describeIoError(e) });
      continue;
    }
    if (stat.isDirectory) walk(arg);
    else add(arg, true);
  }
  return { files, errors };
}

/** Files whose kind only their content can tell (compose and Kubernetes YAML not named as compose files). */
const MAYBE_NAME = /\.ya?ml$/i;

/** A name the walker picks up. BuildKit's per-Dockerfile ignore files (`Dockerfile.dockerignore`) are not Dockerfiles. */
export function isLintableName(name: string): boolean {
  if (/\.dockerignore$/i.test(name)) return false;
  return detectKind(name) !== 'unknown';
}

/** The kind to analyse a file as: named files that no rule recognises are read as Dockerfiles. */
export function kindFor(file: InputFile, text = ''): FileKind {
  const k = detectKind(file.path, text);
  // A YAML file that is neither compose nor Kubernetes stays unknown (no findings), whatever its name.
  return k === 'unknown' && file.explicit && !MAYBE_NAME.test(file.path) ? 'dockerfile' : k;
}

export interface TextFile {
  /** Without the BOM. */
  text: string;
  hadBom: boolean;
}

export type ReadResult =
  | { ok: true; file: TextFile }
  /** `io` is true for errors of the file system (missing, unreadable): exit code 2. */
  | { ok: false; error: string; io: boolean };

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Read a text file for analysis: size checked before reading, binary content refused, BOM stripped. */
export function readTextFile(io: CliIo, path: string): ReadResult {
  const abs = nodePath.resolve(io.cwd, path);
  let bytes: Uint8Array;
  try {
    const stat = io.fs.stat(abs);
    if (stat.isDirectory) return { ok: false, error: 'is a directory', io: true };
    if (stat.size > MAX_ANALYZED_BYTES) {
      return { ok: false, error: `file is larger than ${MAX_ANALYZED_BYTES / 1024 / 1024} MB: not analysed`, io: false };
    }
    bytes = io.fs.readFile(abs);
  } catch (e) {
    return { ok: false, error: describeIoError(e), io: true };
  }
  const raw = decoder.decode(bytes);
  if (looksBinary(raw)) return { ok: false, error: 'binary file: not analysed', io: false };
  return { ok: true, file: stripBom(raw) };
}

const encoder = new TextEncoder();

export function encodeTextFile(text: string, hadBom: boolean): Uint8Array {
  return encoder.encode(hadBom ? `\uFEFF${text}` : text);
}
