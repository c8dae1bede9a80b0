import { describe, expect, it } from 'vitest';
import { covered, findings, fixed, pod, tree } from './testing';

const ID = 'k8s-host-pid';

describe(ID, () => {
  it.each([
    ['true', pod([], ['hostPID: true']), ['hostPID: true']],
    ['false', pod([], ['hostPID: false']), []],
    ['unset', pod(), []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('finds it in a Deployment template', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      hostPID: yes\n      containers:\n        - name: a\n          image: x:1\n';
    expect(findings(text, ID)[0].message).toMatch(/^the pod of Deployment\/d shares the node's/);
  });

  it('removes the line, or sets it to false', () => {
    expect(fixed(pod([], ['hostPID: true']), ID)).toBe(pod());
    expect(tree(fixed(pod([], ['hostPID: true']), ID, 'Set'))).toMatchObject({ spec: { hostPID: false } });
  });

  it('is silenced by a pragma or the kube-linter annotation', () => {
    expect(covered(pod([], ['# container-lens-ignore=k8s-host-pid', 'hostPID: true']), ID)).toEqual([]);
    expect(covered(pod([], ['# container-lens-ignore=' + String(findings(pod([], ['hostPID: true']), ID)[0].equivalents.kubeLinter), 'hostPID: true']), ID)).toEqual([]);
  });
});
