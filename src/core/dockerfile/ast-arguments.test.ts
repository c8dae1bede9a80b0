import { DockerfileParser } from 'dockerfile-ast';
import type { From, Run } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import './parse'; // installs the memoised argument scan, as every use of the model does

const TEXT = 'FROM registry.example.com:5000/team/app:1.2@sha256:' + 'a'.repeat(64) + ' AS build\n' +
  'RUN --mount=type=cache,target=/var/cache/apt apt-get install -y \\\n  curl "a b"\n';

describe('memoised dockerfile-ast argument scans', () => {
  it('hands out a new array on every call, with the flags still taken off', () => {
    const run = DockerfileParser.parse(TEXT).getInstructions()[1] as Run;
    const first = run.getArguments();
    const second = run.getArguments();
    expect(first).not.toBe(second);
    // the values and ranges the library gives without the memo (it does not group quoted words)
    const values = ['apt-get', 'install', '-y', 'curl', '"a', 'b"'];
    expect(first.map((a) => a.getValue())).toEqual(values);
    first.pop();
    expect(run.getArguments().map((a) => a.getValue())).toEqual(values);
    expect(run.getFlags().map((f) => f.getName())).toEqual(['mount']);
    expect(run.getArgumentsRange()).toEqual({ start: { line: 1, character: 45 }, end: { line: 2, character: 12 } });
  });

  it("FROM's image-range methods, which move the ends of the range they get, give the same answer every time", () => {
    const from = DockerfileParser.parse(TEXT).getInstructions()[0] as From;
    const image = JSON.stringify(from.getImageRange());
    const answers = () =>
      JSON.stringify([from.getRegistryRange(), from.getImageNameRange(), from.getImageTagRange(), from.getImageDigestRange(), from.getImageRange()]);
    const once = answers();
    expect(answers()).toBe(once);
    // what the library answers without the memo
    expect(once).toBe(
      JSON.stringify([
        { start: { line: 0, character: 5 }, end: { line: 0, character: 30 } },
        { start: { line: 0, character: 31 }, end: { line: 0, character: 43 } },
        null,
        { start: { line: 0, character: 44 }, end: { line: 0, character: 115 } },
        { start: { line: 0, character: 5 }, end: { line: 0, character: 115 } },
      ]),
    );
    expect(JSON.stringify(from.getImageRange())).toBe(image);
    expect([from.getRegistry(), from.getImageName(), from.getImageTag(), from.getBuildStage()]).toEqual([
      'registry.example.com:5000',
      'team/app:1.2',
      null,
      'build',
    ]);
  });
});
