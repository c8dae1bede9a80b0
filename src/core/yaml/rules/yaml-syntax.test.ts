import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyze';

const ID = 'yaml-syntax';
const covered = (text: string, fileName: string) => {
  const lines = text.split('\n');
  return analyze(text, fileName)
    .findings.filter((f) => f.ruleId === ID)
    .map((f) => (f.range.start.line === f.range.end.line ? lines[f.range.start.line].slice(f.range.start.character, f.range.end.character) : `line ${f.range.start.line + 1}`));
};

describe(ID, () => {
  it.each([
    ['duplicate key in compose', 'services:\n  web:\n    image: x:1\n    image: y:1\n', 'compose.yaml', ['image']],
    ['duplicate key in a manifest', 'apiVersion: v1\nkind: Pod\nkind: Pod\nspec: {}\n', 'pod.yaml', ['kind']],
    ['valid', 'services:\n  web:\n    image: x:1\n', 'compose.yaml', []],
  ])('%s', (_name, text, fileName, expected) => {
    expect(covered(text, fileName)).toEqual(expected);
  });

  it('is an error and strips the fixes of other findings', () => {
    const r = analyze('services:\n  web:\n    image: x:1\n    image: y:1\n    privileged: true\n', 'compose.yaml');
    expect(r.findings.find((f) => f.ruleId === ID)?.severity).toBe('error');
    expect(r.findings.find((f) => f.ruleId === 'compose-privileged')?.fixes).toEqual([]);
  });

  it('an unclosed flow collection in a compose file is reported, not thrown', () => {
    const r = analyze('services:\n  web: {image: x\n', 'docker-compose.yml');
    expect(r.error).toBeUndefined();
    expect(r.findings.some((f) => f.ruleId === ID)).toBe(true);
  });
});
