import { describe, expect, it } from 'vitest';
import { parseCompose } from '../compose/parse';
import { parseKubernetes } from '../kubernetes/parse';
import { computeCapabilities, DEFAULT_CAPABILITIES, normalizeCapability } from './capabilities';
import { classifyHostPath } from './host-paths';
import { classifyRuntime, profileFromCompose, profileFromKubernetes, userKindOf } from './profile';
import type { IsolationProfile } from './profile';

function composeProfile(serviceYaml: string): { p: IsolationProfile; slice: (r?: { start: unknown; end: unknown }) => string | undefined } {
  const m = parseCompose(`services:\n  s:\n${serviceYaml.replace(/^/gm, '    ')}\n`, 'compose.yaml');
  return { p: profileFromCompose(m.services[0]), slice: (r) => (r ? m.lines.slice(r as never) : undefined) };
}

function k8sProfile(podSpec: string, index = 0): { p: IsolationProfile; slice: (r?: { start: unknown; end: unknown }) => string | undefined } {
  const m = parseKubernetes(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod\nspec:\n${podSpec.replace(/^/gm, '  ')}\n`);
  return { p: profileFromKubernetes(m.containers[index]), slice: (r) => (r ? m.lines.slice(r as never) : undefined) };
}

describe('capabilities', () => {
  it.each([
    [[], [], false, DEFAULT_CAPABILITIES.length, []],
    [['SYS_ADMIN'], [], false, 15, ['SYS_ADMIN']],
    [['cap_net_admin'], ['NET_RAW'], false, 14, ['NET_ADMIN']],
    [['NET_BIND_SERVICE'], ['ALL'], false, 1, []],
    [['ALL'], ['SYS_ADMIN'], false, 40, undefined],
    [[], ['ALL'], true, 41, undefined],
  ] as [string[], string[], boolean, number, string[] | undefined][])('add %j drop %j privileged %s', (add, drop, privileged, count, dangerous) => {
    const c = computeCapabilities(add, drop, privileged);
    expect(c.effective).toHaveLength(count);
    if (dangerous) expect(c.dangerous).toEqual(dangerous);
  });
  it('normalises names', () => {
    expect(normalizeCapability(' cap_sys_admin ')).toBe('SYS_ADMIN');
  });
});

describe('host paths, runtimes, users', () => {
  it.each([
    ['/var/run/docker.sock', 'docker-socket'],
    ['/run/docker.sock', 'docker-socket'],
    ['\\\\.\\pipe\\docker_engine', 'docker-socket'],
    ['/run/containerd/containerd.sock', 'runtime-socket'],
    ['/', 'root'],
    ['//', 'root'],
    ['/proc', 'proc'],
    ['/sys/fs/cgroup', 'sys'],
    ['/etc/', 'etc'],
    ['/var/run', 'var-run'],
    ['/var/lib/kubelet/pods', 'runtime-state'],
    ['/var/log', 'logs'],
    ['~/.ssh', 'home'],
    ['./data', undefined],
    ['/opt/data', undefined],
    ['/etcetera', undefined],
  ])('classifyHostPath(%s) = %s', (path, kind) => {
    expect(classifyHostPath(path)).toBe(kind);
  });
  it.each([
    ['runsc', 'gvisor'],
    ['gvisor', 'gvisor'],
    ['kata-qemu', 'kata'],
    ['kata-fc', 'kata'],
    ['firecracker', 'firecracker'],
    ['runc', 'runc'],
    ['nvidia', 'runc'],
    ['sysbox-runc', 'other'],
  ])('classifyRuntime(%s) = %s', (name, kind) => {
    expect(classifyRuntime(name)).toBe(kind);
  });
  it.each([
    ['root', 'root'],
    ['0', 'root'],
    ['0:0', 'root'],
    ['root:root', 'root'],
    ['1000', 'non-root'],
    ['app:app', 'non-root'],
    ['${UID}:${GID}', 'unknown'],
  ])('userKindOf(%s) = %s', (u, kind) => {
    expect(userKindOf(u)).toBe(kind);
  });
});

describe('profileFromCompose', () => {
  it('fills Docker defaults', () => {
    const { p } = composeProfile('image: example/app:1');
    expect(p.subject).toMatchObject({ kind: 'compose-service', name: 's', image: 'example/app:1' });
    expect(p.user.kind).toBe('unknown');
    expect(p.privileged.value).toBe(false);
    expect(p.capabilities.effective).toEqual([...DEFAULT_CAPABILITIES]);
    expect(p.seccomp.kind).toBe('default');
    expect(p.hostNamespaces.user).toMatchObject({ value: true, explicit: false });
    expect(p.runtime.kind).toBe('runc');
    expect(p.serviceAccountToken).toBeUndefined();
  });

  it('knows the image runs as root', () => {
    const { p, slice } = composeProfile('image: alpine:3.20');
    expect(p.user.kind).toBe('root');
    expect(p.user.why).toMatch(/Alpine/);
    expect(slice(p.user.range)).toBe('image: alpine:3.20');
  });

  it('reads every isolation key', () => {
    const { p, slice } = composeProfile(`image: app
user: "1000:1000"
privileged: true
pid: host
network_mode: host
ipc: host
uts: host
userns_mode: host
cgroup: host
cap_add: [SYS_ADMIN]
security_opt: ["seccomp=./profile.json", "apparmor:unconfined", "label:disable", "no-new-privileges"]
read_only: true
mem_limit: 256m
deploy:
  resources:
    limits:
      cpus: "0.5"
      pids: 100
devices: ["/dev/fuse"]
volumes:
  - /var/run/docker.sock:/var/run/docker.sock:ro
  - ./src:/src
ports: ["127.0.0.1:8080:80", "9000:9000"]
runtime: kata-runtime`);
    expect(p.user).toMatchObject({ kind: 'non-root', value: '1000:1000', explicit: true });
    expect(slice(p.user.range)).toBe('user: "1000:1000"');
    expect(p.privileged.value).toBe(true);
    expect(Object.values(p.hostNamespaces).map((n) => n.value)).toEqual([true, true, true, true, true, true]);
    expect(slice(p.hostNamespaces.network.range)).toBe('network_mode: host');
    expect(p.capabilities.effective).toHaveLength(41);
    // privileged overrides the seccomp / AppArmor options
    expect(p.seccomp.kind).toBe('disabled');
    expect(p.apparmor.kind).toBe('disabled');
    expect(p.selinux.kind).toBe('disabled');
    expect(p.noNewPrivileges.value).toBe(true);
    expect(p.readOnlyRootfs.value).toBe(true);
    expect(p.limits).toMatchObject({
      memory: { value: '256m', source: 'mem_limit' },
      cpu: { value: '0.5', source: 'deploy.resources.limits.cpus' },
      pids: { value: '100', source: 'deploy.resources.limits.pids' },
    });
    expect(p.devices.map((d) => d.path)).toEqual(['/dev/fuse']);
    expect(p.hostPaths).toMatchObject([
      { path: '/var/run/docker.sock', readOnly: true, sensitive: 'docker-socket' },
      { path: './src', readOnly: false },
    ]);
    expect(p.hostPaths[1].sensitive).toBeUndefined();
    // network_mode: host publishes nothing: the container is on the host's ports already
    expect(p.hostPorts).toEqual([]);
    expect(p.runtime).toMatchObject({ kind: 'kata', name: 'kata-runtime' });
  });

  it('reads seccomp / AppArmor / SELinux options and ports', () => {
    const { p, slice } = composeProfile(`image: app
security_opt:
  - seccomp:unconfined
  - apparmor=my-profile
  - label=type:spc_t
ports: ["127.0.0.1:8080:80", "9000:9000", "3000"]`);
    expect(p.seccomp).toMatchObject({ kind: 'unconfined', explicit: true });
    expect(slice(p.seccomp.range)).toBe('seccomp:unconfined');
    expect(p.apparmor).toMatchObject({ kind: 'custom', value: 'my-profile' });
    expect(p.selinux.kind).toBe('unconfined');
    expect(p.hostPorts.map((h) => [h.hostIp, h.port, h.allInterfaces])).toEqual([
      ['127.0.0.1', '8080', false],
      [undefined, '9000', true],
      [undefined, undefined, true],
    ]);
  });

  it('capabilities: drop ALL then add back', () => {
    const { p, slice } = composeProfile('image: app\ncap_drop: [ALL]\ncap_add: [NET_BIND_SERVICE]');
    expect(p.capabilities).toMatchObject({ droppedAll: true, effective: ['NET_BIND_SERVICE'], dangerous: [] });
    expect(slice(p.capabilities.range)).toBe('NET_BIND_SERVICE');
  });

  it('takes the Dockerfile user when the caller knows it', () => {
    const m = parseCompose('services:\n  s:\n    build: .\n', 'compose.yaml');
    expect(profileFromCompose(m.services[0]).user.why).toMatch(/Dockerfile/);
    const p = profileFromCompose(m.services[0], { baseUser: { kind: 'non-root', value: 'app', why: 'USER app on line 9', explicit: true } });
    expect(p.user.value).toBe('app');
  });
});

describe('profileFromKubernetes', () => {
  it('fills kubelet defaults', () => {
    const { p } = k8sProfile('containers:\n  - name: c\n    image: example/c:1');
    expect(p.subject).toMatchObject({ kind: 'k8s-container', name: 'c', owner: 'Pod/pod', role: 'container' });
    expect(p.platform).toBe('kubernetes');
    expect(p.seccomp).toMatchObject({ kind: 'unconfined', explicit: false });
    expect(p.noNewPrivileges.value).toBe(false);
    expect(p.serviceAccountToken?.value).toBe(true);
    expect(p.user.kind).toBe('unknown');
  });

  it('merges pod and container settings and points at them', () => {
    const { p, slice } = k8sProfile(`hostNetwork: true
hostUsers: false
automountServiceAccountToken: false
runtimeClassName: gvisor
securityContext:
  runAsUser: 1000
  seccompProfile:
    type: RuntimeDefault
containers:
  - name: c
    image: c
    securityContext:
      allowPrivilegeEscalation: false
      readOnlyRootFilesystem: true
      capabilities:
        drop: [ALL]
    resources:
      limits: {memory: 64Mi, cpu: 250m}
    ports:
      - containerPort: 80
        hostPort: 8080
    volumeMounts:
      - name: logs
        mountPath: /logs
volumes:
  - name: logs
    hostPath:
      path: /var/log`);
    expect(p.user).toMatchObject({ kind: 'non-root', value: '1000' });
    expect(slice(p.user.range)).toBe('runAsUser: 1000');
    expect(p.hostNamespaces.network.value).toBe(true);
    expect(p.hostNamespaces.uts.value).toBe(true);
    expect(p.hostNamespaces.user).toMatchObject({ value: false, explicit: true });
    expect(p.seccomp).toMatchObject({ kind: 'default', explicit: true });
    expect(p.noNewPrivileges.value).toBe(true);
    expect(slice(p.noNewPrivileges.range)).toBe('allowPrivilegeEscalation: false');
    expect(p.readOnlyRootfs.value).toBe(true);
    expect(p.capabilities).toMatchObject({ droppedAll: true, effective: [] });
    expect(p.limits).toMatchObject({ memory: { value: '64Mi' }, cpu: { value: '250m' } });
    expect(p.hostPorts).toMatchObject([{ port: '8080', containerPort: '80', allInterfaces: true }]);
    expect(p.hostPaths).toMatchObject([{ path: '/var/log', target: '/logs', sensitive: 'logs', readOnly: false }]);
    expect(p.runtime.kind).toBe('gvisor');
    expect(p.serviceAccountToken?.value).toBe(false);
  });

  it('privileged or SYS_ADMIN always allow escalation', () => {
    const { p } = k8sProfile(`containers:
  - name: c
    image: c
    securityContext:
      allowPrivilegeEscalation: false
      capabilities:
        add: [SYS_ADMIN]`);
    expect(p.noNewPrivileges.value).toBe(false);
    expect(p.capabilities.dangerous).toEqual(['SYS_ADMIN']);
  });

  it('runAsNonRoot without runAsUser counts as non-root; runAsUser 0 as root', () => {
    expect(k8sProfile('securityContext:\n  runAsNonRoot: true\ncontainers:\n  - name: c\n    image: c').p.user.kind).toBe('non-root');
    expect(k8sProfile('containers:\n  - name: c\n    image: c\n    securityContext:\n      runAsUser: 0').p.user.kind).toBe('root');
    expect(k8sProfile('containers:\n  - name: c\n    image: alpine').p.user.kind).toBe('root');
  });

  it('init containers get their own profile', () => {
    const { p } = k8sProfile('initContainers:\n  - name: init\n    image: i\n    securityContext:\n      privileged: true\ncontainers:\n  - name: c\n    image: c', 1);
    expect(p.subject).toMatchObject({ name: 'init', role: 'initContainer' });
    expect(p.privileged.value).toBe(true);
    expect(p.seccomp.kind).toBe('disabled');
  });
});
