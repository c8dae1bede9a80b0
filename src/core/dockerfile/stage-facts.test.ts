import { describe, expect, it } from 'vitest';
import { parseDockerfile } from './parse';
import { copyArguments, instructionsBefore, notShippedNote, shipsLayers, userAt } from './stage-facts';

describe('shipsLayers', () => {
  it.each([
    ['single stage', 'FROM debian:12\n', [true]],
    ['builder feeding COPY --from', 'FROM golang AS b\nFROM scratch\nCOPY --from=b /x /x\n', [false, true]],
    ['parent of the final stage', 'FROM debian AS base\nFROM base\n', [true, true]],
    ['an unused stage is its own target', 'FROM debian AS dev\nFROM debian\n', [true, true]],
    ['parent of an unused target', 'FROM debian AS base\nFROM base AS dev\nFROM alpine AS b\nFROM scratch\nCOPY --from=b / /\n', [true, true, false, true]],
    ['mount source', 'FROM debian AS src\nFROM debian\nRUN --mount=from=src,target=/s make\n', [false, true]],
  ])('%s', (_name, text, expected) => {
    const m = parseDockerfile(text);
    expect(m.stages.map((s) => shipsLayers(m, s))).toEqual(expected);
  });

  it('explains a builder stage', () => {
    const m = parseDockerfile('FROM golang AS b\nFROM scratch\nCOPY --from=b /x /x\n');
    expect(notShippedNote(m, m.stages[0])).toContain('stage "b" only feeds other stages');
    expect(notShippedNote(m, m.stages[1])).toBe('');
  });
});

describe('userAt', () => {
  const at = (text: string, line: number) => {
    const m = parseDockerfile(text);
    const ins = m.instructions.find((i) => i.range.start.line === line);
    if (!ins) throw new Error('no instruction');
    return userAt(m, ins);
  };
  it.each([
    ['base image root', 'FROM debian:12\nRUN x\n', 1, 'root', 'base image runs as root'],
    ['USER before', 'FROM debian:12\nUSER app\nRUN x\n', 2, 'non-root', 'USER app on line 2'],
    ['USER after does not count', 'FROM debian:12\nRUN x\nUSER app\n', 1, 'root', 'base image'],
    ['from the parent stage', 'FROM debian:12 AS a\nUSER 1000\nFROM a\nRUN x\n', 3, 'non-root', 'inherited from stage "a"'],
    ['unknown image', 'FROM example.com/x\nRUN x\n', 1, 'unknown', 'most base images start as root'],
  ])('%s', (_name, text, line, kind, why) => {
    const u = at(text, line);
    expect(u.kind).toBe(kind);
    expect(u.why).toContain(why);
  });
});

describe('instructionsBefore', () => {
  it('walks the parent stages and stops at the instruction', () => {
    const m = parseDockerfile('FROM debian AS a\nENV A=1\nFROM alpine AS other\nENV B=1\nFROM a\nENV C=1\nRUN x\nENV D=1\n');
    const run = m.instructions.find((i) => i.keyword === 'RUN');
    if (!run) throw new Error('no RUN');
    expect(instructionsBefore(m, run).map((i) => i.argsText)).toEqual(['A=1', 'C=1']);
  });
});

describe('copyArguments', () => {
  it.each([
    ['shell form with flags', 'FROM a\nCOPY --chown=1:1 a b /d/\n', ['a', 'b'], '/d/'],
    ['JSON form', 'FROM a\nCOPY ["a b", "/d"]\n', ['a b'], '/d'],
    ['heredoc bodies are content', 'FROM a\nCOPY <<EOF /x\n. /y\nEOF\n', ['<<EOF'], '/x'],
    ['one argument', 'FROM a\nCOPY x\n', ['x'], undefined],
  ])('%s', (_name, text, sources, dest) => {
    const m = parseDockerfile(text);
    const r = copyArguments(m, m.instructions[1]);
    expect(r.sources.map((s) => s.value)).toEqual(sources);
    expect(r.dest?.value).toBe(dest);
  });

  it('ranges cover the JSON string content', () => {
    const text = 'FROM a\nADD ["https://x/y", "/d"]\n';
    const m = parseDockerfile(text);
    expect(m.lines.slice(copyArguments(m, m.instructions[1]).sources[0].range)).toBe('https://x/y');
  });
});
