import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../parse';
import { covered, findings } from './testing';

const ID = 'duplicate-stage-name';

describe(ID, () => {
  it.each([
    ['unique names', 'FROM a:1 AS one\nFROM b:1 AS two\n', []],
    ['same name twice', 'FROM a:1 AS build\nFROM b:1 AS build\n', ['build']],
    ['differs only in case', 'FROM a:1 AS build\nFROM b:1 AS BUILD\n', ['BUILD']],
    ['three times', 'FROM a:1 AS x\nFROM b:1 AS x\nFROM c:1 AS x\n', ['x', 'x']],
    ['unnamed stages', 'FROM a:1\nFROM b:1\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('points at the first definition', () => {
    const text = 'FROM a:1 AS build\nRUN x\nFROM b:1 AS build\n';
    const [f] = findings(text, ID);
    expect(f.range.start.line).toBe(2);
    expect(f.message).toContain('line 1');
    expect(f.related).toHaveLength(1);
    expect(parseDockerfile(text).lines.slice(f.related![0].range)).toBe('build');
    expect(f.related![0].range.start.line).toBe(0);
  });
});
