import { describe, expect, it } from 'vitest';
import { analyze, detectKind } from './analyze';

describe('detectKind', () => {
  it.each([
    ['Dockerfile', '', 'dockerfile'],
    ['compose.yaml', '', 'compose'],
    ['docker-compose.prod.yml', '', 'compose'],
    ['app.compose.yaml', '', 'compose'],
    ['stack.yml', 'services:\n  web:\n    image: nginx:1.27\n', 'compose'],
    ['deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n', 'kubernetes'],
    ['all.yml', '---\n# c\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\n', 'kubernetes'],
    ['kind-cluster.yaml', 'apiVersion: kind.x-k8s.io/v1alpha4\nkind: Cluster\nnodes: []\n', 'unknown'],
    ['kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n', 'unknown'],
    ['values.yaml', 'replicas: 1\nimage: nginx\n', 'unknown'],
    ['chart/templates/deploy.yaml', '{{- if .Values.on }}\napiVersion: apps/v1\nkind: Deployment\n{{- end }}\n', 'kubernetes'],
    ['k8s-with-services.yaml', 'apiVersion: v1\nkind: Config\nservices:\n  a: {}\n', 'unknown'],
    ['notes.txt', 'services:\n  web: {}\n', 'unknown'],
  ])('%s → %s', (name, text, kind) => {
    expect(detectKind(name, text)).toBe(kind);
  });
});

describe('analyze on YAML', () => {
  const compose = 'services:\n  web:\n    image: nginx:1.27\n    network_mode: host\n  db:\n    image: postgres:16\n    user: "999"\n';

  it('returns compose findings and a profile per service, from one parse', () => {
    const r = analyze(compose, 'compose.yaml');
    expect(r.kind).toBe('compose');
    expect(r.findings.map((f) => f.ruleId)).toContain('compose-host-network');
    expect(r.profiles?.map((p) => p.profile.subject.name)).toEqual(['web', 'db']);
    expect(r.profiles?.[0].placement.level).toBe('weakened-container');
    expect(r.profiles?.[0].summary).toContain('shares host network');
  });

  it('returns Kubernetes findings and a profile per container', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostPID: true\n  containers:\n    - name: a\n      image: busybox:1.36\n    - name: b\n      image: busybox:1.36\n';
    const r = analyze(text, 'pod.yaml');
    expect(r.kind).toBe('kubernetes');
    expect(r.findings.filter((f) => f.ruleId === 'k8s-host-pid')).toHaveLength(1);
    expect(r.profiles?.map((p) => `${p.profile.subject.owner}/${p.profile.subject.name}`)).toEqual(['Pod/p/a', 'Pod/p/b']);
  });

  it('applies settings to compose and Kubernetes rules alike', () => {
    const r = analyze(compose, 'compose.yaml', { rules: { 'compose-host-network': 'off', 'compose-runs-as-root': 'error' } });
    expect(r.findings.map((f) => f.ruleId)).not.toContain('compose-host-network');
    expect(r.findings.find((f) => f.ruleId === 'compose-runs-as-root')?.severity).toBe('error');
  });

  it('a YAML file that is neither yields nothing', () => {
    expect(analyze('a: 1\n', 'values.yaml')).toEqual({ kind: 'unknown', findings: [] });
  });
});
