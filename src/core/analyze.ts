import type { FileKind, Finding } from './findings';
import { lintCompose } from './compose/lint';
import type { ComposeModel } from './compose/model';
import { isComposeFile, looksLikeCompose, parseCompose } from './compose/parse';
import { profileOf as composeProfileOf } from './compose/rules/support';
import { lintDockerfile } from './dockerfile/lint';
import type { IsolationProfile } from './isolation/profile';
import { placeOnSpectrum, summarize } from './isolation/spectrum';
import type { SpectrumPlacement } from './isolation/spectrum';
import { lintKubernetes } from './kubernetes/lint';
import type { KubernetesModel } from './kubernetes/model';
import { isClusterObject, parseKubernetes } from './kubernetes/parse';
import { profileOf as k8sProfileOf } from './kubernetes/rules/support';
import type { AnalyzeSettings } from './settings';
import { parseYaml } from './yaml/parse';
import type { YamlFile } from './yaml/parse';
import { getEntry, readString } from './yaml/read';

/** One workload of a compose or Kubernetes file: its isolation profile and where it sits on the spectrum. */
export interface WorkloadProfile {
  profile: IsolationProfile;
  placement: SpectrumPlacement;
  /** One line for a code lens: `default container · runs as root · shares host network`. */
  summary: string;
}

export interface AnalysisResult {
  kind: FileKind;
  findings: Finding[];
  /**
   * Compose services / Kubernetes containers in file order (empty for Dockerfiles, templated and
   * unreadable files), computed from the same parse as the findings.
   */
  profiles?: WorkloadProfile[];
  /** Set when the file could not be analysed at all (binary, too large). */
  error?: string;
}

/** Files larger than this are not analysed (a clear message instead of a frozen editor). */
export const MAX_ANALYZED_BYTES = 2 * 1024 * 1024;

const DOCKERFILE_NAME = /(^|[\\/])(Dockerfile|Containerfile)([.\-_][^\\/]*)?$|\.(dockerfile|containerfile)$/i;

/**
 * The YAML parse of the last text detected or analysed: `detectKind` followed by `analyze` on the
 * same text (the CLI, the editor) parses it once.
 */
let lastParse: { text: string; fileName: string; yaml: YamlFile } | undefined;

function parseYamlOnce(text: string, fileName: string): YamlFile {
  if (lastParse && lastParse.fileName === fileName && lastParse.text === text) return lastParse.yaml;
  const yaml = parseYaml(text, { fileName });
  lastParse = { text, fileName, yaml };
  return yaml;
}

/**
 * Decide what kind of file this is. By name: Dockerfiles, compose files (`compose.yaml`,
 * `docker-compose*.yml`, `*.compose.yaml`). By content, for other YAML: a top-level `services:` of
 * service maps is compose; documents with `apiVersion` and `kind` that are cluster objects are
 * Kubernetes (a Helm template with such lines too: it is reported as a template).
 */
export function detectKind(fileName: string, text = ''): FileKind {
  if (DOCKERFILE_NAME.test(fileName)) return 'dockerfile';
  if (isComposeFile(fileName, '')) return 'compose';
  const base = fileName.split(/[\\/]/).pop() ?? '';
  if (base.includes('.') && !/\.ya?ml$/i.test(base)) return 'unknown';
  if (!text) return 'unknown';
  const maybeCompose = /^services[ \t]*:/m.test(text);
  const maybeK8s = /^\s*apiVersion\s*:/m.test(text) && /^\s*kind\s*:/m.test(text);
  if (!maybeCompose && !maybeK8s) return 'unknown';
  const yaml = parseYamlOnce(text, fileName);
  if (yaml.templated) return maybeK8s ? 'kubernetes' : 'unknown';
  if (maybeCompose && looksLikeCompose(yaml)) return 'compose';
  if (maybeK8s && hasClusterObject(yaml)) return 'kubernetes';
  return 'unknown';
}

function hasClusterObject(yaml: YamlFile): boolean {
  return yaml.documents.some((d) => {
    const root = yaml.resolve(d.contents);
    const api = readString(getEntry(yaml, root, 'apiVersion')?.node);
    const kind = readString(getEntry(yaml, root, 'kind')?.node);
    return Boolean(api && kind && isClusterObject(api, kind));
  });
}

export function looksBinary(text: string): boolean {
  return text.slice(0, 8000).includes('\u0000');
}

/** Strip a UTF-8 byte order mark; VS Code documents never carry one, files on disk may. */
export function stripBom(text: string): { text: string; hadBom: boolean } {
  return text.charCodeAt(0) === 0xfeff ? { text: text.slice(1), hadBom: true } : { text, hadBom: false };
}

function workload(profile: IsolationProfile): WorkloadProfile {
  const placement = placeOnSpectrum(profile);
  return { profile, placement, summary: summarize(profile, placement) };
}

/** Profiles of every service of a parsed compose file (shared with the rules' cache). */
export function composeProfiles(model: ComposeModel): WorkloadProfile[] {
  return model.services.map((s) => workload(composeProfileOf(s)));
}

/** Profiles of every container of a parsed manifest (shared with the rules' cache). */
export function kubernetesProfiles(model: KubernetesModel): WorkloadProfile[] {
  return model.containers.map((c) => workload(k8sProfileOf(c)));
}

export function analyze(text: string, fileName: string, settings: AnalyzeSettings = {}, kind?: FileKind): AnalysisResult {
  const k = kind ?? detectKind(fileName, text);
  if (looksBinary(text)) return { kind: k, findings: [], error: 'binary file: not analysed' };
  if (text.length > MAX_ANALYZED_BYTES) {
    return { kind: k, findings: [], error: `file is larger than ${MAX_ANALYZED_BYTES / 1024 / 1024} MB: not analysed` };
  }
  try {
    if (k === 'dockerfile') return { kind: k, findings: lintDockerfile(text, settings) };
    if (k === 'compose') {
      const model = parseCompose(text, fileName, parseYamlOnce(text, fileName));
      return { kind: k, findings: lintCompose(text, settings, model), profiles: composeProfiles(model) };
    }
    if (k === 'kubernetes') {
      const model = parseKubernetes(text, fileName, parseYamlOnce(text, fileName));
      return { kind: k, findings: lintKubernetes(text, settings, model), profiles: kubernetesProfiles(model) };
    }
    return { kind: k, findings: [] };
  } catch (e) {
    return { kind: k, findings: [], error: `analysis failed: ${e instanceof Error ? e.message : String(e)}` };
  } finally {
    // The cache serves detect-then-analyze of one text; do not keep a file's tree alive after it.
    lastParse = undefined;
  }
}
