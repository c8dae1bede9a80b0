import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../parse';
import { covered, findings, fixed } from './testing';

const ID = 'multiple-instructions-disallowed';

describe(ID, () => {
  it.each([
    ['one of each', 'FROM a:1\nENTRYPOINT ["x"]\nCMD ["y"]\nHEALTHCHECK CMD z\n', []],
    ['two CMD', 'FROM a:1\nCMD ["one"]\nCMD ["two"]\n', ['CMD ["one"]']],
    ['three ENTRYPOINT', 'FROM a:1\nENTRYPOINT a\nENTRYPOINT b\nENTRYPOINT ["c"]\n', ['ENTRYPOINT a', 'ENTRYPOINT b']],
    ['two HEALTHCHECK', 'FROM a:1\nHEALTHCHECK NONE\nHEALTHCHECK CMD true\n', ['HEALTHCHECK NONE']],
    ['one per stage is fine', 'FROM a:1 AS b\nCMD ["x"]\nFROM b\nCMD ["y"]\n', []],
    ['ONBUILD CMD does not count', 'FROM a:1\nONBUILD CMD ["x"]\nCMD ["y"]\n', []],
    [
      'multi-line instruction',
      'FROM a:1\nCMD ["one", \\\n  "two"]\nCMD ["three"]\n',
      ['CMD ["one", \\\n  "two"]'],
    ],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('names the instruction that wins', () => {
    const [f] = findings('FROM a:1\nCMD ["one"]\nRUN x\nCMD ["two"]\n', ID);
    expect(f.message).toContain('line 4');
    expect(f.related?.[0].range.start.line).toBe(3);
  });

  it.each([
    ['FROM a:1\nCMD ["one"]\nCMD ["two"]\n', 'FROM a:1\nCMD ["two"]\n'],
    ['FROM a:1\nCMD ["one", \\\n  "x"]\nCMD ["two"]', 'FROM a:1\nCMD ["two"]'],
    ['FROM a:1\r\nCMD ["one"]\r\nCMD ["two"]\r\n', 'FROM a:1\r\nCMD ["two"]\r\n'],
  ])('the fix removes the ineffective one (%#)', (text, want) => {
    const out = fixed(text, ID);
    expect(out).toBe(want);
    expect(covered(out, ID)).toEqual([]);
    expect(parseDockerfile(out).stages[0].instructions).toHaveLength(1);
  });
});
