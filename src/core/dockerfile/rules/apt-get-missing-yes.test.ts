import { describe, expect, it } from 'vitest';
import { covered, fixed } from './testing';

const ID = 'apt-get-missing-yes';

describe(ID, () => {
  it.each([
    ['install', 'FROM debian:12\nRUN apt-get update && apt-get install curl\n', ['apt-get install']],
    ['noninteractive frontend does not answer', 'FROM debian:12\nRUN DEBIAN_FRONTEND=noninteractive apt-get install curl\n', ['apt-get install']],
    ['upgrade', 'FROM debian:12\nRUN apt-get dist-upgrade\n', ['apt-get dist-upgrade']],
    ['remove', 'FROM debian:12\nRUN apt-get purge gcc\n', ['apt-get purge']],
    ['-q is not -qq', 'FROM debian:12\nRUN apt-get -q install curl\n', ['apt-get -q install']],
    ['heredoc', 'FROM debian:12\nRUN <<EOF\napt-get install curl\nEOF\n', ['apt-get install']],
    ['continuation with a comment', 'FROM debian:12\nRUN apt-get update && \\\n  # tools\n  apt-get install curl\n', ['apt-get install']],
    ['CRLF', 'FROM debian:12\r\nRUN apt-get install curl\r\n', ['apt-get install']],
    ['exec form with sh -c', 'FROM debian:12\nRUN ["sh", "-c", "apt-get install curl"]\n', ['apt-get install']],
    ['-y', 'FROM debian:12\nRUN apt-get install -y curl\n', []],
    ['-y before the subcommand', 'FROM debian:12\nRUN apt-get -y install curl\n', []],
    ['clustered -qy', 'FROM debian:12\nRUN apt-get install -qy curl\n', []],
    ['--yes', 'FROM debian:12\nRUN apt-get install --yes curl\n', []],
    ['--assume-yes', 'FROM debian:12\nRUN apt-get --assume-yes install curl\n', []],
    ['-qq', 'FROM debian:12\nRUN apt-get install -qq curl\n', []],
    ['-o Assume-Yes', 'FROM debian:12\nRUN apt-get -o APT::Get::Assume-Yes=true install curl\n', []],
    ['fed by yes', 'FROM debian:12\nRUN yes | apt-get install curl\n', []],
    ['configured earlier', 'FROM debian:12\nRUN echo \'APT::Get::Assume-Yes "true";\' > /etc/apt/apt.conf.d/90yes\nRUN apt-get install curl\n', []],
    ['a dry run asks nothing', 'FROM debian:12\nRUN if apt-get install -s "pg-jit" > /dev/null 2>&1; then apt-get install -y pg-jit; fi\n', []],
    ['update needs no answer', 'FROM debian:12\nRUN apt-get update\n', []],
    ['ONBUILD', 'FROM debian:12\nONBUILD RUN apt-get install curl\n', []],
    ['Windows', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN apt-get install curl\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('the fix adds -y', () => {
    const out = fixed('FROM debian:12\nRUN apt-get install curl\n', ID);
    expect(out).toBe('FROM debian:12\nRUN apt-get install -y curl\n');
    expect(covered(out, ID)).toEqual([]);
  });
});
