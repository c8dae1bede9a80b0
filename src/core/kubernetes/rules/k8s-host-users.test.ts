import { describe, expect, it } from 'vitest';
import { covered, findings, fixed, pod } from './testing';

const ID = 'k8s-host-users';

describe(ID, () => {
  it.each([
    ['explicit true', pod([], ['hostUsers: true']), ['hostUsers: true']],
    ['false', pod([], ['hostUsers: false']), []],
    ['default', pod(), []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('sets hostUsers: false', () => {
    expect(fixed(pod([], ['hostUsers: true']), ID)).toBe(pod([], ['hostUsers: false']));
  });

  it('offers no fix when a host namespace rules user namespaces out', () => {
    expect(findings(pod([], ['hostUsers: true', 'hostPID: true']), ID)[0].fixes).toEqual([]);
  });
});
