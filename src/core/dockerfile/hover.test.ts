import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../text/range';
import type { Position } from '../text/range';
import { computeDockerfileHover } from './hover';
import type { DockerfileHover, DockerfileHoverOptions } from './hover';
import { parseDockerfile } from './parse';

const CORPUS = '/work/shared/corpus/dockerfiles';
/** Marks the hover position inside a test Dockerfile (a character no Dockerfile here uses). */
const MARK = '¦';

function at(src: string): { text: string; pos: Position } {
  const i = src.indexOf(MARK);
  if (i < 0) throw new Error(`no ${MARK} marker in ${src}`);
  const text = src.slice(0, i) + src.slice(i + MARK.length);
  return { text, pos: new LineIndex(text).positionAt(i) };
}

function hover(src: string, options?: DockerfileHoverOptions): { h: DockerfileHover | undefined; text: string } {
  const { text, pos } = at(src);
  return { h: computeDockerfileHover(parseDockerfile(text), pos, options), text };
}

/** [Dockerfile with ¦ at the hover position, substrings the hover must contain, text its range must cover] */
type Row = [string, string[], string?];

function check(rows: Row[]) {
  it.each(rows)('%j', (src, needles, covers) => {
    const { h, text } = hover(src);
    expect(h, 'a hover').toBeDefined();
    for (const n of needles) expect(h!.markdown).toContain(n);
    if (covers !== undefined) expect(new LineIndex(text).slice(h!.range)).toBe(covers);
  });
}

const DIGEST = `sha256:${'ab12'.repeat(16)}`;

describe('layers', () => {
  check([
    ['FROM alpine\nRUN a\nCOPY x /x\n¦RUN b', ['Filesystem layer 3 of 3 of the final image'], 'RUN'],
    ['FROM alpine AS base\n¦RUN a\nFROM base AS final\nRUN b\nCOPY c /c', ['Filesystem layer 1 of 3 of the final image']],
    ['FROM alpine AS base\nRUN a\nFROM base AS final\nRUN b\n¦COPY c /c', ['Filesystem layer 3 of 3 of the final image']],
    [
      'FROM golang AS build\n¦RUN go build -o /out\nFROM alpine\nCOPY --from=build /out /out',
      ['Filesystem layer 1 of 1 of stage `build`, which does not reach the final image: only what `COPY --from=build` on line 4 takes does'],
    ],
    ['FROM golang AS build\nRUN go build\nFROM alpine\n¦COPY --from=build /out /out', ['Filesystem layer 1 of 1 of the final image']],
    [
      'FROM golang AS deps\nRUN go mod download\nFROM deps AS build\nRUN go build\nFROM alpine\nCOPY --from=build /out /out\nFROM deps AS x\n¦RUN y',
      ['Filesystem layer 2 of 2 of the final image'],
    ],
    [
      'FROM golang AS deps\n¦RUN go mod download\nFROM deps AS build\nRUN go build\nFROM alpine\nCOPY --from=build /out /out',
      ['Filesystem layer 1 of 1 of stage `deps`', 'only what `COPY --from=build` on line 6 takes does'],
    ],
    [
      'FROM alpine AS lint\n¦RUN lint\nFROM alpine\nRUN x',
      ['which does not reach the final image: nothing in it uses this stage, so BuildKit skips it unless you build it with `--target lint`'],
    ],
    ['FROM alpine\n¦RUN lint\nFROM alpine\nRUN x', ['stage 1 (unnamed, `--from=0`)', 'name it with `AS <name>`']],
    ['FROM alpine\n¦ENV A=1', ['Metadata only: no filesystem layer']],
    ['FROM alpine\n¦LABEL a=b', ['Metadata only: no filesystem layer']],
    ['FROM alpine\n¦CMD ["x"]', ['Metadata only: no filesystem layer']],
    ['FROM alpine\n¦EXPOSE 80', ['Metadata only: no filesystem layer']],
    ['FROM alpine\n¦USER 1000', ['Metadata only: no filesystem layer']],
    ['FROM alpine\n¦WORKDIR /app', ['Metadata only: no filesystem layer']],
    ['FROM alpine AS b\n¦ENV A=1\nFROM alpine\nRUN x', ['Stage `b` is neither the final stage nor its base, so this setting does not reach the image']],
    ['¦ARG BASE=alpine\nFROM $BASE', ['Global ARG before the first FROM: only FROM lines can use it; line 2 does', 'bare `ARG BASE`'], 'ARG'],
    ['¦ARG V=1\nFROM alpine\nARG V\nRUN echo $V', ['Re-declared inside a stage on line 3']],
    ['FROM alpine AS a\nRUN x\nRUN y\nFROM a\n¦RUN z', ['Filesystem layer 3 of 3 of the final image']],
    ['FROM alpine AS a\nRUN x\n¦FROM a\nRUN z', ['its 1 filesystem layer comes first and this stage adds 1']],
    ['¦FROM alpine\nRUN a\nRUN b', ["The base image's own layers come first; this stage adds 2 filesystem layers on top"]],
    [
      'FROM alpine AS app-linux\n¦RUN a\nFROM alpine AS app-base\nRUN b\nFROM app-$TARGETOS',
      ['which may reach the final image: the final FROM on line 5 depends on a build argument and can resolve to stage `app-linux`'],
    ],
    ['FROM alpine AS app-base\n¦RUN b\nFROM app-$TARGETOS', ['nothing in it uses this stage']],
  ]);
});

