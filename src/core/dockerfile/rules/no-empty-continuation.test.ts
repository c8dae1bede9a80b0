import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../parse';
import { covered, findings, fixed } from './testing';

const ID = 'no-empty-continuation';

describe(ID, () => {
  it.each([
    ['no continuation', 'FROM a:1\n\nRUN x\n\n', []],
    ['continuation without empty line', 'FROM a:1\nRUN a \\\n  && b\n', []],
    ['empty line inside', 'FROM a:1\nRUN a \\\n\n  && b\n', ['\\']],
    ['whitespace-only line', 'FROM a:1\nRUN a \\\n   \n  && b\n', ['\\']],
    ['comment lines are fine', 'FROM a:1\nRUN a \\\n# note\n  && b\n', []],
    ['empty line after a comment line', 'FROM a:1\nRUN a \\\n# note\n\n  && b\n', ['\\']],
    ['two runs', 'FROM a:1\nRUN a \\\n\n  b \\\n\n  c\n', ['\\', '\\']],
    ['anchored on the escape before the run', 'FROM a:1\nRUN a \\\n  b \\\n\n  c\n', ['\\']],
    ['trailing blanks after the escape', 'FROM a:1\nRUN a \\  \n\n  b\n', ['\\']],
    ['at end of file', 'FROM a:1\nRUN a \\\n\n', ['\\']],
    ['heredoc bodies may have empty lines', 'FROM a:1\nRUN <<EOF\na\n\nb\nEOF\n', []],
    ['backtick escape', '# escape=`\nFROM a:1\nRUN a `\n\n  b\n', ['`']],
    ['backslash under backtick escape is not an escape', '# escape=`\nFROM a:1\nRUN dir C:\\\n\nRUN b\n', []],
    ['CRLF', 'FROM a:1\r\nRUN a \\\r\n\r\n  b\r\n', ['\\']],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('warns when the next line was meant as a new instruction', () => {
    const [f] = findings('FROM a:1\nRUN a \\\n\nRUN b\n', ID);
    expect(f.message).toContain('`RUN` on line 4 becomes part of this instruction');
    expect(f.fixes[0].title).toBe('End the instruction on line 2');
    expect(f.fixes[0].preferred).toBe(true);
  });

  it('removing the empty line keeps the instruction', () => {
    const text = 'FROM a:1\nRUN a \\\n\n\n  && b\nCMD ["x"]\n';
    const out = fixed(text, ID);
    expect(out).toBe('FROM a:1\nRUN a \\\n  && b\nCMD ["x"]\n');
    expect(covered(out, ID)).toEqual([]);
    expect(parseDockerfile(out).stages[0].instructions.map((i) => i.argsText)).toEqual(['a && b', '["x"]']);
  });

  it('ending the instruction splits it in two', () => {
    const out = fixed('FROM a:1\nRUN a \\\n\nRUN b\n', ID);
    expect(out).toBe('FROM a:1\nRUN a \n\nRUN b\n');
    expect(covered(out, ID)).toEqual([]);
    expect(parseDockerfile(out).stages[0].instructions.map((i) => i.keyword)).toEqual(['RUN', 'RUN']);
  });
});
