import { parseCompose } from '../core/compose/parse';
import type { ComposeModel } from '../core/compose/model';
import { parseDockerfile } from '../core/dockerfile/parse';
import type { DockerfileModel } from '../core/dockerfile/model';
import { parseKubernetes } from '../core/kubernetes/parse';
import type { KubernetesModel } from '../core/kubernetes/model';

/** What the cache needs of a document; `vscode.TextDocument` fits. */
export interface VersionedText {
  uri: { toString(): string };
  version: number;
  getText(): string;
  /** Used by the YAML parsers to recognise a Helm chart's `templates/` files. */
  fileName?: string;
}

type Entry =
  | { version: number; kind: 'dockerfile'; model: DockerfileModel }
  | { version: number; kind: 'compose'; model: ComposeModel }
  | { version: number; kind: 'kubernetes'; model: KubernetesModel };

/**
 * The parsed model of each open document at its current version, so hovering along a line or asking
 * for code lenses does not re-parse the file on every mouse move. Entries are replaced on a new
 * version (or when asked for another kind) and dropped on close.
 */
export class ModelCache {
  private readonly entries = new Map<string, Entry>();

  // the default is a call, not a reference to `parseDockerfile`: reading it would load the core at activation
  constructor(private readonly parse: (text: string) => DockerfileModel = (text) => parseDockerfile(text)) {}

  /** The Dockerfile model of `doc`. */
  get(doc: VersionedText): DockerfileModel {
    return this.entry(doc, 'dockerfile', () => this.parse(doc.getText())) as DockerfileModel;
  }

  compose(doc: VersionedText): ComposeModel {
    return this.entry(doc, 'compose', () => parseCompose(doc.getText(), doc.fileName)) as ComposeModel;
  }

  kubernetes(doc: VersionedText): KubernetesModel {
    return this.entry(doc, 'kubernetes', () => parseKubernetes(doc.getText(), doc.fileName)) as KubernetesModel;
  }

  private entry(doc: VersionedText, kind: Entry['kind'], parse: () => Entry['model']): Entry['model'] {
    const key = doc.uri.toString();
    const hit = this.entries.get(key);
    if (hit && hit.version === doc.version && hit.kind === kind) return hit.model;
    const model = parse();
    this.entries.set(key, { version: doc.version, kind, model } as Entry);
    return model;
  }

  delete(uri: { toString(): string }): void {
    this.entries.delete(uri.toString());
  }

  clear(): void {
    this.entries.clear();
  }
}
