import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../text/range';
import type { Position } from '../text/range';
import { computeKubernetesHover } from './hover';
import type { YamlHover } from './hover';
import { parseKubernetes } from './parse';

const CORPUS = ['/work/shared/corpus/k8s', '/work/shared/corpus/helm'];
const MARK = '¦';

function at(src: string): { text: string; pos: Position } {
  const i = src.indexOf(MARK);
  if (i < 0) throw new Error(`no ${MARK} marker in ${src}`);
  const text = src.slice(0, i) + src.slice(i + MARK.length);
  return { text, pos: new LineIndex(text).positionAt(i) };
}

function hover(src: string): { h: YamlHover | undefined; text: string } {
  const { text, pos } = at(src);
  return { h: computeKubernetesHover(parseKubernetes(text, 'manifest.yaml'), pos), text };
}

const indent = (s: string, n: number) => s.replace(/^(?=.)/gm, ' '.repeat(n));

/** A Deployment `web` whose pod spec is `pod` and whose single container `app` has `container` as body. */
function deploy(pod: string, container = 'image: nginx:1.27'): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    '  template:',
    '    spec:',
    ...(pod ? [indent(pod, 6)] : []),
    '      containers:',
    '        - name: app',
    indent(container, 10),
    '',
  ].join('\n');
}

type Row = [string, string[], string?];

function check(rows: Row[]) {
  it.each(rows)('%j', (src, needles, covers) => {
    const { h, text } = hover(src);
    expect(h, 'a hover').toBeDefined();
    for (const n of needles) expect(h!.markdown).toContain(n);
    if (covers !== undefined) expect(new LineIndex(text).slice(h!.range)).toBe(covers);
  });
}

describe('pod level', () => {
  check([
    [
      deploy('¦hostNetwork: true'),
      [
        "The pod of Deployment `web` shares the node's network namespace: its containers can bind the node's ports and see its interfaces.",
        "node's UTS namespace",
        '**Touches** the network namespace.',
        '**Behind a VM boundary:**',
        '**Isolation:** container `app`: weakened container',
      ],
      'hostNetwork',
    ],
    [deploy('hostPID: ¦true'), ["shares the node's PID namespace"], 'true'],
    [deploy('¦hostPID: true', 'image: x\nsecurityContext:\n  capabilities:\n    add: [SYS_PTRACE]'), ['Container `app` also has SYS_PTRACE or SYS_ADMIN']],
    [deploy('¦hostIPC: true'), ["shares the node's IPC namespace"]],
    [deploy('¦hostPID: false'), ['keeps its own PID namespace, which is the default']],
    [deploy('¦hostUsers: false'), ['gets a user namespace of its own', '**User namespace**']],
    [deploy('¦hostUsers: true'), ["uses the node's user IDs (the default)"]],
    [deploy('¦shareProcessNamespace: true'), ["share one PID namespace: each sees and can signal the others' processes, but not the node's"]],
    [deploy('¦automountServiceAccountToken: false'), ['No API token is mounted']],
    [deploy('serviceAccountName: builder\n¦automountServiceAccountToken: true'), ['The token of the service account `builder` is mounted']],
    [deploy('¦runtimeClassName: gvisor'), ['by its name gVisor', '**gVisor**', 'sandboxed container']],
    [deploy('¦runtimeClassName: kata-qemu'), ['by its name Kata Containers', 'micro-VM']],
    [deploy('¦runtimeClassName: fast'), ['cannot tell from the name']],
    [
      deploy('volumes:\n  - name: sock\n    hostPath:\n      ¦path: /var/run/docker.sock', 'image: x\nvolumeMounts:\n  - name: sock\n    mountPath: /var/run/docker.sock'),
      ["The volume `sock` is the node's `/var/run/docker.sock`", 'whoever can connect to the socket controls the node', 'Mounted by container `app`.'],
      'path',
    ],
    [
      deploy('volumes:\n  - name: root\n    hostPath:\n      path: /\n      ¦type: Directory'),
      ["the host's whole filesystem", 'Its type `Directory` makes the kubelet check', 'No container mounts it.'],
    ],
    [deploy('volumes:\n  - ¦name: data\n    emptyDir: {}'), ['The volume `data` is a `emptyDir` volume']],
    [deploy('dnsPolicy: Default').replace('    spec:\n      dnsPolicy', '    ¦spec:\n      dnsPolicy'), ['The pod spec of the pod of Deployment `web`: container `app`.'], 'spec'],
  ]);
});

