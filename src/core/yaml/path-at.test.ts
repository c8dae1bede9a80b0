import { describe, expect, it } from 'vitest';
import { parseYaml } from './parse';
import { pathAt, pathString } from './path-at';

const MARK = '¦';

function hit(src: string) {
  const i = src.indexOf(MARK);
  const text = src.slice(0, i) + src.slice(i + 1);
  const yaml = parseYaml(text);
  const h = pathAt(yaml, yaml.documents[0].contents, i);
  return h && { path: pathString(h.steps), on: h.on, covers: yaml.lines.slice(h.range) };
}

describe('pathAt', () => {
  it.each([
    ['a:\n  b: ¦c', { path: 'a.b', on: 'value', covers: 'c' }],
    ['a:\n  ¦b: c', { path: 'a.b', on: 'key', covers: 'b' }],
    ['a:\n  - x\n  - ¦y', { path: 'a.1', on: 'value', covers: 'y' }],
    ['a: [x, ¦"y z"]', { path: 'a.1', on: 'value', covers: '"y z"' }],
    ['a:\n  - k: v\n    ¦m: n', { path: 'a.0.m', on: 'key', covers: 'm' }],
    ['x: &x 1\na: ¦*x', { path: 'a', on: 'value', covers: '*x' }],
    ['a: { b: { ¦c: 1 } }', { path: 'a.b.c', on: 'key', covers: 'c' }],
    ['a: |\n  line¦ one\n', { path: 'a', on: 'value', covers: '|\n  line one\n' }],
  ])('%j', (src, expected) => {
    expect(hit(src)).toEqual(expected);
  });

  it.each([['a: b ¦ # c'], ['a:\n¦\n  b: c'], ['¦# only a comment\na: 1'], ['a: [x,¦ y]']])('nothing at %j', (src) => {
    expect(hit(src)).toBeUndefined();
  });
});
