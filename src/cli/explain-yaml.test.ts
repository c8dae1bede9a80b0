/** `container-lens explain` on compose files and Kubernetes manifests: the editor's hover text, by line (and column). */
import { describe, expect, it } from 'vitest';
import { computeComposeHover } from '../core/compose/hover';
import { parseCompose } from '../core/compose/parse';
import { computeKubernetesHover } from '../core/kubernetes/hover';
import { parseKubernetes } from '../core/kubernetes/parse';
import { firstNonBlank } from './explain';
import { computeHover } from './hover-source';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, runCli } from './run';
import { memoryIo } from './test-io';

const COMPOSE = [
  'services:',
  '  portainer:',
  '    image: portainer/portainer-ce:2.21.0',
  '    volumes:',
  '      - /var/run/docker.sock:/var/run/docker.sock',
  '    network_mode: host',
  '',
  '  # a comment',
  '  web:',
  '    image: nginx:1.27',
  '',
].join('\n');

const DAEMONSET = [
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: settings',
  '---',
  'apiVersion: apps/v1',
  'kind: DaemonSet',
  'metadata:',
  '  name: node-agent',
  'spec:',
  '  selector:',
  '    matchLabels: { app: agent }',
  '  template:',
  '    metadata:',
  '      labels: { app: agent }',
  '    spec:',
  '      hostPID: true',
  '      containers:',
  '        - name: agent',
  '          image: example/agent:1.0',
  '          securityContext:',
  '            privileged: true',
  '',
].join('\n');

const TREE = {
  'compose.yaml': COMPOSE,
  'k8s/agent.yaml': DAEMONSET,
  'k8s/values.yaml': 'replicas: 1\nimage: nginx\n',
  'chart/templates/deploy.yaml': '{{- if .Values.on }}\napiVersion: v1\nkind: Pod\n{{- end }}\n',
  Dockerfile: 'FROM alpine:3.20\nRUN echo hi\n',
};

async function run(argv: string[]) {
  const io = memoryIo(TREE);
  const code = await runCli(argv, io, { computeHover });
  return { code, out: io.stdoutText, err: io.stderrText };
}

/** What the editor's hover provider computes at a 0-based position. */
const composeHover = (line: number, character: number) =>
  computeComposeHover(parseCompose(COMPOSE, 'compose.yaml'), { line, character })?.markdown;
const k8sHover = (line: number, character: number) =>
  computeKubernetesHover(parseKubernetes(DAEMONSET, 'k8s/agent.yaml'), { line, character })?.markdown;

describe('explain on a compose file', () => {
  it('--line alone explains the key the line starts with, exactly as the hover does', async () => {
    const r = await run(['explain', 'compose.yaml', '--line', '6']);
    expect(r.code).toBe(EXIT_OK);
    const expected = composeHover(5, 4);
    expect(expected).toMatch(/network namespace/);
    expect(r.out).toBe(`${expected}\n`);
    expect(r.out).toContain('`portainer`');
  });

  it('--column picks the value: the Docker socket mounted into the service', async () => {
    const line = COMPOSE.split('\n')[4];
    const column = line.indexOf('/var/run') + 3;
    const r = await run(['explain', 'compose.yaml', '--line', '5', '--column', String(column)]);
    expect(r.code).toBe(EXIT_OK);
    expect(r.out).toBe(`${composeHover(4, column - 1)}\n`);
    expect(r.out).toMatch(/socket/i);
  });

  it('the path:line:column form gives the same text', async () => {
    const a = await run(['explain', 'compose.yaml:6:5']);
    const b = await run(['explain', 'compose.yaml', '--line', '6', '--column', '5']);
    expect(a.code).toBe(EXIT_OK);
    expect(a.out).toBe(b.out);
  });

  it('a blank line, a comment or a line past the end: nothing to explain (exit 1)', async () => {
    for (const line of ['7', '8', '99']) {
      const r = await run(['explain', 'compose.yaml', '--line', line]);
      expect(r.code, `line ${line}`).toBe(EXIT_FINDINGS);
      expect(r.out).toBe('');
      expect(r.err).toContain(`nothing to explain at compose.yaml:${line}`);
    }
  });
});

describe('explain on a Kubernetes manifest', () => {
  it('privileged: true in the second document of a DaemonSet file', async () => {
    const r = await run(['explain', 'k8s/agent.yaml', '--line', '22']);
    expect(r.code).toBe(EXIT_OK);
    const expected = k8sHover(21, 12);
    expect(expected).toMatch(/privileged/i);
    expect(r.out).toBe(`${expected}\n`);
    expect(r.out).toContain('`agent`');
  });

  it('a pod-level key (hostPID)', async () => {
    const r = await run(['explain', 'k8s/agent.yaml:17']);
    expect(r.code).toBe(EXIT_OK);
    expect(r.out).toBe(`${k8sHover(16, 6)}\n`);
    expect(r.out).toMatch(/PID namespace/);
  });

  it('a key that says nothing about isolation (the ConfigMap) has no hover', async () => {
    const r = await run(['explain', 'k8s/agent.yaml', '--line', '4']);
    expect(r.code).toBe(EXIT_FINDINGS);
    expect(r.err).toContain('nothing to explain');
  });

  it('a Helm template is not explained', async () => {
    const r = await run(['explain', 'chart/templates/deploy.yaml', '--line', '2']);
    expect(r.code).toBe(EXIT_FINDINGS);
  });
});

describe('explain: other files and bad input', () => {
  it('YAML that is neither compose nor Kubernetes says so', async () => {
    const r = await run(['explain', 'k8s/values.yaml', '--line', '1']);
    expect(r.code).toBe(EXIT_FINDINGS);
    expect(r.err).toContain('k8s/values.yaml is neither a Dockerfile, a compose file nor a Kubernetes manifest');
  });

  it('Dockerfiles keep working with --line', async () => {
    const a = await run(['explain', 'Dockerfile', '--line', '2']);
    const b = await run(['explain', 'Dockerfile:2:1']);
    expect(a.code).toBe(EXIT_OK);
    expect(a.out).toContain('RUN');
    expect(a.out).toBe(b.out);
  });

  it.each([
    [['explain', 'compose.yaml', '--line', '0']],
    [['explain', 'compose.yaml', '--line', 'six']],
    [['explain', 'compose.yaml', '--line', '6', '--column', '0']],
    [['explain', 'compose.yaml', '--column', '3']],
    [['explain', 'compose.yaml', 'k8s/agent.yaml', '--line', '1']],
    [['explain', '--line', '1']],
    [['explain', 'compose.yaml']],
  ])('%j is a usage error', async (argv) => {
    const r = await run(argv);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.err).toContain('Usage: container-lens');
  });

  it('a missing file is an I/O error (exit 2)', async () => {
    const r = await run(['explain', 'nope.yaml', '--line', '1']);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.err).toContain('nope.yaml');
  });
});

describe('firstNonBlank', () => {
  it.each([
    ['a\n    b: 1\n', 1, 4],
    ['a\r\n\tb\r\n', 1, 1],
    ['a\n', 5, 0],
    ['', 0, 0],
  ])('%j line %i → %i', (text, line, expected) => {
    expect(firstNonBlank(text, line)).toBe(expected);
  });
});
