import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyEdits } from '../text/range';
import {
  EditBuilder,
  addToMap,
  appendSeqItem,
  flowSeq,
  map,
  mergeInto,
  nested,
  ownPair,
  plainOrQuoted,
  removePair,
  removeSeqItem,
  scalar,
  setPairValue,
} from './edit';
import { parseYaml } from './parse';
import type { YamlNode } from './parse';
import { getPath } from './read';

/** Run one edit builder over `text`; `at` finds the node to work on by path in the first document. */
function edit(text: string, path: (string | number)[], f: (b: EditBuilder, node: YamlNode | null, parent: YamlNode | null) => void): string {
  const y = parseYaml(text);
  const root = y.documents[0].contents;
  const node = path.length ? (getPath(y, root, path)?.node ?? null) : root;
  const parent = path.length > 1 ? (getPath(y, root, path.slice(0, -1))?.node ?? null) : root;
  const b = new EditBuilder(y);
  f(b, node, parent);
  const edits = b.build();
  if (!edits) throw new Error('no edits');
  return applyEdits(text, edits);
}

describe('addToMap', () => {
  it('appends block entries at the map indentation, after trailing comments and block scalars', () => {
    const text = 'a:\n  x: 1 # one\n  s: |\n    line\nb: 2\n';
    const out = edit(text, ['a'], (b, n) => addToMap(b, n, [['y', scalar('2')], ['m', map(['k', flowSeq('A')])]]));
    expect(out).toBe('a:\n  x: 1 # one\n  s: |\n    line\n  y: 2\n  m:\n    k: [A]\nb: 2\n');
  });

  it('appends to flow maps, empty or not', () => {
    expect(edit('a: {x: 1}\n', ['a'], (b, n) => addToMap(b, n, [['y', scalar('2')]]))).toBe('a: {x: 1, y: 2}\n');
    expect(edit('a: { x: 1 }\n', ['a'], (b, n) => addToMap(b, n, [['y', map(['z', scalar('3')])]]))).toBe('a: { x: 1, y: {z: 3} }\n');
  });

  it('follows the file indentation step and line endings', () => {
    const out = edit('a:\r\n    x: 1\r\n', ['a'], (b, n) => addToMap(b, n, [['m', map(['k', scalar('v')])]]));
    expect(out).toBe('a:\r\n    x: 1\r\n    m:\r\n        k: v\r\n');
  });

  it('inserts within its document only', () => {
    const text = 'a:\n  x: 1\n---\na:\n  x: 1\n';
    expect(edit(text, ['a'], (b, n) => addToMap(b, n, [['y', scalar('2')]]))).toBe('a:\n  x: 1\n  y: 2\n---\na:\n  x: 1\n');
  });
});

describe('setPairValue', () => {
  it.each([
    ['a:\n', 'a:\n  k: v\n'],
    ['a: ~\n', 'a:\n  k: v\n'],
    ['a: {} # empty\n', 'a: # empty\n  k: v\n'],
  ])('fills the empty value of %j with a block map', (text, expected) => {
    const out = edit(text, [], (b, root) => setPairValue(b, ownPair(root, 'a')!, map(['k', scalar('v')])));
    expect(out).toBe(expected);
    expect(parse(out)).toEqual({ a: { k: 'v' } });
  });

  it('replaces a scalar in place, or writes one after the colon', () => {
    expect(edit('a: 1 # c\n', [], (b, r) => setPairValue(b, ownPair(r, 'a')!, scalar('2')))).toBe('a: 2 # c\n');
    expect(edit('a:\nb: 1\n', [], (b, r) => setPairValue(b, ownPair(r, 'a')!, scalar('2')))).toBe('a: 2\nb: 1\n');
  });
});

describe('removePair', () => {
  it('deletes the whole lines of a block pair, value and trailing comment included', () => {
    expect(edit('a: 1\nb:\n  - x\n  - y # c\nc: 3\n', [], (b, r) => removePair(b, r, ownPair(r, 'b')!))).toBe('a: 1\nc: 3\n');
  });

  it('pulls the next key up when the pair follows a dash', () => {
    expect(edit('l:\n  - a: 1\n    b: 2\n', ['l', 0], (b, n) => removePair(b, n, ownPair(n, 'a')!))).toBe('l:\n  - b: 2\n');
    expect(edit('l:\n  - a: 1\n', ['l', 0], (b, n) => removePair(b, n, ownPair(n, 'a')!))).toBe('l:\n  - {}\n');
  });

  it('removes a flow item with one comma', () => {
    expect(edit('m: {a: 1, b: 2, c: 3}\n', ['m'], (b, n) => removePair(b, n, ownPair(n, 'b')!))).toBe('m: {a: 1, c: 3}\n');
    expect(edit('m: {a: 1, b: 2}\n', ['m'], (b, n) => removePair(b, n, ownPair(n, 'b')!))).toBe('m: {a: 1}\n');
    expect(edit('m: {a: 1}\n', ['m'], (b, n) => removePair(b, n, ownPair(n, 'a')!))).toBe('m: {}\n');
  });

  it('removes the last line of a file without a final line break', () => {
    expect(edit('a: 1\nb: 2', [], (b, r) => removePair(b, r, ownPair(r, 'b')!))).toBe('a: 1\n');
  });
});

