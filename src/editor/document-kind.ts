import { MAX_ANALYZED_BYTES, detectKind } from '../core/analyze';
import type { FileKind } from '../core/findings';

export const DOCKERFILE_LANGUAGE_ID = 'dockerfile';
/** `dockercompose` comes from the Docker / Container Tools extensions; plain `yaml` is built in. */
export const YAML_LANGUAGE_IDS: readonly string[] = ['dockercompose', 'yaml'];
/** Every language whose documents may be ours; what a YAML document is, `documentKind` decides. */
export const LANGUAGE_IDS: readonly string[] = [DOCKERFILE_LANGUAGE_ID, ...YAML_LANGUAGE_IDS];

/** What the kind detection needs of a document; `vscode.TextDocument` fits. */
export interface KindSource {
  languageId: string;
  fileName: string;
  version: number;
  getText(): string;
}

const kinds = new WeakMap<object, { version: number; languageId: string; kind: FileKind }>();

/**
 * What Container Lens sees in a document: a Dockerfile (by language), or for YAML documents a compose
 * file or a Kubernetes manifest as `detectKind` decides (by name, then by content); `unknown` for
 * everything else, random YAML included. Remembered per document version, so hovers, lenses and
 * code actions along one version do not re-detect.
 */
export function documentKind(doc: KindSource): FileKind {
  if (doc.languageId === DOCKERFILE_LANGUAGE_ID) return 'dockerfile';
  if (!YAML_LANGUAGE_IDS.includes(doc.languageId)) return 'unknown';
  const hit = kinds.get(doc);
  if (hit && hit.version === doc.version && hit.languageId === doc.languageId) return hit.kind;
  const text = doc.getText();
  // A huge YAML file is recognised by its name only: parsing it just to say "not analysed" costs too much.
  let kind = detectKind(doc.fileName, text.length > MAX_ANALYZED_BYTES ? '' : text);
  // `Dockerfile.yaml` matches the Dockerfile name pattern, but a YAML document is not a Dockerfile.
  if (kind === 'dockerfile') kind = 'unknown';
  // The Docker extensions give this language only to compose files: trust it when content is unclear.
  if (kind === 'unknown' && doc.languageId === 'dockercompose') kind = 'compose';
  kinds.set(doc, { version: doc.version, languageId: doc.languageId, kind });
  return kind;
}

/** Too large to parse for hovers and lenses (the diagnostics say "not analysed" once). */
export function tooLargeToParse(doc: { getText(): string }): boolean {
  return doc.getText().length > MAX_ANALYZED_BYTES;
}
