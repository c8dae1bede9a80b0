import { describe, expect, it } from 'vitest';
import { covered, fixed, tree } from './testing';

const ID = 'compose-writable-root-filesystem';

describe(ID, () => {
  it.each([
    ['unset', 'services:\n  web:\n    image: x:1\n', ['web']],
    ['false', 'services:\n  web:\n    read_only: false\n', ['read_only: false']],
    ['true', 'services:\n  web:\n    read_only: true\n', []],
    ['interpolated', 'services:\n  web:\n    read_only: ${RO}\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('adds read_only: true', () => {
    expect(fixed('services:\n  web:\n    image: x:1\n', ID)).toBe('services:\n  web:\n    image: x:1\n    read_only: true\n');
  });

  it('sets false to true in place', () => {
    expect(fixed('services:\n  web:\n    read_only: false\n    image: x:1\n', ID)).toBe('services:\n  web:\n    read_only: true\n    image: x:1\n');
  });

  it('offers a writable /tmp with it', () => {
    const out = fixed('services:\n  web:\n    image: x:1\n', ID, 'tmpfs');
    expect(tree(out)).toEqual({ services: { web: { image: 'x:1', read_only: true, tmpfs: ['/tmp'] } } });
    const appended = fixed('services:\n  web:\n    tmpfs:\n      - /run\n', ID, 'tmpfs');
    expect(tree(appended)).toEqual({ services: { web: { tmpfs: ['/run', '/tmp'], read_only: true } } });
  });
});
