import { describe, expect, it } from 'vitest';
import { covered, findings, pod } from './testing';

const ID = 'k8s-image-not-pinned';
const DIGEST = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

describe(ID, () => {
  it.each([
    ['tag', pod([], [], 'nginx:1.27'), ['nginx:1.27']],
    ['digest', pod([], [], `nginx:1.27@${DIGEST}`), []],
    ['variable', pod([], [], '${IMAGE}'), []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('offers the pin-digest hook', () => {
    expect(findings(pod(), ID)[0].fixes).toEqual([{ title: 'Pin nginx:1.27 to its current digest (asks the registry)', edits: [], kind: 'pin-digest' }]);
  });
});
