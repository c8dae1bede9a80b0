import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../parse';
import { covered, findings, fixed } from './testing';

const ID = 'update-without-install';

describe(ID, () => {
  it.each([
    ['apt-get update alone', 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n', ['apt-get update']],
    ['apt update alone', 'FROM debian:12\nRUN apt update -q\n', ['apt update']],
    ['apk update alone', 'FROM alpine:3.20\nRUN apk update\nRUN apk add --no-cache curl\n', ['apk update']],
    ['dnf makecache', 'FROM fedora:40\nRUN dnf makecache\n', ['dnf makecache']],
    ['zypper refresh', 'FROM opensuse/leap:15\nRUN zypper --non-interactive refresh\n', ['zypper --non-interactive refresh']],
    ['update with unrelated commands', 'FROM debian:12\nRUN apt-get update && mkdir /x\n', ['apt-get update']],
    ['heredoc', 'FROM debian:12\nRUN <<EOF\napt-get update\nEOF\n', ['apt-get update']],
    ['in a builder stage too', 'FROM debian:12 AS b\nRUN apt-get update\nFROM scratch\nCOPY --from=b /x /x\n', ['apt-get update']],
    ['continuation with a comment', 'FROM debian:12\nRUN set -e; \\\n  # refresh\n  apt-get update\n', ['apt-get update']],
    ['CRLF', 'FROM debian:12\r\nRUN apt-get update\r\n', ['apt-get update']],
    ['update and install in a heredoc', 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y x\nEOF\n', []],
    ['update and install together', 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n', []],
    ['update and upgrade', 'FROM debian:12\nRUN apt-get update && apt-get dist-upgrade -y\n', []],
    ['apk update and add', 'FROM alpine:3.20\nRUN apk update && apk add curl\n', []],
    ['install through xargs', 'FROM debian:12\nRUN apt-get update && xargs -a pkgs.txt apt-get install -y\n', []],
    ['a local script may install', 'FROM debian:12\nRUN apt-get update && ./install-deps.sh\n', []],
    ['sh with a script file', 'FROM debian:12\nRUN apt-get update && sh /tmp/setup\n', []],
    ['ONBUILD', 'FROM debian:12\nONBUILD RUN apt-get update\n', []],
    ['Windows', '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN apt-get update\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('names the install it goes stale for', () => {
    expect(findings('FROM debian:12\nRUN apt-get update\nENV A=1\nRUN apt-get install -y curl\n', ID)[0].message).toContain('the install on line 4');
  });

  it('mentions a builder stage', () => {
    expect(findings('FROM debian:12 AS b\nRUN apt-get update\nFROM scratch\nCOPY --from=b /x /x\n', ID)[0].message).toContain('stage "b" only feeds other stages');
  });

  it('the fix joins the update with the next install', () => {
    const text = 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n';
    const out = fixed(text, ID);
    expect(out).toBe('FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl\n');
    expect(covered(out, ID)).toEqual([]);
    expect(parseDockerfile(out).instructions).toHaveLength(2);
  });

  it('offers no join across other instructions', () => {
    expect(findings('FROM debian:12\nRUN apt-get update\nENV A=1\nRUN apt-get install -y curl\n', ID)[0].fixes).toEqual([]);
  });
});