describe('cache invalidation', () => {
  check([
    [
      'FROM node:20\nWORKDIR /app\n¦COPY package.json .\nRUN npm ci\nCOPY . .\nRUN npm run build\nCMD ["node", "x"]',
      [
        'If the files under `package.json` change (or this line does), the 4 instructions after it in this stage are rebuilt: `RUN npm ci` (line 4), `COPY . .` (line 5) and 2 more.',
      ],
    ],
    ['FROM alpine\nRUN a\n¦RUN b', ['only this step is rebuilt: it is the last instruction of this stage']],
    ['FROM alpine\n¦RUN a\nRUN b', ['the 1 instruction after it in this stage is rebuilt: `RUN b` (line 3).']],
    ['FROM alpine\nENV X=1\n¦RUN echo $X', ['If its command text changes, or the value of `X` (line 2)']],
    ['FROM alpine\nARG A\nARG B\n¦RUN echo hi', ['or the value of `A` (line 2) or `B` (line 3)']],
    ['FROM alpine\n¦LABEL a=b\nRUN x', ['Editing this line rebuilds no layer under BuildKit']],
    ['FROM alpine\n¦CMD ["x"]\nRUN x', ['rebuilds no layer under BuildKit']],
    ['FROM alpine\n¦ENV A=1\nRUN x\nRUN y', ['If this line changes, the 2 instructions after it in this stage are rebuilt']],
    [
      'FROM alpine\n¦ARG V\nENV A=1\nRUN echo $V\nRUN x',
      ['A different value misses the cache at its first use, `RUN echo $V` (line 4)', 'the 1 instruction after it is rebuilt too'],
    ],
    ['FROM alpine\n¦ARG V\nENV A=1', ['No later step of this stage uses `V`']],
    ['FROM alpine\n¦ARG V\nCOPY $V /x', ['because that line uses the value']],
    [
      'FROM golang AS build\n¦RUN go build\nFROM alpine\nCOPY --from=build /out /out',
      ['stage 2 (unnamed, `--from=1`) takes files from it (`COPY --from=build`, line 4) and is rebuilt from that step when those files change'],
    ],
    [
      'FROM alpine AS base\n¦RUN a\nFROM base AS test\nRUN t\nFROM base AS app\nRUN b',
      ['Beyond this stage: stage `test` and stage `app` build on it and are rebuilt entirely.'],
    ],
    ['¦FROM alpine\nRUN a\nRUN b', ['both instructions of this stage are rebuilt']],
    ['FROM alpine AS a\n¦RUN x\nFROM a AS b\nFROM b AS c\nCOPY --from=a /x /y', ['stage `b` builds on it and is rebuilt entirely; stage `c` takes files from it (`COPY --from=a`, line 5)']],
    ['¦FROM alpine\nRUN a\nRUN b\nRUN c', ['If the base image changes', 'all 3 instructions of this stage are rebuilt: `RUN a` (line 2), `RUN b` (line 3) and 1 more.']],
    ['FROM alpine AS a\n¦FROM a\nRUN z', ['If stage `a` changes (or this line does), its only instruction is rebuilt: `RUN z` (line 3).']],
    ['¦ARG BASE=alpine\nFROM $BASE AS x\nRUN a', ['A different value (`--build-arg BASE=…`) changes the base of stage `x`']],
    ['FROM alpine\n¦COPY --from=build2 /a /b\n', ['the files under `/a` in `build2`']],
    ['FROM alpine\n¦ADD https://example.com/a.tgz /a\nRUN x', ['If the downloaded content change']],
  ]);
});

