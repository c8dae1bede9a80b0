import { describe, expect, it } from 'vitest';
import { covered, fixed, tree } from './testing';

const ID = 'compose-pids-limit-missing';

describe(ID, () => {
  it.each([
    ['none', 'services:\n  web:\n    image: x:1\n', ['web']],
    ['set', 'services:\n  web:\n    pids_limit: 100\n', []],
    ['in deploy', 'services:\n  web:\n    deploy:\n      resources:\n        limits:\n          pids: 100\n', []],
    ['unlimited', 'services:\n  web:\n    pids_limit: -1\n', ['pids_limit: -1']],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('adds pids_limit', () => {
    expect(tree(fixed('services:\n  web:\n    image: x:1\n', ID))).toEqual({ services: { web: { image: 'x:1', pids_limit: 256 } } });
  });

  it('replaces an unlimited value', () => {
    expect(fixed('services:\n  web:\n    pids_limit: -1\n', ID)).toBe('services:\n  web:\n    pids_limit: 256\n');
  });
});
