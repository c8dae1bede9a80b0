import { describe, expect, it } from 'vitest';
import { covered, fixed } from './testing';

const ID = 'from-as-casing';

describe(ID, () => {
  it.each([
    ['upper FROM, upper AS', 'FROM node:20 AS build\n', []],
    ['lower from, lower as', 'from node:20 as build\n', []],
    ['upper FROM, lower as', 'FROM node:20 as build\n', ['as']],
    ['lower from, upper AS', 'from node:20 AS build\n', ['AS']],
    ['mixed As', 'FROM node:20 As build\n', ['As']],
    ['mixed From is left to the casing rule', 'From node:20 as build\n', []],
    ['with a --platform flag', 'FROM --platform=$BUILDPLATFORM node:20 as build\n', ['as']],
    ['no stage name', 'FROM node:20\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('the fix matches the FROM keyword', () => {
    const out = fixed('FROM node:20 as build\nRUN x\n', ID);
    expect(out).toBe('FROM node:20 AS build\nRUN x\n');
    expect(covered(out, ID)).toEqual([]);
  });
});