describe('FROM', () => {
  check([
    [
      'ARG BASE="node:20"\nFROM ¦${BASE}',
      ['Image `node:20` (`${BASE}` with its ARG default)', 'Pin it on the default of ARG BASE (line 1): `ARG BASE=node:20@sha256:…`'],
    ],
    [
      'FROM ¦node:20',
      [
        'Image `node:20`',
        'registry Docker Hub (`docker.io`',
        'repository `library/node` (an official image)',
        'tag `20`',
        'no digest',
        'The tag `20` is mutable',
        '`node:20@sha256:…`',
        "runs on the host's kernel: `uname -r` inside prints the host's version",
        'a VM image would carry and boot its own kernel',
        'This is the final stage',
        'ships the user `node` (UID 1000)',
        '**One kernel for host and containers**',
        'See also: Tags and digests',
      ],
      'node:20',
    ],
    ['¦FROM node:20', ['Image `node:20`'], 'FROM'],
    [`FROM ghcr.io/org/app:1@${DIGEST}`.replace('FROM ', 'FROM ¦'), ['registry `ghcr.io`', 'repository `org/app`', 'digest `sha256:ab12ab12ab12…`', 'Pinned by digest', 'the tag `1` is only a note']],
    ['¦FROM ubuntu', ['no tag, so `latest`', 'No tag means `latest`']],
    ['¦FROM ubuntu:latest', ['The `latest` tag moves with every release']],
    ['¦FROM localhost:5000/app:dev', ['registry `localhost:5000`', 'repository `app`']],
    ['ARG BASE=python:3.12-slim\n¦FROM $BASE', ['Image `python:3.12-slim` (`$BASE` with its ARG default)']],
    ['ARG BASE\n¦FROM ${BASE}', ['comes from a build argument (`${BASE}`) with no default: it is only known at build time']],
    ['¦FROM scratch\nCOPY app /app', ['`scratch` is the empty image', "host's kernel"]],
    ['FROM alpine AS ¦build\nRUN x\nFROM alpine\nCOPY --from=build /x /x', ['Stage `build` does not reach the final image'], 'build'],
    ['FROM alpine AS a\nRUN x\n¦FROM a', ['Builds on stage `a` (line 1)', '**Multi-stage builds**']],
    ['FROM alpine AS a\nRUN x\n¦FROM a AS b\nRUN y\nFROM b', ['Stage 3 (unnamed, `--from=2`) builds on this stage, so all of its layers are part of the image']],
    ['¦FROM --platform=$BUILDPLATFORM golang AS b\nFROM alpine\nCOPY --from=b /x /x', ["runs on the build machine's own platform"]],
    ['¦FROM --platform=linux/amd64 alpine', ['fixes the platform of the base image']],
    ['¦FROM mcr.microsoft.com/windows/servercore:ltsc2022', ['A Windows image', '`ContainerAdministrator`']],
    ['¦FROM example.com/unknown/thing:1', ['Container Lens has no facts about this image']],
    ['FROM alpine AS bin-linux\nFROM alpine AS bin-darwin\n¦FROM bin-$TARGETOS', ['uses `$TARGETOS`, which the builder fills in', 'It can name a stage of this file: stage `bin-linux` (line 1) or stage `bin-darwin` (line 2)']],
    ['¦FROM alpine:3.20', ['package manager `apk`', 'runs as root unless a USER line says otherwise']],
  ]);

  it('returns undefined past the image', () => {
    expect(hover('FROM alpine  ¦ ').h).toBeUndefined();
  });
});

describe('USER', () => {
  check([
    [
      'FROM alpine\nUSER ¦root',
      [
        'Switches to root (UID 0)',
        'that is UID 0 to the host kernel too',
        '`userns-remap`',
        'rootless engine',
        'The container runs as `root`: this is the last USER of the final stage',
        '**Running as a non-root user**',
        'See also: User namespace · Rootless containers',
      ],
      'root',
    ],
    ['FROM alpine\n¦USER 0:0', ['Switches to root (UID 0) with group `0`']],
    ['FROM node:20\n¦USER node', ['run as user `node`', '`USER 1000` says the same and can be checked', 'The base image ships it']],
    ['FROM alpine\n¦USER 10001:10001', ['run as user `10001` and group `10001`', 'A numeric UID needs no entry in `/etc/passwd`']],
    ['FROM alpine\nRUN adduser -D app\n¦USER app', ['It is created on line 2']],
    ['FROM alpine\n¦USER root\nRUN apk add x\nUSER app', ['Line 4 switches to `app`, so this user applies only to the steps in between']],
    ['FROM alpine AS b\n¦USER app\nFROM alpine\nRUN x', ['This stage is not the final image; the container runs as root (the base image default)']],
    ['FROM alpine AS b\n¦USER app\nFROM b', ['The container runs as `app`: the final stage inherits it from stage `b`']],
    ['FROM alpine AS b\n¦USER app\nFROM b\nUSER 1000', ['A stage built on this one switches user again on line 4']],
    ['FROM alpine\n¦USER $APP_USER', ['comes from a variable (`$APP_USER`)']],
    ['FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n¦USER ContainerAdministrator', ['the administrator account inside Windows containers']],
    ['FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n¦USER ContainerUser', ['without administrator rights']],
  ]);
});

