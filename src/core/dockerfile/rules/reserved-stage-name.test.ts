import { describe, expect, it } from 'vitest';
import { covered } from './testing';

const ID = 'reserved-stage-name';

describe(ID, () => {
  it.each([
    ['scratch', 'FROM alpine:3.20 AS scratch\n', ['scratch']],
    ['context', 'FROM alpine:3.20 AS context\n', ['context']],
    ['any case', 'FROM alpine:3.20 AS Scratch\n', ['Scratch']],
    ['FROM scratch is fine', 'FROM scratch\n', []],
    ['similar names are fine', 'FROM alpine:3.20 AS scratchpad\nFROM alpine:3.20 AS build-context\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });
});
