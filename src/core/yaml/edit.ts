import { isMap, isPair, isScalar, isSeq, parse as parseScalarText } from 'yaml';
import type { Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Range, TextEdit } from '../text/range';
import type { YamlContext, YamlNode } from './parse';
import { keyText, readString } from './read';

/**
 * Minimal text edits on YAML, computed from node offsets: a fix touches only the lines it must,
 * keeps indentation, comments, key order and quoting of everything else, works in flow (`{}`,
 * `[]`) and block style, and uses the file's line ending. Offsets of every document are absolute,
 * so an edit in one document never moves a byte of another.
 */

/** What to write: a scalar as YAML text, a flow sequence of scalar texts, or a map. */
export type NewNode =
  | { kind: 'scalar'; text: string; comment?: string }
  | { kind: 'seq'; items: string[] }
  | { kind: 'map'; entries: [string, NewNode][] };

export const scalar = (text: string, comment?: string): NewNode => ({ kind: 'scalar', text, ...(comment ? { comment } : {}) });
export const flowSeq = (...items: string[]): NewNode => ({ kind: 'seq', items });
export const map = (...entries: [string, NewNode][]): NewNode => ({ kind: 'map', entries });

type Ranged = { range?: [number, number, number] | null };

function offsets(node: unknown): [number, number] | undefined {
  const r = (node as Ranged | null)?.range;
  return r ? [r[0], r[1]] : undefined;
}

/** Same-offset insertions: text within the line first, then deeper block lines before shallower ones. */
const INLINE = 1000;

/**
 * Collects the edits of one fix. Insertions at the same offset (typically the end of a map's last
 * line) are ordered so the result nests right: text continuing the line first, then lines of the
 * deepest block (an item appended to the map's last list), then shallower ones (a new key of the
 * map), each group in the order added.
 */
export class EditBuilder {
  private readonly replacements: { start: number; end: number; text: string }[] = [];
  private readonly inserts = new Map<number, { text: string; depth: number; seq: number }[]>();
  private seq = 0;
  /** Set when an edit could not be computed safely; the fix is then not offered. */
  failed = false;

  constructor(readonly ctx: YamlContext) {}

  get text(): string {
    return this.ctx.lines.text;
  }

  get eol(): string {
    return this.ctx.lines.eol;
  }

  /** Insert text; `depth` is the indentation of the block it starts (omit for text within a line). */
  insert(offset: number, text: string, depth = INLINE): void {
    const list = this.inserts.get(offset) ?? [];
    list.push({ text, depth, seq: this.seq++ });
    this.inserts.set(offset, list);
  }

  replace(start: number, end: number, text: string): void {
    if (start === end) {
      this.insert(start, text);
      return;
    }
    this.replacements.push({ start, end, text });
  }

  /** The edits, or undefined when one of them could not be made (or they overlap). */
  build(): TextEdit[] | undefined {
    if (this.failed) return undefined;
    const spans = [
      ...this.replacements,
      ...[...this.inserts].map(([offset, list]) => ({
        start: offset,
        end: offset,
        text: [...list]
          .sort((a, b) => b.depth - a.depth || a.seq - b.seq)
          .map((x) => x.text)
          .join(''),
      })),
    ].sort((a, b) => a.start - b.start || a.end - b.end);
    for (let i = 1; i < spans.length; i++) {
      const prev = spans[i - 1];
      const cur = spans[i];
      // An insertion may touch a replacement; two replacements may not overlap.
      if (cur.start < prev.end) return undefined;
    }
    if (spans.length === 0) return undefined;
    const lines = this.ctx.lines;
    return spans.map((s) => ({
      range: { start: lines.positionAt(s.start), end: lines.positionAt(s.end) },
      newText: s.text,
    }));
  }
}

/** Offset just after the last non-blank character in [start, end). */
export function contentEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  return e;
}

function lineOf(b: EditBuilder, offset: number): number {
  return b.ctx.lines.positionAt(offset).line;
}

function lineStart(b: EditBuilder, line: number): number {
  return b.ctx.lines.lineStarts[line] ?? b.text.length;
}