describe('EXPOSE', () => {
  check([
    [
      'FROM alpine\nEXPOSE 80 ¦53/udp',
      [
        'Records `80/tcp` and `53/udp` in the image configuration',
        'EXPOSE opens nothing',
        'its own network namespace',
        '`-p 127.0.0.1:80:80` keeps it on the host',
        '`-p 80:80` opens it on every host address',
        '`0.0.0.0`',
        '**EXPOSE and published ports**',
      ],
      '53/udp',
    ],
    ['FROM alpine\n¦EXPOSE $PORT', ['`-p 127.0.0.1:<port>:<port>`']],
    ['FROM alpine\n¦EXPOSE 53/udp', ['`-p 127.0.0.1:53:53/udp`']],
  ]);
});

describe('CMD and ENTRYPOINT', () => {
  check([
    [
      'FROM node:20\n¦CMD node server.js',
      ['Shell form: PID 1 of the container is `/bin/sh -c`, with `node server.js` as its child', 'SIGTERM', '`CMD ["node", "server.js"]`', '**PID 1 and signals**'],
    ],
    ['FROM node:20\n¦CMD ["node", "server.js"]', ['Exec form: `node` is PID 1', 'unless the base image sets an ENTRYPOINT', '`docker run --init`']],
    ['FROM scratch\n¦CMD ["/app"]', ['Exec form: `/app` is PID 1 and receives']],
    ['FROM nginx\nENTRYPOINT ["/docker-entrypoint.sh"]\n¦CMD ["nginx", "-g", "daemon off;"]', ['this CMD only supplies default arguments', '`["/docker-entrypoint.sh", "nginx", "-g", "daemon off;"]`']],
    ['FROM nginx\n¦ENTRYPOINT ["/docker-entrypoint.sh"]\nCMD ["nginx"]', ['`exec "$@"`', 'The CMD on line 3 supplies its default arguments']],
    ['FROM alpine\nENTRYPOINT exec app\n¦CMD ["x"]', ['ENTRYPOINT on line 2 uses the shell form, which ignores CMD']],
    ['FROM alpine\n¦ENTRYPOINT app --serve', ['The shell form also ignores CMD', '`ENTRYPOINT ["app", "--serve"]`']],
    ["FROM alpine\n¦CMD ['a']", ['not valid JSON']],
    ['FROM alpine\n¦CMD ["sh", "-c", "app"]', ['Exec form, but it starts `sh -c`']],
    ['FROM alpine\n¦CMD ["a"]\nCMD ["b"]', ['Line 3 sets CMD again, so this one has no effect']],
    ['FROM alpine\nSHELL ["/bin/bash", "-c"]\n¦CMD run it', ['PID 1 of the container is `/bin/bash -c`']],
    ['FROM alpine AS a\n¦CMD ["a"]\nFROM a\nCMD ["b"]', ['A stage built on this one sets its own CMD on line 4']],
    ['FROM alpine\n¦CMD echo "$HOME" && x', ['Shell form']],
  ]);

  it('offers no exec form for commands that need a shell', () => {
    expect(hover('FROM alpine\n¦CMD echo "$HOME" && x').h!.markdown).not.toContain('The exec form makes');
  });

  it('STOPSIGNAL and HEALTHCHECK', () => {
    expect(hover('FROM nginx\n¦STOPSIGNAL SIGQUIT').h!.markdown).toContain('`docker stop` sends `SIGQUIT` first instead of SIGTERM');
    const hc = hover('FROM alpine\nUSER app\n¦HEALTHCHECK --interval=30s --retries=3 CMD wget -q -O- http://localhost/ || exit 1').h!.markdown;
    expect(hc).toContain('Runs `wget -q -O- http://localhost/ || exit 1` inside the container');
    expect(hc).toContain('as its user, `app`');
    expect(hc).toContain('with `--interval=30s` and `--retries=3`');
    expect(hc).toContain('Kubernetes ignores HEALTHCHECK');
    expect(hover('FROM alpine\n¦HEALTHCHECK NONE').h!.markdown).toContain('Turns off any health check inherited');
    expect(hover('FROM gcr.io/distroless/static-debian12\n¦HEALTHCHECK CMD curl -f http://x/').h!.markdown).toContain('`curl` must exist in the image');
  });
});