describe('container level', () => {
  check([
    [deploy('', '¦image: nginx:1.27'), ['tag `1.27`', 'official nginx image', 'and container `app` does not say otherwise', '**Tags and digests**'], 'image'],
    [deploy('securityContext:\n  runAsUser: 1000', '¦image: nginx:1.27'), ['runs as root unless told otherwise.']],
    [deploy('', 'image: nginx:latest\n¦imagePullPolicy: Always'), ['asks the registry for `nginx:latest` every time container `app` starts', 'a digest fixes that']],
    [deploy('', `image: nginx@sha256:${'b'.repeat(64)}\n¦imagePullPolicy: IfNotPresent`), ['by digest, so every node runs the same content']],
    [deploy('', 'image: x\nsecurityContext:\n  ¦privileged: true'), ['Container `app` is privileged', 'privileged container', '**Privileged containers**']],
    [deploy('', 'image: x\nsecurityContext:\n  ¦allowPrivilegeEscalation: false'), ['runs with no_new_privs']],
    [deploy('', 'image: x\nsecurityContext:\n  capabilities:\n    add: [SYS_ADMIN]\n  ¦allowPrivilegeEscalation: false'), ['privileged or SYS_ADMIN turns it back on']],
    [deploy('', 'image: x\nsecurityContext:\n  ¦readOnlyRootFilesystem: true'), ['cannot write to its root filesystem']],
    [deploy('', 'image: x\nsecurityContext:\n  ¦procMount: Unmasked'), ["without the runtime's masks"]],
    [deploy('', 'image: x\nsecurityContext:\n  capabilities:\n    ¦drop: [ALL]'), ['drops every capability.']],
    [deploy('', 'image: x\nsecurityContext:\n  capabilities:\n    drop: [¦ALL]\n    add: [NET_BIND_SERVICE]'), ['gets back only what `add` lists (`NET_BIND_SERVICE`)']],
    [deploy('', 'image: x\nsecurityContext:\n  capabilities:\n    add:\n      - ¦NET_ADMIN'), ['`CAP_NET_ADMIN` lets a process reconfigure interfaces', 'does not have it: this line gives it'], 'NET_ADMIN'],
    [deploy('', 'image: x\nsecurityContext:\n  ¦capabilities: {}'), ['starts from the runtime\'s default set', 'Without `drop: [ALL]`']],
    [deploy('', 'image: x\nsecurityContext:\n  seccompProfile:\n    type: ¦Unconfined'), ['runs without a seccomp filter', '**seccomp system-call filtering**'], 'Unconfined'],
    [deploy('', 'image: x\nsecurityContext:\n  ¦seccompProfile:\n    type: RuntimeDefault'), ["runs under the container runtime's default seccomp profile"]],
    [deploy('', 'image: x\nsecurityContext:\n  appArmorProfile:\n    ¦type: Unconfined'), ['runs without an AppArmor profile']],
    [deploy('', 'image: x\nsecurityContext:\n  seLinuxOptions:\n    ¦type: spc_t'), ['`spc_t`']],
    [deploy('', 'image: x\nsecurityContext:\n  windowsOptions:\n    ¦hostProcess: true'), ['runs as a HostProcess container']],
    [deploy('', 'image: x\nsecurityContext:\n  ¦fsGroup: 2000'), ["belongs in the pod's securityContext, not a container's"]],
    [
      deploy('', 'image: x\nsecurityContext:\n  ¦runAsUser: 0'),
      ['runs as root (UID 0)', "the pod sets no `runAsUser`, so this is the effective value", '**Running as a non-root user**'],
    ],
    [deploy('', 'image: x\nsecurityContext:\n  runAsNonRoot: true\n  ¦runAsUser: 0'), ['the kubelet refuses to start container `app`']],
    [deploy('', 'image: x\nsecurityContext:\n  ¦runAsNonRoot: true'), ['The kubelet refuses to start container `app` whose user is UID 0']],
    [deploy('', 'image: x\nsecurityContext:\n  ¦runAsGroup: 0'), ["primary group 0 (root's group)"]],
    [
      deploy('securityContext:\n  runAsUser: 1000', 'image: x\nsecurityContext:\n  ¦runAsUser: 2000'),
      ["Set in the container's own securityContext, it wins over the pod's `runAsUser: 1000` for container `app`."],
    ],
    [
      deploy('', 'image: x\n¦securityContext:\n  runAsUser: 1000'),
      ['Effective for container `app`: runAsUser `1000`', 'Not set anywhere: `runAsNonRoot`'],
    ],
    [deploy('', 'image: x\nresources:\n  limits:\n    ¦memory: 512Mi'), ['may use at most `512Mi` of memory', 'OOMKilled', 'It has no cpu limit.', '**Control groups (cgroups)**']],
    [deploy('', 'image: x\nresources:\n  limits:\n    cpu: ¦500m'), ['throttled, not killed']],
    [deploy('', 'image: x\nresources:\n  requests:\n    ¦cpu: 100m'), ['a share under contention, not a cap']],
    [deploy('', 'image: x\nresources:\n  requests:\n    ¦memory: 100Mi'), ['It is not a cap']],
    [deploy('', 'image: x\nresources:\n  limits:\n    ¦ephemeral-storage: 1Gi'), ['The kubelet evicts the pod']],
    [deploy('', 'image: x\nresources:\n  limits:\n    ¦nvidia.com/gpu: 1'), ['extended resource']],
    [deploy('', 'image: x\n¦resources: {}'), ['has no limits', 'requests nothing']],
    [deploy('', 'image: x\nports:\n  - containerPort: 80\n    ¦hostPort: 8080'), ['takes port `8080` of the node on every address of the node', 'a Service usually does this job better']],
    [deploy('hostNetwork: true', 'image: x\nports:\n  - ¦containerPort: 80'), ['this port is a port of the node']],
    [
      deploy('volumes:\n  - name: logs\n    hostPath:\n      path: /var/log', 'image: x\nvolumeMounts:\n  - ¦name: logs\n    mountPath: /host/logs\n    readOnly: true'),
      ["the host's logs", 'mounts it read-only'],
    ],
    [
      deploy('', 'image: x\n').replace('- name: app', '- ¦name: app'),
      ['**app** · container in the pod of Deployment `web`', 'Container `app` is a **default container**', 'To become a hardened container:'],
    ],
  ]);
});

