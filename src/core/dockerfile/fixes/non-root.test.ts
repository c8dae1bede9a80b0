import { describe, expect, it } from 'vitest';
import type { Fix } from '../../findings';
import { applyEdits } from '../../text/range';
import { lintDockerfile } from '../lint';
import { parseDockerfile } from '../parse';
import { nonRootFixes, readAccountCommand } from './non-root';

const ID = 'final-stage-runs-as-root';

function fixesFor(text: string): Fix[] {
  return lintDockerfile(text).find((f) => f.ruleId === ID)?.fixes ?? [];
}

/** The text after applying the fix whose title contains `title` (the preferred fix when omitted). */
function apply(text: string, title?: string): string {
  const fixes = fixesFor(text);
  const fix = title === undefined ? fixes.find((f) => f.preferred) : fixes.find((f) => f.title.includes(title));
  if (!fix) throw new Error(`no fix ${title ?? '(preferred)'} among: ${fixes.map((f) => f.title).join(' | ')}`);
  return applyEdits(text, fix.edits);
}

const ALPINE_RUN = 'RUN addgroup -S -g 10001 app \\\n    && adduser -S -D -H -u 10001 -G app app';
const DEBIAN_RUN =
  'RUN groupadd --gid 10001 app \\\n    && useradd --uid 10001 --gid app --no-create-home --no-log-init --shell /usr/sbin/nologin app';

