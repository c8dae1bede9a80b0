import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/findings';
import { range } from '../core/text/range';
import { FindingStore, findingKey } from './finding-store';

function finding(ruleId: string, line: number, message = `${ruleId} message`): Finding {
  return {
    ruleId,
    category: 'isolation',
    severity: 'warning',
    message,
    range: range(line, 0, line, 4),
    topic: 'non-root-user',
    equivalents: {},
    fixes: [{ title: 'fix it', edits: [{ range: range(line, 0, line, 0), newText: 'x' }] }],
  };
}

describe('FindingStore', () => {
  it('finds a finding by rule id and range, only at the version it was computed for', () => {
    const store = new FindingStore();
    const f = finding('final-stage-runs-as-root', 3);
    store.set('file:///a/Dockerfile', 7, [f, finding('other', 3)]);
    expect(store.lookup('file:///a/Dockerfile', 7, 'final-stage-runs-as-root', range(3, 0, 3, 4))).toEqual([f]);
    expect(store.lookup('file:///a/Dockerfile', 8, 'final-stage-runs-as-root', range(3, 0, 3, 4))).toEqual([]);
    expect(store.lookup('file:///a/Dockerfile', 7, 'final-stage-runs-as-root', range(3, 0, 3, 5))).toEqual([]);
    expect(store.lookup('file:///b/Dockerfile', 7, 'final-stage-runs-as-root', range(3, 0, 3, 4))).toEqual([]);
    expect(store.version('file:///a/Dockerfile')).toBe(7);
  });

  it('tells same-range findings of one rule apart by message', () => {
    const store = new FindingStore();
    const a = finding('r', 1, 'first');
    const b = finding('r', 1, 'second');
    store.set('u', 1, [a, b]);
    expect(store.lookup('u', 1, 'r', range(1, 0, 1, 4))).toEqual([a, b]);
    expect(store.lookup('u', 1, 'r', range(1, 0, 1, 4), 'second')).toEqual([b]);
  });

  it('replaces on a new version and forgets on delete', () => {
    const store = new FindingStore();
    store.set('u', 1, [finding('r', 1)]);
    store.set('u', 2, [finding('r', 2)]);
    expect(store.all('u', 1)).toEqual([]);
    expect(store.all('u', 2).map((f) => f.range.start.line)).toEqual([2]);
    store.delete('u');
    expect(store.version('u')).toBeUndefined();
    expect(store.all('u', 2)).toEqual([]);
  });

  it('keys are stable strings', () => {
    expect(findingKey('r', range(1, 2, 3, 4))).toBe('r@1:2-3:4');
  });
});
