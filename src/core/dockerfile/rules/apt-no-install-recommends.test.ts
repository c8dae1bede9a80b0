import { describe, expect, it } from 'vitest';
import { covered, fixed } from './testing';

const ID = 'apt-no-install-recommends';

describe(ID, () => {
  it.each([
    ['plain', 'FROM debian:12\nRUN apt-get install -y curl\n', ['apt-get install']],
    ['apt front end', 'FROM debian:12\nRUN apt install -y curl\n', ['apt install']],
    ['sudo and env', 'FROM debian:12\nRUN DEBIAN_FRONTEND=noninteractive apt-get -q install -y curl\n', ['apt-get -q install']],
    ['heredoc', 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n', ['apt-get install']],
    ['continuation with comment', 'FROM debian:12\nRUN apt-get update && \\\n  # x\n  apt-get install -y curl\n', ['apt-get install']],
    ['CRLF', 'FROM debian:12\r\nRUN apt-get install -y curl\r\n', ['apt-get install']],
    ['a dry run', 'FROM debian:12\nRUN apt-get install -s curl\n', []],
    ['flag present', 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n', []],
    ['flag before install', 'FROM debian:12\nRUN apt-get --no-install-recommends install -y curl\n', []],
    ['-o option', 'FROM debian:12\nRUN apt-get install -y -o APT::Install-Recommends=false curl\n', []],
    ['configured in an earlier RUN', 'FROM debian:12\nRUN echo \'APT::Install-Recommends "0";\' > /etc/apt/apt.conf.d/99norec\nRUN apt-get install -y curl\n', []],
    ['configured in the parent stage', 'FROM debian:12 AS base\nRUN echo \'APT::Install-Recommends "false";\' > /etc/apt/apt.conf.d/x\nFROM base\nRUN apt-get install -y curl\n', []],
    ['other subcommands', 'FROM debian:12\nRUN apt-get update && apt-get remove -y x && apt-get build-dep -y y\n', []],
    ['builder stage', 'FROM debian:12 AS build\nRUN apt-get install -y gcc\nFROM scratch\nCOPY --from=build /x /x\n', []],
    ['ONBUILD', 'FROM debian:12\nONBUILD RUN apt-get install -y curl\n', []],
    ['Windows', '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN apt-get install -y curl\n', []],
    ['apt-get in a string', 'FROM debian:12\nRUN echo "apt-get install x"\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it.each([
    ['shell form', 'FROM debian:12\nRUN apt-get install -y curl\n', 'FROM debian:12\nRUN apt-get install --no-install-recommends -y curl\n'],
    ['heredoc', 'FROM debian:12\nRUN <<EOF\napt-get install -y curl\nEOF\n', 'FROM debian:12\nRUN <<EOF\napt-get install --no-install-recommends -y curl\nEOF\n'],
    ['exec -c', 'FROM debian:12\nRUN ["sh", "-c", "apt-get install -y x"]\n', 'FROM debian:12\nRUN ["sh", "-c", "apt-get install --no-install-recommends -y x"]\n'],
  ])('the fix adds the flag: %s', (_name, text, expected) => {
    const out = fixed(text, ID);
    expect(out).toBe(expected);
    expect(covered(out, ID)).toEqual([]);
  });
});
