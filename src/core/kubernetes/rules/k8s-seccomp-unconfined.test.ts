import { describe, expect, it } from 'vitest';
import { covered, fixed, pod, tree } from './testing';

const ID = 'k8s-seccomp-unconfined';

describe(ID, () => {
  it.each([
    ['container field', pod(['securityContext:', '  seccompProfile:', '    type: Unconfined']), ['type: Unconfined']],
    ['pod field', pod([], ['securityContext:', '  seccompProfile: {type: Unconfined}']), ['type: Unconfined']],
    ['RuntimeDefault', pod(['securityContext:', '  seccompProfile:', '    type: RuntimeDefault']), []],
    ['unset is another rule', pod(), []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('an annotation counts', () => {
    const text = pod().replace('  name: p\n', '  name: p\n  annotations:\n    seccomp.security.alpha.kubernetes.io/pod: unconfined\n');
    expect(covered(text, ID)).toEqual(['seccomp.security.alpha.kubernetes.io/pod: unconfined']);
    expect(covered(fixed(text, ID), ID)).toEqual([]);
  });

  it('sets RuntimeDefault', () => {
    expect(fixed(pod(['securityContext:', '  seccompProfile:', '    type: Unconfined']), ID)).toBe(pod(['securityContext:', '  seccompProfile:', '    type: RuntimeDefault']));
    const out = fixed(pod([], ['securityContext:', '  seccompProfile: {type: Unconfined}']), ID);
    expect(tree(out)).toMatchObject({ spec: { containers: [{ securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }] } });
  });
});
