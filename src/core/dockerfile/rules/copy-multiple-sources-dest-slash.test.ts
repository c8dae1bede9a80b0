import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../parse';
import { covered, fixed } from './testing';

const ID = 'copy-multiple-sources-dest-slash';

describe(ID, () => {
  it.each([
    ['one source', 'FROM a:1\nCOPY a.txt /app\n', []],
    ['two sources, slash', 'FROM a:1\nCOPY a.txt b.txt /app/\n', []],
    ['two sources, no slash', 'FROM a:1\nCOPY a.txt b.txt /app\n', ['/app']],
    ['ADD too', 'FROM a:1\nADD a.tgz b.tgz /opt\n', ['/opt']],
    ['flags are not sources', 'FROM a:1\nCOPY --chown=1:1 --from=x a.txt /app\n', []],
    ['JSON form', 'FROM a:1\nCOPY ["a.txt", "b.txt", "/app"]\n', ['"/app"']],
    ['JSON form with slash', 'FROM a:1\nCOPY ["a.txt", "b.txt", "/app/"]\n', []],
    ['continuation and comment', 'FROM a:1\nCOPY a \\\n  # note\n  b /d\n', ['/d']],
    ['heredoc body is not an argument', 'FROM a:1\nCOPY <<EOF /etc/x.conf\na b c\nEOF\n', []],
    ['two heredocs', 'FROM a:1\nCOPY <<A <<B /etc\none\nA\ntwo\nB\n', ['/etc']],
    ['variable destination', 'FROM a:1\nARG D=/x/\nCOPY a b $D\n', []],
    ['Windows backslash', '# escape=`\nFROM a:1\nCOPY a b C:\\app\\\n', []],
    ['ONBUILD is not executed here', 'FROM a:1\nONBUILD COPY a b /app\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it.each([
    ['FROM a:1\nCOPY a.txt b.txt /app\n', 'FROM a:1\nCOPY a.txt b.txt /app/\n'],
    ['FROM a:1\nCOPY ["a.txt", "b.txt", "/app"]\n', 'FROM a:1\nCOPY ["a.txt", "b.txt", "/app/"]\n'],
  ])('the fix adds the slash (%#)', (text, want) => {
    const out = fixed(text, ID);
    expect(out).toBe(want);
    expect(covered(out, ID)).toEqual([]);
    expect(parseDockerfile(out).stages[0].instructions).toHaveLength(1);
  });
});
