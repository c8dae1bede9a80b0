import { describe, expect, it } from 'vitest';
import { HARDENED, covered, fixed, pod } from './testing';

const ID = 'k8s-writable-root-filesystem';

describe(ID, () => {
  it.each([
    ['unset', pod(), ['name: app']],
    ['false', pod(['securityContext:', '  readOnlyRootFilesystem: false']), ['readOnlyRootFilesystem: false']],
    ['true', pod(['securityContext:', '  readOnlyRootFilesystem: true']), []],
    ['hardened', pod(HARDENED), []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('sets it', () => {
    expect(fixed(pod(['securityContext:', '  readOnlyRootFilesystem: false']), ID)).toBe(pod(['securityContext:', '  readOnlyRootFilesystem: true']));
    expect(fixed(pod(['securityContext:', '  runAsUser: 1000']), ID)).toBe(pod(['securityContext:', '  runAsUser: 1000', '  readOnlyRootFilesystem: true']));
  });

  it('works on an init container of a multi-container pod', () => {
    const text = pod(HARDENED).replace('  containers:\n', '  initContainers:\n    - name: init\n      image: busybox:1.36\n  containers:\n');
    expect(covered(text, ID)).toEqual(['name: init']);
    expect(covered(fixed(text, ID), ID)).toEqual([]);
  });
});
