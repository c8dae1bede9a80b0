import { describe, expect, it } from 'vitest';
import { covered, fixed, pod } from './testing';

const ID = 'k8s-image-latest';

describe(ID, () => {
  it.each([
    ['untagged', pod([], [], 'nginx'), ['nginx']],
    ['latest', pod([], [], 'nginx:latest'), ['latest']],
    ['quoted latest', pod([], [], '"ghcr.io/o/app:latest"'), ['latest']],
    ['tagged', pod([], [], 'nginx:1.27'), []],
    ['variable', pod([], [], '${IMAGE}'), []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('inserts a placeholder', () => {
    expect(fixed(pod([], [], 'nginx'), ID)).toBe(pod([], [], 'nginx:<tag>'));
    expect(fixed(pod([], [], '"ghcr.io/o/app:latest"'), ID)).toBe(pod([], [], '"ghcr.io/o/app:<tag>"'));
  });
});
