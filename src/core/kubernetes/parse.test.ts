import { describe, expect, it } from 'vitest';
import type { Range } from '../text/range';
import { isKubernetesFile, kubeLinterIgnores, parseKubernetes, workloadKind } from './parse';
import type { KubernetesModel } from './model';

const covered = (m: KubernetesModel, r: Range | undefined) => (r ? m.lines.slice(r) : undefined);

describe('parseKubernetes: documents, lists and workloads', () => {
  const text = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata:
      name: in-list
    spec:
      containers:
        - name: a
          image: busybox:1.36
  - apiVersion: v1
    kind: Service
    metadata:
      name: svc
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
  annotations:
    ignore-check.kube-linter.io/run-as-non-root: "batch job"
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
            - name: init
              image: alpine:3.20
          containers:
            - name: job
              image: alpine:3.20
          restartPolicy: Never
---
apiVersion: apps/v1
kind: DeploymentList
items:
  - metadata:
      name: implied
    spec:
      template:
        spec:
          containers:
            - name: web
              image: nginx
---
apiVersion: example.com/v1
kind: Deployment
metadata:
  name: not-a-real-deployment
spec:
  template:
    spec:
      containers:
        - name: x
          image: x
---
apiVersion: v1
kind: PodTemplate
metadata:
  name: tpl
template:
  spec:
    containers:
      - name: t
        image: t
---
# just a comment
---
apiVersion: extensions/v1beta1
kind: DaemonSet
metadata:
  name: old
spec:
  template:
    spec:
      ephemeralContainers:
        - name: debug
          image: busybox
      containers:
        - name: agent
          image: agent
`;
  const m = parseKubernetes(text, 'all.yaml');

  it('lists documents and list items as objects', () => {
    expect(m.documents.map((d) => `${d.apiVersion.value} ${d.kind.value}`)).toEqual([
      'v1 List',
      'batch/v1 CronJob',
      'apps/v1 DeploymentList',
      'example.com/v1 Deployment',
      'v1 PodTemplate',
      'extensions/v1beta1 DaemonSet',
    ]);
    expect(m.objects.map((o) => o.name?.value)).toEqual([
      undefined,
      'in-list',
      'svc',
      'nightly',
      undefined,
      'implied',
      'not-a-real-deployment',
      'tpl',
      'old',
    ]);
    expect(m.errors).toEqual([]);
  });

  it('recognises workloads by group and kind', () => {
    expect(m.objects.map((o) => o.workload ?? '-')).toEqual(['-', 'Pod', '-', 'CronJob', '-', 'Deployment', '-', 'PodTemplate', 'DaemonSet']);
    expect(m.objects[5].kind.value).toBe('Deployment');
    expect(m.objects[5].list).toBe(m.documents[2]);
  });

  it('finds every container with its role', () => {
    expect(m.containers.map((c) => `${c.pod.owner.kind.value}/${c.name?.value}:${c.role}`)).toEqual([
      'Pod/a:container',
      'CronJob/job:container',
      'CronJob/init:initContainer',
      'Deployment/web:container',
      'PodTemplate/t:container',
      'DaemonSet/agent:container',
      'DaemonSet/debug:ephemeralContainer',
    ]);
    const cron = m.podSpecs.find((p) => p.owner.kind.value === 'CronJob')!;
    expect(cron.path).toEqual(['spec', 'jobTemplate', 'spec', 'template', 'spec']);
    expect(covered(m, cron.keyRange)).toBe('spec');
    expect(covered(m, m.containers[1].image?.range)).toBe('alpine:3.20');
  });

  it('reads kube-linter ignore annotations', () => {
    const cron = m.objects.find((o) => o.kind.value === 'CronJob')!;
    expect([...kubeLinterIgnores(cron)]).toEqual(['run-as-non-root']);
  });
});

describe('pod spec fields', () => {
  const text = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    metadata:
      annotations:
        container.apparmor.security.beta.kubernetes.io/agent: unconfined
        seccomp.security.alpha.kubernetes.io/pod: runtime/default
    spec:
      hostPID: true
      hostNetwork: true
      hostIPC: "true"
      hostUsers: false
      automountServiceAccountToken: false
      runtimeClassName: gvisor
      securityContext:
        runAsUser: 1000
        runAsNonRoot: true
        seccompProfile:
          type: Localhost
          localhostProfile: profiles/audit.json
        seLinuxOptions:
          type: spc_t
        sysctls:
          - name: net.core.somaxconn
            value: "1024"
      containers:
        - name: agent
          image: example/agent:2
          imagePullPolicy: Always
          securityContext:
            runAsUser: 0
            privileged: true
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            procMount: Unmasked
            capabilities:
              add: ["SYS_ADMIN"]
              drop: [ALL]
          resources:
            limits:
              memory: 128Mi
              cpu: 0.5
            requests:
              cpu: 100m
          ports:
            - containerPort: 8080
              hostPort: 80
              hostIP: 127.0.0.1
          volumeMounts:
            - name: sock
              mountPath: /var/run/docker.sock
            - name: etc
              mountPath: /host/etc
              readOnly: true
        - name: sidecar
          image: sidecar:1
      volumes:
        - name: sock
          hostPath:
            path: /var/run/docker.sock
            type: Socket
        - name: etc
          hostPath:
            path: /etc
        - name: scratch
          emptyDir: {}
`;
  const m = parseKubernetes(text, 'ds.yaml');
  const pod = m.podSpecs[0];
  const [agent, sidecar] = m.containers;

  it('reads pod-level fields with ranges', () => {
    expect(covered(m, pod.hostPID?.pairRange)).toBe('hostPID: true');
    expect(pod.hostNetwork?.value).toBe(true);
    expect(pod.hostIPC?.value).toBe(true);
    expect(pod.hostUsers?.value).toBe(false);
    expect(pod.automountServiceAccountToken?.value).toBe(false);
    expect(covered(m, pod.runtimeClassName?.range)).toBe('gvisor');
    expect(pod.securityContext?.sysctls.map((s) => `${s.name}=${s.value}`)).toEqual(['net.core.somaxconn=1024']);
    expect(pod.volumes.map((v) => [v.name, v.source, v.hostPath?.path?.value])).toEqual([
      ['sock', 'hostPath', '/var/run/docker.sock'],
      ['etc', 'hostPath', '/etc'],
      ['scratch', 'emptyDir', undefined],
    ]);
    expect(pod.podAnnotations.map((a) => a.key)).toHaveLength(2);
  });

  it('reads container fields with ranges', () => {
    const sc = agent.securityContext!;
    expect(covered(m, sc.privileged?.pairRange)).toBe('privileged: true');
    expect(sc.allowPrivilegeEscalation?.value).toBe(false);
    expect(sc.readOnlyRootFilesystem?.value).toBe(true);
    expect(sc.procMount?.value).toBe('Unmasked');
    expect(sc.capabilities?.add.map((c) => covered(m, c.range))).toEqual(['"SYS_ADMIN"']);
    expect(sc.capabilities?.drop.map((c) => c.value)).toEqual(['ALL']);
    expect(covered(m, agent.resources.limits.memory?.range)).toBe('128Mi');
    expect(agent.resources.limits.cpu?.value).toBe('0.5');
    expect(agent.resources.requests.cpu?.value).toBe('100m');
    expect(agent.imagePullPolicy?.value).toBe('Always');
    expect(agent.ports[0].hostPort?.value).toBe(80);
    expect(covered(m, agent.ports[0].hostIP?.range)).toBe('127.0.0.1');
    expect(agent.volumeMounts.map((v) => [v.mountPath, v.readOnly, v.volume?.hostPath?.path?.value])).toEqual([
      ['/var/run/docker.sock', false, '/var/run/docker.sock'],
      ['/host/etc', true, '/etc'],
    ]);
  });

  it('merges pod and container securityContext the way the kubelet does', () => {
    const e = agent.effective;
    expect([e.runAsUser.value, e.runAsUser.source, covered(m, e.runAsUser.range)]).toEqual([0, 'container', 'runAsUser: 0']);
    expect([e.runAsNonRoot.value, e.runAsNonRoot.source]).toEqual([true, 'pod']);
    expect(e.seccompProfile).toMatchObject({ type: 'Localhost', localhostProfile: 'profiles/audit.json', source: 'pod' });
    expect(covered(m, e.seccompProfile.range)).toMatch(/^seccompProfile:\n\s+type: Localhost/);
    expect(e.appArmorProfile).toMatchObject({ type: 'Unconfined', source: 'annotation' });
    expect(covered(m, e.appArmorProfile.range)).toBe('container.apparmor.security.beta.kubernetes.io/agent: unconfined');
    expect(e.seLinuxOptions).toMatchObject({ value: { type: 'spc_t' }, source: 'pod' });
    expect(e.privileged.value).toBe(true);
    expect(e.insertAt.container).toBe(agent.securityContext?.node);

    const s = sidecar.effective;
    expect([s.runAsUser.value, s.runAsUser.source, covered(m, s.runAsUser.range)]).toEqual([1000, 'pod', 'runAsUser: 1000']);
    expect(s.privileged).toEqual({ value: undefined, source: 'unset' });
    expect(s.appArmorProfile.source).toBe('unset');
    expect(s.insertAt.container).toBe(sidecar.node);
    expect(s.insertAt.pod).toBe(pod.securityContext?.node);
  });

  it('uses the pod seccomp annotation when no field decides', () => {
    const m2 = parseKubernetes(`apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: docker/default
spec:
  containers:
    - name: c
      image: c
`);
    expect(m2.containers[0].effective.seccompProfile).toMatchObject({ type: 'RuntimeDefault', source: 'annotation' });
  });
});

