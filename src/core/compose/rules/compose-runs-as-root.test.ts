import { describe, expect, it } from 'vitest';
import { covered, findings, fixed, tree } from './testing';

const ID = 'compose-runs-as-root';

describe(ID, () => {
  it.each([
    ['user: root', 'services:\n  web:\n    image: x:1\n    user: root\n', ['user: root']],
    ['user: "0:0"', 'services:\n  web:\n    image: x:1\n    user: "0:0"\n', ['user: "0:0"']],
    ['non-root user', 'services:\n  web:\n    image: nginx:1.27\n    user: "1000"\n', []],
    ['interpolated user', 'services:\n  web:\n    image: nginx:1.27\n    user: ${UID}\n', []],
    ['no user, root image', 'services:\n  web:\n    image: nginx:1.27\n', ['web']],
    ['no user, unknown image', 'services:\n  web:\n    image: example.com/team/app:2\n', ['web']],
    ['no user, image that runs as non-root', 'services:\n  web:\n    image: bitnami/nginx:1.25\n', []],
    ['built from a Dockerfile', 'services:\n  web:\n    build: .\n', []],
    ['build and image', 'services:\n  web:\n    build: .\n    image: me/web:1\n', []],
    ['image from a variable', 'services:\n  web:\n    image: ${IMAGE}\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('says why', () => {
    expect(findings('services:\n  web:\n    image: nginx:1.27\n', ID)[0].message).toContain('runs as root by default');
  });

  it('adds user: "10001:10001"', () => {
    expect(fixed('services:\n  web:\n    image: nginx:1.27\n', ID)).toBe('services:\n  web:\n    image: nginx:1.27\n    user: "10001:10001"\n');
  });

  it('replaces root in place', () => {
    expect(tree(fixed('services:\n  web:\n    user: root # was\n    image: x:1\n', ID))).toEqual({ services: { web: { user: '10001:10001', image: 'x:1' } } });
  });
});
