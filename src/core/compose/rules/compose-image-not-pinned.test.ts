import { describe, expect, it } from 'vitest';
import { covered, findings } from './testing';

const ID = 'compose-image-not-pinned';
const DIGEST = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

describe(ID, () => {
  it.each([
    ['tag only', 'services:\n  a:\n    image: redis:7.2\n', ['redis:7.2']],
    ['pinned', `services:\n  a:\n    image: redis:7.2@${DIGEST}\n`, []],
    ['built here', 'services:\n  a:\n    build: .\n    image: me/app:1\n', []],
    ['variable', 'services:\n  a:\n    image: ${IMAGE:-redis:7}\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('offers the registry-backed pin fix hook', () => {
    const [f] = findings('services:\n  a:\n    image: redis:7.2\n', ID);
    expect(f.severity).toBe('info');
    expect(f.fixes).toEqual([{ title: 'Pin redis:7.2 to its current digest (asks the registry)', edits: [], kind: 'pin-digest' }]);
  });
});
