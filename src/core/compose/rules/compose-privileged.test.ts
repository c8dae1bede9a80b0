import { describe, expect, it } from 'vitest';
import { covered, findings, fixed, tree } from './testing';

const ID = 'compose-privileged';

describe(ID, () => {
  it.each([
    ['privileged: true', 'services:\n  web:\n    image: x:1\n    privileged: true\n', ['privileged: true']],
    ['quoted true', 'services:\n  web:\n    image: x:1\n    privileged: "true"\n', ['privileged: "true"']],
    ['false', 'services:\n  web:\n    image: x:1\n    privileged: false\n', []],
    ['interpolated', 'services:\n  web:\n    image: x:1\n    privileged: ${PRIV:-false}\n', []],
    ['flow service', 'services:\n  web: {image: "x:1", privileged: true}\n', ['privileged: true']],
    ['from an anchor', 'x-p: &p\n  privileged: true\nservices:\n  a:\n    <<: *p\n    image: x:1\n', ['privileged: true']],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('names the service and the consequence', () => {
    expect(findings('services:\n  web:\n    privileged: true\n', ID)[0].message).toContain('service `web` runs privileged');
  });

  it('the fix removes the line and nothing else', () => {
    const text = 'services:\n  web:\n    image: x:1 # pinned\n    privileged: true\n    user: app\n';
    expect(fixed(text, ID)).toBe('services:\n  web:\n    image: x:1 # pinned\n    user: app\n');
  });

  it('removes an item of a flow map', () => {
    const out = fixed('services:\n  web: {image: "x:1", privileged: true}\n', ID);
    expect(tree(out)).toEqual({ services: { web: { image: 'x:1' } } });
  });

  it('overrides a value merged from an anchor in the service only', () => {
    const text = 'x-p: &p\n  privileged: true\nservices:\n  a:\n    <<: *p\n    image: x:1\n';
    const out = fixed(text, ID);
    expect(out.startsWith('x-p: &p\n  privileged: true\n')).toBe(true);
    expect(tree(out)).toMatchObject({ services: { a: { privileged: false } } });
  });

  it('is silenced by the pragma on the line before', () => {
    expect(covered('services:\n  web:\n    # container-lens-ignore=compose-privileged\n    privileged: true\n', ID)).toEqual([]);
  });
});