describe('where the effective securityContext comes from', () => {
  const pod = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: p',
    'spec:',
    '  securityContext:',
    '    ¦runAsUser: 1000',
    '    seccompProfile:',
    '      type: RuntimeDefault',
    '  initContainers:',
    '    - name: init',
    '      image: busybox',
    '  containers:',
    '    - name: a',
    '      image: x',
    '    - name: b',
    '      image: y',
    '      securityContext:',
    '        runAsUser: 0',
    '',
  ].join('\n');
  check([
    [pod, ['By default, every container of pod `p` runs as UID `1000`', 'Container `a` and init container `init` inherit it', 'container `b` overrides it with its own'], 'runAsUser'],
    [pod.replace('¦runAsUser', 'runAsUser').replace('      type: RuntimeDefault', '      type: ¦RuntimeDefault'), ["default seccomp profile", 'inherit it from the pod']],
    [pod.replace('¦runAsUser', 'runAsUser').replace('  securityContext:', '  ¦securityContext:'), ["The pod's securityContext sets defaults for every container", 'take at least one value from here']],
    [pod.replace('¦runAsUser: 1000', '¦privileged: true'), ["`privileged` is not a field of the pod's securityContext"]],
    [pod.replace('¦runAsUser: 1000', '¦fsGroup: 2000'), ['makes group `2000` own the files', 'It applies to the whole pod.']],
    [
      pod.replace('¦runAsUser: 1000', 'sysctls:\n      - ¦name: net.ipv4.ip_unprivileged_port_start\n        value: "0"'),
      ['sets the kernel parameter `net.ipv4.ip_unprivileged_port_start` to `0`', '"safe" set'],
    ],
    [pod.replace('¦runAsUser: 1000', 'sysctls:\n      - ¦name: kernel.msgmax\n        value: "1"'), ['--allowed-unsafe-sysctls']],
  ]);
});