describe('ARG, ENV, LABEL and other metadata', () => {
  check([
    ['FROM alpine\n¦ARG VERSION=1.2', ['Declares `VERSION` (default `1.2`), visible from here to the end of this stage', 'image history', '**Build arguments (ARG)**']],
    ['ARG V=9\nFROM alpine\n¦ARG V', ['`V` (value of the global ARG, default `9`)']],
    ['FROM alpine\n¦ARG TARGETARCH', ['`TARGETARCH` (filled in by the builder)']],
    ['FROM alpine\n¦ARG NPM_TOKEN', ['`NPM_TOKEN` looks like a secret', '`RUN --mount=type=secret,id=…`']],
    ['¦ARG GITHUB_TOKEN\nFROM alpine', ['`GITHUB_TOKEN` looks like a secret']],
    ['FROM alpine\n¦ENV NODE_ENV=production PORT=8080', ['Sets `NODE_ENV` and `PORT` in the image configuration', '`docker inspect` shows the values', 'Later RUN steps of this stage run with them too']],
    ['FROM alpine\n¦ENV DB_PASSWORD=hunter2', ['`DB_PASSWORD` looks like a secret']],
    ['FROM alpine\n¦ENV LEGACY value with spaces', ['Sets `LEGACY`']],
    ['FROM alpine\n¦LABEL org.opencontainers.image.source=https://x', ['Adds `org.opencontainers.image.source` to the image configuration', 'standard annotations']],
    ['FROM alpine\n¦VOLUME /data /logs', ['Declares `/data` and `/logs` as mount points', 'anonymous volume', 'BuildKit', '**Volumes and bind mounts**']],
    ['FROM alpine\n¦VOLUME ["/data"]', ['Declares `/data` as a mount point']],
    ['FROM alpine\nWORKDIR /srv\n¦WORKDIR app', ['start at `app`, relative to the previous WORKDIR (`/srv`)', 'owned by root']],
    ['FROM alpine\n¦WORKDIR app', ['relative to the previous WORKDIR (`/` when none is set)']],
    ['FROM alpine\n¦SHELL ["/bin/ash", "-eo", "pipefail", "-c"]', ['run through `/bin/ash -eo pipefail -c` instead of the default `/bin/sh -c`']],
    ['FROM alpine\n¦SHELL /bin/bash', ['SHELL needs a JSON array']],
    ['FROM alpine\n¦ONBUILD COPY . /app', ['Stores `COPY …` as a trigger', "child's build context"]],
    ['FROM alpine\n¦ONBUILD RUN make', ['although its own Dockerfile never shows it']],
    ['FROM alpine\n¦MAINTAINER me', ['Deprecated', 'org.opencontainers.image.authors']],
    ['FROM alpine\n¦ENV', ['No variable is set']],
    ['FROM alpine\n¦LABEL', ['No label is set']],
    ['FROM alpine\n¦USER', ['No user is named']],
  ]);
});

describe('RUN', () => {
  check([
    ['FROM alpine\n¦RUN apk add curl', ['Runs in a temporary container on the builder, as `root`: no USER above it, and the base image runs as root by default', '**Image layers**']],
    ['FROM alpine\nUSER app\n¦RUN id', ['as `app` (USER on line 2)']],
    ['FROM node:20 AS a\nUSER node\nFROM a\n¦RUN id', ['as `node`, inherited from stage `a`']],
    [
      'FROM alpine\n¦RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci',
      ['`--mount=type=secret,id=npmrc,target=/root/.npmrc`: the secret `npmrc` is available as a file at `/root/.npmrc` during this step only', 'See also: Build cache · Secrets in builds and images'],
    ],
    ['FROM alpine\n¦RUN --mount=type=secret,id=tok,env=TOKEN x', ['available as the environment variable `TOKEN`']],
    ['FROM alpine\n¦RUN --mount=type=secret,id=aws x', ['a file at `/run/secrets/aws`']],
    ['FROM alpine\n¦RUN --mount=type=cache,target=/var/cache/apk apk add x', ['`/var/cache/apk` is a cache kept on the builder', 'Package manager caches']],
    ['FROM alpine\n¦RUN --mount=type=bind,source=go.sum,target=go.sum go mod download', ['mounts `go.sum` of the build context at `go.sum` for this step only', 'or the files it bind-mounts']],
    ['FROM alpine\n¦RUN --mount=from=build,source=/out,target=/in cp /in /x', ['mounts `/out` of `build`']],
    ['FROM alpine\n¦RUN --mount=type=ssh git clone git@x:y', ['forwards the SSH agent']],
    ['FROM alpine\n¦RUN --network=none make', ['runs without any network access', 'Privileges during the build']],
    ['FROM alpine\n¦RUN --network=host make', ['`network.host` entitlement']],
    ['FROM alpine\n¦RUN --security=insecure make', ['like a privileged container', '`security.insecure` entitlement']],
    ['FROM alpine\n¦RUN curl -fsSL https://x.sh | sh', ['Pipes a download straight into a shell', 'Remote code in builds']],
    ['FROM alpine\n¦RUN rm -rf /var/cache/apk/*', ['only hidden: they still take space in those layers']],
    ['FROM alpine\n¦RUN ["/bin/echo", "hi"]', ['Exec form: runs `/bin/echo` directly, without a shell']],
    ['FROM alpine\n¦RUN <<EOF\napk add curl\necho done\nEOF\nRUN x', ['Heredoc: lines 3–4 run as one script', 'the 1 instruction after it']],
  ]);

  it('has a hover on the flag itself', () => {
    const { h, text } = hover('FROM alpine\nRUN --mount=type=cache,¦target=/root/.cache pip install x');
    expect(h!.markdown).toContain('`--mount=type=cache,target=/root/.cache` on **RUN** · line 2');
    expect(h!.markdown).toContain('**Package manager caches**');
    expect(new LineIndex(text).slice(h!.range)).toBe('--mount=type=cache,target=/root/.cache');
  });
});

