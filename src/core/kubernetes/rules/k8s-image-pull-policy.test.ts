import { describe, expect, it } from 'vitest';
import { covered, fixed, pod } from './testing';

const ID = 'k8s-image-pull-policy';

describe(ID, () => {
  it.each([
    ['latest + IfNotPresent', pod(['imagePullPolicy: IfNotPresent'], [], 'app:latest'), ['imagePullPolicy: IfNotPresent']],
    ['untagged + Never', pod(['imagePullPolicy: Never'], [], 'app'), ['imagePullPolicy: Never']],
    ['latest + Always', pod(['imagePullPolicy: Always'], [], 'app:latest'), []],
    ['tagged + IfNotPresent', pod(['imagePullPolicy: IfNotPresent'], [], 'app:1.0'), []],
    ['latest, default policy', pod([], [], 'app:latest'), []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('sets Always', () => {
    expect(fixed(pod(['imagePullPolicy: IfNotPresent'], [], 'app:latest'), ID)).toBe(pod(['imagePullPolicy: Always'], [], 'app:latest'));
  });
});
