import { describe, expect, it } from 'vitest';
import { covered, findings, fixed, tree } from './testing';

const ID = 'compose-seccomp-unconfined';

describe(ID, () => {
  it.each([
    ['block', 'services:\n  web:\n    security_opt:\n      - seccomp:unconfined\n', ['seccomp:unconfined']],
    ['flow, quoted', 'services:\n  web:\n    security_opt: ["no-new-privileges:true", "seccomp:unconfined"]\n', ['"seccomp:unconfined"']],
    ['a profile', 'services:\n  web:\n    security_opt: ["seccomp:./profile.json"]\n', []],
    ['none', 'services:\n  web:\n    image: x:1\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('names the service', () => {
    expect(findings('services:\n  api:\n    security_opt: ["seccomp:unconfined"]\n', ID)[0].message).toMatch(/^service `api` /);
  });

  it('removes the option, and the key with its last option', () => {
    expect(tree(fixed('services:\n  web:\n    security_opt: ["no-new-privileges:true", "seccomp:unconfined"]\n', ID))).toEqual({
      services: { web: { security_opt: ['no-new-privileges:true'] } },
    });
    expect(fixed('services:\n  web:\n    image: x:1\n    security_opt:\n      - seccomp:unconfined\n', ID)).toBe('services:\n  web:\n    image: x:1\n');
  });
});
