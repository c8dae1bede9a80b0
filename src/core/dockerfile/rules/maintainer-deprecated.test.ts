import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../parse';
import { covered, fixed } from './testing';

const ID = 'maintainer-deprecated';

describe(ID, () => {
  it.each([
    ['MAINTAINER', 'FROM alpine:3.20\nMAINTAINER Jane <jane@example.com>\n', ['MAINTAINER Jane <jane@example.com>']],
    ['lower case', 'FROM alpine:3.20\nmaintainer jane\n', ['maintainer jane']],
    ['a label is fine', 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="jane"\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it.each([
    [
      'FROM alpine:3.20\nMAINTAINER Jane <jane@example.com>\nRUN x\n',
      'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane <jane@example.com>"\nRUN x\n',
    ],
    ['from a:1\nmaintainer "J" $HOME\n', 'from a:1\nlabel org.opencontainers.image.authors="\\"J\\" \\$HOME"\n'],
  ])('the fix writes a label (%#)', (text, want) => {
    const out = fixed(text, ID);
    expect(out).toBe(want);
    expect(covered(out, ID)).toEqual([]);
    expect(parseDockerfile(out).instructions.map((i) => i.keyword)).toContain('LABEL');
  });
});
