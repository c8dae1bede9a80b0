import { describe, expect, it } from 'vitest';
import { covered } from './testing';

const ID = 'from-platform-flag-const-disallowed';

describe(ID, () => {
  it.each([
    ['constant', 'FROM --platform=linux/amd64 alpine:3.20\n', ['linux/amd64']],
    ['constant with variant', 'FROM --platform=linux/arm/v7 alpine:3.20 AS app\n', ['linux/arm/v7']],
    ['variable', 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n', []],
    ['stage named after the arch', 'FROM --platform=linux/arm64 alpine:3.20 AS build-arm64\n', []],
    ['stage named after an alias of the arch', 'FROM --platform=linux/x86_64 alpine:3.20 AS build-amd64\n', []],
    ['stage named after the os', 'FROM --platform=windows/amd64 mcr.microsoft.com/windows/nanoserver:ltsc2022 AS windows\n', []],
    ['no flag', 'FROM alpine:3.20\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });
});
