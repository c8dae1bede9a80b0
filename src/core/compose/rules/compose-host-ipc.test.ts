import { describe, expect, it } from 'vitest';
import { covered, findings, fixed, tree } from './testing';

const ID = 'compose-host-ipc';

describe(ID, () => {
  it.each([
    ['host', 'services:\n  web:\n    image: x:1\n    ipc: host\n', ['ipc: host']],
    ['quoted HOST', 'services:\n  web:\n    image: x:1\n    ipc: "HOST"\n', ['ipc: "HOST"']],
    ['another value', 'services:\n  web:\n    image: x:1\n    ipc: "shareable"\n', []],
    ['unset', 'services:\n  web:\n    image: x:1\n', []],
    ['two services', 'services:\n  a:\n    ipc: host\n  b:\n    ipc: host\n', ['ipc: host', 'ipc: host']],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('names the service', () => {
    expect(findings('services:\n  db:\n    ipc: host\n', ID)[0].message).toMatch(/^service `db` /);
  });

  it('the fix removes the key', () => {
    const out = fixed('services:\n  web:\n    image: x:1\n    ipc: host\n    user: app\n', ID);
    expect(tree(out)).toEqual({ services: { web: { image: 'x:1', user: 'app' } } });
  });

  it('a value inherited through extends is reset in the service', () => {
    const text = 'services:\n  base:\n    image: x:1\n    ipc: host\n  web:\n    extends: base\n';
    const out = fixed(text, ID, undefined, 1);
    expect(out).toContain('  web:\n    extends: base\n    ipc: !reset null\n');
  });
});
