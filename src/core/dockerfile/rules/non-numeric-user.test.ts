import { describe, expect, it } from 'vitest';
import { covered, findings, fixed } from './testing';

const ID = 'non-numeric-user';

describe(ID, () => {
  it.each([
    ['a name', 'FROM debian:12\nUSER app\n', ['app']],
    ['name and group', 'FROM debian:12\nUSER app:app\n', ['app']],
    ['inherited from the parent stage', 'FROM debian:12 AS base\nUSER app\nFROM base\nCMD ["x"]\n', ['app']],
    ['CRLF', 'FROM debian:12\r\nUSER app\r\n', ['app']],
    ['numeric', 'FROM debian:12\nUSER 10001\n', []],
    ['numeric with group', 'FROM debian:12\nUSER 10001:10001\n', []],
    ['numeric user, named group', 'FROM debian:12\nUSER 10001:app\n', []],
    ['root is another rule', 'FROM debian:12\nUSER root\n', []],
    ['a variable', 'FROM debian:12\nARG U=app\nUSER $U\n', []],
    ['only in a build stage', 'FROM debian:12 AS build\nUSER app\nFROM debian:12\nUSER 10001\n', []],
    ['last USER wins', 'FROM debian:12\nUSER app\nUSER 1000\n', []],
    ['Windows', 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerUser\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it.each([
    ['useradd -u', 'FROM debian:12\nRUN groupadd -g 10001 app && useradd -r -u 10001 -g app app\nUSER app:app\n', 'USER 10001:10001'],
    ['useradd --uid=', 'FROM debian:12\nRUN useradd --uid=2000 --create-home app\nUSER app\n', 'USER 2000'],
    ['BusyBox adduser', 'FROM alpine:3.20\nRUN addgroup -S app && adduser -S -D -u 1001 -G app app\nUSER app:app\n', 'USER 1001:app'],
    ['Debian adduser', 'FROM debian:12\nRUN adduser --system --uid 999 --ingroup nogroup svc\nUSER svc\n', 'USER 999'],
    ['created in a parent stage', 'FROM debian:12 AS base\nRUN useradd -u 1234 app\nFROM base\nUSER app\n', 'USER 1234'],
    ['a user the base image ships', 'FROM node:20\nUSER node:node\n', 'USER 1000:1000'],
    ['nobody', 'FROM debian:12\nUSER nobody:nobody\n', 'USER 65534:65534'],
  ])('the fix writes the ID: %s', (_name, text, expectedLine) => {
    const out = fixed(text, ID);
    expect(out.split('\n')).toContain(expectedLine);
    expect(covered(out, ID)).toEqual([]);
  });

  it('without a known ID there is advice but no fix', () => {
    const f = findings('FROM debian:12\nRUN useradd app\nUSER app\n', ID)[0];
    expect(f.fixes).toEqual([]);
    expect(f.message).toContain('runAsNonRoot');
  });

  it('says where the ID comes from', () => {
    expect(findings('FROM debian:12\nRUN useradd -u 10001 app\nUSER app\n', ID)[0].message).toContain('ID 10001 on line 2');
  });
});
