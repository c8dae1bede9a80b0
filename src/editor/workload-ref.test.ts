import { describe, expect, it } from 'vitest';
import { composeProfiles } from '../core/analyze';
import { parseCompose } from '../core/compose/parse';
import { parseDockerfile } from '../core/dockerfile/parse';
import { profileFromDockerfileStage } from '../core/isolation/from-dockerfile';
import { escapeIcons, findWorkload, isWorkloadRef, pageName, stageWord } from './workload-ref';

describe('workload refs', () => {
  const workloads = composeProfiles(parseCompose('services:\n  a:\n    image: x\n  b:\n    image: y\n', 'compose.yaml'));

  it('finds by index, then by name', () => {
    expect(findWorkload(workloads, { index: 1, name: 'b' })?.profile.subject.name).toBe('b');
    expect(findWorkload(workloads, { index: 0, name: 'b' })?.profile.subject.name).toBe('b');
    expect(findWorkload(workloads, { index: 5, name: 'c' })).toBeUndefined();
  });

  it('recognises refs', () => {
    expect(isWorkloadRef({ uri: 'file:///x', index: 0, name: 'a' })).toBe(true);
    expect(isWorkloadRef({ uri: 'file:///x', index: '0', name: 'a' })).toBe(false);
    expect(isWorkloadRef(undefined)).toBe(false);
  });

  it('keeps $(icon) syntax from file text as text', () => {
    expect(escapeIcons('mounts $(alert)/docker.sock')).toBe('mounts \\$(alert)/docker.sock');
  });

  it('makes safe page names', () => {
    expect(pageName('web')).toBe('web');
    expect(pageName('../../etc/passwd')).toBe('..-..-etc-passwd');
    expect(pageName('<x>')).toBe('x');
    expect(pageName('///')).toBe('workload');
  });

  it('names a Dockerfile stage final or build in a pick, and nothing else', () => {
    const m = parseDockerfile('FROM golang AS build\nRUN go build\nFROM alpine\n');
    const [build, final] = m.stages.map((st) => profileFromDockerfileStage(st, st === m.finalStage).subject);
    expect(stageWord(build!)).toBe('build stage · ');
    expect(stageWord(final!)).toBe('final stage · ');
    expect(stageWord(workloads[0]!.profile.subject)).toBe('');
  });
});
