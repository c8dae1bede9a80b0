import { describe, expect, it } from 'vitest';
import { engineFactsFromInfo, formatBytes, parseBind, profileFromInspect } from './from-inspect';
import type { EngineFacts, InspectForProfile } from './from-inspect';
import { placeOnSpectrum, summarize } from './spectrum';
import type { IsolationLevel } from './spectrum';

// HostConfig of `docker run -d --init --network none busybox sleep inf` on Docker 20.10.24 (cgroup v1,
// no AppArmor, no SELinux), trimmed to the fields a profile reads. The variants below are what the same
// engine answered for the flags in each case's name.
const MASKED = ['/proc/asound', '/proc/acpi', '/proc/kcore', '/proc/keys', '/proc/latency_stats', '/proc/timer_list', '/proc/timer_stats', '/proc/sched_debug', '/proc/scsi', '/sys/firmware'];
const PLAIN: InspectForProfile = {
  Id: '609972de7e2ce37dc7eb13c0edc4f0f75bc446317f84e716bab556251f585cd2',
  Name: '/plain',
  AppArmorProfile: '',
  ProcessLabel: '',
  MountLabel: '',
  Config: { User: '', Image: 'container-lens-test/busybox:1' },
  HostConfig: {
    Binds: null,
    NetworkMode: 'none',
    PortBindings: {},
    CapAdd: null,
    CapDrop: null,
    CgroupnsMode: 'host',
    IpcMode: 'private',
    PidMode: '',
    Privileged: false,
    ReadonlyRootfs: false,
    SecurityOpt: null,
    UTSMode: '',
    UsernsMode: '',
    Runtime: 'runc',
    Memory: 0,
    NanoCpus: 0,
    CpuQuota: 0,
    CpuPeriod: 0,
    PidsLimit: null,
    Devices: [],
    Mounts: null,
    MaskedPaths: MASKED,
  },
  Mounts: [],
  NetworkSettings: { Ports: {} },
};
const V1: EngineFacts = { cgroupVersion: '1', rootless: false, usernsRemap: false, defaultRuntime: 'runc' };

function variant(hostConfig: Partial<NonNullable<InspectForProfile['HostConfig']>>, rest: Partial<InspectForProfile> = {}): InspectForProfile {
  return { ...PLAIN, ...rest, HostConfig: { ...PLAIN.HostConfig, ...hostConfig } };
}

