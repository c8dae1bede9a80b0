import { describe, expect, it } from 'vitest';
import { covered } from './testing';
import { pod } from './testing';

const ID = 'k8s-selinux-unconfined';

describe(ID, () => {
  it.each([
    ['spc_t', pod(['securityContext:', '  seLinuxOptions:', '    type: spc_t']), ['type: spc_t']],
    ['on the pod', pod([], ['securityContext:', '  seLinuxOptions: {type: spc_t}']), ['type: spc_t']],
    ['a level', pod(['securityContext:', '  seLinuxOptions:', '    level: "s0:c123,c456"']), []],
    ['unset', pod(), []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });
});
