import { describe, expect, it } from 'vitest';
import { covered, findings, fixed } from './testing';

const ID = 'final-stage-runs-as-root';

describe(ID, () => {
  it.each([
    ['explicit USER root', 'FROM alpine:3.20\nUSER root\nCMD ["sh"]\n', ['USER root']],
    ['USER 0:0', 'FROM alpine:3.20\nUSER 0:0\n', ['USER 0:0']],
    ['no USER on a root base image', 'FROM alpine:3.20\nCMD ["sh"]\n', ['FROM alpine:3.20']],
    ['non-root user', 'FROM alpine:3.20\nUSER app\n', []],
    ['root only in a build stage', 'FROM alpine:3.20 AS build\nUSER root\nFROM alpine:3.20\nUSER 10001\n', []],
    ['user from a variable is unknown', 'FROM alpine:3.20\nARG U\nUSER $U\n', []],
    ['unknown base image without USER', 'FROM example.com/custom/thing:1\n', []],
    ['inherits root from a parent stage', 'FROM alpine:3.20 AS base\nFROM base\nCMD ["x"]\n', ['FROM base']],
    ['distroless runs as root unless :nonroot', 'FROM gcr.io/distroless/static-debian12\n', ['FROM gcr.io/distroless/static-debian12']],
    ['distroless :nonroot', 'FROM gcr.io/distroless/static-debian12:nonroot\n', []],
    ['bitnami runs as 1001', 'FROM bitnami/nginx:1.25\n', []],
    ['registry prefix does not hide the image', 'FROM docker.io/library/node:20\n', ['FROM docker.io/library/node:20']],
    ['Windows Server Core defaults to ContainerAdministrator', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\n', ['FROM mcr.microsoft.com/windows/servercore:ltsc2022']],
    ['Windows tag of an official image', 'FROM golang:1.22-windowsservercore-ltsc2022\n', ['FROM golang:1.22-windowsservercore-ltsc2022']],
    ['Nano Server defaults to ContainerUser', 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n', []],
    ['explicit ContainerAdministrator', 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerAdministrator\n', ['USER ContainerAdministrator']],
    ['Server Core switched to ContainerUser', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER ContainerUser\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('says why', () => {
    expect(findings('FROM alpine:3.20\n', ID)[0].message).toContain('runs as root by default');
  });

  it('speaks Windows on Windows images', () => {
    const f = findings('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ["x"]\n', ID)[0];
    expect(f.message).toContain('ContainerAdministrator');
    expect(f.message).not.toContain('UID 0');
    expect(f.fixes.map((x) => x.title)).toEqual(['Run as ContainerUser instead of ContainerAdministrator (USER ContainerUser)']);
  });

  it('the fix removes the finding', () => {
    const text = 'FROM alpine:3.20\nCMD ["sh"]\n';
    const out = fixed(text, ID);
    expect(covered(out, ID)).toEqual([]);
  });
});
