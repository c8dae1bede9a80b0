/** The CLI on compose files and Kubernetes manifests: walking, lint, fix and profile. */
import { describe, expect, it } from 'vitest';
import { runCli } from './run';
import { memoryIo } from './test-io';

async function run(argv: string[], tree: Record<string, string | Uint8Array> = {}) {
  const io = memoryIo(tree);
  const code = await runCli(argv, io);
  return { code, io, out: io.stdoutText, err: io.stderrText };
}

const COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n    network_mode: host\n';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostPID: true\n  containers:\n    - name: app\n      image: nginx:1.27\n';
const TREE = {
  'compose.yaml': COMPOSE,
  'k8s/pod.yaml': POD,
  'k8s/values.yaml': 'replicas: 1\n',
  'chart/templates/deploy.yaml': '{{- if .Values.on }}\napiVersion: v1\nkind: Pod\n{{- end }}\n',
};

describe('lint on YAML', () => {
  it('walks compose files by name and YAML by content', async () => {
    const r = await run(['lint', '--format', 'json', '.'], TREE);
    const files = JSON.parse(r.out).files as { path: string; kind: string; findings: { ruleId: string }[] }[];
    expect(files.map((f) => [f.path, f.kind])).toEqual([
      ['chart/templates/deploy.yaml', 'kubernetes'],
      ['compose.yaml', 'compose'],
      ['k8s/pod.yaml', 'kubernetes'],
    ]);
    expect(files[0].findings.map((f) => f.ruleId)).toEqual(['helm-template-skipped']);
    expect(files[1].findings.map((f) => f.ruleId)).toContain('compose-host-network');
    expect(files[2].findings.map((f) => f.ruleId)).toContain('k8s-host-pid');
    expect(r.code).toBe(1);
  });

  it('a YAML file named on the command line that is neither is not read as a Dockerfile', async () => {
    const r = await run(['lint', '--format', 'json', 'k8s/values.yaml'], TREE);
    expect(JSON.parse(r.out).files).toEqual([{ path: 'k8s/values.yaml', kind: 'unknown', findings: [] }]);
  });
});

describe('fix on YAML', () => {
  it('applies the preferred fixes and leaves placeholders alone', async () => {
    const r = await run(['fix', '--rule', 'compose-host-network', '--rule', 'compose-resource-limits-missing', 'compose.yaml'], TREE);
    expect(r.out).toBe('services:\n  web:\n    image: nginx:1.27\n');
  });
});

describe('profile on YAML', () => {
  it('prints each workload with its place on the spectrum, 1-based ranges', async () => {
    const r = await run(['profile', 'compose.yaml', 'k8s/pod.yaml'], TREE);
    const out = JSON.parse(r.out) as { files: { path: string; kind: string; workloads: Record<string, unknown>[] }[] };
    expect(out.files.map((f) => [f.path, f.kind, f.workloads.length])).toEqual([
      ['compose.yaml', 'compose', 1],
      ['k8s/pod.yaml', 'kubernetes', 1],
    ]);
    const web = out.files[0].workloads[0] as { summary: string; level: string; profile: { subject: { name: string; range: unknown } } };
    expect(web.level).toBe('weakened-container');
    expect(web.summary).toContain('shares host network');
    expect(web.profile.subject).toMatchObject({ name: 'web', range: { start: { line: 2, column: 3 }, end: { line: 2, column: 6 } } });
    expect(r.code).toBe(0);
  });
});