describe('nonRootFixes: the preferred fix', () => {
  it.each([
    [
      'alpine: create with BusyBox adduser, USER before CMD',
      'FROM alpine:3.20\nCMD ["sh"]\n',
      `FROM alpine:3.20\n${ALPINE_RUN}\nUSER 10001:10001\nCMD ["sh"]\n`,
    ],
    [
      'debian: create with useradd before the first COPY of the build context',
      'FROM debian:bookworm-slim\nRUN apt-get update\nWORKDIR /app\nCOPY . .\nCMD ["./run"]\n',
      `FROM debian:bookworm-slim\nRUN apt-get update\nWORKDIR /app\n${DEBIAN_RUN}\nCOPY . .\nUSER 10001:10001\nCMD ["./run"]\n`,
    ],
    [
      'node: the image ships "node" (uid 1000)',
      'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "index.js"]\n',
      'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nUSER 1000:1000\nCMD ["node", "index.js"]\n',
    ],
    [
      'explicit USER root at the end is replaced',
      'FROM node:20-alpine\nCOPY . /app\nCMD ["node", "/app"]\nUSER root\n',
      'FROM node:20-alpine\nCOPY . /app\nCMD ["node", "/app"]\nUSER 1000:1000\n',
    ],
    [
      'USER root followed by RUN is kept; USER goes after the RUN',
      'FROM node:20\nUSER root\nRUN apt-get update\nCMD ["node"]\n',
      'FROM node:20\nUSER root\nRUN apt-get update\nUSER 1000:1000\nCMD ["node"]\n',
    ],
    [
      'switches back to the user an earlier USER set',
      'FROM python:3.12-slim\nUSER appuser\nCOPY . .\nUSER root\nRUN pip install x\nCMD ["python"]\n',
      'FROM python:3.12-slim\nUSER appuser\nCOPY . .\nUSER root\nRUN pip install x\nUSER appuser\nCMD ["python"]\n',
    ],
    [
      'uses the user the file creates',
      'FROM alpine:3.20\nRUN adduser -D -u 1000 -s /bin/sh appuser && mkdir /data\nCOPY . /app\nCMD ["x"]\n',
      'FROM alpine:3.20\nRUN adduser -D -u 1000 -s /bin/sh appuser && mkdir /data\nCOPY . /app\nUSER 1000\nCMD ["x"]\n',
    ],
    [
      'scratch copying /etc/passwd from the stage that created the user',
      'FROM alpine:3.20 AS build\nRUN adduser -D -u 10001 gopher\nFROM scratch\nCOPY --from=build /etc/passwd /etc/passwd\nCOPY app /app\nENTRYPOINT ["/app"]\n',
      'FROM alpine:3.20 AS build\nRUN adduser -D -u 10001 gopher\nFROM scratch\nCOPY --from=build /etc/passwd /etc/passwd\nCOPY app /app\nUSER 10001\nENTRYPOINT ["/app"]\n',
    ],
    [
      'a created user without an explicit ID: by name',
      'FROM debian:12\nRUN useradd -r app\nCMD ["x"]\n',
      'FROM debian:12\nRUN useradd -r app\nUSER app\nCMD ["x"]\n',
    ],
    [
      'scratch: numeric, with a comment on why',
      'FROM scratch\nCOPY app /app\nENTRYPOINT ["/app"]\n',
      'FROM scratch\nCOPY app /app\n# This image has no /etc/passwd: a numeric user needs no entry in it.\nUSER 10001:10001\nENTRYPOINT ["/app"]\n',
    ],
    [
      'distroless: its nonroot user, by number',
      'FROM gcr.io/distroless/static-debian12\nCOPY app /app\nENTRYPOINT ["/app"]\n',
      'FROM gcr.io/distroless/static-debian12\nCOPY app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]\n',
    ],
    [
      'ubi-minimal: install shadow-utils with microdnf first',
      'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nCMD ["/app"]\n',
      'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN microdnf install -y shadow-utils \\\n    && microdnf clean all \\\n    && groupadd --gid 10001 app \\\n    && useradd --uid 10001 --gid app --no-create-home --no-log-init --shell /usr/sbin/nologin app\nUSER 10001:10001\nCMD ["/app"]\n',
    ],
    [
      'ubi-micro: no tools, numeric user',
      'FROM registry.access.redhat.com/ubi9/ubi-micro\nCMD ["/app"]\n',
      'FROM registry.access.redhat.com/ubi9/ubi-micro\nUSER 10001:10001\nCMD ["/app"]\n',
    ],
    [
      'unknown image with explicit USER root: numeric, replacing the line',
      'FROM example.com/base:1\nUSER root\nCMD ["x"]\n',
      'FROM example.com/base:1\nUSER 10001:10001\nCMD ["x"]\n',
    ],
    [
      'bitnami image switched to root at the end: back to 1001',
      'FROM bitnami/nginx:1.25\nUSER root\nCOPY site /app\n',
      'FROM bitnami/nginx:1.25\nUSER 1001\nCOPY site /app\n',
    ],
    [
      '.NET 8: the image ships "app" (uid 1654)',
      'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out /app\nENTRYPOINT ["dotnet", "/app/x.dll"]\n',
      'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out /app\nUSER 1654:1654\nENTRYPOINT ["dotnet", "/app/x.dll"]\n',
    ],
    [
      'Windows Server Core: ContainerUser, no Linux commands',
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY app C:/app\nCMD ["C:/app/run.exe"]\n',
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY app C:/app\nUSER ContainerUser\nCMD ["C:/app/run.exe"]\n',
    ],
    [
      'Windows: explicit ContainerAdministrator is replaced',
      '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerAdministrator\nCMD ["app.exe"]\n',
      '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerUser\nCMD ["app.exe"]\n',
    ],
    [
      'parent stage chain: inherits root from the base stage',
      'FROM alpine:3.20 AS base\nRUN apk add --no-cache curl\nFROM base\nCMD ["curl"]\n',
      `FROM alpine:3.20 AS base\nRUN apk add --no-cache curl\nFROM base\n${ALPINE_RUN}\nUSER 10001:10001\nCMD ["curl"]\n`,
    ],
    [
      'no CMD and no trailing newline: appended at the end (the user is created in the RUN before)',
      'FROM alpine:3.20\nRUN echo hi',
      'FROM alpine:3.20\nRUN echo hi && addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app\nUSER 10001:10001',
    ],
    [
      'only FROM',
      'FROM alpine:3.20\n',
      `FROM alpine:3.20\n${ALPINE_RUN}\nUSER 10001:10001\n`,
    ],
    [
      'comments above CMD stay with it',
      'FROM alpine:3.20\nWORKDIR /srv\n\n# start the server\n# (port 8080)\nCMD ["srv"]\n',
      `FROM alpine:3.20\nWORKDIR /srv\n\n${ALPINE_RUN}\nUSER 10001:10001\n# start the server\n# (port 8080)\nCMD ["srv"]\n`,
    ],
    [
      'a new RUN next to another RUN: appended to it instead (no extra layer to join)',
      'FROM alpine:3.20\nRUN apk add --no-cache curl \\\n    && rm -rf /tmp/*\nCMD ["srv"]\n',
      'FROM alpine:3.20\nRUN apk add --no-cache curl \\\n    && rm -rf /tmp/* \\\n    && addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app\nUSER 10001:10001\nCMD ["srv"]\n',
    ],
    [
      'a RUN with flags is not joined: new RUN',
      'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\nCMD ["srv"]\n',
      `FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n${ALPINE_RUN}\nUSER 10001:10001\nCMD ["srv"]\n`,
    ],
    [
      'heredoc RUN before CMD',
      'FROM alpine:3.20\nRUN <<EOF\napk add curl\nEOF\nCMD ["sh"]\n',
      `FROM alpine:3.20\nRUN <<EOF\napk add curl\nEOF\n${ALPINE_RUN}\nUSER 10001:10001\nCMD ["sh"]\n`,
    ],
  ])('%s', (_name, input, expected) => {
    expect(apply(input)).toBe(expected);
  });
});

