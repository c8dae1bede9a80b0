import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../parse';
import { covered, findings, fixed } from './testing';

const ID = 'sudo-in-run';

describe(ID, () => {
  it.each([
    ['sudo before a program', 'FROM debian:12\nRUN sudo apt-get update\n', ['sudo']],
    ['sudo with options', 'FROM debian:12\nUSER app\nRUN sudo -E -u root make install\n', ['sudo']],
    ['sudo on the right of a pipe', 'FROM debian:12\nRUN curl -fsSL https://x | sudo sh\n', ['sudo']],
    ['sudo after a continuation with a comment', 'FROM debian:12\nRUN true && \\\n  # why\n  sudo make\n', ['sudo']],
    ['heredoc script', 'FROM debian:12\nRUN <<EOF\nsudo make\nEOF\n', ['sudo']],
    ['exec form', 'FROM debian:12\nRUN ["sudo", "make"]\n', ['sudo']],
    ['exec form with sh -c', 'FROM debian:12\nRUN ["sh", "-c", "sudo make"]\n', ['sudo']],
    ['CRLF', 'FROM debian:12\r\nRUN a && \\\r\n sudo b\r\n', ['sudo']],
    ['installing the sudo package is not running it', 'FROM debian:12\nRUN apt-get install -y sudo\n', []],
    ['sudo as an argument', 'FROM debian:12\nRUN echo sudo && usermod -aG sudo app\n', []],
    ['ONBUILD trigger', 'FROM debian:12\nONBUILD RUN sudo make\n', []],
    ['heredoc written to a file', 'FROM debian:12\nRUN cat > /x <<EOF\nsudo make\nEOF\n', []],
    ['COPY heredoc body is file content', 'FROM debian:12\nCOPY <<EOF /x.sh\nsudo make\nEOF\n', []],
    ['Windows', '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN sudo x\n', []],
    ['a comment that mentions sudo', 'FROM debian:12\nRUN make # no sudo needed\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('says which user the step runs as', () => {
    expect(findings('FROM debian:12\nUSER app\nRUN sudo make\n', ID)[0].message).toContain('USER app on line 2');
    expect(findings('FROM debian:12\nRUN sudo make\n', ID)[0].message).toContain('already runs as root');
  });

  it.each([
    ['plain', 'FROM debian:12\nRUN sudo apt-get update\n', 'FROM debian:12\nRUN apt-get update\n'],
    ['harmless options and an assignment', 'FROM debian:12\nRUN sudo -E X=1 make\n', 'FROM debian:12\nRUN X=1 make\n'],
    ['pipe', 'FROM debian:12\nRUN curl x | sudo  sh\n', 'FROM debian:12\nRUN curl x | sh\n'],
  ])('removes sudo when the step is root: %s', (_name, text, expected) => {
    const out = fixed(text, ID);
    expect(out).toBe(expected);
    expect(covered(out, ID)).toEqual([]);
    expect(parseDockerfile(out).instructions).toHaveLength(2);
  });

  it.each([
    ['non-root step', 'FROM debian:12\nUSER app\nRUN sudo make\n'],
    ['sudo -u changes the user', 'FROM debian:12\nRUN sudo -u app make\n'],
    ['exec form', 'FROM debian:12\nRUN ["sudo", "make"]\n'],
  ])('offers no fix for %s', (_name, text) => {
    expect(findings(text, ID)[0].fixes).toEqual([]);
  });
});
