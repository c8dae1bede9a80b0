import { describe, expect, it } from 'vitest';
import { covered, fixed, tree } from './testing';

const ID = 'compose-image-latest';

describe(ID, () => {
  it.each([
    ['untagged', 'services:\n  a:\n    image: redis\n', ['redis']],
    ['latest', 'services:\n  a:\n    image: "redis:latest"\n', ['latest']],
    ['registry with port, untagged', 'services:\n  a:\n    image: localhost:5000/app\n', ['localhost:5000/app']],
    ['tagged', 'services:\n  a:\n    image: redis:7.2\n', []],
    ['digest only', 'services:\n  a:\n    image: redis@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n', []],
    ['built here', 'services:\n  a:\n    build: .\n    image: me/app\n', []],
    ['variable', 'services:\n  a:\n    image: ${IMAGE}\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('inserts a placeholder tag', () => {
    expect(tree(fixed('services:\n  a:\n    image: redis\n', ID))).toEqual({ services: { a: { image: 'redis:<tag>' } } });
    expect(fixed('services:\n  a:\n    image: "redis:latest"\n', ID)).toBe('services:\n  a:\n    image: "redis:<tag>"\n');
  });
});
