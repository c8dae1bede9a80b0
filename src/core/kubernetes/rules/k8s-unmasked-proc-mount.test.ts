import { describe, expect, it } from 'vitest';
import { covered, fixed, pod } from './testing';

const ID = 'k8s-unmasked-proc-mount';

describe(ID, () => {
  it.each([
    ['Unmasked', pod(['securityContext:', '  procMount: Unmasked']), ['procMount: Unmasked']],
    ['Default', pod(['securityContext:', '  procMount: Default']), []],
    ['unset', pod(), []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('removes the line', () => {
    expect(fixed(pod(['securityContext:', '  runAsNonRoot: true', '  procMount: Unmasked']), ID)).toBe(pod(['securityContext:', '  runAsNonRoot: true']));
  });
});
