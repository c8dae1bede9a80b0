import { describe, expect, it } from 'vitest';
import { covered, findings, fixed, pod, tree } from './testing';

const ID = 'k8s-privileged';

describe(ID, () => {
  it.each([
    ['privileged', pod(['securityContext:', '  privileged: true']), ['privileged: true']],
    ['not privileged', pod(['securityContext:', '  privileged: false']), []],
    ['unset', pod(), []],
    ['flow', pod(['securityContext: {privileged: true}']), ['privileged: true']],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('names the container and its owner', () => {
    expect(findings(pod(['securityContext:', '  privileged: true']), ID)[0].message).toMatch(/^container `app` of Pod\/p runs privileged/);
  });

  it('sets privileged: false in place', () => {
    expect(fixed(pod(['securityContext:', '  privileged: true # agent']), ID)).toBe(pod(['securityContext:', '  privileged: false # agent']));
  });

  it('leaves the other documents byte-identical', () => {
    const other = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s  # keep\n';
    const text = `${other}---\n${pod(['securityContext:', '  privileged: true'])}---\n${other}`;
    const out = fixed(text, ID, 'Harden');
    expect(out.startsWith(`${other}---\n`)).toBe(true);
    expect(out.endsWith(`---\n${other}`)).toBe(true);
    expect(tree(out, 1)).toMatchObject({ spec: { containers: [{ securityContext: { privileged: false, allowPrivilegeEscalation: false } }] } });
  });

  it('honours the kube-linter annotation', () => {
    const text = pod(['securityContext:', '  privileged: true']).replace('  name: p\n', '  name: p\n  annotations:\n    ignore-check.kube-linter.io/privileged-container: "CNI"\n');
    expect(covered(text, ID)).toEqual([]);
    expect(covered(text.replace('privileged-container', 'k8s-privileged'), ID)).toEqual([]);
    expect(covered(text.replace('privileged-container', 'host-network'), ID)).toEqual(['privileged: true']);
  });
});
