import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../parse';
import { covered, findings, fixed } from './testing';

const ID = 'legacy-key-value-format';

describe(ID, () => {
  it.each([
    ['key=value', 'FROM a:1\nENV A=1 B="x y"\nLABEL a=b\n', []],
    ['ENV key value', 'FROM a:1\nENV GOPATH /go\n', ['GOPATH /go']],
    ['LABEL key value', 'FROM a:1\nLABEL maintainer someone@example.com\n', ['maintainer someone@example.com']],
    ['value with spaces', 'FROM a:1\nENV A x y z\n', ['A x y z']],
    ['ENV without value is a different problem', 'FROM a:1\nENV PATH\n', []],
    ['ARG has no legacy form', 'FROM a:1\nARG A\n', []],
    ['ONBUILD ENV is not executed here', 'FROM a:1\nONBUILD ENV A b\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it.each([
    ['FROM a:1\nENV GOPATH /go\n', 'FROM a:1\nENV GOPATH=/go\n'],
    ['FROM a:1\nENV A x   y\n', 'FROM a:1\nENV A="x   y"\n'],
    ['FROM a:1\nENV A "x y"\n', 'FROM a:1\nENV A="x y"\n'],
    ['FROM a:1\nENV P $HOME/bin\n', 'FROM a:1\nENV P=$HOME/bin\n'],
    ['FROM a:1\nENV GOPATH \\\n  /go\n', 'FROM a:1\nENV GOPATH=/go\n'],
    ['FROM a:1\r\nLABEL version 1.0\r\n', 'FROM a:1\r\nLABEL version=1.0\r\n'],
  ])('the fix writes key=value (%#)', (text, want) => {
    const out = fixed(text, ID);
    expect(out).toBe(want);
    expect(covered(out, ID)).toEqual([]);
    expect(parseDockerfile(out).stages[0].instructions).toHaveLength(1);
  });

  it.each([
    'FROM a:1\nLABEL maintainer James "j@example.com"\n',
    'FROM a:1\nENV A x\\ y\n',
    'FROM a:1\nENV A \\\n  # note\n  x\n',
  ])('no fix when quoting would change the value: %j', (text) => {
    expect(findings(text, ID)[0].fixes).toEqual([]);
  });
});
