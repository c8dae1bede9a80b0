import { describe, expect, it } from 'vitest';
import { parseCompose } from '../compose/parse';
import { parseKubernetes } from '../kubernetes/parse';
import { profileFromCompose, profileFromKubernetes } from './profile';
import { isWeaker, placeOnSpectrum, summarize } from './spectrum';
import type { IsolationLevel } from './spectrum';

const compose = (service: string) =>
  profileFromCompose(parseCompose(`services:\n  s:\n${service.replace(/^/gm, '    ')}\n`, 'compose.yaml').services[0]);
const k8s = (podSpec: string) =>
  profileFromKubernetes(parseKubernetes(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${podSpec.replace(/^/gm, '  ')}\n`).containers[0]);

const HARDENED_COMPOSE = `image: app:1
user: "10001:10001"
read_only: true
cap_drop: [ALL]
security_opt: [no-new-privileges:true]
mem_limit: 256m
cpus: 0.5`;

const HARDENED_K8S = `securityContext:
  runAsNonRoot: true
  runAsUser: 10001
  seccompProfile:
    type: RuntimeDefault
containers:
  - name: c
    image: c:1
    securityContext:
      allowPrivilegeEscalation: false
      readOnlyRootFilesystem: true
      capabilities:
        drop: [ALL]
    resources:
      limits:
        memory: 128Mi
        cpu: 500m`;

describe('placeOnSpectrum: one fixture per level', () => {
  const cases: [string, () => ReturnType<typeof compose>, IsolationLevel, IsolationLevel | undefined][] = [
    ['HostProcess container', () => k8s('securityContext:\n  windowsOptions:\n    hostProcess: true\nhostNetwork: true\ncontainers:\n  - name: c\n    image: c'), 'process', 'default-container'],
    ['privileged compose service', () => compose('image: app\nprivileged: true'), 'privileged-container', 'default-container'],
    ['docker.sock mounted', () => compose('image: app\nvolumes: ["/var/run/docker.sock:/var/run/docker.sock:ro"]'), 'privileged-container', 'default-container'],
    ['host PID + SYS_PTRACE', () => compose('image: app\npid: host\ncap_add: [SYS_PTRACE]'), 'privileged-container', 'weakened-container'],
    ['cap_add ALL', () => compose('image: app\ncap_add: [ALL]'), 'privileged-container', 'default-container'],
    ['host network', () => compose('image: app\nnetwork_mode: host'), 'weakened-container', 'default-container'],
    ['dangerous capability', () => compose('image: app\ncap_add: [NET_ADMIN]'), 'weakened-container', 'default-container'],
    ['seccomp unconfined', () => compose('image: app\nsecurity_opt: [seccomp:unconfined]'), 'weakened-container', 'default-container'],
    ['/etc mounted read-only', () => k8s('containers:\n  - name: c\n    image: c\n    volumeMounts: [{name: e, mountPath: /e, readOnly: true}]\nvolumes: [{name: e, hostPath: {path: /etc}}]'), 'weakened-container', 'default-container'],
    ['plain compose service', () => compose('image: nginx:1.27'), 'default-container', 'hardened-container'],
    ['plain k8s container', () => k8s('containers:\n  - name: c\n    image: c'), 'default-container', 'hardened-container'],
    ['hardened compose service', () => compose(HARDENED_COMPOSE), 'hardened-container', 'sandboxed'],
    ['hardened k8s container', () => k8s(HARDENED_K8S), 'hardened-container', 'sandboxed'],
    ['gVisor', () => compose('image: app\nruntime: runsc'), 'sandboxed', 'microvm'],
    ['gVisor RuntimeClass with a root user', () => k8s('runtimeClassName: gvisor\ncontainers:\n  - name: c\n    image: alpine'), 'sandboxed', 'microvm'],
    ['Kata', () => k8s('runtimeClassName: kata-qemu\ncontainers:\n  - name: c\n    image: c'), 'microvm', 'vm'],
    ['Kata with extra capabilities (inside the guest)', () => compose('image: app\nruntime: kata-runtime\ncap_add: [SYS_ADMIN]'), 'microvm', 'vm'],
    ['gVisor with host network (reaches past the sandbox)', () => compose('image: app\nruntime: runsc\nnetwork_mode: host'), 'weakened-container', 'sandboxed'],
    ['gVisor privileged', () => compose('image: app\nruntime: runsc\nprivileged: true'), 'weakened-container', 'sandboxed'],
    ['Kata with docker.sock', () => compose('image: app\nruntime: kata\nvolumes: ["/var/run/docker.sock:/var/run/docker.sock"]'), 'privileged-container', 'weakened-container'],
  ];
  it.each(cases)('%s → %s', (_name, make, level, next) => {
    const placement = placeOnSpectrum(make());
    expect(placement.level).toBe(level);
    expect(placement.nextStep?.level).toBe(next);
    if (placement.nextStep) expect(placement.nextStep.actions.length).toBeGreaterThan(0);
  });
});

describe('reasons and actions', () => {
  it('explains a host network in our words, pointing at the key', () => {
    const m = parseCompose('services:\n  s:\n    image: app\n    network_mode: host\n', 'compose.yaml');
    const placement = placeOnSpectrum(profileFromCompose(m.services[0]));
    const r = placement.reasons.find((x) => x.field === 'hostNamespaces.network')!;
    expect(r.direction).toBe('weaker');
    expect(r.text).toBe("shares the host's network namespace: it can bind the host's ports and see its interfaces");
    expect(m.lines.slice(r.range!)).toBe('network_mode: host');
    expect(placement.nextStep?.actions.map((a) => a.text)).toEqual(['remove `network_mode: host` and publish the ports it needs']);
  });

  it('lists what a default container lacks to be hardened, in the file\'s own syntax', () => {
    const compose = placeOnSpectrum(profileFromCompose(parseCompose('services:\n  s:\n    image: app\n', 'compose.yaml').services[0]));
    expect(compose.nextStep?.actions.map((a) => a.field)).toEqual(['user', 'capabilities', 'noNewPrivileges', 'readOnlyRootfs', 'limits']);
    expect(compose.nextStep?.actions[2].text).toMatch(/no-new-privileges:true/);
    const pod = placeOnSpectrum(k8s('containers:\n  - name: c\n    image: c'));
    expect(pod.nextStep?.actions.map((a) => a.field)).toEqual(['user', 'capabilities', 'noNewPrivileges', 'readOnlyRootfs', 'limits', 'seccomp']);
    expect(pod.nextStep?.actions[2].text).toMatch(/allowPrivilegeEscalation: false/);
  });

  it('names the socket in the action', () => {
    const p = placeOnSpectrum(compose('image: app\nvolumes: ["/var/run/docker.sock:/var/run/docker.sock"]'));
    expect(p.nextStep?.actions[0].text).toMatch(/^do not mount \/var\/run\/docker\.sock/);
  });

  it('orders weaker reasons before stronger ones', () => {
    const p = placeOnSpectrum(compose(`${HARDENED_COMPOSE}\nnetwork_mode: host`));
    const directions = p.reasons.map((r) => r.direction);
    expect(directions.indexOf('stronger')).toBeGreaterThan(directions.lastIndexOf('weaker'));
  });
});

describe('summarize', () => {
  it.each([
    ['image: alpine:3.20\nnetwork_mode: host', 'weakened container · runs as root · shares host network'],
    ['image: example/app:1', 'default container · user set by the image'],
    [HARDENED_COMPOSE, 'hardened container · runs as 10001:10001'],
    ['image: app\nprivileged: true\npid: host\nnetwork_mode: host\nipc: host\nuser: root', 'privileged container · runs as root · privileged · shares host PID · shares host network · +1 more'],
  ])('%s', (service, line) => {
    expect(summarize(compose(service))).toBe(line);
  });
});

it('orders levels', () => {
  expect(isWeaker('privileged-container', 'default-container')).toBe(true);
  expect(isWeaker('microvm', 'sandboxed')).toBe(false);
});
