import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../parse';
import { covered, findings, fixed } from './testing';

const ID = 'consecutive-run';

describe(ID, () => {
  it.each([
    ['two RUNs', 'FROM debian:12\nRUN a\nRUN b\n', ['RUN']],
    ['three RUNs are one finding', 'FROM debian:12\nRUN a\nRUN b\nRUN c\n', ['RUN']],
    ['a comment between marks a deliberate split', 'FROM debian:12\nRUN a\n# next step\nRUN b\n', []],
    ['blank lines do not separate', 'FROM debian:12\nRUN a\n\nRUN b\n', ['RUN']],
    ['same mount flags', 'FROM debian:12\nRUN --mount=type=cache,target=/c a\nRUN --mount=type=cache,target=/c b\n', ['RUN']],
    ['lower-case keyword', 'FROM debian:12\nrun a\nrun b\n', ['run']],
    ['two groups', 'FROM debian:12\nRUN a\nRUN b\nENV X=1\nRUN c\nRUN d\n', ['RUN', 'RUN']],
    ['a long RUN is split on purpose', 'FROM debian:12\nRUN a && b && c && d\nRUN e\n', []],
    ['a RUN over many lines is split on purpose', 'FROM debian:12\nRUN a \\\n  && b \\\n  && c\nRUN d\n', []],
    ['set -eux is not counted', 'FROM debian:12\nRUN set -eux; a; b; c\nRUN d\n', ['RUN']],
    ['separated by another instruction', 'FROM debian:12\nRUN a\nWORKDIR /x\nRUN b\n', []],
    ['different flags', 'FROM debian:12\nRUN --mount=type=secret,id=t a\nRUN b\n', []],
    ['different network', 'FROM debian:12\nRUN --network=none a\nRUN b\n', []],
    ['heredoc', 'FROM debian:12\nRUN <<EOF\na\nEOF\nRUN b\n', []],
    ['exec form', 'FROM debian:12\nRUN ["a"]\nRUN b\n', []],
    ['across stages', 'FROM debian:12 AS a\nRUN a\nFROM a\nRUN b\n', []],
    ['builder stage', 'FROM debian:12 AS b\nRUN a\nRUN b\nFROM scratch\nCOPY --from=b /x /x\n', []],
    ['ONBUILD', 'FROM debian:12\nONBUILD RUN a\nONBUILD RUN b\n', []],
    ['Windows', '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN a\nRUN b\n', []],
    ['CRLF', 'FROM debian:12\r\nRUN a\r\nRUN b\r\n', ['RUN']],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('lists the lines', () => {
    expect(findings('FROM debian:12\nRUN a\nRUN b\nRUN c\n', ID)[0].message).toContain('lines 2, 3 and 4 make 3 layers');
  });

  it.each([
    ['two', 'FROM debian:12\nRUN a\nRUN b\nCMD ["x"]\n', 'FROM debian:12\nRUN a && \\\n    b\nCMD ["x"]\n'],
    ['three', 'FROM debian:12\nRUN a\nRUN b\nRUN c\n', 'FROM debian:12\nRUN a && \\\n    b && \\\n    c\n'],
    ['two-line first', 'FROM debian:12\nRUN a && \\\n  b\nRUN c\n', 'FROM debian:12\nRUN a && \\\n  b && \\\n  c\n'],
    ['CRLF', 'FROM debian:12\r\nRUN a\r\nRUN b\r\n', 'FROM debian:12\r\nRUN a && \\\r\n    b\r\n'],
  ])('the fix joins them: %s', (_name, text, expected) => {
    const out = fixed(text, ID);
    expect(out).toBe(expected);
    expect(covered(out, ID)).toEqual([]);
    expect(parseDockerfile(out).instructions.filter((i) => i.keyword === 'RUN')).toHaveLength(1);
  });

  it.each([
    ['cd leaks into the next', 'FROM debian:12\nRUN cd /x\nRUN b\n'],
  ])('no fix with %s', (_name, text) => {
    expect(findings(text, ID)[0].fixes).toEqual([]);
  });
});
