import { describe, expect, it } from 'vitest';
import { HARDENED, covered, fixed, pod, tree } from './testing';

const ID = 'k8s-capabilities-not-dropped';
const caps = (c: unknown) => ({ spec: { containers: [{ securityContext: { capabilities: c } }] } });

describe(ID, () => {
  it.each([
    ['nothing dropped', pod(), ['name: app']],
    ['NET_RAW only', pod(['securityContext:', '  capabilities:', '    drop: [NET_RAW]']), ['name: app']],
    ['ALL', pod(['securityContext:', '  capabilities:', '    drop: ["ALL"]']), []],
    ['hardened', pod(HARDENED), []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('creates securityContext.capabilities.drop', () => {
    expect(fixed(pod(), ID)).toBe(pod(['securityContext:', '  capabilities:', '    drop: [ALL]']));
  });

  it('appends ALL to an existing drop list, in its style', () => {
    expect(fixed(pod(['securityContext:', '  capabilities:', '    drop:', '    - NET_RAW']), ID)).toBe(
      pod(['securityContext:', '  capabilities:', '    drop:', '    - NET_RAW', '    - ALL']),
    );
    expect(tree(fixed(pod(['securityContext:', '  capabilities: {add: [CHOWN]}']), ID))).toMatchObject(caps({ add: ['CHOWN'], drop: ['ALL'] }));
  });

  it('fills an empty securityContext', () => {
    expect(tree(fixed(pod(['securityContext: {}']), ID))).toMatchObject(caps({ drop: ['ALL'] }));
    expect(tree(fixed(pod(['securityContext:']), ID))).toMatchObject(caps({ drop: ['ALL'] }));
  });
});
