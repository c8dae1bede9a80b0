import { describe, expect, it } from 'vitest';
import { covered, fixed } from './testing';

const ID = 'redundant-target-platform';

describe(ID, () => {
  it.each([
    ['$TARGETPLATFORM', 'FROM --platform=$TARGETPLATFORM alpine:3.20\n', ['--platform=$TARGETPLATFORM']],
    ['braces', 'FROM --platform=${TARGETPLATFORM} alpine:3.20 AS x\n', ['--platform=${TARGETPLATFORM}']],
    ['$BUILDPLATFORM is useful', 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n', []],
    ['a derived value is not the same', 'FROM --platform=${TARGETPLATFORM:-linux/amd64} alpine:3.20\n', []],
    ['no flag', 'FROM alpine:3.20\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('the fix removes the flag', () => {
    const out = fixed('FROM --platform=$TARGETPLATFORM alpine:3.20 AS x\nRUN y\n', ID);
    expect(out).toBe('FROM alpine:3.20 AS x\nRUN y\n');
    expect(covered(out, ID)).toEqual([]);
  });
});
