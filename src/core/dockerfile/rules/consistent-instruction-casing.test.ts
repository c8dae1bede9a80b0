import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../parse';
import { covered, findings, fixed } from './testing';

const ID = 'consistent-instruction-casing';

describe(ID, () => {
  it.each([
    ['all upper case', 'FROM alpine:3.20\nRUN echo hi\nCMD ["sh"]\n', []],
    ['all lower case', 'from alpine:3.20\nrun echo hi\ncmd ["sh"]\n', []],
    ['one lower among upper', 'FROM alpine:3.20\nrun echo hi\nCMD ["sh"]\n', ['run']],
    ['one upper among lower', 'from alpine:3.20\nRUN echo hi\ncmd ["sh"]\n', ['RUN']],
    ['mixed-case keyword is always reported', 'FROM alpine:3.20\nRun echo hi\n', ['Run']],
    ['a tie goes to upper case', 'FROM alpine:3.20\nrun echo hi\n', ['run']],
    ['global ARG counts', 'arg V=1\nFROM alpine:3.20\nRUN echo\n', ['arg']],
    ['ONBUILD trigger keyword is not an instruction of this file', 'FROM alpine:3.20\nONBUILD run echo\nRUN x\n', []],
    ['CRLF', 'FROM alpine:3.20\r\nrun echo hi\r\nCMD ["sh"]\r\n', ['run']],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('names the majority in the message', () => {
    const [f] = findings('FROM a:1\nRUN x\nrun y\nCMD ["z"]\n', ID);
    expect(f.message).toContain('upper case (3 of 4)');
  });

  it.each([
    ['FROM alpine:3.20\nrun echo hi\nCMD ["sh"]\n', 'FROM alpine:3.20\nRUN echo hi\nCMD ["sh"]\n'],
    ['from alpine:3.20\nRun echo hi\ncmd ["sh"]\n', 'from alpine:3.20\nrun echo hi\ncmd ["sh"]\n'],
  ])('the fix rewrites the keyword (%#)', (text, want) => {
    const out = fixed(text, ID);
    expect(out).toBe(want);
    expect(covered(out, ID)).toEqual([]);
    expect(parseDockerfile(out).instructions).toHaveLength(3);
  });
});
