import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../parse';
import { covered, findings, fixed } from './testing';

const ID = 'base-image-latest';

describe(ID, () => {
  it.each([
    ['tagged', 'FROM node:20-alpine\n', []],
    ['no tag', 'FROM node\n', ['node']],
    ['latest', 'FROM node:latest\n', ['latest']],
    ['registry with port, no tag', 'FROM localhost:5000/team/app\n', ['localhost:5000/team/app']],
    ['registry with port and tag', 'FROM localhost:5000/team/app:1.2\n', []],
    ['digest only', 'FROM node@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n', []],
    ['latest with digest is pinned', 'FROM node:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n', []],
    ['scratch', 'FROM scratch\n', []],
    ['earlier stage', 'FROM node:20 AS build\nFROM build\n', []],
    ['unresolved variable', 'ARG BASE\nFROM $BASE\n', []],
    ['variable with a tagged default', 'ARG BASE=node:20\nFROM $BASE\n', []],
    ['variable with an untagged default', 'ARG BASE=node\nFROM $BASE\n', ['$BASE']],
    ['tag from a variable with a default', 'ARG V=20\nFROM node:${V}\n', []],
    ['with a platform flag and a name', 'FROM --platform=$BUILDPLATFORM golang AS build\n', ['golang']],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('says what no tag means', () => {
    expect(findings('FROM node\n', ID)[0].message).toContain('`node:latest`');
    expect(findings('ARG BASE=node\nFROM $BASE\n', ID)[0].message).toContain('ARG default');
  });

  it('offers a placeholder, never an invented version, and never as the preferred fix', () => {
    const [f] = findings('FROM node\n', ID);
    expect(f.fixes).toHaveLength(1);
    expect(f.fixes[0].preferred).toBeFalsy();
    expect(f.fixes[0].edits[0].newText).toBe(':<tag>');
  });

  it.each([
    ['FROM node AS app\n', 'FROM node:<tag> AS app\n'],
    ['FROM node:latest\n', 'FROM node:<tag>\n'],
  ])('the placeholder removes the finding (%#)', (text, want) => {
    const out = fixed(text, ID);
    expect(out).toBe(want);
    expect(covered(out, ID)).toEqual([]);
    expect(parseDockerfile(out).stages).toHaveLength(1);
  });

  it('no fix when the image comes from an ARG default', () => {
    expect(findings('ARG BASE=node\nFROM $BASE\n', ID)[0].fixes).toEqual([]);
  });
});
