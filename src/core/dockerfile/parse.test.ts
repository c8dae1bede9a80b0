import { describe, expect, it } from 'vitest';
import { parseDockerfile } from './parse';

describe('parseDockerfile', () => {
  it.each([
    ['RUN ["sh","-c","echo \\"hi\\""]', true],
    ['CMD ["node", "a.js"]', true],
    ["CMD ['node']", false],
    ['CMD node a.js', false],
    ['CMD ["node", \\\n  "a.js"]', true],
    ['CMD [1, 2]', false],
  ])('exec form of %j is %s', (ins, expected) => {
    const m = parseDockerfile(`FROM alpine:3.20\n${ins}\n`);
    expect(m.stages[0].instructions[0].jsonForm).toBe(expected);
  });

  it('splits stages, names and the COPY --from graph', () => {
    const m = parseDockerfile('FROM golang:1.22 AS build\nRUN go build\nFROM alpine:3.20 AS unused\nFROM gcr.io/distroless/static:nonroot\nCOPY --from=build /app /app\n');
    expect(m.stages.map((s) => [s.name, s.reachesFinal])).toEqual([
      ['build', true],
      ['unused', false],
      [undefined, true],
    ]);
    expect(m.finalStage?.image.registry).toBe('gcr.io');
    expect(m.finalStage?.image.tag).toBe('nonroot');
  });

  it('substitutes global ARG defaults in FROM', () => {
    const m = parseDockerfile('ARG BASE=node:20-alpine\nFROM ${BASE}\n');
    expect(m.stages[0].image.path).toBe('node');
    expect(m.stages[0].image.tag).toBe('20-alpine');
    expect(m.stages[0].image.unresolved).toBe(false);
  });

  it('reads the check directive', () => {
    const m = parseDockerfile('# check=skip=JSONArgsRecommended,StageNameCasing;error=true\nFROM alpine:3.20\n');
    expect(m.directives.check?.skip).toEqual(['JSONArgsRecommended', 'StageNameCasing']);
    expect(m.directives.check?.error).toBe(true);
  });

  it('numbers filesystem layers through a FROM-stage chain', () => {
    const m = parseDockerfile('FROM alpine:3.20 AS base\nRUN a\nFROM base\nENV X=1\nRUN b\nCOPY x /x\n');
    const final = m.finalStage!;
    expect(final.instructions.map((i) => i.layerNumber ?? null)).toEqual([null, 2, 3]);
    expect(final.layerCount).toBe(3);
  });

  it('maps a heredoc RUN body back to document positions', () => {
    const text = 'FROM alpine:3.20\nRUN <<EOF\napk add curl\nEOF\n';
    const m = parseDockerfile(text);
    const shell = m.stages[0].instructions[0].shell!;
    const at = shell.text.indexOf('curl');
    expect(m.lines.slice(shell.rangeOf(at, at + 4))).toBe('curl');
  });
});