describe('sequences', () => {
  const item = (y: ReturnType<typeof parseYaml>, seq: YamlNode | null, i: number) => (seq as unknown as { items: YamlNode[] }).items[i];

  it('appends in block style at the dash column, also for indentless lists', () => {
    expect(edit('l:\n  - a\n  - b # c\nk: 1\n', ['l'], (b, n) => appendSeqItem(b, n, 'z'))).toBe('l:\n  - a\n  - b # c\n  - z\nk: 1\n');
    expect(edit('l:\n- a\nk: 1\n', ['l'], (b, n) => appendSeqItem(b, n, 'z'))).toBe('l:\n- a\n- z\nk: 1\n');
  });

  it('appends in flow style', () => {
    expect(edit('l: [a]\n', ['l'], (b, n) => appendSeqItem(b, n, 'z'))).toBe('l: [a, z]\n');
    expect(edit('l: []\n', ['l'], (b, n) => appendSeqItem(b, n, 'z'))).toBe('l: [z]\n');
  });

  it('removes block and flow items', () => {
    const y = parseYaml('l:\n  - a\n  - b\n');
    expect(y).toBeDefined();
    expect(edit('l:\n  - a\n  - b\n', ['l'], (b, n) => removeSeqItem(b, n, item(y, n, 0)))).toBe('l:\n  - b\n');
    expect(edit('l: [a, b, c]\n', ['l'], (b, n) => removeSeqItem(b, n, item(y, n, 1)))).toBe('l: [a, c]\n');
  });

  it('a list item appended and a key added at the same place nest correctly', () => {
    const out = edit('m:\n  l:\n    - a\n', ['m'], (b, n) => {
      addToMap(b, n, [['k', scalar('1')]]);
      appendSeqItem(b, (getPath(b.ctx, n, ['l'])?.node ?? null), 'z');
    });
    expect(parse(out)).toEqual({ m: { l: ['a', 'z'], k: 1 } });
  });
});

describe('mergeInto', () => {
  const desired = [
    { key: 'on', value: scalar('true'), ok: (n: YamlNode | null) => (n as { value?: unknown } | null)?.value === true },
    nested('caps', [{ key: 'drop', value: flowSeq('ALL'), contains: 'ALL' }]),
  ];

  it('adds what is missing, fixes what is wrong, keeps what is right', () => {
    expect(parse(edit('sc:\n  on: false\n  x: 1\n', ['sc'], (b, n) => mergeInto(b, n, desired)))).toEqual({ sc: { on: true, x: 1, caps: { drop: ['ALL'] } } });
    expect(edit('sc:\n  on: true\n  caps:\n    drop: [ALL]\n', ['sc'], (b, n) => {
      mergeInto(b, n, desired);
      b.insert(0, '# touched\n');
    })).toBe('# touched\nsc:\n  on: true\n  caps:\n    drop: [ALL]\n');
  });

  it('overrides a merged key with an own one instead of editing the anchor', () => {
    const text = 'base: &b\n  on: false\nsc:\n  <<: *b\n  x: 1\n';
    const out = edit(text, ['sc'], (b, n) => mergeInto(b, n, desired));
    expect(out.startsWith('base: &b\n  on: false\n')).toBe(true);
    expect(parse(out, { merge: true })).toMatchObject({ sc: { on: true, x: 1 } });
  });
});

describe('plainOrQuoted', () => {
  it.each([
    ['ALL', 'ALL'],
    ['/tmp', '/tmp'],
    ['no-new-privileges:true', '"no-new-privileges:true"'],
    ['true', '"true"'],
    ['10001:10001', '"10001:10001"'],
    ['a # b', '"a # b"'],
    ['', '""'],
  ])('%s → %s', (value, expected) => {
    expect(plainOrQuoted(value)).toBe(expected);
  });
});
