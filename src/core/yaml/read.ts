import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Range } from '../text/range';
import type { YamlContext, YamlNode } from './parse';

/**
 * Readers over the `yaml` tree. Every range comes from the tree (`node.range`), through the file's
 * one `LineIndex`; nothing is re-found with regexes.
 */

type Ranged = { range?: [number, number, number] | null };

/** The range a node's value covers (without a trailing comment or line break). */
export function rangeOf(ctx: YamlContext, node: unknown): Range {
  const r = (node as Ranged | null)?.range;
  if (!r) return { start: ctx.lines.positionAt(0), end: ctx.lines.positionAt(0) };
  return { start: ctx.lines.positionAt(r[0]), end: ctx.lines.positionAt(r[1]) };
}

/** The range of a pair's key (`privileged` in `privileged: true`). */
export function keyRange(ctx: YamlContext, pair: Pair<unknown, unknown>): Range {
  return rangeOf(ctx, pair.key);
}

/** A Pair has no range of its own: key start to value end (`key:` when the value is empty). */
export function pairRange(ctx: YamlContext, pair: Pair<unknown, unknown>): Range {
  const k = (pair.key as Ranged | null)?.range;
  const v = (pair.value as Ranged | null)?.range;
  const start = k ? k[0] : v ? v[0] : 0;
  let end = k ? k[1] : start;
  if (v && v[1] > end) end = v[1];
  return { start: ctx.lines.positionAt(start), end: ctx.lines.positionAt(end) };
}

/** Offsets `[start, end)` of a node's value, for callers that work in offsets. */
export function offsetsOf(node: unknown): [number, number] | undefined {
  const r = (node as Ranged | null)?.range;
  return r ? [r[0], r[1]] : undefined;
}

export interface YamlEntry {
  /** The key as text (`'80'` for a numeric key). */
  key: string;
  pair: Pair<unknown, unknown>;
  keyNode: YamlNode;
  /** The value as written: may be an alias, null when the key has no value node. */
  raw: YamlNode | null;
  /** The value with aliases followed; null when empty or dangling. */
  node: YamlNode | null;
  /**
   * When the entry comes from a merge key (`<<: *base`): the alias in the map being read that
   * brought it in. Its own range then lies where the anchor was defined.
   */
  mergedVia?: YamlNode;
  /** `!reset` or `!override` (compose), from the value as written. */
  tag?: string;
}

export function isYamlMap(node: unknown): node is YAMLMap.Parsed {
  return isMap(node);
}

export function isYamlSeq(node: unknown): node is YAMLSeq.Parsed {
  return isSeq(node);
}

export function isYamlScalar(node: unknown): node is Scalar.Parsed {
  return isScalar(node);
}

/** The key of a pair as text, or undefined for complex keys (maps as keys). */
export function keyText(key: unknown): string | undefined {
  if (isScalar(key)) {
    if (key.value === null || key.value === undefined) return '';
    if (typeof key.value === 'string') return key.value;
    return typeof key.source === 'string' && key.source !== '' ? key.source : String(key.value);
  }
  return undefined;
}

function isMergePair(pair: Pair<unknown, unknown>): boolean {
  const k = pair.key;
  if (!isScalar(k)) return false;
  // With `merge: true` the library marks `<<` keys with a symbol value; a quoted '<<' is an ordinary key.
  return typeof k.value === 'symbol' || (k.value === '<<' && k.type === 'PLAIN');
}

export interface EntriesOptions {
  /** Keep entries tagged `!reset` (they are dropped by default, as compose drops them). */
  includeResets?: boolean;
}

/**
 * The entries of a map, with merge keys (`<<: *a` and `<<: [*a, *b]`) resolved the YAML 1.1 way:
 * keys written in the map win over merged ones, earlier merged maps win over later ones.
 * `!reset` entries hide merged entries of the same key and are themselves dropped unless asked for.
 * A non-map gives no entries.
 */
export function entries(ctx: YamlContext, node: unknown, options: EntriesOptions = {}): YamlEntry[] {
  const map = ctx.resolve(node);
  if (!isMap(map)) return [];
  const out = collect(ctx, map as YAMLMap.Parsed, new Set());
  return options.includeResets ? out : out.filter((e) => e.tag !== '!reset');
}

