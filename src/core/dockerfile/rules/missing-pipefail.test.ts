import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../parse';
import { covered, findings, fixed } from './testing';

const ID = 'missing-pipefail';

describe(ID, () => {
  it.each([
    ['pipe', 'FROM debian:12\nRUN curl -fsSL https://example.com/x.sh | sh\n', ['|']],
    ['no pipe', 'FROM debian:12\nRUN curl -fsSLo x.sh https://example.com/x.sh && sh x.sh\n', []],
    ['|| is not a pipe', 'FROM debian:12\nRUN make || true\n', []],
    ['pipe inside quotes', 'FROM debian:12\nRUN echo "a|b" > f\n', []],
    ['pipefail set in the RUN', 'FROM debian:12\nRUN set -o pipefail && curl x | sh\n', []],
    ['SHELL with pipefail', 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl x | sh\n', []],
    ['SHELL with pipefail in a parent stage', 'FROM debian:12 AS base\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nFROM base\nRUN curl x | sh\n', []],
    ['SHELL without pipefail', 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN curl x | sh\n', ['|']],
    ['PowerShell', 'FROM example.com/x:1\nSHELL ["pwsh", "-Command"]\nRUN Get-Item x | Remove-Item\n', []],
    ['Windows escape', '# escape=`\nFROM example.com/x:1\nRUN dir | findstr x\n', []],
    ['alpine', 'FROM alpine:3.20\nRUN wget -qO- https://example.com/x | tar -xz\n', ['|']],
    ['pipe inside a subshell', 'FROM debian:12\nRUN (curl x | sh) && echo ok\n', ['|']],
    ['heredoc data is not a script', 'FROM debian:12\nRUN cat <<EOF > /x\na | b\nEOF\n', []],
    ['echo cannot fail', 'FROM debian:12\nRUN echo "$SUM  x.tgz" | sha256sum -c -\n', []],
    ['a later pipe that can fail', 'FROM debian:12\nRUN echo "$SUM  x" | sha256sum -c - && curl x | tar -x\n', ['|']],
    ['ONBUILD RUN is not executed here', 'FROM debian:12\nONBUILD RUN curl x | sh\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('reports the pipe that can fail', () => {
    const [f] = findings('FROM debian:12\nRUN echo "$SUM  x" | sha256sum -c - && curl x | tar -x\n', ID);
    expect(f.range.start.character).toBe('RUN echo "$SUM  x" | sha256sum -c - && curl x '.length);
  });

  it('names both sides of the pipe', () => {
    const [f] = findings('FROM debian:12\nRUN curl -fsSL https://example.com/x.sh | bash -s\n', ID);
    expect(f.message).toContain('`curl`');
    expect(f.message).toContain('`bash`');
  });

  it.each([
    ['FROM debian:12\nRUN curl x | sh\n', 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl x | sh\n'],
    ['FROM alpine:3.20\nRUN wget -qO- x | tar -xz\n', 'FROM alpine:3.20\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN wget -qO- x | tar -xz\n'],
  ])('the fix sets SHELL for the family (%#)', (text, want) => {
    const out = fixed(text, ID);
    expect(out).toBe(want);
    expect(covered(out, ID)).toEqual([]);
    expect(parseDockerfile(out).stages[0].instructions.map((i) => i.keyword)).toEqual(['SHELL', 'RUN']);
  });

  it('offers the SHELL once per stage, and one SHELL clears the stage', () => {
    const text = 'FROM debian:12\nRUN a | b\nRUN c | d\n';
    const fs = findings(text, ID);
    expect(fs.map((f) => f.fixes.length)).toEqual([1, 0]);
    expect(covered(fixed(text, ID), ID)).toEqual([]);
  });

  it('no fix when the image family is unknown (bash may be missing)', () => {
    expect(findings('FROM example.com/custom:1\nRUN a | b\n', ID)[0].fixes).toEqual([]);
  });
});
