import { parseDockerfile } from '../core/dockerfile/parse';
import type { DockerfileModel } from '../core/dockerfile/model';

/** What the cache needs of a document; `vscode.TextDocument` fits. */
export interface VersionedText {
  uri: { toString(): string };
  version: number;
  getText(): string;
}

/**
 * The parsed model of each open Dockerfile at its current version, so hovering along a line does not
 * re-parse the file on every mouse move. Entries are replaced on a new version and dropped on close.
 */
export class ModelCache {
  private readonly entries = new Map<string, { version: number; model: DockerfileModel }>();

  constructor(private readonly parse: (text: string) => DockerfileModel = parseDockerfile) {}

  get(doc: VersionedText): DockerfileModel {
    const key = doc.uri.toString();
    const hit = this.entries.get(key);
    if (hit && hit.version === doc.version) return hit.model;
    const model = this.parse(doc.getText());
    this.entries.set(key, { version: doc.version, model });
    return model;
  }

  delete(uri: { toString(): string }): void {
    this.entries.delete(uri.toString());
  }

  clear(): void {
    this.entries.clear();
  }
}
