import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../parse';
import { covered, findings, fixed } from './testing';

const ID = 'undefined-arg-in-from';

describe(ID, () => {
  it.each([
    ['declared with default', 'ARG V=20\nFROM node:$V\n', []],
    ['declared without default', 'ARG V\nFROM node:${V}\n', []],
    ['not declared', 'FROM node:$V\n', ['$V']],
    ['declared only inside a stage', 'FROM a:1\nARG V=1\nFROM node:$V\n', ['$V']],
    ['with a default modifier, still not settable', 'FROM ${BASE:-alpine:3.20}\n', ['${BASE:-alpine:3.20}']],
    ['predefined platform args', 'FROM --platform=$BUILDPLATFORM golang:1.22-$TARGETOS\n', []],
    ['undeclared in --platform', 'FROM --platform=$PLATFORM alpine:3.20\n', ['$PLATFORM']],
    ['reported once per name', 'FROM $R/app:$R\n', ['$R']],
    ['two names', 'FROM $REG/app:$TAG\n', ['$REG', '$TAG']],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('suggests a declared name that is one edit away', () => {
    const text = 'ARG VERSION=20\nFROM node:$VERSOIN\n';
    const [f] = findings(text, ID);
    expect(f.message).toContain('did you mean `$VERSION`');
    const out = fixed(text, ID, 'Change to');
    expect(out).toBe('ARG VERSION=20\nFROM node:$VERSION\n');
    expect(covered(out, ID)).toEqual([]);
  });

  it('offers to declare the argument', () => {
    const text = '# syntax=docker/dockerfile:1\nFROM node:${V}\nRUN x\n';
    const out = fixed(text, ID, 'Declare');
    expect(out).toBe('# syntax=docker/dockerfile:1\nARG V\nFROM node:${V}\nRUN x\n');
    expect(covered(out, ID)).toEqual([]);
    expect(parseDockerfile(out).globalArgs.has('V')).toBe(true);
  });
});
