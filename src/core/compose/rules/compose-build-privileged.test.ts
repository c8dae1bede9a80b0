import { describe, expect, it } from 'vitest';
import { covered, fixed, tree } from './testing';

const ID = 'compose-build-privileged';

describe(ID, () => {
  it.each([
    ['privileged build', 'services:\n  a:\n    build:\n      context: .\n      privileged: true\n', ['privileged: true']],
    ['host network', 'services:\n  a:\n    build:\n      context: .\n      network: host\n', ['network: host']],
    ['entitlements', 'services:\n  a:\n    build:\n      context: .\n      entitlements:\n        - security.insecure\n        - network.host\n', ['security.insecure', 'network.host']],
    ['plain build', 'services:\n  a:\n    build: .\n', []],
    ['service privileged is another rule', 'services:\n  a:\n    build: .\n    privileged: true\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('removes the setting', () => {
    expect(tree(fixed('services:\n  a:\n    build:\n      context: .\n      privileged: true\n', ID))).toEqual({ services: { a: { build: { context: '.' } } } });
    const out = fixed('services:\n  a:\n    build:\n      context: .\n      entitlements: [security.insecure, network.host]\n', ID);
    expect(tree(out)).toEqual({ services: { a: { build: { context: '.', entitlements: ['network.host'] } } } });
  });
});
