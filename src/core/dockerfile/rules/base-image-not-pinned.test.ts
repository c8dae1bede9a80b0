import { describe, expect, it } from 'vitest';
import { covered, findings } from './testing';

const ID = 'base-image-not-pinned';
const DIGEST = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

describe(ID, () => {
  it.each([
    ['tag only', 'FROM node:20\n', ['node:20']],
    ['tag and digest', `FROM node:20@${DIGEST}\n`, []],
    ['digest only', `FROM node@${DIGEST}\n`, []],
    ['scratch', 'FROM scratch\n', []],
    ['earlier stage', `FROM node:20@${DIGEST} AS build\nFROM build\n`, []],
    ['unresolved variable', 'ARG BASE\nFROM $BASE\n', []],
    ['ARG default with a digest', `ARG BASE=node:20@${DIGEST}\nFROM $BASE\n`, []],
    ['ARG default without a digest', 'ARG BASE=node:20\nFROM ${BASE}\n', ['${BASE}']],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('offers the registry lookup as a pin-digest hook with no edits yet', () => {
    const [f] = findings('FROM node:20\n', ID);
    expect(f.fixes).toEqual([expect.objectContaining({ kind: 'pin-digest', edits: [] })]);
  });

  it('a FROM that is one build argument: the pin goes on the ARG default, and the title says so', () => {
    const [f] = findings('ARG BASE=node:20\nFROM $BASE\n', ID);
    expect(f!.fixes.map((x) => x.title)).toEqual(['Pin node:20 (the default of ARG BASE, line 1) to its current digest (asks the registry)']);
  });

  it('no pin when a variable is only part of the image, or has no default', () => {
    expect(findings('ARG V=20\nFROM node:${V}\n', ID)[0]!.fixes).toEqual([]);
    expect(findings('ARG BASE\nFROM ${BASE:-node:20}\n', ID)[0]?.fixes ?? []).toEqual([]);
  });
});
