import { describe, expect, it } from 'vitest';
import { covered, findings } from './testing';

const ID = 'apt-get-upgrade';

describe(ID, () => {
  it.each([
    ['apt-get upgrade', 'FROM debian:12\nRUN apt-get update && apt-get upgrade -y\n', ['apt-get upgrade']],
    ['apt-get dist-upgrade', 'FROM debian:12\nRUN apt-get update && apt-get -y dist-upgrade\n', ['apt-get -y dist-upgrade']],
    ['apt full-upgrade', 'FROM debian:12\nRUN apt full-upgrade -y\n', ['apt full-upgrade']],
    ['apk upgrade', 'FROM alpine:3.20\nRUN apk upgrade --no-cache\n', ['apk upgrade']],
    ['yum update', 'FROM centos:7\nRUN yum -y update && yum clean all\n', ['yum -y update']],
    ['dnf upgrade', 'FROM fedora:40\nRUN dnf upgrade -y\n', ['dnf upgrade']],
    ['zypper dup', 'FROM opensuse/leap:15\nRUN zypper -n dup\n', ['zypper -n dup']],
    ['heredoc', 'FROM debian:12\nRUN <<EOF\napt-get upgrade -y\nEOF\n', ['apt-get upgrade']],
    ['continuation with a comment', 'FROM debian:12\nRUN apt-get update && \\\n  # patches\n  apt-get -y upgrade\n', ['apt-get -y upgrade']],
    ['CRLF', 'FROM alpine:3.20\r\nRUN apk upgrade\r\n', ['apk upgrade']],
    ['exec form (the range spans the JSON elements)', 'FROM alpine:3.20\nRUN ["apk", "upgrade"]\n', ['apk", "upgrade']],
    ['named packages', 'FROM centos:7\nRUN yum update -y openssl\n', []],
    ['apk upgrade of one package', 'FROM alpine:3.20\nRUN apk upgrade --no-cache openssl\n', []],
    ['only-upgrade install', 'FROM debian:12\nRUN apt-get install --only-upgrade -y openssl\n', []],
    ['apt-get update is not an upgrade', 'FROM debian:12\nRUN apt-get update && apt-get install -y x\n', []],
    ['ONBUILD', 'FROM debian:12\nONBUILD RUN apt-get upgrade -y\n', []],
    ['Windows', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN apt-get upgrade -y\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('notes a builder stage', () => {
    expect(findings('FROM debian:12 AS b\nRUN apt-get upgrade -y\nFROM scratch\nCOPY --from=b /x /x\n', ID)[0].message).toContain('only feeds other stages');
  });
});