describe('kinds and documents', () => {
  it('finds the right document and List item', () => {
    const text = [
      'apiVersion: v1',
      'kind: Service',
      'metadata: { name: s }',
      '---',
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - apiVersion: batch/v1',
      '    kind: CronJob',
      '    metadata: { name: nightly }',
      '    spec:',
      '      jobTemplate:',
      '        spec:',
      '          template:',
      '            spec:',
      '              ¦hostNetwork: true',
      '              containers: [{ name: c, image: x }]',
      '',
    ].join('\n');
    const { h } = hover(text);
    expect(h?.markdown).toContain("The pod of CronJob `nightly` shares the node's network namespace");
  });

  it.each([
    ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  ¦hostNetwork: "true"\n'],
    ['apiVersion: example.com/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      ¦hostNetwork: true\n'],
    [deploy('', 'image: x\n¦command: [sleep]')],
    [deploy('¦dnsPolicy: Default')],
    ['apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  ¦name: web\n'],
  ])('no hover in %j', (src) => {
    expect(hover(src).h).toBeUndefined();
  });

  it('is undefined on templated files and outside the text', () => {
    const helm = parseKubernetes('apiVersion: v1\nkind: Pod\nspec:\n  hostPID: {{ .Values.pid }}\n', 'chart/templates/pod.yaml');
    expect(computeKubernetesHover(helm, { line: 3, character: 4 })).toBeUndefined();
    const m = parseKubernetes(deploy('hostPID: true'));
    expect(computeKubernetesHover(m, { line: 500, character: 0 })).toBeUndefined();
  });

  it('escapes names from the file', () => {
    const { h } = hover(deploy('¦hostPID: true').replace('name: web', 'name: "*x* <b>"').replace('- name: app', '- name: "[a](b)"'));
    expect(h!.markdown).toContain('the pod of Deployment `*x* <b>`');
    expect(h!.markdown).toContain('**Isolation:** container `[a](b)`');
    expect(h!.markdown.replace(/(`+)[\s\S]*?\1/g, ' ')).not.toMatch(/<[A-Za-z/]|\]\(/);
  });
});

describe('corpus', () => {
  function files(dir: string): string[] {
    if (!existsSync(dir)) return [];
    return readdirSync(dir).flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? files(p) : /\.ya?ml$/.test(n) ? [p] : [];
    });
  }

  it('never throws on the keys and values of the corpus manifests', () => {
    const all = CORPUS.flatMap(files);
    if (!all.length) return void console.warn('corpus absent: skipped');
    let hovers = 0;
    for (const f of all) {
      const text = readFileSync(f, 'utf8');
      const model = parseKubernetes(text, f);
      const lines = new LineIndex(text);
      for (let line = 0; line < lines.lineCount; line++) {
        const t = lines.lineText(line);
        const colon = t.indexOf(': ');
        for (const character of [t.search(/[^\s-]/), colon >= 0 ? colon + 2 : -1].filter((c) => c >= 0)) {
          const h = computeKubernetesHover(model, { line, character });
          if (h) {
            hovers++;
            expect(h.range.start.line).toBe(line);
          }
        }
      }
    }
    expect(hovers).toBeGreaterThan(100);
  }, 60_000);
});