/** Offset where the next line begins (or the end of the text). */
function nextLineStart(b: EditBuilder, line: number): number {
  return line + 1 < b.ctx.lines.lineCount ? b.ctx.lines.lineStarts[line + 1] : b.text.length;
}

function column(b: EditBuilder, offset: number): number {
  return b.ctx.lines.positionAt(offset).character;
}

/** Only whitespace (and, when `dash`, one `- `) between the start of the line and `offset`. */
function onlyIndentBefore(b: EditBuilder, offset: number, dash = false): boolean {
  const line = lineOf(b, offset);
  const before = b.text.slice(lineStart(b, line), offset);
  return dash ? /^\s*-\s+$/.test(before) || /^\s*$/.test(before) : /^\s*$/.test(before);
}

const UNITS = new WeakMap<object, number>();

/** The indentation step of the file: the smallest non-zero indentation of a content line (2 if none). */
export function indentUnit(ctx: YamlContext): number {
  const cached = UNITS.get(ctx.lines);
  if (cached !== undefined) return cached;
  const unit = measureIndentUnit(ctx);
  UNITS.set(ctx.lines, unit);
  return unit;
}

function measureIndentUnit(ctx: YamlContext): number {
  let min = Infinity;
  const lines = ctx.lines;
  const limit = Math.min(lines.lineCount, 2000);
  for (let i = 0; i < limit; i++) {
    const t = lines.lineText(i);
    const m = /^( +)[^\s#]/.exec(t);
    if (m && m[1].length < min) min = m[1].length;
  }
  return min === Infinity || min > 8 ? 2 : min;
}

/** A scalar's text for a new node: like its siblings' quoting when they are quoted, else plain when that reads back as the same string. */
export function scalarText(value: string, like?: YamlNode | null): string {
  const type = isScalar(like) ? (like as Scalar).type : undefined;
  if (type === 'QUOTE_DOUBLE') return JSON.stringify(value);
  if (type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  return plainOrQuoted(value);
}

/** Plain when YAML reads it back as this exact string (in block and flow context), else double-quoted. */
export function plainOrQuoted(value: string): string {
  if (value !== '' && !/[,[\]{}#:]|^\s|\s$|^[-?!&*|>'"%@`]/.test(value)) {
    try {
      if (parseScalarText(value) === value && parseScalarText(`[${value}]`)?.[0] === value) return value;
    } catch {
      // fall through to quoting
    }
  }
  return JSON.stringify(value);
}

function renderFlow(node: NewNode): string {
  if (node.kind === 'scalar') return node.text;
  if (node.kind === 'seq') return `[${node.items.join(', ')}]`;
  return `{${node.entries.map(([k, v]) => `${k}: ${renderFlow(v)}`).join(', ')}}`;
}

/** `key: value` lines at `indent`, joined with the file's line ending (no leading or trailing break). */
function renderBlockEntry(key: string, node: NewNode, indent: number, unit: number, eol: string): string {
  const pad = ' '.repeat(indent);
  if (node.kind === 'scalar') return `${pad}${key}: ${node.text}${node.comment ? `  # ${node.comment}` : ''}`;
  if (node.kind === 'seq') return `${pad}${key}: ${renderFlow(node)}`;
  return [`${pad}${key}:`, ...node.entries.map(([k, v]) => renderBlockEntry(k, v, indent + unit, unit, eol))].join(eol);
}

function isEmptyScalar(node: unknown): boolean {
  return isScalar(node) && (node.value === null || node.value === undefined || node.value === '') && (node as Scalar).type === 'PLAIN';
}

/** `key:`, `key: ~`, `key: null`, `key: {}`, `key: []`: a value with nothing in it. */
export function isEmptyValue(node: unknown): boolean {
  if (node === null || node === undefined) return true;
  if (isEmptyScalar(node)) return true;
  if ((isMap(node) || isSeq(node)) && (node as YAMLMap | YAMLSeq).items.length === 0 && (node as YAMLMap).flow) return true;
  return false;
}

/** Own (not merged) pairs of a map, by key. */
export function ownPair(mapNode: unknown, key: string): Pair<unknown, unknown> | undefined {
  if (!isMap(mapNode)) return undefined;
  return (mapNode as YAMLMap.Parsed).items.find((p) => isPair(p) && keyText(p.key) === key) as Pair<unknown, unknown> | undefined;
}

/** Offset of the `:` after a pair's key. */
function colonAfterKey(b: EditBuilder, pair: Pair<unknown, unknown>): number | undefined {
  const k = offsets(pair.key);
  if (!k) return undefined;
  const i = b.text.indexOf(':', k[1]);
  return i < 0 ? undefined : i;
}

/** Add entries at the end of a map (block or flow). */
export function addToMap(b: EditBuilder, mapNode: unknown, entries: [string, NewNode][]): void {
  if (entries.length === 0) return;
  const m = b.ctx.resolve(mapNode);
  if (!isMap(m)) {
    b.failed = true;
    return;
  }
  const mp = m as YAMLMap.Parsed;
  const r = offsets(mp);
  if (!r) {
    b.failed = true;
    return;
  }
  const unit = indentUnit(b.ctx);
  if (mp.flow) {
    const last = mp.items[mp.items.length - 1] as Pair<unknown, unknown> | undefined;
    const text = entries.map(([k, v]) => `${k}: ${renderFlow(v)}`).join(', ');
    if (last) {
      const end = offsets(last.value)?.[1] ?? offsets(last.key)?.[1];
      if (end === undefined) {
        b.failed = true;
        return;
      }
      b.insert(end, `, ${text}`);
    } else {
      const open = b.text.indexOf('{', r[0]);
      b.insert(open + 1, text);
    }
    return;
  }
  const first = mp.items[0] as Pair<unknown, unknown> | undefined;
  const firstKey = first && offsets(first.key);
  if (!firstKey) {
    b.failed = true;
    return;
  }
  const indent = column(b, firstKey[0]);
  const end = contentEnd(b.text, r[0], r[1]);
  const at = b.ctx.lines.lineEndOffset(lineOf(b, end));
  b.insert(at, entries.map(([k, v]) => b.eol + renderBlockEntry(k, v, indent, unit, b.eol)).join(''), indent);
}

/**
 * Give a pair a new value. A scalar replaces the old value in place; a map or list replaces an
 * empty value (`key:`, `~`, `{}`, `[]`) with block lines under the key.
 */
export function setPairValue(b: EditBuilder, pair: Pair<unknown, unknown>, node: NewNode): void {
  const value = pair.value;
  const vr = offsets(value);
  if (node.kind === 'scalar') {
    if (vr && !isEmptyScalar(value)) {
      b.replace(vr[0], vr[1], node.text);
      return;
    }
    const colon = colonAfterKey(b, pair);
    if (colon === undefined) {
      b.failed = true;
      return;
    }
    b.insert(colon + 1, ` ${node.text}`);
    return;
  }
  if (!isEmptyValue(value)) {
    // A non-empty value of another shape: replace it as flow text on the same line.
    if (!vr || (isMap(value) && !(value as YAMLMap).flow) || (isSeq(value) && !(value as YAMLSeq).flow)) {
      b.failed = true;
      return;
    }
    b.replace(vr[0], vr[1], renderFlow(node));
    return;
  }
  const colon = colonAfterKey(b, pair);
  const keyStart = offsets(pair.key)?.[0];
  if (colon === undefined || keyStart === undefined) {
    b.failed = true;
    return;
  }
  if (node.kind === 'seq') {
    // `key: []` or `key:` → `key: [a, b]`.
    if (vr && vr[1] > vr[0]) b.replace(vr[0], vr[1], renderFlow(node));
    else b.insert(colon + 1, ` ${renderFlow(node)}`);
    return;
  }
  // Remove `~`, `null`, `{}` (and the space before it), then add the block lines after the key's line.
  if (vr && vr[1] > vr[0]) b.replace(colon + 1, vr[1], '');
  const unit = indentUnit(b.ctx);
  const indent = column(b, keyStart) + unit;
  const at = b.ctx.lines.lineEndOffset(lineOf(b, colon));
  b.insert(at, node.entries.map(([k, v]) => b.eol + renderBlockEntry(k, v, indent, unit, b.eol)).join(''), indent);
}

/** Replace a scalar value in place. */
export function replaceNode(b: EditBuilder, node: unknown, text: string): void {
  const r = offsets(node);
  if (!r) {
    b.failed = true;
    return;
  }
  b.replace(r[0], r[1], text);
}

/** Delete a pair from its map: whole lines in block style, the item and a comma in flow style. */
export function removePair(b: EditBuilder, mapNode: unknown, pair: Pair<unknown, unknown>): void {
  const m = b.ctx.resolve(mapNode);
  if (!isMap(m)) {
    b.failed = true;
    return;
  }
  const mp = m as YAMLMap.Parsed;
  const items = mp.items as Pair<unknown, unknown>[];
  const i = items.indexOf(pair);
  const k = offsets(pair.key);
  if (i < 0 || !k) {
    b.failed = true;
    return;
  }
  const end = offsets(pair.value)?.[1] ?? k[1];
  if (mp.flow) {
    removeFlowItem(b, items.map(pairSpan), i);
    return;
  }
  const next = items[i + 1];
  if (onlyIndentBefore(b, k[0])) {
    const last = lineOf(b, contentEnd(b.text, k[0], Math.max(end, k[1] + 1)));
    b.replace(lineStart(b, lineOf(b, k[0])), nextLineStart(b, last), '');
    return;
  }
  // The pair starts after `- ` (first key of a list item): pull the next key up, or leave `{}`.
  const nextKey = next && offsets(next.key);
  if (nextKey) b.replace(k[0], nextKey[0], '');
  else b.replace(k[0], contentEnd(b.text, k[0], Math.max(end, k[1] + 1)), '{}');
}

function pairSpan(p: Pair<unknown, unknown>): [number, number] {
  const k = offsets(p.key) ?? [0, 0];
  const v = offsets(p.value);
  return [k[0], v && v[1] > k[1] ? v[1] : k[1]];
}

function removeFlowItem(b: EditBuilder, spans: [number, number][], i: number): void {
  const [s, e] = spans[i];
  if (spans.length === 1) b.replace(s, e, '');
  else if (i + 1 < spans.length) b.replace(s, spans[i + 1][0], '');
  else b.replace(spans[i - 1][1], e, '');
}

/** Delete one item of a sequence: its line(s) in block style, the item and a comma in flow style. */
export function removeSeqItem(b: EditBuilder, seqNode: unknown, item: unknown): void {
  const s = b.ctx.resolve(seqNode);
  if (!isSeq(s)) {
    b.failed = true;
    return;
  }
  const sq = s as YAMLSeq.Parsed;
  const i = (sq.items as unknown[]).indexOf(item);
  const r = offsets(item);
  if (i < 0 || !r) {
    b.failed = true;
    return;
  }
  if (sq.flow) {
    removeFlowItem(b, (sq.items as unknown[]).map((x) => offsets(x) ?? [0, 0]), i);
    return;
  }
  if (!onlyIndentBefore(b, r[0], true)) {
    b.failed = true;
    return;
  }
  const last = lineOf(b, contentEnd(b.text, r[0], r[1]));
  b.replace(lineStart(b, lineOf(b, r[0])), nextLineStart(b, last), '');
}

/** Append a scalar item (as YAML text) to a sequence, in its style. */
export function appendSeqItem(b: EditBuilder, seqNode: unknown, itemText: string): void {
  const s = b.ctx.resolve(seqNode);
  if (!isSeq(s)) {
    b.failed = true;
    return;
  }
  const sq = s as YAMLSeq.Parsed;
  const r = offsets(sq);
  const last = sq.items[sq.items.length - 1];
  const lr = offsets(last);
  if (!r) {
    b.failed = true;
    return;
  }
  if (sq.flow) {
    if (lr) b.insert(lr[1], `, ${itemText}`);
    else b.insert(b.text.indexOf('[', r[0]) + 1, itemText);
    return;
  }
  if (!lr) {
    b.failed = true;
    return;
  }
  const line = lineOf(b, lr[0]);
  const dash = /^(\s*)-/.exec(b.text.slice(lineStart(b, line), lr[0]));
  if (!dash) {
    b.failed = true;
    return;
  }
  const end = contentEnd(b.text, r[0], r[1]);
  // An indentless list (`key:` then `- x` at the key's column) still nests deeper than the key.
  b.insert(b.ctx.lines.lineEndOffset(lineOf(b, end)), `${b.eol}${dash[1]}- ${itemText}`, dash[1].length + 0.5);
}

/**
 * Desired content of a map, merged into what exists: missing keys are added at the end of the
 * map, scalars that are not `ok` are replaced, nested maps are merged recursively, lists that
 * must contain an item get it appended. Keys merged in through `<<:` count as absent (a key of
 * the map itself overrides them, which is what YAML merge means).
 */
export interface Desired {
  key: string;
  /** What to write when the key is absent (or, for scalars, wrong). */
  value: NewNode;
  /** For scalars: the existing value is fine as it is. */
  ok?: (node: YamlNode | null) => boolean;
  /** For maps: merge these into an existing map instead of replacing it. */
  children?: Desired[];
  /** For lists: the existing list is fine when it contains this (case-insensitive); else append it. */
  contains?: string;
}

export function mergeInto(b: EditBuilder, mapNode: unknown, desired: Desired[]): void {
  const missing: [string, NewNode][] = [];
  for (const d of desired) {
    const pair = ownPair(b.ctx.resolve(mapNode), d.key);
    if (!pair) {
      missing.push([d.key, d.value]);
      continue;
    }
    const node = b.ctx.resolve(pair.value);
    if (d.children) {
      if (isMap(node) && (node as YAMLMap).items.length > 0) mergeInto(b, node, d.children);
      else if (isEmptyValue(node)) setPairValue(b, pair, d.value);
      else b.failed = true;
    } else if (d.contains !== undefined) {
      const want = d.contains.toLowerCase();
      if (isSeq(node) && (node as YAMLSeq).items.length > 0) {
        const has = (node as YAMLSeq.Parsed).items.some((i) => readString(b.ctx.resolve(i))?.toLowerCase() === want);
        if (!has) appendSeqItem(b, node, scalarText(d.contains, b.ctx.resolve((node as YAMLSeq.Parsed).items[0])));
      } else if (isScalar(node) && readString(node)?.toLowerCase() === want) {
        // `drop: ALL` as one string is fine
      } else if (isEmptyValue(node) || isScalar(node)) setPairValue(b, pair, d.value);
      else b.failed = true;
    } else if (!d.ok || !d.ok(node)) {
      setPairValue(b, pair, d.value);
    }
  }
  if (missing.length === 0) return;
  const m = b.ctx.resolve(mapNode);
  if (isMap(m) && (m as YAMLMap).items.length > 0) addToMap(b, m, missing);
  else b.failed = true;
}

/** Merge `desired` under `key` of a map: into the existing value, or as a new key. */
export function ensureUnder(b: EditBuilder, mapNode: unknown, key: string, value: NewNode, children: Desired[]): void {
  mergeInto(b, mapNode, [{ key, value, children }]);
}

/** A desired nested map whose value (when it is absent) is made of its children. */
export function nested(key: string, children: Desired[]): Desired {
  return { key, value: map(...children.map((c): [string, NewNode] => [c.key, c.value])), children };
}

/**
 * The range of `value.slice(from, to)` inside a one-line scalar whose source contains the value as
 * written (plain, or quoted without escapes); undefined otherwise.
 */
export function scalarPartRange(
  lines: { slice(r: Range): string },
  range: Range,
  value: string,
  from: number,
  to: number = value.length,
): Range | undefined {
  if (range.start.line !== range.end.line) return undefined;
  const at = lines.slice(range).indexOf(value);
  if (at < 0) return undefined;
  const line = range.start.line;
  const base = range.start.character + at;
  return { start: { line, character: base + from }, end: { line, character: base + to } };
}

/** A range without the trailing line break and spaces a block node's range ends with. */
export function trimRange(lines: { offsetAt(p: Range['start']): number; positionAt(o: number): Range['start']; text: string }, r: Range): Range {
  const start = lines.offsetAt(r.start);
  let end = lines.offsetAt(r.end);
  while (end > start && /\s/.test(lines.text[end - 1])) end--;
  return { start: r.start, end: lines.positionAt(end) };
}
