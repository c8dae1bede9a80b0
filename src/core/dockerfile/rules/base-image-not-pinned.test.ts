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

  it('no hook when the image comes from a build argument', () => {
    expect(findings('ARG BASE=node:20\nFROM $BASE\n', ID)[0].fixes).toEqual([]);
  });
});
