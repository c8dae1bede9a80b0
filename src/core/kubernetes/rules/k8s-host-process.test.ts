import { describe, expect, it } from 'vitest';
import { covered, findings, pod } from './testing';

const ID = 'k8s-host-process';

describe(ID, () => {
  it.each([
    ['container', pod(['securityContext:', '  windowsOptions:', '    hostProcess: true']), ['hostProcess: true']],
    ['pod', pod([], ['hostNetwork: true', 'securityContext:', '  windowsOptions:', '    hostProcess: true']), ['hostProcess: true']],
    ['false', pod(['securityContext:', '  windowsOptions:', '    hostProcess: false']), []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('is an error without a fix', () => {
    const [f] = findings(pod(['securityContext:', '  windowsOptions:', '    hostProcess: true']), ID);
    expect(f.severity).toBe('error');
    expect(f.fixes).toEqual([]);
  });
});
