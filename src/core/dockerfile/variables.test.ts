import { describe, expect, it } from 'vitest';
import { parseDockerfile } from './parse';
import { argDefinitions, continuesOnNextLine, defaultGlobalArgs, expandWord, headerText, isValidImageReference, splitWords, suggestName } from './variables';

describe('expandWord', () => {
  const env = new Map([
    ['A', 'a'],
    ['EMPTY', ''],
    ['P', 'linux/amd64'],
    ['F', 'a.tar.gz'],
  ]);
  it.each([
    ['$A', 'a', ['A'], []],
    ['${A}/x', 'a/x', ['A'], []],
    ['$B', '', ['B'], ['B']],
    ["'$A'", '$A', [], []],
    ['"$A b"', 'a b', ['A'], []],
    ['\\$A', '$A', [], []],
    ['${B:-d}', 'd', ['B'], ['B']],
    ['${EMPTY:-d}', 'd', ['EMPTY'], []],
    ['${EMPTY-d}', '', ['EMPTY'], []],
    ['${A:+yes}', 'yes', ['A'], []],
    ['${B:-$A}', 'a', ['A', 'B'], ['B']],
    ['$(date) $1 $', '$(date) $1 $', [], []],
    ['${A:+"quoted"}', 'quoted', ['A'], []],
    ['${P#linux/}', 'amd64', ['P'], []],
    ['${P##*/}', 'amd64', ['P'], []],
    ['${F%.*}', 'a.tar', ['F'], []],
    ['${F%%.*}', 'a', ['F'], []],
    ['${P#nomatch}', 'linux/amd64', ['P'], []],
  ])('%j', (text, value, names, unset) => {
    const r = expandWord(text, env);
    expect(r.value).toBe(value);
    expect(r.refs.map((x) => x.name).sort()).toEqual([...names].sort());
    expect([...r.unset]).toEqual(unset);
  });

  it('records offsets and modifiers', () => {
    const r = expandWord('x ${B:-d} $A', env);
    expect(r.refs.map((x) => [x.name, x.start, x.end, x.modifier])).toEqual([
      ['B', 2, 9, ':-'],
      ['A', 10, 12, undefined],
    ]);
  });

  it('reports what the builder would reject', () => {
    expect(expandWord('${B:?must be set}', env).error).toContain('must be set');
    expect(expandWord('${}', env).error).toBeDefined();
    expect(expandWord('"open', env).error).toBeDefined();
  });

  it('uses the escape directive', () => {
    expect(expandWord('`$A', env, '`').value).toBe('$A');
  });
});

describe('headerText', () => {
  it('joins continuation lines, drops comment lines and maps back', () => {
    const text = 'FROM a\nENV A=1 \\\n# note\n    B=$X\n';
    const m = parseDockerfile(text);
    const h = headerText(m, m.instructions[1]);
    expect(h.text).toBe(' A=1     B=$X');
    const i = h.text.indexOf('$X');
    expect(m.lines.slice(h.rangeOf(i, i + 2))).toBe('$X');
  });

  it('stops before a heredoc body', () => {
    const m = parseDockerfile('FROM a\nCOPY <<EOF /x\n$BODY\nEOF\n');
    expect(headerText(m, m.instructions[1]).text).toBe(' <<EOF /x');
  });
});

describe('splitWords and argDefinitions', () => {
  it('keeps quoted blanks inside a word', () => {
    expect(splitWords('A="x y" B=1').map((w) => w.text)).toEqual(['A="x y"', 'B=1']);
  });
  it('reads names and defaults', () => {
    expect(argDefinitions(' A=1 B').map((d) => [d.name, d.value])).toEqual([
      ['A', '1'],
      ['B', undefined],
    ]);
  });
});

describe('defaultGlobalArgs', () => {
  it('expands defaults in order and leaves undefaulted ARGs unset', () => {
    const m = parseDockerfile('ARG REG=ghcr.io\nARG IMG=${REG}/app\nARG TAG\nFROM $IMG:$TAG\nARG LATE=1\n');
    const env = defaultGlobalArgs(m);
    expect(env.get('IMG')).toBe('ghcr.io/app');
    expect(env.has('TAG')).toBe(false);
    expect(env.has('LATE')).toBe(false);
    expect(env.get('TARGETARCH')).toBeTruthy();
  });
});

describe('continuesOnNextLine', () => {
  it.each([
    ['RUN a \\', true],
    ['RUN a \\  ', true],
    ['  \\', true],
    ['ENV C trailing\\\\', false],
    ['RUN a', false],
    ['RUN a `', false],
  ])('%j', (line, want) => {
    expect(continuesOnNextLine(line, '\\')).toBe(want);
  });
  it('follows the escape directive', () => {
    expect(continuesOnNextLine('RUN a `', '`')).toBe(true);
    expect(continuesOnNextLine('COPY a C:\\', '`')).toBe(false);
  });
});

describe('isValidImageReference', () => {
  it.each([
    ['alpine', true],
    ['alpine:3.20', true],
    ['library/alpine:3.20', true],
    ['ghcr.io/Org/app:1', false],
    ['ghcr.io/org/app:1', true],
    ['localhost:5000/app', true],
    ['Registry.Example.com/app', true],
    [`node@sha256:${'a'.repeat(64)}`, true],
    ['', false],
    [':1.2', false],
    ['app:', false],
    ['/app', false],
    ['Node:20', false],
    ['app@', false],
  ])('%j → %s', (ref, ok) => {
    expect(isValidImageReference(ref)).toBe(ok);
  });
});

describe('suggestName', () => {
  it.each([
    ['PAHT', ['PATH'], 'PATH'],
    ['version', ['VERSION'], 'VERSION'],
    ['APP_DIRR', ['APP_DIR'], 'APP_DIR'],
    ['FOO', ['BAR'], undefined],
    ['ABC', ['ABD'], undefined],
  ])('%s', (name, candidates, want) => {
    expect(suggestName(name, candidates)).toBe(want);
  });
});
