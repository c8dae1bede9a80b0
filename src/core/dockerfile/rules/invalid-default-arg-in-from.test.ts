import { describe, expect, it } from 'vitest';
import { covered, findings } from './testing';

const ID = 'invalid-default-arg-in-from';

describe(ID, () => {
  it.each([
    ['default gives a valid image', 'ARG TAG=20\nFROM node:${TAG}\n', []],
    ['no default for the whole image', 'ARG BASE\nFROM $BASE\n', ['$BASE']],
    ['no default for the tag', 'ARG TAG\nFROM node:$TAG\n', ['node:$TAG']],
    ['empty default', 'ARG TAG=\nFROM node:${TAG}\n', ['node:${TAG}']],
    ['modifier supplies a value', 'ARG TAG\nFROM node:${TAG:-20}\n', []],
    ['default built from another ARG', 'ARG REG=ghcr.io\nARG IMG=${REG}/org/app\nFROM ${IMG}:1\n', []],
    ['upper case repository', 'ARG NAME=MyApp\nFROM ${NAME}:1\n', ['${NAME}:1']],
    ['an upper-case first part is read as a registry host', 'ARG ORG=MyOrg\nFROM ${ORG}/app:1\n', []],
    ['required argument', 'ARG BASE\nFROM ${BASE:?required}\n', ['${BASE:?required}']],
    ['undeclared names belong to undefined-arg-in-from', 'FROM $NOPE\n', []],
    ['platform args have values', 'FROM example.com/app-${TARGETARCH}:1\n', []],
    ['no variables', 'FROM node:20\n', []],
    ['default scratch', 'ARG BASE=scratch\nFROM $BASE\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('says what the reference becomes and which ARG needs a default', () => {
    const [f] = findings('ARG TAG\nFROM node:$TAG\n', ID);
    expect(f.message).toContain('`node:`');
    expect(f.message).toContain('Give `TAG` a default');
  });
});
