import { visit } from 'yaml';
import type { YamlFile } from './parse';

/**
 * Whether `offset` falls strictly inside a scalar of `yaml` (a block scalar `|`/`>`, a quoted or plain
 * string that spans lines): text inserted there becomes part of the value.
 */
export function isInsideScalar(yaml: YamlFile, offset: number): boolean {
  let inside = false;
  for (const d of yaml.documents) {
    visit(d.doc, {
      Scalar(_key, node) {
        const r = node.range;
        if (r && r[0] < offset && offset < r[1]) {
          inside = true;
          return visit.BREAK;
        }
        return undefined;
      },
    });
    if (inside) return true;
  }
  return false;
}
