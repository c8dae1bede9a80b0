import { describe, expect, it } from 'vitest';
import { covered, findings, fixed, tree } from './testing';

const ID = 'compose-apparmor-unconfined';

describe(ID, () => {
  it.each([
    ['block', 'services:\n  web:\n    security_opt:\n      - apparmor=unconfined\n', ['apparmor=unconfined']],
    ['flow, quoted', 'services:\n  web:\n    security_opt: ["no-new-privileges:true", "apparmor=unconfined"]\n', ['"apparmor=unconfined"']],
    ['a profile', 'services:\n  web:\n    security_opt: ["apparmor:docker-default"]\n', []],
    ['none', 'services:\n  web:\n    image: x:1\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('names the service', () => {
    expect(findings('services:\n  api:\n    security_opt: ["apparmor=unconfined"]\n', ID)[0].message).toMatch(/^service `api` /);
  });

  it('removes the option, and the key with its last option', () => {
    expect(tree(fixed('services:\n  web:\n    security_opt: ["no-new-privileges:true", "apparmor=unconfined"]\n', ID))).toEqual({
      services: { web: { security_opt: ['no-new-privileges:true'] } },
    });
    expect(fixed('services:\n  web:\n    image: x:1\n    security_opt:\n      - apparmor=unconfined\n', ID)).toBe('services:\n  web:\n    image: x:1\n');
  });
});
