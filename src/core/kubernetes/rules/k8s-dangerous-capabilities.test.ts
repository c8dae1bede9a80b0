import { describe, expect, it } from 'vitest';
import { covered, findings, fixed, pod, tree } from './testing';

const ID = 'k8s-dangerous-capabilities';

describe(ID, () => {
  it.each([
    ['block', pod(['securityContext:', '  capabilities:', '    add:', '      - SYS_ADMIN', '      - NET_BIND_SERVICE']), ['SYS_ADMIN']],
    ['flow, quoted', pod(['securityContext:', '  capabilities:', '    add: ["NET_ADMIN", "SYS_PTRACE", "SYS_MODULE", "NET_RAW", "ALL"]']), ['"NET_ADMIN"', '"SYS_PTRACE"', '"SYS_MODULE"', '"NET_RAW"', '"ALL"']],
    ['harmless', pod(['securityContext:', '  capabilities:', '    add: [NET_BIND_SERVICE]']), []],
    ['privileged', pod(['securityContext:', '  privileged: true', '  capabilities:', '    add: [SYS_ADMIN]']), []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('says what it allows', () => {
    expect(findings(pod(['securityContext:', '  capabilities:', '    add: [SYS_PTRACE]']), ID)[0].message).toContain('CAP_SYS_PTRACE: it can trace');
  });

  it('removes the item, or the add key with its only item', () => {
    const out = fixed(pod(['securityContext:', '  capabilities:', '    add:', '      - SYS_ADMIN', '      - CHOWN']), ID);
    expect(out).toBe(pod(['securityContext:', '  capabilities:', '    add:', '      - CHOWN']));
    const only = fixed(pod(['securityContext:', '  capabilities:', '    add: [SYS_ADMIN]', '    drop: [ALL]']), ID);
    expect(tree(only)).toMatchObject({ spec: { containers: [{ securityContext: { capabilities: { drop: ['ALL'] } } }] } });
  });
});