describe('nonRootFixes: the file\'s style', () => {
  it('matches lower-case keywords, indentation and continuation indentation', () => {
    const input = 'from python:3.12-slim\n  run pip install a \\\n\t&& pip install b\n  copy . .\n  cmd ["python"]\n';
    expect(apply(input)).toBe(
      'from python:3.12-slim\n  run pip install a \\\n\t&& pip install b\n  copy . .\n' +
        '  run groupadd --gid 10001 app \\\n  \t&& useradd --uid 10001 --gid app --no-create-home --no-log-init --shell /usr/sbin/nologin app\n' +
        '  user 10001:10001\n  cmd ["python"]\n',
    );
  });

  it('keeps CRLF line endings', () => {
    const input = 'FROM debian:12\r\nCOPY . /app\r\nUSER root\r\n';
    const out = apply(input);
    expect(out).toBe(`FROM debian:12\r\n${DEBIAN_RUN.replace('\n', '\r\n')}\r\nCOPY . /app\r\nUSER 10001:10001\r\n`);
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('uses the escape character of the file', () => {
    const input = '# escape=`\nFROM alpine:3.20\nCMD ["sh"]\n';
    expect(apply(input)).toBe(
      '# escape=`\nFROM alpine:3.20\nRUN addgroup -S -g 10001 app `\n    && adduser -S -D -H -u 10001 -G app app\nUSER 10001:10001\nCMD ["sh"]\n',
    );
  });
});

describe('nonRootFixes: the other fixes offered', () => {
  it('node: by name, and with --chown on the application COPY', () => {
    const input = 'FROM node:20\nWORKDIR /app\nCOPY package.json .\nRUN npm ci\nCOPY . .\nCMD ["node", "index.js"]\n';
    expect(fixesFor(input).map((f) => f.title)).toEqual([
      "Run as the image's node user (USER 1000:1000)",
      "Run as the image's node user by name (USER node)",
      "Run as the image's node user, owning the files of COPY . . (USER 1000:1000, COPY --chown=1000:1000)",
    ]);
    expect(apply(input, 'by name')).toContain('\nUSER node\nCMD');
    expect(apply(input, '--chown')).toBe(
      'FROM node:20\nWORKDIR /app\nCOPY package.json .\nRUN npm ci\nCOPY --chown=1000:1000 . .\nUSER 1000:1000\nCMD ["node", "index.js"]\n',
    );
  });

  it('alpine: numeric without creating a user, and --chown on a JSON-form COPY', () => {
    const input = 'FROM alpine:3.20\nCOPY ["src", "/app/"]\nCMD ["/app/run"]\n';
    expect(apply(input, 'without adding a user')).toBe('FROM alpine:3.20\nCOPY ["src", "/app/"]\nUSER 10001:10001\nCMD ["/app/run"]\n');
    expect(apply(input, '--chown')).toBe(
      `FROM alpine:3.20\n${ALPINE_RUN}\nCOPY --chown=10001:10001 ["src", "/app/"]\nUSER 10001:10001\nCMD ["/app/run"]\n`,
    );
  });

  it('no --chown when the only COPY is a config file, or already has --chown', () => {
    expect(fixesFor('FROM alpine:3.20\nCOPY nginx.conf /etc/nginx/nginx.conf\nCMD ["x"]\n').some((f) => f.title.includes('--chown'))).toBe(false);
    expect(fixesFor('FROM alpine:3.20\nCOPY --chown=1:1 . /app\nCMD ["x"]\n').some((f) => f.title.includes('--chown'))).toBe(false);
  });

  it('distroless: switch to the :nonroot tag', () => {
    expect(apply('FROM gcr.io/distroless/static\nCOPY app /app\n', ':nonroot')).toBe('FROM gcr.io/distroless/static:nonroot\nCOPY app /app\n');
    expect(apply('FROM gcr.io/distroless/base-debian12:debug\n', 'non-root variant')).toBe('FROM gcr.io/distroless/base-debian12:debug-nonroot\n');
    expect(apply('FROM gcr.io/distroless/static:latest-amd64\n', 'non-root variant')).toBe('FROM gcr.io/distroless/static:nonroot-amd64\n');
    // pinned by digest: the digest names the root variant, so no tag switch
    const pinned = 'FROM gcr.io/distroless/static@sha256:' + 'a'.repeat(64) + '\n';
    expect(fixesFor(pinned).some((f) => f.title.includes('non-root variant'))).toBe(false);
  });

  it('exactly one preferred fix, all offline', () => {
    for (const text of ['FROM alpine:3.20\nCOPY . /app\n', 'FROM node:20\n', 'FROM gcr.io/distroless/static\n', 'FROM scratch\n']) {
      const fixes = fixesFor(text);
      expect(fixes.filter((f) => f.preferred)).toHaveLength(1);
      expect(fixes[0].preferred).toBe(true);
      expect(fixes.every((f) => f.kind === 'offline')).toBe(true);
    }
  });
});

describe('nonRootFixes: every fix removes the finding and keeps every instruction', () => {
  it.each([
    'FROM alpine:3.20\nCMD ["sh"]\n',
    'FROM node:20\nWORKDIR /app\nCOPY . .\nCMD ["node"]\n',
    'FROM debian:12\nCOPY . /app\nUSER root\n',
    'FROM gcr.io/distroless/static\nCOPY app /app\nENTRYPOINT ["/app"]\n',
    'FROM scratch\nCOPY app /app\n',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ["x"]\n',
    'FROM centos:7\nCOPY . /srv\nCMD ["x"]\n',
    'FROM amazonlinux:2023\nCOPY . /app\nCMD ["x"]\n',
    'FROM alpine:3.20\nCMD ["a"]\nUSER root\n',
    'FROM alpine:3.20\nUSER nobody\nCOPY . /app\nUSER root\nCMD ["a"]\n',
  ])('%j', (text) => {
    const before = parseDockerfile(text);
    const fixes = fixesFor(text);
    expect(fixes.length).toBeGreaterThan(0);
    for (const fix of fixes) {
      const out = applyEdits(text, fix.edits);
      expect(lintDockerfile(out).filter((f) => f.ruleId === ID), fix.title).toEqual([]);
      const after = parseDockerfile(out);
      const keywords = (m: typeof before) => m.instructions.map((i) => i.keyword).filter((k) => k !== 'RUN' && k !== 'USER');
      expect(keywords(after)).toEqual(keywords(before));
    }
  });
});

describe('nonRootFixes: never a broken file', () => {
  it('drops fixes it cannot place safely (a dangling continuation at the end of the file)', () => {
    const text = 'FROM alpine:3.20\nRUN echo hi \\';
    for (const fix of fixesFor(text)) {
      const out = parseDockerfile(applyEdits(text, fix.edits));
      expect(out.finalStage?.effectiveUser.kind).not.toBe('root');
    }
  });

  it('does not throw on odd stages', () => {
    const model = parseDockerfile('FROM\n');
    expect(() => nonRootFixes(model, model.stages[0])).not.toThrow();
    expect(() => nonRootFixes(model, undefined as never)).not.toThrow();
  });
});

describe('readAccountCommand', () => {
  it.each([
    ['useradd -r -u 1001 -g app appuser', { kind: 'user', name: 'appuser', id: 1001, group: 'app' }],
    ['useradd --no-log-init -r -g app app', { kind: 'user', name: 'app', group: 'app' }],
    ['useradd --uid=1000 --home-dir /home/x x', { kind: 'user', name: 'x', id: 1000 }],
    ['useradd -ms /bin/bash alice', { kind: 'user', name: 'alice' }],
    ['useradd -u1234 -G wheel bob', { kind: 'user', name: 'bob', id: 1234 }],
    ['groupadd -f -g 1000 app', { kind: 'group', name: 'app', id: 1000 }],
    ['groupadd --system --gid 999 svc', { kind: 'group', name: 'svc', id: 999 }],
    ['adduser -D -H -s /sbin/nologin -u 1000 -G web web', { kind: 'user', name: 'web', id: 1000, group: 'web' }],
    ['adduser -D -g "Web user" web', { kind: 'user', name: 'web' }],
    ['adduser --system --group --no-create-home --uid 999 svc', { kind: 'user', name: 'svc', id: 999 }],
    ['adduser --disabled-password --ingroup grp usr', { kind: 'user', name: 'usr', group: 'grp' }],
    ['addgroup -S -g 10001 app', { kind: 'group', name: 'app', id: 10001 }],
    ['addgroup usr docker', undefined],
    ['useradd $USERNAME', undefined],
    ['apt-get install -y x', undefined],
  ])('%s', (command, expected) => {
    const argv = command.split(' ').map((w) => w.replace(/^"|"$/g, ''));
    const fixedArgv = command.includes('"Web user"') ? ['adduser', '-D', '-g', 'Web user', 'web'] : argv;
    expect(readAccountCommand(fixedArgv[0], fixedArgv)).toEqual(expected);
  });

  it('reads accounts through the shell parser (quotes, continuations, sudo)', () => {
    const text = 'FROM debian:12\nRUN groupadd -g 2000 "svc" \\\n && sudo useradd -u 2000 -g svc svc\nCOPY . /app\nCMD ["x"]\n';
    expect(apply(text)).toBe('FROM debian:12\nRUN groupadd -g 2000 "svc" \\\n && sudo useradd -u 2000 -g svc svc\nCOPY . /app\nUSER 2000:2000\nCMD ["x"]\n');
    expect(apply(text, 'by name')).toContain('\nUSER svc\nCMD');
  });
});