describe('COPY and ADD', () => {
  check([
    ['FROM alpine\n¦COPY app.py /app/', ['Copies `app.py` from the build context into `/app/`', 'The files belong to root (UID 0)', '`--chown`']],
    ['FROM alpine\nUSER app\n¦COPY app.py /app/', ['even though this step runs after the switch to `app`']],
    ['FROM alpine\n¦COPY --chown=app:app --chmod=0644 a /b', ['the copied files belong to `app:app` instead of root', 'mode `0644`']],
    ['FROM alpine\n¦COPY . .', ['That is the whole build context: keep a `.dockerignore`']],
    ['FROM alpine\n¦COPY ["a b", "/c"]', ['Copies `a b` from the build context into `/c`']],
    ['FROM alpine AS build\nRUN x\nFROM alpine\n¦COPY --from=build /out /app', ['Copies `/out` from stage `build` (line 1) into `/app`', 'files keep the owners they had in the source', 'Multi-stage builds']],
    ['FROM alpine\n¦COPY --from=nginx:1.27 /etc/nginx /etc/nginx', ['straight out of the image `nginx:1.27`', 'by a tag that can move']],
    ['FROM alpine\n¦COPY --link a /b', ['does not depend on the layers below it']],
    ['FROM alpine\n¦COPY <<EOF /app/config\nkey=value\nEOF', ['Creates `/app/config` from the inline content on lines 3–3']],
    ['FROM alpine\n¦ADD https://example.com/tool.tgz /opt/', ['Downloads `https://example.com/tool.tgz` at build time: nothing verifies the content', '**Remote code in builds**']],
    ['FROM alpine\n¦ADD --checksum=sha256:abc https://example.com/t /t', ['checked against `--checksum`', 'must match this checksum']],
    ['FROM alpine\n¦ADD https://github.com/moby/buildkit.git#v0.14 /src', ['Clones `https://github.com/moby/buildkit.git#v0.14`']],
    ['FROM alpine\n¦ADD rootfs.tar.gz /', ['A local tar archive is unpacked into `/`']],
    ['FROM alpine\n¦ADD app.py /app/', ['ADD with local files behaves like COPY']],
  ]);

  it('has a hover on --from', () => {
    const { h } = hover('FROM alpine AS build\nRUN x\nFROM alpine\nCOPY --fr¦om=build /out /app');
    expect(h!.markdown).toContain('takes files from stage `build` (line 1), which is built first');
  });
});

