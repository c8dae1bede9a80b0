import { describe, expect, it } from 'vitest';
import { covered, fixed, pod } from './testing';

const ID = 'k8s-host-port';

describe(ID, () => {
  it.each([
    ['hostPort', pod(['ports:', '  - containerPort: 80', '    hostPort: 8080']), ['hostPort: 8080']],
    ['containerPort only', pod(['ports:', '  - containerPort: 80']), []],
    ['zero', pod(['ports:', '  - containerPort: 80', '    hostPort: 0']), []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('removes the hostPort line', () => {
    expect(fixed(pod(['ports:', '  - containerPort: 80', '    hostPort: 8080', '    protocol: TCP']), ID)).toBe(pod(['ports:', '  - containerPort: 80', '    protocol: TCP']));
  });

  it('pulls the next key up when hostPort comes first in the item', () => {
    expect(fixed(pod(['ports:', '  - hostPort: 8080', '    containerPort: 80']), ID)).toBe(pod(['ports:', '  - containerPort: 80']));
  });
});
