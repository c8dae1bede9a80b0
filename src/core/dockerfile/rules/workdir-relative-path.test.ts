import { describe, expect, it } from 'vitest';
import { covered, findings, fixed } from './testing';

const ID = 'workdir-relative-path';

describe(ID, () => {
  it.each([
    ['absolute', 'FROM a:1\nWORKDIR /app\n', []],
    ['relative first', 'FROM a:1\nWORKDIR app\n', ['app']],
    ['relative after absolute', 'FROM a:1\nWORKDIR /srv\nWORKDIR app\n', []],
    ['relative after relative is reported once', 'FROM a:1\nWORKDIR app\nWORKDIR sub\n', ['app']],
    ['parent stage set an absolute WORKDIR', 'FROM a:1 AS base\nWORKDIR /app\nFROM base\nWORKDIR src\n', []],
    ['each stage on its own', 'FROM a:1 AS one\nWORKDIR /app\nFROM a:1\nWORKDIR src\n', ['src']],
    ['variable', 'FROM a:1\nARG D=/x\nWORKDIR $D\n', []],
    ['quoted relative', 'FROM a:1\nWORKDIR "app"\n', ['"app"']],
    ['Windows drive', '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\app\n', []],
    ['ONBUILD WORKDIR is not executed here', 'FROM a:1\nONBUILD WORKDIR app\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('names the base image', () => {
    expect(findings('FROM node:20\nWORKDIR app\n', ID)[0].message).toContain('node:20');
  });

  it.each([
    ['FROM a:1\nWORKDIR app\n', 'FROM a:1\nWORKDIR /app\n'],
    ['FROM a:1\nWORKDIR "my app"\n', 'FROM a:1\nWORKDIR "/my app"\n'],
  ])('the fix makes the path absolute (%#)', (text, want) => {
    const out = fixed(text, ID);
    expect(out).toBe(want);
    expect(covered(out, ID)).toEqual([]);
  });

  it('the fix is not preferred: it guesses the base image directory', () => {
    expect(findings('FROM a:1\nWORKDIR app\n', ID)[0].fixes[0].preferred).toBeFalsy();
  });
});
