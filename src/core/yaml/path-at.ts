import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Pair, YAMLMap, YAMLSeq } from 'yaml';
import type { Range } from '../text/range';
import type { YamlContext, YamlNode } from './parse';
import { keyText, rangeOf } from './read';

/** One step from a node down to the node under the cursor: a map key or a sequence index. */
export interface PathStep {
  key: string | number;
  /** The value as written (an alias stays an alias); null for `key:` with nothing after it. */
  node: YamlNode | null;
  /** For map steps: the pair and its key node. */
  pair?: Pair<unknown, unknown>;
  keyNode?: YamlNode;
}

export interface YamlPathHit {
  /** From the starting node down; never empty. */
  steps: PathStep[];
  /** On the key of the last step, or on a scalar (or alias) value. */
  on: 'key' | 'value';
  /** The key or the value the position is on. */
  range: Range;
}

type Ranged = { range?: [number, number, number] | null };

/** Half-open: the first character after a word is not on the word. */
function inside(node: unknown, offset: number): boolean {
  const r = (node as Ranged | null)?.range;
  return !!r && r[0] <= offset && offset < Math.max(r[1], r[0] + 1);
}

/**
 * The chain of keys and indexes from `root` to the key or scalar at `offset`, read from the physical
 * tree (what is written there, not what merge keys bring in). Undefined when the offset is on
 * whitespace, a comment, punctuation, or outside `root`.
 */
export function pathAt(ctx: YamlContext, root: unknown, offset: number): YamlPathHit | undefined {
  const steps: PathStep[] = [];
  let node: unknown = root;
  // Depth is bounded by the text; the guard only protects against a malformed tree.
  for (let depth = 0; depth < 256; depth++) {
    if (isMap(node)) {
      const map = node as YAMLMap.Parsed;
      let next: unknown;
      for (const item of map.items as unknown[]) {
        if (!isPair(item)) continue;
        const pair = item as Pair<unknown, unknown>;
        const key = keyText(pair.key);
        if (key === undefined) continue;
        const value = (pair.value as YamlNode | null) ?? null;
        if (inside(pair.key, offset)) {
          steps.push({ key, node: value, pair, keyNode: pair.key as YamlNode });
          return { steps, on: 'key', range: rangeOf(ctx, pair.key) };
        }
        if (value && inside(value, offset)) {
          steps.push({ key, node: value, pair, keyNode: pair.key as YamlNode });
          next = value;
          break;
        }
      }
      if (next === undefined) return undefined;
      node = next;
      continue;
    }
    if (isSeq(node)) {
      const seq = node as YAMLSeq.Parsed;
      const index = (seq.items as unknown[]).findIndex((i) => inside(i, offset));
      if (index < 0) return undefined;
      const item = seq.items[index] as YamlNode;
      steps.push({ key: index, node: item });
      node = item;
      continue;
    }
    if ((isScalar(node) || isAlias(node)) && steps.length > 0) {
      return { steps, on: 'value', range: rangeOf(ctx, node) };
    }
    return undefined;
  }
  return undefined;
}

/** The keys of the steps as a dotted path (`deploy.resources.limits.memory`, `cap_add.1`). */
export function pathString(steps: readonly PathStep[]): string {
  return steps.map((s) => String(s.key)).join('.');
}
