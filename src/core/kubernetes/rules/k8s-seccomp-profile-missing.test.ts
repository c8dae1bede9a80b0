import { describe, expect, it } from 'vitest';
import { HARDENED, covered, fixed, pod } from './testing';

const ID = 'k8s-seccomp-profile-missing';

describe(ID, () => {
  it.each([
    ['unset', pod(), ['name: app']],
    ['on the pod', pod([], ['securityContext:', '  seccompProfile:', '    type: RuntimeDefault']), []],
    ['Localhost', pod(['securityContext:', '  seccompProfile:', '    type: Localhost', '    localhostProfile: p.json']), []],
    ['hardened', pod(HARDENED), []],
    ['privileged', pod(['securityContext:', '  privileged: true']), []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('adds RuntimeDefault', () => {
    expect(fixed(pod(), ID)).toBe(pod(['securityContext:', '  seccompProfile:', '    type: RuntimeDefault']));
  });
});
