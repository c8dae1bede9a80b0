import { analyze } from '../core/analyze';
import type { FileKind, Finding, Severity } from '../core/findings';
import { SEVERITIES } from '../core/findings';
import type { AnalyzeSettings } from '../core/settings';
import { collectFiles, kindFor, readTextFile } from './files';
import type { CliIo } from './io';

export interface FileReport {
  path: string;
  kind: FileKind;
  findings: Finding[];
  /** Set when the file could not be read or analysed. */
  error?: string;
  /** The error came from the file system (missing, unreadable): exit code 2. */
  ioError?: boolean;
  /** The analysed text (without BOM), for outputs that need it (SARIF regions, fixes). */
  text?: string;
}

export interface LintReport {
  files: FileReport[];
}

/** Lint the given paths (files and directories). Never throws for a bad file: it becomes an entry with `error`. */
export function lintPaths(io: CliIo, paths: readonly string[], settings: AnalyzeSettings): LintReport {
  const { files, errors } = collectFiles(io, paths);
  const out: FileReport[] = errors.map((e) => ({ path: e.path, kind: 'unknown', findings: [], error: e.error, ioError: true }));
  for (const file of files) {
    const read = readTextFile(io, file.path);
    if (!read.ok) {
      // a walked YAML file that turns out binary or huge was never known to be ours
      if (file.maybe && !read.io) continue;
      out.push({ path: file.path, kind: kindFor(file), findings: [], error: read.error, ioError: read.io });
      continue;
    }
    const kind = kindFor(file, read.file.text);
    if (file.maybe && kind === 'unknown') continue;
    const result = analyze(read.file.text, file.path, settings, kind);
    out.push({
      path: file.path,
      kind: result.kind,
      findings: result.findings,
      ...(result.error ? { error: result.error } : {}),
      text: read.file.text,
    });
  }
  return { files: out };
}

/** `a` is at least as severe as `b`. */
export function atLeast(a: Severity, b: Severity): boolean {
  return SEVERITIES.indexOf(a) <= SEVERITIES.indexOf(b);
}

/** 0 clean, 1 findings at or above the threshold, 2 a file-system error (which wins). */
export function lintExitCode(report: LintReport, threshold: Severity): number {
  if (report.files.some((f) => f.ioError)) return 2;
  return report.files.some((f) => f.findings.some((x) => atLeast(x.severity, threshold))) ? 1 : 0;
}
