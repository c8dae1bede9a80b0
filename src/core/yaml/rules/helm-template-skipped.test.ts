import { describe, expect, it } from 'vitest';
import { analyze } from '../../analyze';

const ID = 'helm-template-skipped';

describe(ID, () => {
  it.each([
    ['invalid YAML template', 'templates/deploy.yaml', '{{- if .Values.enabled }}\napiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      hostNetwork: true\n{{- end }}\n'],
    ['valid YAML with Helm values', 'deploy.yaml', 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      image: "{{ .Values.image }}"\n      securityContext:\n        privileged: true\n'],
    ['a compose file that is a template', 'docker-compose.yml', 'services:\n  web:\n    image: {{ .Values.image }}\n    privileged: true\n'],
  ])('%s: exactly one info finding, nothing else', (_name, fileName, text) => {
    const r = analyze(text, fileName);
    expect(r.findings.map((f) => [f.ruleId, f.severity])).toEqual([[ID, 'info']]);
    expect(text.split('\n')[r.findings[0].range.start.line].slice(r.findings[0].range.start.character)).toMatch(/^\{\{/);
    expect(r.profiles).toEqual([]);
  });

  it('a PrometheusRule with {{ $labels }} in strings is analysed normally', () => {
    const text = 'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n  name: r\nspec:\n  groups:\n    - rules:\n        - alert: Down\n          annotations:\n            summary: "{{ $labels.instance }} down"\n';
    expect(analyze(text, 'rule.yaml').findings.map((f) => f.ruleId)).not.toContain(ID);
  });
});
