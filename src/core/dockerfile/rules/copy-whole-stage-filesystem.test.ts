import { describe, expect, it } from 'vitest';
import { covered, findings } from './testing';

const ID = 'copy-whole-stage-filesystem';

describe(ID, () => {
  it.each([
    ['/ /', 'FROM golang:1.26 AS build\nRUN go build\nFROM debian:12\nCOPY --from=build / /\n', ['/']],
    ['/ .', 'FROM golang:1.26 AS build\nRUN go build\nFROM debian:12\nCOPY --from=build / .\n', ['/']],
    ['by index', 'FROM golang:1.26\nRUN go build\nFROM debian:12\nCOPY --from=0 / /\n', ['/']],
    ['a stage that only names an image', 'FROM tonistiigi/xx AS xx\nFROM golang:1.26\nCOPY --from=xx / /\n', []],
    ['a child of an image alias that adds files', 'FROM golang:1.26 AS base\nFROM base AS build\nRUN go build\nFROM debian:12\nCOPY --from=build / /\n', ['/']],
    ['an external image may be a bare set of files', 'FROM debian:12\nCOPY --from=docker/buildx-bin / /usr/bin/\n', []],
    ['a stage whose base is chosen by an argument', 'FROM scratch AS bin-linux\nFROM bin-$TARGETOS AS bin\nFROM debian:12\nCOPY --from=bin / /usr/bin/\n', []],
    ['JSON form', 'FROM golang:1.26 AS b\nRUN go build\nFROM debian:12\nCOPY --from=b ["/", "/"]\n', ['/']],
    ['CRLF', 'FROM golang:1.26 AS b\r\nRUN go build\r\nFROM debian:12\r\nCOPY --from=b / /\r\n', ['/']],
    ['a path', 'FROM golang:1.26 AS build\nFROM debian:12\nCOPY --from=build /out/app /usr/local/bin/\n', []],
    ['an export stage from scratch', 'FROM golang:1.26 AS build\nFROM scratch AS out\nCOPY --from=build /app /app\nFROM debian:12\nCOPY --from=out / /\n', []],
    ['from the context', 'FROM debian:12\nCOPY / /app\n', []],
    ['ONBUILD', 'FROM debian:12\nONBUILD COPY --from=x / /\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('names the source', () => {
    expect(findings('FROM golang:1.26 AS build\nRUN go build\nFROM debian:12\nCOPY --from=build / /\n', ID)[0].message).toContain('stage "build"');
  });
});
