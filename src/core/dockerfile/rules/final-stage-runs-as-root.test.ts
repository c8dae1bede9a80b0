import { describe, expect, it } from 'vitest';
import { covered, findings, fixed } from './testing';

const ID = 'final-stage-runs-as-root';

describe(ID, () => {
  it.each([
    ['explicit USER root', 'FROM alpine:3.20\nUSER root\nCMD ["sh"]\n', ['USER root']],
    ['USER 0:0', 'FROM alpine:3.20\nUSER 0:0\n', ['USER 0:0']],
    ['no USER on a root base image', 'FROM alpine:3.20\nCMD ["sh"]\n', ['FROM alpine:3.20']],
    ['non-root user', 'FROM alpine:3.20\nUSER app\n', []],
    ['root only in a build stage', 'FROM alpine:3.20 AS build\nUSER root\nFROM alpine:3.20\nUSER 10001\n', []],
    ['user from a variable is unknown', 'FROM alpine:3.20\nARG U\nUSER $U\n', []],
    ['unknown base image without USER', 'FROM example.com/custom/thing:1\n', []],
    ['inherits root from a parent stage', 'FROM alpine:3.20 AS base\nFROM base\nCMD ["x"]\n', ['FROM base']],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('says why', () => {
    expect(findings('FROM alpine:3.20\n', ID)[0].message).toContain('runs as root by default');
  });

  it('the fix removes the finding', () => {
    const text = 'FROM alpine:3.20\nCMD ["sh"]\n';
    const out = fixed(text, ID);
    expect(covered(out, ID)).toEqual([]);
  });
});