describe('directives and pragmas', () => {
  check([
    ['# sy¦ntax=docker/dockerfile:1\nFROM alpine', ['**Parser directive** `syntax`', 'frontend `docker/dockerfile:1`', '`:1` follows the newest 1.x release'], '# syntax=docker/dockerfile:1'],
    [`# syntax=docker/dockerfile:1@${DIGEST}`.replace('#', '¦#'), ['Pinned by digest']],
    ['¦# syntax=docker/dockerfile\nFROM alpine', ["frontend's `latest`"]],
    ['# escape=`\n¦# check=skip=all\nFROM alpine', ['**Parser directive** `check`', 'skips all of them']],
    ['¦# escape=`\nFROM alpine', ['Makes the backtick the escape and line-continuation character', 'Windows']],
    ['¦# escape=\\\nFROM alpine', ['which is also the default']],
    ['¦# check=skip=JSONArgsRecommended,StageNameCasing;error=true\nFROM alpine', ['skips `JSONArgsRecommended` and `StageNameCasing`', '`error=true`', 'Container Lens also silences']],
    [
      'FROM alpine\n¦# container-lens-ignore=final-stage-runs-as-root\n\n# another comment\nUSER root',
      ['**Ignore pragma** (Container Lens)', 'Container Lens skips `final-stage-runs-as-root` on line 5, `USER root`'],
      '# container-lens-ignore=final-stage-runs-as-root',
    ],
    ['FROM alpine\n¦# container-lens-ignore=all\nUSER root', ['Container Lens skips every rule on line 3']],
    ['FROM alpine\n¦# hadolint ignore=DL3002,DL3008\nUSER root', ['**Ignore pragma** (hadolint)', 'hadolint skips `DL3002` and `DL3008` on line 3', 'Container Lens honours it']],
    ['FROM alpine\nUSER root\n¦# hadolint ignore=DL3002', ['No instruction follows, so it silences nothing']],
  ]);

  it('names the rules an id maps to when given the registry', () => {
    const rules = [{ id: 'final-stage-runs-as-root', title: 'The final stage runs as root', equivalents: { hadolint: 'DL3002' } }];
    const own = hover('FROM alpine\n¦# container-lens-ignore=final-stage-runs-as-root,nope\nUSER root', { rules }).h!.markdown;
    expect(own).toContain('`final-stage-runs-as-root`: The final stage runs as root');
    expect(own).toContain('`nope`: no Container Lens rule has or maps to this id');
    const peer = hover('FROM alpine\n¦# hadolint ignore=DL3002\nUSER root', { rules }).h!.markdown;
    expect(peer).toContain('`DL3002` → `final-stage-runs-as-root`');
  });

  it.each([
    ['# just a ¦comment\nFROM alpine'],
    ['FROM alpine\n# syntax=¦docker/dockerfile:1'],
    ['FROM alpine\n¦\nRUN x'],
    ['FROM alpine\nRUN apk add ¦curl'],
    ['FROM alpine\nRUN <<EOF\n# hadolint ¦ignore=DL3008\napk add x\nEOF'],
    ['FROM alpine\nRUN <<EOF\necho ¦hi\nEOF'],
    ['FROM alpine\nENV A=¦1'],
    ['FROM alpine\nCOPY a ¦/b'],
    ['FROM alpine\nRUN a \\\n  # a comment ¦inside\n  && b'],
    ['FROM alpine¦\n'],
    ['# other=¦x\nFROM alpine'],
  ])('no hover in %j', (src) => {
    expect(hover(src).h).toBeUndefined();
  });

  it('ignores positions outside the document', () => {
    const m = parseDockerfile('FROM alpine\n');
    expect(computeDockerfileHover(m, { line: 99, character: 0 })).toBeUndefined();
    expect(computeDockerfileHover(m, { line: -1, character: 0 })).toBeUndefined();
    expect(computeDockerfileHover(m, { line: 0, character: -5 })).toBeUndefined();
  });
});

