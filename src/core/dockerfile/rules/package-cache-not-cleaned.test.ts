import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../parse';
import { covered, findings, fixed } from './testing';

const ID = 'package-cache-not-cleaned';

describe(ID, () => {
  it.each([
    ['apt lists kept', 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n', ['apt-get install']],
    ['apt with options before the subcommand', 'FROM debian:12\nRUN apt-get update && apt-get -y install curl\n', ['apt-get -y install']],
    ['apt lists removed', 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n', []],
    ['apt lists removed without the glob', 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists\n', []],
    ['apt lists in a cache mount', 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y curl\n', []],
    ['a cache mount on archives only', 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y x\n', ['apt-get install']],
    ['apt install without update: lists are from another layer', 'FROM debian:12\nRUN apt-get install -y curl\n', []],
    ['apt distclean', 'FROM debian:12\nRUN apt-get update && apt-get install -y x && apt-get distclean\n', []],
    ['apt heredoc', 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n', ['apt-get install']],
    ['apt continuation with comment line', 'FROM debian:12\nRUN apt-get update \\\n  # tools\n  && apt-get install -y curl\n', ['apt-get install']],
    ['apk add without --no-cache', 'FROM alpine:3.20\nRUN apk add curl\n', ['apk add']],
    ['apk add --no-cache', 'FROM alpine:3.20\nRUN apk add --no-cache curl\n', []],
    ['apk --no-cache add', 'FROM alpine:3.20\nRUN apk --no-cache add curl\n', []],
    ['apk update + add + rm', 'FROM alpine:3.20\nRUN apk update && apk add curl && rm -rf /var/cache/apk/*\n', []],
    ['apk update then add --no-cache', 'FROM alpine:3.20\nRUN apk update && apk add --no-cache curl\n', ['apk update']],
    ['apk add --no-network through xargs', 'FROM alpine:3.20\nRUN scan | xargs -rt apk add --no-network --virtual .rundeps\n', []],
    ['apk cache mount', 'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n', []],
    ['dnf without clean', 'FROM fedora:40\nRUN dnf install -y gcc\n', ['dnf install']],
    ['dnf clean all', 'FROM fedora:40\nRUN dnf install -y gcc && dnf clean all\n', []],
    ['yum cleaned by rm', 'FROM centos:7\nRUN yum install -y gcc && rm -rf /var/cache/yum\n', []],
    ['microdnf', 'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y tar\n', ['microdnf install']],
    ['zypper', 'FROM opensuse/leap:15\nRUN zypper --non-interactive install -y curl\n', ['zypper --non-interactive install']],
    ['zypper cleaned', 'FROM opensuse/leap:15\nRUN zypper in -y curl && zypper clean --all\n', []],
    ['builder stage is thrown away', 'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM scratch\nCOPY --from=build /out /\n', []],
    ['parent of the final stage ships', 'FROM debian:12 AS base\nRUN apt-get update && apt-get install -y curl\nFROM base\nCMD ["x"]\n', ['apt-get install']],
    ['unused stage is a target of its own', 'FROM debian:12 AS dev\nRUN apt-get update && apt-get install -y vim\nFROM debian:12\nCMD ["x"]\n', ['apt-get install']],
    ['ONBUILD trigger', 'FROM debian:12\nONBUILD RUN apt-get update && apt-get install -y curl\n', []],
    ['Windows', '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN apt-get update && apt-get install -y x\n', []],
    ['CRLF', 'FROM alpine:3.20\r\nRUN apk add \\\r\n  curl\r\n', ['apk add']],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('says which update downloaded the lists', () => {
    expect(findings('FROM debian:12\nRUN apt-get update && \\\n  apt-get install -y curl\n', ID)[0].message).toContain('(line 2)');
  });

  it.each([
    ['apt one line', 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n', 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n'],
    [
      'apt docker-library style',
      'FROM debian:12\nRUN set -eux; \\\n\tapt-get update; \\\n\tapt-get install -y --no-install-recommends curl\n',
      'FROM debian:12\nRUN set -eux; \\\n\tapt-get update; \\\n\tapt-get install -y --no-install-recommends curl; \\\n\trm -rf /var/lib/apt/lists/*\n',
    ],
    [
      'apt heredoc: a line before the terminator',
      'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\nCMD ["x"]\n',
      'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nrm -rf /var/lib/apt/lists/*\nEOF\nCMD ["x"]\n',
    ],
    ['apk', 'FROM alpine:3.20\nRUN apk add curl\n', 'FROM alpine:3.20\nRUN apk add --no-cache curl\n'],
    ['apk update', 'FROM alpine:3.20\nRUN apk update && apk add curl\n', 'FROM alpine:3.20\nRUN apk update && apk add curl && rm -rf /var/cache/apk/*\n'],
    ['dnf', 'FROM fedora:40\nRUN dnf install -y gcc\n', 'FROM fedora:40\nRUN dnf install -y gcc && dnf clean all\n'],
    ['zypper', 'FROM opensuse/leap:15\nRUN zypper in -y curl\n', 'FROM opensuse/leap:15\nRUN zypper in -y curl && zypper clean --all\n'],
    ['exec form with sh -c', 'FROM debian:12\nRUN ["sh", "-c", "apt-get update && apt-get install -y x"]\n', 'FROM debian:12\nRUN ["sh", "-c", "apt-get update && apt-get install -y x && rm -rf /var/lib/apt/lists/*"]\n'],
  ])('the fix cleans in the same RUN: %s', (_name, text, expected) => {
    const out = fixed(text, ID);
    expect(out).toBe(expected);
    expect(covered(out, ID)).toEqual([]);
    expect(parseDockerfile(out).instructions.length).toBe(parseDockerfile(text).instructions.length);
  });

  it('offers no fix for exec form without a shell', () => {
    expect(findings('FROM alpine:3.20\nRUN ["apk", "add", "curl"]\n', ID)[0].fixes).toEqual([]);
  });
});
