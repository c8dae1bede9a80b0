import { describe, expect, it } from 'vitest';
import { covered, findings, fixed, pod } from './testing';

const ID = 'k8s-apparmor-unconfined';

describe(ID, () => {
  it.each([
    ['field', pod(['securityContext:', '  appArmorProfile:', '    type: Unconfined']), ['type: Unconfined']],
    ['RuntimeDefault', pod(['securityContext:', '  appArmorProfile:', '    type: RuntimeDefault']), []],
    ['unset', pod(), []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('sets RuntimeDefault on a field', () => {
    expect(fixed(pod(['securityContext:', '  appArmorProfile:', '    type: Unconfined']), ID)).toBe(
      pod(['securityContext:', '  appArmorProfile:', '    type: RuntimeDefault']),
    );
  });

  it('reports the legacy annotation without a fix', () => {
    const text = pod().replace('  name: p\n', '  name: p\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/app: unconfined\n');
    const [f] = findings(text, ID);
    expect(f.message).toContain('from an annotation');
    expect(f.fixes).toEqual([]);
  });
});
