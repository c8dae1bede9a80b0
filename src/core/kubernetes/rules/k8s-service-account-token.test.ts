import { describe, expect, it } from 'vitest';
import { covered, findings, fixed, pod } from './testing';

const ID = 'k8s-service-account-token';

describe(ID, () => {
  it.each([
    ['default', pod(), ['spec']],
    ['true', pod([], ['automountServiceAccountToken: true']), ['automountServiceAccountToken: true']],
    ['false', pod([], ['automountServiceAccountToken: false']), []],
    [
      'its ServiceAccount in the file opts out',
      `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\nautomountServiceAccountToken: false\n---\n${pod([], ['serviceAccountName: app'])}`,
      [],
    ],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('names the account', () => {
    expect(findings(pod([], ['serviceAccountName: ci']), ID)[0].message).toContain('as ci');
  });

  it('sets it on the pod', () => {
    expect(fixed(pod(), ID)).toBe(pod(['automountServiceAccountToken: false']).replace('      automountServiceAccountToken: false\n', '') + '  automountServiceAccountToken: false\n');
    expect(fixed(pod([], ['automountServiceAccountToken: true']), ID)).toBe(pod([], ['automountServiceAccountToken: false']));
  });
});
