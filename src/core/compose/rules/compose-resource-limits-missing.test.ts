import { describe, expect, it } from 'vitest';
import { covered, findings, fixed, tree } from './testing';

const ID = 'compose-resource-limits-missing';

describe(ID, () => {
  it.each([
    ['none', 'services:\n  web:\n    image: x:1\n', ['web']],
    ['mem_limit and cpus', 'services:\n  web:\n    mem_limit: 256m\n    cpus: 0.5\n', []],
    ['deploy limits', 'services:\n  web:\n    deploy:\n      resources:\n        limits:\n          memory: 256M\n          cpus: "1"\n', []],
    ['memory only', 'services:\n  web:\n    mem_limit: 256m\n', ['web']],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('says which limit is missing', () => {
    expect(findings('services:\n  web:\n    mem_limit: 256m\n', ID)[0].message).toContain('no CPU limit');
  });

  it('adds deploy.resources.limits with marked placeholders', () => {
    const out = fixed('services:\n  web:\n    image: x:1\n', ID);
    expect(out).toContain('          memory: 512M  # placeholder: measure and adjust\n');
    expect(tree(out)).toEqual({ services: { web: { image: 'x:1', deploy: { resources: { limits: { memory: '512M', cpus: '0.5' } } } } } });
  });

  it('merges into an existing deploy block', () => {
    const out = fixed('services:\n  web:\n    deploy:\n      replicas: 2\n      resources:\n        reservations:\n          memory: 64M\n    image: x:1\n', ID);
    expect(tree(out)).toEqual({
      services: {
        web: { deploy: { replicas: 2, resources: { reservations: { memory: '64M' }, limits: { memory: '512M', cpus: '0.5' } } }, image: 'x:1' },
      },
    });
  });

  it('keeps the service-level style when the service uses it', () => {
    expect(tree(fixed('services:\n  web:\n    mem_limit: 256m\n', ID))).toEqual({ services: { web: { mem_limit: '256m', cpus: '0.5' } } });
  });
});
