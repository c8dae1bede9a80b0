import { describe, expect, it } from 'vitest';
import { covered, findings, fixed } from './testing';

const ID = 'use-apt-get-not-apt';

describe(ID, () => {
  it.each([
    ['apt install', 'FROM debian:12\nRUN apt update && apt install -y curl\n', ['apt', 'apt']],
    ['with a path', 'FROM debian:12\nRUN /usr/bin/apt install -y curl\n', ['/usr/bin/apt']],
    ['heredoc', 'FROM debian:12\nRUN <<EOF\napt install -y curl\nEOF\n', ['apt']],
    ['CRLF continuation', 'FROM debian:12\r\nRUN true && \\\r\n  apt install -y x\r\n', ['apt']],
    ['apt-get', 'FROM debian:12\nRUN apt-get install -y curl\n', []],
    ['apt-cache', 'FROM debian:12\nRUN apt-cache policy curl\n', []],
    ['apt as an argument', 'FROM debian:12\nRUN echo apt install\n', []],
    ['ONBUILD', 'FROM debian:12\nONBUILD RUN apt install -y curl\n', []],
    ['Windows', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN apt install -y curl\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it.each([
    ['install', 'FROM debian:12\nRUN apt install -y curl\n', 'FROM debian:12\nRUN apt-get install -y curl\n'],
    ['full-upgrade', 'FROM debian:12\nRUN apt full-upgrade -y\n', 'FROM debian:12\nRUN apt-get dist-upgrade -y\n'],
    ['search', 'FROM debian:12\nRUN apt search curl\n', 'FROM debian:12\nRUN apt-cache search curl\n'],
    ['path', 'FROM debian:12\nRUN /usr/bin/apt install x\n', 'FROM debian:12\nRUN /usr/bin/apt-get install x\n'],
  ])('the fix switches program: %s', (_name, text, expected) => {
    const out = fixed(text, ID);
    expect(out).toBe(expected);
    expect(covered(out, ID)).toEqual([]);
  });

  it('apt list has no fix', () => {
    expect(findings('FROM debian:12\nRUN apt list --installed\n', ID)[0].fixes).toEqual([]);
  });
});