describe('anchors in manifests', () => {
  it('resolves aliases and merge keys inside a pod spec', () => {
    const m = parseKubernetes(`apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - &base
      name: a
      image: a:1
      securityContext: &sc
        runAsNonRoot: true
    - <<: *base
      name: b
`);
    expect(m.containers.map((c) => [c.name?.value, c.image?.value, c.effective.runAsNonRoot.value])).toEqual([
      ['a', 'a:1', true],
      ['b', 'a:1', true],
    ]);
  });
});

describe('templates and robustness', () => {
  it('a Helm template gives one info note and no objects', () => {
    const m = parseKubernetes('{{- if .Values.enabled }}\napiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.name }}\n{{- end }}\n');
    expect(m.templated).toBe(true);
    expect(m.documents).toEqual([]);
    expect(m.errors).toHaveLength(1);
    expect(m.errors[0].severity).toBe('info');
  });

  it('a PrometheusRule with {{ $labels }} in strings is analysed', () => {
    const m = parseKubernetes(`apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: r
spec:
  groups:
    - name: g
      rules:
        - alert: Down
          annotations:
            summary: "{{ $labels.instance }} is down"
`);
    expect(m.templated).toBe(false);
    expect(m.documents.map((d) => d.kind.value)).toEqual(['PrometheusRule']);
  });

  it.each([
    '',
    'apiVersion: v1',
    'kind: Pod\n',
    'apiVersion: v1\nkind: Pod\nspec: []\n',
    'apiVersion: v1\nkind: Pod\nspec:\n  containers: {a: 1}\n  volumes: 3\n',
    'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - 1\n    - securityContext: [1]\n      resources: x\n      ports: [1, {hostPort: x}]\n',
    'apiVersion: v1\nkind: List\nitems: 3\n',
    'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template: 1\n',
    '- a\n- b\n',
    'apiVersion: [1]\nkind: {a: 1}\n',
  ])('does not throw on %j', (text) => {
    expect(() => parseKubernetes(text)).not.toThrow();
  });
});