const PRIVILEGED = variant({ Privileged: true, SecurityOpt: ['label=disable'], MaskedPaths: null }, { Name: '/priv' });
const HOST_PID_SYS_ADMIN = variant({ PidMode: 'host', CapAdd: ['SYS_ADMIN'], SecurityOpt: ['label=disable'] });
const HARD = variant(
  { CapDrop: ['ALL'], ReadonlyRootfs: true, SecurityOpt: ['no-new-privileges'], Memory: 67108864, NanoCpus: 500000000, PidsLimit: 100 },
  { Config: { User: '65534:65534', Image: 'container-lens-test/busybox:1' } },
);
// docker create -p 127.0.0.1:8080:80 -p 9090:90/udp -p 7000 -v /var/run/docker.sock:/var/run/docker.sock
//   -v /etc:/host-etc:ro --mount type=bind,src=/tmp,dst=/t --device /dev/null:/dev/xnull
//   --security-opt seccomp=unconfined --security-opt apparmor=unconfined --security-opt label=disable
//   --ipc host --uts host --userns host --cgroupns host -v vol1:/data
const MISC = variant(
  {
    Binds: ['/var/run/docker.sock:/var/run/docker.sock', '/etc:/host-etc:ro', 'vol1:/data'],
    NetworkMode: 'default',
    PortBindings: { '7000/tcp': [{ HostIp: '', HostPort: '' }], '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }], '90/udp': [{ HostIp: '', HostPort: '9090' }] },
    IpcMode: 'host',
    UTSMode: 'host',
    UsernsMode: 'host',
    SecurityOpt: ['seccomp=unconfined', 'apparmor=unconfined', 'label=disable'],
    Devices: [{ PathOnHost: '/dev/null', PathInContainer: '/dev/xnull' }],
    Mounts: [{ Type: 'bind', Source: '/tmp', Target: '/t' }],
  },
  {
    AppArmorProfile: 'unconfined',
    Mounts: [
      { Type: 'bind', Source: '/tmp', Destination: '/t', RW: true },
      { Type: 'bind', Source: '/var/run/docker.sock', Destination: '/var/run/docker.sock', RW: true },
      { Type: 'bind', Source: '/etc', Destination: '/host-etc', RW: false },
      { Type: 'volume', Source: '/var/lib/docker/volumes/vol1/_data', Destination: '/data', RW: true },
    ],
    NetworkSettings: { Ports: { '7000/tcp': [{ HostIp: '0.0.0.0', HostPort: '49153' }] } },
  },
);

describe('profileFromInspect: levels', () => {
  const cases: [string, InspectForProfile, EngineFacts, IsolationLevel, string[]][] = [
    ['plain busybox (root, defaults)', PLAIN, V1, 'default-container', ['runs as root']],
    ['--privileged', PRIVILEGED, V1, 'privileged-container', ['privileged', 'runs as root']],
    ['--pid host --cap-add SYS_ADMIN', HOST_PID_SYS_ADMIN, V1, 'privileged-container', ['host PID + SYS_ADMIN', 'shares host PID', 'adds SYS_ADMIN', 'runs as root']],
    ['--pid host', variant({ PidMode: 'host', SecurityOpt: ['label=disable'] }), V1, 'weakened-container', ['shares host PID', 'runs as root']],
    ['--cap-add SYS_ADMIN', variant({ CapAdd: ['SYS_ADMIN'] }), V1, 'weakened-container', ['adds SYS_ADMIN', 'runs as root']],
    ['--cap-add CAP_NET_ADMIN (prefix)', variant({ CapAdd: ['CAP_NET_ADMIN'] }), V1, 'weakened-container', ['adds NET_ADMIN', 'runs as root']],
    ['--cap-add ALL', variant({ CapAdd: ['ALL'] }), V1, 'privileged-container', ['adds ALL capabilities', 'runs as root']],
    ['--network host', variant({ NetworkMode: 'host' }), V1, 'weakened-container', ['shares host network', 'runs as root']],
    ['--network container:x', variant({ NetworkMode: 'container:abc' }), V1, 'default-container', ['runs as root']],
    ['--read-only', variant({ ReadonlyRootfs: true }), V1, 'default-container', ['runs as root', 'read-only root']],
    ['--memory 64m', variant({ Memory: 67108864 }), V1, 'default-container', ['runs as root', 'limits']],
    ['hardened', HARD, V1, 'hardened-container', ['non-root', 'drops capabilities', 'no-new-privileges', 'read-only root', 'limits']],
    ['docker.sock and friends', MISC, V1, 'privileged-container', ['mounts docker.sock', 'shares host IPC', 'shares host UTS', 'mounts /etc', 'host devices', 'seccomp unconfined', 'AppArmor unconfined', 'runs as root']],
    ['--runtime runsc', variant({ Runtime: 'runsc' }), V1, 'sandboxed', ['runs as root', 'gVisor']],
    ['--runtime kata-runtime', variant({ Runtime: 'kata-runtime' }), V1, 'microvm', ['runs as root', 'micro-VM']],
    ['--cgroupns host on cgroup v2', variant({ CgroupnsMode: 'host' }), { cgroupVersion: '2' }, 'weakened-container', ['shares host cgroups', 'runs as root']],
    ['cgroup namespace unknown engine', variant({ CgroupnsMode: 'private' }), {}, 'default-container', ['runs as root']],
    ['--security-opt label=disable (asked for)', variant({ SecurityOpt: ['label=disable'] }), V1, 'weakened-container', ['SELinux off', 'runs as root']],
    ['--security-opt systempaths=unconfined', variant({ SecurityOpt: ['systempaths=unconfined'], MaskedPaths: [] }), V1, 'weakened-container', ['/proc unmasked', 'runs as root']],
    ['userns-remap daemon', PLAIN, { ...V1, usernsRemap: true }, 'default-container', ['runs as root', 'user namespace']],
    ['userns-remap daemon, --userns host', variant({ UsernsMode: 'host' }), { ...V1, usernsRemap: true }, 'weakened-container', ['host user namespace', 'runs as root']],
    ['--userns host without remapping (a no-op)', variant({ UsernsMode: 'host' }), V1, 'default-container', ['runs as root']],
  ];
  it.each(cases)('%s', (_name, inspect, facts, level, labels) => {
    const profile = profileFromInspect(inspect, facts);
    const placement = placeOnSpectrum(profile);
    expect(placement.level).toBe(level);
    expect(placement.reasons.map((r) => r.label)).toEqual(labels);
  });
});

describe('profileFromInspect: fields', () => {
  it('names the container and its image, id kept', () => {
    const p = profileFromInspect(PLAIN, V1);
    expect(p.subject).toEqual({ kind: 'container', name: 'plain', id: PLAIN.Id, image: 'container-lens-test/busybox:1' });
    expect(p.platform).toBe('docker');
    expect(summarize(p)).toBe('default container · runs as root');
  });

  it.each([
    ['', 'root', false],
    ['0', 'root', true],
    ['root:root', 'root', true],
    ['65534:65534', 'non-root', true],
    ['app', 'non-root', true],
  ] as const)('user %j → %s', (user, kind, explicit) => {
    const p = profileFromInspect({ ...PLAIN, Config: { User: user } }, V1);
    expect(p.user.kind).toBe(kind);
    expect(p.user.explicit).toBe(explicit);
  });

  it('privileged: every capability, seccomp/AppArmor/SELinux off', () => {
    const p = profileFromInspect(PRIVILEGED, V1);
    expect(p.privileged.value).toBe(true);
    expect(p.capabilities.effective.length).toBe(41);
    expect([p.seccomp.kind, p.apparmor.kind, p.selinux.kind]).toEqual(['disabled', 'disabled', 'disabled']);
    expect(p.procUnmasked).toBeUndefined();
  });

  it('the label=disable the engine adds for host PID is not counted as a choice', () => {
    const p = profileFromInspect(HOST_PID_SYS_ADMIN, V1);
    expect(p.selinux).toMatchObject({ kind: 'disabled', explicit: false });
    expect(p.capabilities.added).toEqual(['SYS_ADMIN']);
    expect(p.capabilities.dangerous).toEqual(['SYS_ADMIN']);
  });

  it('limits in readable units', () => {
    const p = profileFromInspect(HARD, V1);
    expect(p.limits).toEqual({
      memory: { value: '64MiB', source: '--memory' },
      cpu: { value: '0.5', source: '--cpus' },
      pids: { value: '100', source: '--pids-limit' },
    });
    const quota = profileFromInspect(variant({ CpuQuota: 150000, CpuPeriod: 0 }), V1);
    expect(quota.limits.cpu).toEqual({ value: '1.5', source: '--cpu-quota' });
    expect(profileFromInspect(variant({ PidsLimit: -1 }), V1).limits).toEqual({});
  });

  it('host paths from -v, --mount and the resolved mounts, once each; named volumes are not host paths', () => {
    const p = profileFromInspect(MISC, V1);
    expect(p.hostPaths).toEqual([
      { path: '/var/run/docker.sock', target: '/var/run/docker.sock', readOnly: false, sensitive: 'docker-socket' },
      { path: '/etc', target: '/host-etc', readOnly: true, sensitive: 'etc' },
      { path: '/tmp', target: '/t', readOnly: false },
    ]);
    expect(p.devices).toEqual([{ path: '/dev/null', target: '/dev/xnull' }]);
  });

  it('host ports: asked for, and the one the engine picked', () => {
    const p = profileFromInspect(MISC, V1);
    expect(p.hostPorts).toEqual([
      { port: '8080', containerPort: '80', hostIp: '127.0.0.1', protocol: 'tcp', allInterfaces: false },
      { port: '9090', containerPort: '90', protocol: 'udp', allInterfaces: true },
      { port: '49153', containerPort: '7000', protocol: 'tcp', allInterfaces: true },
    ]);
    expect(profileFromInspect(variant({ NetworkMode: 'host', PortBindings: { '80/tcp': [{ HostPort: '80' }] } }), V1).hostPorts).toEqual([]);
  });

  it('security options in both spellings; an inline seccomp profile is shortened', () => {
    const p = profileFromInspect(variant({ SecurityOpt: ['seccomp:{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[]}', 'no-new-privileges:true', 'apparmor:my-profile', 'label=type:spc_t'] }), V1);
    expect(p.seccomp).toMatchObject({ kind: 'custom', value: '(a profile passed inline as JSON)' });
    expect(p.noNewPrivileges.value).toBe(true);
    expect(p.apparmor).toMatchObject({ kind: 'custom', value: 'my-profile' });
    expect(p.selinux.kind).toBe('unconfined');
    expect(profileFromInspect(variant({ SecurityOpt: ['no-new-privileges=false'] }), V1).noNewPrivileges.value).toBe(false);
  });

  it('AppArmor as the engine applied it', () => {
    expect(profileFromInspect({ ...PLAIN, AppArmorProfile: 'docker-default' }, V1).apparmor).toMatchObject({ kind: 'default', value: 'docker-default', explicit: false });
    expect(profileFromInspect({ ...PLAIN, AppArmorProfile: '' }, V1).apparmor.why).toMatch(/does not use AppArmor/);
  });

  it('survives a created container of an old engine with fields missing', () => {
    const p = profileFromInspect({ Id: 'abcdef0123456789', Config: null, HostConfig: null });
    expect(p.subject.name).toBe('abcdef012345');
    expect(placeOnSpectrum(p).level).toBe('default-container');
  });

  it('runtime named by the engine: runc is the default, not a choice', () => {
    expect(profileFromInspect(PLAIN, V1).runtime).toMatchObject({ kind: 'runc', name: 'runc', explicit: false });
    expect(profileFromInspect(variant({ Runtime: 'crun' }), V1).runtime).toMatchObject({ kind: 'runc', explicit: true });
  });
});

describe('helpers', () => {
  it.each([
    ['/a:/b', { source: '/a', target: '/b', readOnly: false }],
    ['/a:/b:ro,z', { source: '/a', target: '/b', readOnly: true }],
    ['/a:/b:rw', { source: '/a', target: '/b', readOnly: false }],
    ['C:\\data:C:\\app:ro', { source: 'C:\\data', target: 'C:\\app', readOnly: true }],
    ['vol1:/data', undefined],
  ])('parseBind(%j)', (bind, expected) => {
    expect(parseBind(bind)).toEqual(expected);
  });

  it.each([
    [67108864, '64MiB'],
    [1536 * 1024 * 1024, '1.5GiB'],
    [100, '100B'],
    [6 * 1024 * 1024 + 1, '6MiB'],
  ])('formatBytes(%d) = %s', (n, text) => {
    expect(formatBytes(n)).toBe(text);
  });

  it('engineFactsFromInfo', () => {
    expect(engineFactsFromInfo({ CgroupVersion: '1', SecurityOptions: ['name=seccomp,profile=default'], DefaultRuntime: 'runc' })).toEqual({
      cgroupVersion: '1',
      rootless: false,
      usernsRemap: false,
      defaultRuntime: 'runc',
    });
    expect(engineFactsFromInfo({ SecurityOptions: ['name=seccomp,profile=default', 'name=rootless', 'name=cgroupns'] })).toMatchObject({ rootless: true, usernsRemap: false });
    expect(engineFactsFromInfo({ SecurityOptions: ['name=userns'] }).usernsRemap).toBe(true);
  });
});
