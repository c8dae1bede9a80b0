import { describe, expect, it } from 'vitest';
import { HARDENED, covered, findings, fixed, pod, tree } from './testing';

const ID = 'k8s-privilege-escalation-allowed';

describe(ID, () => {
  it.each([
    ['unset', pod(), ['name: app']],
    ['true', pod(['securityContext:', '  allowPrivilegeEscalation: true']), ['allowPrivilegeEscalation: true']],
    ['false', pod(['securityContext:', '  allowPrivilegeEscalation: false']), []],
    ['privileged is another rule', pod(['securityContext:', '  privileged: true']), []],
    ['hardened', pod(HARDENED), []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('sets false, in place or added', () => {
    expect(fixed(pod(['securityContext:', '  allowPrivilegeEscalation: true']), ID)).toBe(pod(['securityContext:', '  allowPrivilegeEscalation: false']));
    expect(tree(fixed(pod(), ID))).toMatchObject({ spec: { containers: [{ securityContext: { allowPrivilegeEscalation: false } }] } });
  });

  it('offers no fix the API would reject (CAP_SYS_ADMIN)', () => {
    const [f] = findings(pod(['securityContext:', '  capabilities:', '    add: [SYS_ADMIN]']), ID);
    expect(f.message).toContain('CAP_SYS_ADMIN');
    expect(f.fixes).toEqual([]);
  });
});