describe('workloadKind and isKubernetesFile', () => {
  it.each([
    ['v1', 'Pod', 'Pod'],
    ['apps/v1', 'Deployment', 'Deployment'],
    ['extensions/v1beta1', 'Deployment', 'Deployment'],
    ['batch/v1beta1', 'CronJob', 'CronJob'],
    ['example.com/v1', 'Deployment', undefined],
    ['v1', 'Service', undefined],
  ])('%s %s → %s', (api, kind, expected) => {
    expect(workloadKind(api, kind)).toBe(expected);
  });

  const cases: [string, string, boolean][] = [
    ['pod.yaml', 'apiVersion: v1\nkind: Pod\n', true],
    ['multi.yaml', '---\nfoo: 1\n---\napiVersion: apps/v1\nkind: Deployment\n', true],
    ['kind.yaml', 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes: []\n', false],
    ['kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n', false],
    ['kubeconfig.yaml', 'apiVersion: v1\nkind: Config\nclusters: []\n', false],
    ['compose.yaml', 'services:\n  a:\n    image: x\n', false],
    ['pod.json', 'apiVersion: v1\nkind: Pod\n', false],
    ['templates/pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.name }}\n', true],
  ];
  it.each(cases)('isKubernetesFile(%s)', (name, text, expected) => {
    expect(isKubernetesFile(name, text)).toBe(expected);
  });
});
