import type { FileKind, Finding } from './findings';
import { lintDockerfile } from './dockerfile/lint';
import type { AnalyzeSettings } from './settings';

export interface AnalysisResult {
  kind: FileKind;
  findings: Finding[];
  /** Set when the file could not be analysed at all (binary, too large). */
  error?: string;
}

/** Files larger than this are not analysed (a clear message instead of a frozen editor). */
export const MAX_ANALYZED_BYTES = 2 * 1024 * 1024;

const DOCKERFILE_NAME = /(^|[\\/])(Dockerfile|Containerfile)([.\-_][^\\/]*)?$|\.(dockerfile|containerfile)$/i;

/** Decide what kind of file this is from its name (and, later, its content). */
export function detectKind(fileName: string, _text = ''): FileKind {
  if (DOCKERFILE_NAME.test(fileName)) return 'dockerfile';
  return 'unknown';
}

export function looksBinary(text: string): boolean {
  return text.slice(0, 8000).includes('\u0000');
}

/** Strip a UTF-8 byte order mark; VS Code documents never carry one, files on disk may. */
export function stripBom(text: string): { text: string; hadBom: boolean } {
  return text.charCodeAt(0) === 0xfeff ? { text: text.slice(1), hadBom: true } : { text, hadBom: false };
}

export function analyze(text: string, fileName: string, settings: AnalyzeSettings = {}, kind?: FileKind): AnalysisResult {
  const k = kind ?? detectKind(fileName, text);
  if (looksBinary(text)) return { kind: k, findings: [], error: 'binary file: not analysed' };
  if (text.length > MAX_ANALYZED_BYTES) {
    return { kind: k, findings: [], error: `file is larger than ${MAX_ANALYZED_BYTES / 1024 / 1024} MB: not analysed` };
  }
  try {
    if (k === 'dockerfile') return { kind: k, findings: lintDockerfile(text, settings) };
    return { kind: k, findings: [] };
  } catch (e) {
    return { kind: k, findings: [], error: `analysis failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}