describe('escaping', () => {
  const HOSTILE = [
    'FROM evil/<img src=x onerror=alert(1)>:*_tag_* AS <b>x</b>',
    'USER <script>alert(1)</script>',
    'COPY *_bold_* `tick` <img src=y> /dst_*',
    'EXPOSE <i>80</i>',
    'ENV <b>X</b>=1 API_TOKEN=[link](javascript:x)',
    'LABEL "a`b"="c"',
    'VOLUME /data_*_ <img>',
    'WORKDIR /srv/<img src=z>',
    'RUN --mount=type=secret,id=<img src=q>,target=/x_* echo',
    'CMD <img src=c> **x**',
    'HEALTHCHECK CMD <img src=h>',
    'STOPSIGNAL <img src=s>',
    'ONBUILD RUN <img src=o>',
  ];
  const text = ['# syntax=<img src=d>', ...HOSTILE, '# container-lens-ignore=<img src=p>', 'RUN x'].join('\n');

  it('keeps file text out of Markdown syntax', async () => {
    const model = parseDockerfile(text);
    let render: ((s: string) => string) | undefined;
    try {
      const name = 'markdown-it';
      const mod = await import(/* @vite-ignore */ name as string);
      const md = new mod.default({ html: true, linkify: true });
      render = (s) => md.render(s) as string;
    } catch {
      console.warn('markdown-it not installed: rendering check skipped');
    }
    let count = 0;
    for (let line = 0; line < model.lines.lineCount; line++) {
      const lt = model.lines.lineText(line);
      for (let character = 0; character < lt.length; character++) {
        const h = computeDockerfileHover(model, { line, character });
        if (!h) continue;
        count++;
        // Outside code spans, no raw angle brackets from the file.
        const prose = h.markdown.replace(/(`+)[\s\S]*?\1/g, '');
        expect(prose, h.markdown).not.toMatch(/<(img|script|b|i)\b/);
        if (render) {
          const html = render(h.markdown);
          expect(html, h.markdown).not.toMatch(/<(img|script|b|i|em|a)\b/);
        }
      }
    }
    expect(count).toBeGreaterThan(20);
  });
});

describe('Windows escape and CRLF', () => {
  const WIN = [
    '# escape=`',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022',
    'SHELL ["powershell", "-Command"]',
    'RUN Write-Host one; `',
    '    Write-Host two',
    'COPY app C:\\app',
    'CMD C:\\app\\run.exe',
  ].join('\n');

  it('reads continuation lines with the backtick', () => {
    const m = parseDockerfile(WIN);
    const run = computeDockerfileHover(m, { line: 3, character: 0 })!;
    expect(run.markdown).toContain('Filesystem layer 1 of 2 of the final image');
    expect(run.markdown).toContain('`COPY app C:\\app` (line 6)');
    const from = computeDockerfileHover(m, { line: 1, character: 0 })!;
    expect(from.markdown).toContain('`RUN Write-Host one; …` (line 4)');
    expect(from.markdown).toContain('A Windows image');
    expect(computeDockerfileHover(m, { line: 5, character: 0 })!.markdown).not.toContain('UID 0');
    expect(computeDockerfileHover(m, { line: 2, character: 0 })!.markdown).toContain('instead of the default `cmd /S /C`');
    const cmd = computeDockerfileHover(m, { line: 6, character: 0 })!;
    expect(cmd.markdown).toContain('PID 1 of the container is `powershell -Command`');
  });

  it('gives the same hovers for CRLF files', () => {
    const lf = parseDockerfile(WIN);
    const crlf = parseDockerfile(WIN.replace(/\n/g, '\r\n'));
    for (let line = 0; line < lf.lines.lineCount; line++) {
      for (let character = 0; character < lf.lines.lineText(line).length; character++) {
        const a = computeDockerfileHover(lf, { line, character });
        const b = computeDockerfileHover(crlf, { line, character });
        expect(b?.markdown, `${line}:${character}`).toBe(a?.markdown);
        expect(b?.range).toEqual(a?.range);
      }
    }
  });
});

describe('options', () => {
  it('links topic titles', () => {
    const link = (id: string) => `command:containerLens.showTopic?${encodeURIComponent(JSON.stringify([id]))}`;
    const md = hover('FROM alpine\n¦USER root', { link }).h!.markdown;
    expect(md).toContain('**[Running as a non-root user](command:containerLens.showTopic?%5B%22non-root-user%22%5D)**');
    expect(md).toContain('[User namespace](command:containerLens.showTopic?%5B%22user-namespace%22%5D)');
  });

  it('lists the topics, lesson first', () => {
    expect(hover('FROM alpine\n¦USER root').h!.topics).toEqual(['non-root-user', 'user-namespace', 'rootless', 'capabilities']);
  });
});

describe('corpus', () => {
  it('never throws and always explains keywords', { timeout: 180_000 }, () => {
    if (!existsSync(CORPUS)) return void console.warn(`${CORPUS} absent: corpus hover test skipped`);
    const files = readdirSync(CORPUS);
    const problems: string[] = [];
    let hovers = 0;
    for (const f of files) {
      const text = readFileSync(join(CORPUS, f), 'utf8').replace(/^\uFEFF/, '');
      const m = parseDockerfile(text);
      const probe = (p: Position, what: string): DockerfileHover | undefined => {
        let h: DockerfileHover | undefined;
        try {
          h = computeDockerfileHover(m, p);
        } catch (e) {
          problems.push(`${f} ${what}: threw ${String(e)}`);
          return undefined;
        }
        if (h) {
          hovers++;
          if (/undefined|NaN|\[object Object\]/.test(h.markdown)) problems.push(`${f} ${what}: ${h.markdown}`);
          if (h.range.start.line < 0 || h.range.end.line >= m.lines.lineCount) problems.push(`${f} ${what}: range outside the file`);
        }
        return h;
      };
      for (const ins of m.instructions) {
        const what = `${ins.keyword} on line ${ins.range.start.line + 1}`;
        const h = probe(ins.keywordRange.start, what);
        if (!h && KNOWN.has(ins.keyword)) problems.push(`${f} ${what}: no hover`);
        for (const fl of ins.flags) probe(fl.range.start, `flag ${fl.name} of ${what}`);
        if (ins.argsRange) probe(ins.argsRange.start, `arguments of ${what}`);
      }
      for (let line = 0; line < m.lines.lineCount; line++) {
        const c = m.lines.lineText(line).search(/\S/);
        if (c >= 0) probe({ line, character: c }, `line ${line + 1}`);
      }
    }
    expect(problems).toEqual([]);
    expect(hovers).toBeGreaterThan(files.length);
  });
});

const KNOWN = new Set([
  'FROM', 'RUN', 'COPY', 'ADD', 'ENV', 'ARG', 'LABEL', 'CMD', 'ENTRYPOINT', 'EXPOSE', 'USER',
  'WORKDIR', 'VOLUME', 'HEALTHCHECK', 'STOPSIGNAL', 'SHELL', 'ONBUILD', 'MAINTAINER',
]);