function collect(ctx: YamlContext, map: YAMLMap.Parsed, visiting: Set<object>): YamlEntry[] {
  if (visiting.has(map)) return [];
  visiting.add(map);
  const own: YamlEntry[] = [];
  const merges: YamlNode[] = [];
  for (const item of map.items as Pair<unknown, unknown>[]) {
    if (!isPair(item)) continue;
    if (isMergePair(item)) {
      const v = item.value as YamlNode | null;
      if (isSeq(v)) merges.push(...((v as YAMLSeq.Parsed).items as YamlNode[]));
      else if (v) merges.push(v);
      continue;
    }
    const key = keyText(item.key);
    if (key === undefined) continue;
    const raw = (item.value as YamlNode | null) ?? null;
    const tag = (raw as { tag?: string } | null)?.tag;
    own.push({
      key,
      pair: item,
      keyNode: item.key as YamlNode,
      raw,
      node: ctx.resolve(raw),
      ...(tag === '!reset' || tag === '!override' ? { tag } : {}),
    });
  }
  const seen = new Set(own.map((e) => e.key));
  const out = [...own];
  for (const m of merges) {
    const target = ctx.resolve(m);
    if (!isMap(target)) continue;
    for (const e of collect(ctx, target as YAMLMap.Parsed, visiting)) {
      if (seen.has(e.key)) continue;
      seen.add(e.key);
      out.push({ ...e, mergedVia: e.mergedVia ?? m });
    }
  }
  visiting.delete(map);
  return out;
}

/** One entry of a map by key (merge keys resolved, `!reset` entries treated as absent). */
export function getEntry(ctx: YamlContext, node: unknown, key: string): YamlEntry | undefined {
  return entries(ctx, node).find((e) => e.key === key);
}

/** The value node of a key (aliases followed), or undefined when absent or empty. */
export function get(ctx: YamlContext, node: unknown, key: string): YamlNode | undefined {
  return getEntry(ctx, node, key)?.node ?? undefined;
}

export interface PathResult {
  /** The node at the end of the path (aliases followed); null when the last key has no value. */
  node: YamlNode | null;
  /** The last map entry on the way, when the path ended on a map key. */
  entry?: YamlEntry;
  /** The scalar value at the end of the path (`toJSON` of the scalar), undefined for collections. */
  value: unknown;
}

/**
 * Follow a path of map keys and sequence indexes: `getPath(ctx, doc.contents, ['spec', 'template', 'spec'])`.
 * Undefined when any step is missing or of the wrong shape.
 */
export function getPath(ctx: YamlContext, node: unknown, path: readonly (string | number)[]): PathResult | undefined {
  let current: YamlNode | null = ctx.resolve(node);
  let entry: YamlEntry | undefined;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!isSeq(current)) return undefined;
      const item = (current as YAMLSeq.Parsed).items[step];
      if (item === undefined) return undefined;
      current = ctx.resolve(item);
      entry = undefined;
    } else {
      entry = getEntry(ctx, current, step);
      if (!entry) return undefined;
      current = entry.node;
    }
  }
  return { node: current, entry, value: isScalar(current) ? (current as Scalar).value : undefined };
}

/** Items of a sequence with aliases followed; a non-sequence gives none. */
export function items(ctx: YamlContext, node: unknown): YamlNode[] {
  const seq = ctx.resolve(node);
  if (!isSeq(seq)) return [];
  return ((seq as YAMLSeq.Parsed).items as unknown[])
    .map((i) => ctx.resolve(i))
    .filter((i): i is YamlNode => i !== null);
}

/**
 * A scalar as a string: strings as they are, numbers and booleans as written (`0755`, `1e3`),
 * null and collections give undefined.
 */
export function readString(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (node.type === 'PLAIN' && typeof node.source === 'string' && node.source !== '') return node.source;
  return String(v);
}

/** A number, or a string that is a plain decimal number (`"1000"`). */
export function readNumber(node: unknown): number | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && /^\s*[-+]?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

const TRUE = new Set(['true', 'yes', 'y', 'on']);
const FALSE = new Set(['false', 'no', 'n', 'off']);

