import { describe, expect, it } from 'vitest';
import { analyze } from '../core/analyze';
import { parseDockerfile } from '../core/dockerfile/parse';
import { LineIndex, applyEdits } from '../core/text/range';
import { parseYaml } from '../core/yaml/parse';
import { canInsertPragmaAbove, canInsertYamlPragmaAbove, ignorePragmaEdit } from './ignore-pragma';

const ROOT = 'final-stage-runs-as-root';

function withPragma(text: string, line: number, id: string): string {
  return applyEdits(text, [ignorePragmaEdit(new LineIndex(text), line, id)]);
}

describe('ignorePragmaEdit', () => {
  it.each([
    ['FROM a\nRUN x\n', 1, 'FROM a\n# container-lens-ignore=r\nRUN x\n'],
    ['FROM a\n    RUN x\n', 1, 'FROM a\n    # container-lens-ignore=r\n    RUN x\n'],
    ['FROM a\r\n\tRUN x\r\n', 1, 'FROM a\r\n\t# container-lens-ignore=r\r\n\tRUN x\r\n'],
    ['FROM a', 0, '# container-lens-ignore=r\nFROM a'],
    ['FROM a\n# container-lens-ignore=q\nRUN x\n', 2, 'FROM a\n# container-lens-ignore=q,r\nRUN x\n'],
    ['FROM a\n  #container-lens-ignore = q, p  \nRUN x\n', 2, 'FROM a\n  #container-lens-ignore = q,p,r  \nRUN x\n'],
    ['FROM a\n# container-lens-ignore=r\nRUN x\n', 2, 'FROM a\n# container-lens-ignore=r\nRUN x\n'],
    ['FROM a\n# hadolint ignore=DL3008\nRUN x\n', 2, 'FROM a\n# hadolint ignore=DL3008\n# container-lens-ignore=r\nRUN x\n'],
  ])('%j line %i', (text, line, expected) => {
    expect(withPragma(text, line, 'r')).toBe(expected);
  });

  it.each([
    ['FROM alpine:3.20\nUSER root\n'],
    ['FROM alpine:3.20\n  USER root\r\n'],
    ['FROM alpine:3.20\n# hadolint ignore=DL3008\nUSER root\n'],
    ['# syntax=docker/dockerfile:1\nFROM alpine:3.20\nUSER root\n'],
  ])('the inserted pragma really silences the finding: %j', (text) => {
    const before = analyze(text, 'Dockerfile').findings.find((f) => f.ruleId === ROOT);
    expect(before).toBeDefined();
    const line = before!.range.start.line;
    expect(canInsertPragmaAbove(parseDockerfile(text), line)).toBe(true);
    const after = withPragma(text, line, ROOT);
    expect(analyze(after, 'Dockerfile').findings.map((f) => f.ruleId)).not.toContain(ROOT);
    // and a second ignore of another rule on the same line keeps the first one working
    const twice = withPragma(after, line + 1, 'base-image-latest');
    expect(twice).toContain(`# container-lens-ignore=${ROOT},base-image-latest`);
    expect(analyze(twice, 'Dockerfile').findings.map((f) => f.ruleId)).not.toContain(ROOT);
  });
});

describe('canInsertPragmaAbove', () => {
  const text = [
    '# syntax=docker/dockerfile:1', // 0
    '# escape=\\', // 1
    'FROM alpine:3.20', // 2
    'RUN <<EOF', // 3
    'echo hi', // 4
    'EOF', // 5
    'RUN apk add \\', // 6
    '    curl', // 7
    'USER root', // 8
  ].join('\n');
  const model = parseDockerfile(text);
  it.each([
    [0, false],
    [1, false],
    [2, true],
    [3, true],
    [4, false],
    [5, false],
    [6, true],
    [7, true],
    [8, true],
    [9, false],
    [-1, false],
  ])('line %i → %s', (line, expected) => {
    expect(canInsertPragmaAbove(model, line)).toBe(expected);
  });
});

describe('canInsertYamlPragmaAbove', () => {
  it.each([
    ['services:\n  web:\n    privileged: true\n', 2, true],
    ['a: |\n  one\n  two\nb: 1\n', 2, false],
    ['a: |\n  one\n  two\nb: 1\n', 3, true],
    ['a: "one\n  two"\nb: 1\n', 1, false],
    ['a: plain\n  continued\nb: 1\n', 1, false],
    ['a: 1\n---\nb: 2\n', 2, true],
    ['a: 1\n', 5, false],
  ])('%j line %i', (text, line, ok) => {
    expect(canInsertYamlPragmaAbove(parseYaml(text), line)).toBe(ok);
  });

  it('a YAML pragma inserted above a compose finding silences it', () => {
    const text = 'services:\n  web:\n    image: nginx:1.27\n    network_mode: host\n';
    const before = analyze(text, 'compose.yaml').findings.filter((f) => f.ruleId === 'compose-host-network');
    expect(before).toHaveLength(1);
    const line = before[0].range.start.line;
    const after = withPragma(text, line, 'compose-host-network');
    expect(after).toBe('services:\n  web:\n    image: nginx:1.27\n    # container-lens-ignore=compose-host-network\n    network_mode: host\n');
    expect(analyze(after, 'compose.yaml').findings.map((f) => f.ruleId)).not.toContain('compose-host-network');
  });
});
