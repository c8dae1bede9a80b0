import { describe, expect, it } from 'vitest';
import { composeProfiles } from '../core/analyze';
import { parseCompose } from '../core/compose/parse';
import { escapeIcons, findWorkload, isWorkloadRef, pageName } from './workload-ref';

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
});
