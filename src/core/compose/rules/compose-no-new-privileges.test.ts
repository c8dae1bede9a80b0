import { describe, expect, it } from 'vitest';
import { covered, fixed, tree } from './testing';

const ID = 'compose-no-new-privileges';

describe(ID, () => {
  it.each([
    ['unset', 'services:\n  web:\n    image: x:1\n', ['web']],
    ['set', 'services:\n  web:\n    security_opt: ["no-new-privileges:true"]\n', []],
    ['set with =', 'services:\n  web:\n    security_opt:\n      - no-new-privileges=true\n', []],
    ['bare', 'services:\n  web:\n    security_opt: [no-new-privileges]\n', []],
    ['switched off', 'services:\n  web:\n    security_opt:\n      - no-new-privileges:false\n', ['no-new-privileges:false']],
    ['other options only', 'services:\n  web:\n    security_opt: ["label:type:svirt_apache_t"]\n', ['web']],
    ['privileged', 'services:\n  web:\n    privileged: true\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('adds security_opt: ["no-new-privileges:true"]', () => {
    expect(fixed('services:\n  web:\n    image: x:1\n', ID)).toBe('services:\n  web:\n    image: x:1\n    security_opt: ["no-new-privileges:true"]\n');
  });

  it('appends to an existing list', () => {
    const out = fixed('services:\n  web:\n    security_opt:\n      - apparmor:my-profile\n    image: x:1\n', ID);
    expect(tree(out)).toEqual({ services: { web: { security_opt: ['apparmor:my-profile', 'no-new-privileges:true'], image: 'x:1' } } });
    expect(tree(fixed('services:\n  web:\n    security_opt: ["apparmor:p"]\n', ID))).toEqual({
      services: { web: { security_opt: ['apparmor:p', 'no-new-privileges:true'] } },
    });
  });

  it('turns false into true in place', () => {
    expect(fixed('services:\n  web:\n    security_opt:\n      - no-new-privileges:false\n', ID)).toBe(
      'services:\n  web:\n    security_opt:\n      - "no-new-privileges:true"\n',
    );
  });
});
