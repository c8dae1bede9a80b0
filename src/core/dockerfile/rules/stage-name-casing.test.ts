import { describe, expect, it } from 'vitest';
import { covered, fixed } from './testing';

const ID = 'stage-name-casing';

describe(ID, () => {
  it.each([
    ['lower case', 'FROM node:20 AS build\n', []],
    ['upper case', 'FROM node:20 AS Build\n', ['Build']],
    ['all caps', 'FROM node:20 AS BUILDER\n', ['BUILDER']],
    ['digits and dashes', 'FROM node:20 AS build-2.x_y\n', []],
    ['no name', 'FROM node:20\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('the fix renames the stage and its references', () => {
    const text = 'FROM node:20 AS Build\nRUN make\nFROM Build AS Test\nFROM alpine:3.20\nCOPY --from=Build /out /out\n';
    const out = fixed(text, ID);
    expect(out).toBe('FROM node:20 AS build\nRUN make\nFROM build AS Test\nFROM alpine:3.20\nCOPY --from=build /out /out\n');
    expect(covered(out, ID)).toEqual(['Test']);
  });
});