/**
 * A boolean, also from strings: `"true"` (compose accepts quoted booleans), and the YAML 1.1
 * words `yes`/`no`/`on`/`off` that Kubernetes' YAML reader still takes as booleans.
 * Anything else (`${PRIVILEGED:-false}`) is undefined.
 */
export function readBool(node: unknown): boolean | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (TRUE.has(s)) return true;
    if (FALSE.has(s)) return false;
  }
  return undefined;
}

/** The source text a node covers. */
export function sourceText(ctx: YamlContext, node: unknown): string {
  const o = offsetsOf(node);
  return o ? ctx.lines.text.slice(o[0], o[1]) : '';
}

/** 0-based column of a map's first key: where a new key of that map goes. */
export function childIndent(ctx: YamlContext, map: unknown): number | undefined {
  const m = ctx.resolve(map);
  if (!isMap(m) || (m as YAMLMap.Parsed).flow) return undefined;
  const first = (m as YAMLMap.Parsed).items[0];
  if (!first) return undefined;
  return rangeOf(ctx, first.key).start.character;
}

/**
 * A value read from YAML, with where it came from. `value` is the parsed value; `text` is the
 * scalar as written (`${PRIVILEGED:-false}` keeps its text while `value` of a boolean is undefined).
 */
export interface Located<T> {
  value: T;
  text: string;
  /** Range of the value as written (for an alias: where the anchored value is). */
  range: Range;
  /** Range of the key, when the value is a map entry. */
  keyRange?: Range;
  /** Key start to value end. */
  pairRange?: Range;
  /** The value node (aliases followed); null for `key:` with no value. */
  node: YamlNode | null;
  pair?: Pair<unknown, unknown>;
  /** Set when it was merged in through `<<: *anchor`: the alias's range in the map being read. */
  mergedVia?: Range;
}

/** Wrap a map entry as a `Located` value. */
export function locateEntry<T>(ctx: YamlContext, entry: YamlEntry, value: T): Located<T> {
  const node = entry.node;
  return {
    value,
    text: readString(node) ?? (node ? sourceText(ctx, node) : ''),
    range: node ? rangeOf(ctx, node) : rangeOf(ctx, entry.keyNode),
    keyRange: keyRange(ctx, entry.pair),
    pairRange: pairRange(ctx, entry.pair),
    node,
    pair: entry.pair,
    ...(entry.mergedVia ? { mergedVia: rangeOf(ctx, entry.mergedVia) } : {}),
  };
}

/** Wrap a sequence item (or any node) as a `Located` value. */
export function locateNode<T>(ctx: YamlContext, node: YamlNode, value: T, mergedVia?: Range): Located<T> {
  return {
    value,
    text: readString(node) ?? sourceText(ctx, node),
    range: rangeOf(ctx, node),
    node,
    ...(mergedVia ? { mergedVia } : {}),
  };
}

/** Convenience: a keyed scalar read as a string. */
export function readEntryString(ctx: YamlContext, map: unknown, key: string): Located<string | undefined> | undefined {
  const e = getEntry(ctx, map, key);
  return e ? locateEntry(ctx, e, readString(e.node)) : undefined;
}

export function readEntryBool(ctx: YamlContext, map: unknown, key: string): Located<boolean | undefined> | undefined {
  const e = getEntry(ctx, map, key);
  return e ? locateEntry(ctx, e, readBool(e.node)) : undefined;
}

export function readEntryNumber(ctx: YamlContext, map: unknown, key: string): Located<number | undefined> | undefined {
  const e = getEntry(ctx, map, key);
  return e ? locateEntry(ctx, e, readNumber(e.node)) : undefined;
}

/**
 * A list of strings that may also be written as one string (`cap_add: SYS_ADMIN`, `tmpfs: /run`).
 * Items that are not scalars are skipped.
 */
export function readStringList(ctx: YamlContext, node: unknown): Located<string>[] {
  const n = ctx.resolve(node);
  if (isSeq(n)) {
    const out: Located<string>[] = [];
    for (const raw of (n as YAMLSeq.Parsed).items as YamlNode[]) {
      const item = ctx.resolve(raw);
      const s = readString(item);
      if (item && s !== undefined) out.push(locateNode(ctx, item, s));
    }
    return out;
  }
  const s = readString(n);
  return n && s !== undefined ? [locateNode(ctx, n, s)] : [];
}
