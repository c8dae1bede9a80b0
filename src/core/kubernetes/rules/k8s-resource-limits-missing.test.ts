import { describe, expect, it } from 'vitest';
import { covered, findings, fixed, pod, tree } from './testing';

const ID = 'k8s-resource-limits-missing';

describe(ID, () => {
  it.each([
    ['none', pod(), ['name: app']],
    ['both', pod(['resources:', '  limits:', '    cpu: 500m', '    memory: 256Mi']), []],
    ['memory only', pod(['resources:', '  limits:', '    memory: 256Mi']), ['name: app']],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('says what is missing', () => {
    expect(findings(pod(['resources:', '  limits:', '    memory: 256Mi']), ID)[0].message).toContain('no cpu limit'.replace('cpu', 'CPU'));
  });

  it('adds marked placeholders for requests and limits', () => {
    const out = fixed(pod(), ID);
    expect(out).toContain('          cpu: "100m"  # placeholder: measure and adjust\n');
    expect(tree(out)).toMatchObject({
      spec: { containers: [{ resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '100m', memory: '128Mi' } } }] },
    });
  });

  it('adds only what is missing', () => {
    const out = fixed(pod(['resources:', '  requests:', '    cpu: 50m', '  limits:', '    memory: 256Mi']), ID);
    expect(tree(out)).toMatchObject({
      spec: { containers: [{ resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '256Mi', cpu: '100m' } } }] },
    });
  });
});
