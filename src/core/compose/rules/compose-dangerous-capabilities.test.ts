import { describe, expect, it } from 'vitest';
import { covered, findings, fixed, tree } from './testing';

const ID = 'compose-dangerous-capabilities';

describe(ID, () => {
  it.each([
    ['block list', 'services:\n  web:\n    cap_add:\n      - SYS_ADMIN\n      - NET_BIND_SERVICE\n      - CAP_NET_ADMIN\n', ['SYS_ADMIN', 'CAP_NET_ADMIN']],
    ['flow list', 'services:\n  web:\n    cap_add: [ALL]\n', ['ALL']],
    ['one string', 'services:\n  web:\n    cap_add: sys_ptrace\n', ['sys_ptrace']],
    ['harmless', 'services:\n  web:\n    cap_add: [NET_BIND_SERVICE, CHOWN]\n', []],
    ['every one the brief names', 'services:\n  web:\n    cap_add: [SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE, NET_RAW, ALL]\n', ['SYS_ADMIN', 'NET_ADMIN', 'SYS_PTRACE', 'SYS_MODULE', 'NET_RAW', 'ALL']],
    ['privileged is left to compose-privileged', 'services:\n  web:\n    privileged: true\n    cap_add: [SYS_ADMIN]\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('says what the capability lets it do', () => {
    expect(findings('services:\n  web:\n    cap_add: [SYS_MODULE]\n', ID)[0].message).toContain('CAP_SYS_MODULE: it can load kernel modules');
  });

  it('removes a block item', () => {
    const out = fixed('services:\n  web:\n    cap_add:\n      - SYS_ADMIN\n      - CHOWN\n    user: app\n', ID);
    expect(out).toBe('services:\n  web:\n    cap_add:\n      - CHOWN\n    user: app\n');
  });

  it('removes a flow item and its comma', () => {
    expect(tree(fixed('services:\n  web:\n    cap_add: [CHOWN, SYS_ADMIN]\n', ID))).toEqual({ services: { web: { cap_add: ['CHOWN'] } } });
    expect(tree(fixed('services:\n  web:\n    cap_add: [SYS_ADMIN, CHOWN]\n', ID))).toEqual({ services: { web: { cap_add: ['CHOWN'] } } });
  });

  it('removes the key with its only item', () => {
    expect(tree(fixed('services:\n  web:\n    image: x:1\n    cap_add: [SYS_ADMIN]\n', ID))).toEqual({ services: { web: { image: 'x:1' } } });
    expect(tree(fixed('services:\n  web:\n    image: x:1\n    cap_add: SYS_ADMIN\n', ID))).toEqual({ services: { web: { image: 'x:1' } } });
  });
});
