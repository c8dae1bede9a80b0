/**
 * The isolation profile of a container the engine already runs (or created), from `docker inspect`:
 * the same `IsolationProfile` the compose and Kubernetes views build, so the tree, the CLI and the
 * panel place a running container on the spectrum with the same rules as a file.
 *
 * Pure: the inspect JSON comes in as data (structurally typed here, because `core` imports nothing
 * from `src/docker`), and so do the few engine facts inspect does not carry (cgroup version, rootless,
 * user-namespace remapping; from `GET /info`).
 *
 * `explicit` means "the container was created asking for it": a value the engine would not have chosen
 * by itself. Engine defaults are `explicit: false`, which keeps the spectrum's wording the same as for
 * a file that leaves the setting out.
 */
import { computeCapabilities } from './capabilities';
import { classifyHostPath } from './host-paths';
import { classifyRuntime, defaultProfile, userKindOf } from './profile';
import type { IsolationProfile, LimitValue, NamespaceName, ProfileFlag, ProfileHostPath, RuntimeKind } from './profile';

/** The part of `GET /containers/{id}/json` a profile is built from. Any extra field is ignored. */
export interface InspectForProfile {
  Id?: string;
  /** With the engine's leading slash: `/web-1`. */
  Name?: string;
  AppArmorProfile?: string;
  ProcessLabel?: string;
  MountLabel?: string;
  Config?: {
    User?: string;
    Image?: string;
  } | null;
  HostConfig?: {
    Binds?: string[] | null;
    NetworkMode?: string;
    PortBindings?: Record<string, Array<{ HostIp?: string; HostPort?: string }> | null> | null;
    CapAdd?: string[] | null;
    CapDrop?: string[] | null;
    CgroupnsMode?: string;
    IpcMode?: string;
    PidMode?: string;
    UTSMode?: string;
    UsernsMode?: string;
    Privileged?: boolean;
    ReadonlyRootfs?: boolean;
    SecurityOpt?: string[] | null;
    Runtime?: string;
    Memory?: number;
    NanoCpus?: number;
    CpuQuota?: number;
    CpuPeriod?: number;
    PidsLimit?: number | null;
    Devices?: Array<{ PathOnHost?: string; PathInContainer?: string }> | null;
    Mounts?: Array<{ Type?: string; Source?: string; Target?: string; ReadOnly?: boolean }> | null;
    MaskedPaths?: string[] | null;
  } | null;
  /** The mounts as the engine resolved them (binds, `--mount` and volumes together). */
  Mounts?: Array<{ Type?: string; Source?: string; Destination?: string; RW?: boolean }> | null;
  NetworkSettings?: {
    Ports?: Record<string, Array<{ HostIp?: string; HostPort?: string }> | null> | null;
  } | null;
}

/** What the engine knows about itself that inspect does not repeat (`GET /info`). */
export interface EngineFacts {
  /** `CgroupVersion`: `1` or `2`. Decides what the default cgroup namespace mode means. */
  cgroupVersion?: string;
  /** `SecurityOptions` has `name=rootless`: the engine itself runs as an ordinary user. */
  rootless?: boolean;
  /** `SecurityOptions` has `name=userns`: the daemon remaps container users (`userns-remap`). */
  usernsRemap?: boolean;
  /** `DefaultRuntime` (`runc` unless configured). */
  defaultRuntime?: string;
}

/** `GET /info`'s answer → `EngineFacts`. */
export function engineFactsFromInfo(info: {
  CgroupVersion?: string;
  SecurityOptions?: string[] | null;
  DefaultRuntime?: string;
}): EngineFacts {
  const opts = (info.SecurityOptions ?? []).map((o) => o.toLowerCase());
  const has = (name: string) => opts.some((o) => o.split(',').includes(`name=${name}`));
  return {
    ...(info.CgroupVersion ? { cgroupVersion: String(info.CgroupVersion) } : {}),
    rootless: has('rootless'),
    usernsRemap: has('userns'),
    ...(info.DefaultRuntime ? { defaultRuntime: info.DefaultRuntime } : {}),
  };
}

function flag(value: boolean, why: string, explicit: boolean): ProfileFlag {
  return { value, why, explicit };
}

const PRIVILEGED_WHY =
  '--privileged gives it every capability and every host device, and switches off seccomp, AppArmor ' +
  'and the /proc and /sys masks';

const HOST_NAMESPACE_WHY: Record<NamespaceName, string> = {
  pid: "shares the host's PID namespace: it sees every process on the host and can signal them",
  network: "shares the host's network namespace: it can bind the host's ports and see its interfaces",
  ipc: "shares the host's IPC namespace: its shared memory and message queues",
  uts: "shares the host's UTS namespace: it can change the host's hostname",
  user: "opts out of the daemon's user remapping: uid 0 in the container is uid 0 on the host",
  cgroup: "shares the host's cgroup namespace: it sees the host's whole cgroup tree",
};

const HOST_ALL = new Set(['', '0.0.0.0', '::', '[::]']);

/** Bytes → `64MiB`, `1.5GiB`, `512KiB`, `100B`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const text = Number.isInteger(v) ? String(v) : v.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
  return `${text}${units[u]}`;
}

/** `0.5`, `2`, `1.25` CPUs. */
function formatCpus(cpus: number): string {
  return String(Math.round(cpus * 1000) / 1000);
}

/** `seccomp=unconfined`, `seccomp:unconfined`, `no-new-privileges`, `label=type:spc_t` → key and value. */
function parseSecurityOpt(opt: string): { key: string; value: string } {
  const m = /^([^:=]+)[:=]?([\s\S]*)$/.exec(opt.trim());
  return { key: (m?.[1] ?? '').trim().toLowerCase(), value: (m?.[2] ?? '').trim() };
}

/** A short form for an inline seccomp profile: the CLI sends the whole JSON file as the value. */
function shortValue(value: string): string {
  const v = value.trim();
  if (v.startsWith('{')) return '(a profile passed inline as JSON)';
  return v.length > 80 ? `${v.slice(0, 79)}…` : v;
}

/** `/src:/dst:ro,z` → source, target, read-only; named volumes (no leading slash) give undefined. */
export function parseBind(bind: string): { source: string; target?: string; readOnly: boolean } | undefined {
  // Windows sources (`C:\x:C:\y`) have a drive colon: split on colons that follow a non-drive part.
  const parts: string[] = [];
  let rest = bind;
  while (rest.length) {
    const drive = /^[A-Za-z]:[\\/]/.test(rest) ? 2 : 0;
    const i = rest.indexOf(':', drive);
    if (i < 0) {
      parts.push(rest);
      break;
    }
    parts.push(rest.slice(0, i));
    rest = rest.slice(i + 1);
  }
  const [source, target, options] = parts;
  if (!source || !(source.startsWith('/') || /^[A-Za-z]:[\\/]/.test(source) || source.startsWith('\\\\'))) return undefined;
  const readOnly = (options ?? '').split(',').some((o) => o.trim() === 'ro');
  return { source, ...(target ? { target } : {}), readOnly };
}

function hostPath(path: string, target: string | undefined, readOnly: boolean): ProfileHostPath {
  const sensitive = classifyHostPath(path);
  return { path, ...(target ? { target } : {}), readOnly, ...(sensitive ? { sensitive } : {}) };
}

function runtimeWhy(kind: RuntimeKind, name: string): string {
  switch (kind) {
    case 'gvisor':
      return `runtime ${name}: gVisor, a user-space kernel between the workload and the host's kernel`;
    case 'kata':
      return `runtime ${name}: Kata Containers, a lightweight VM with its own kernel`;
    case 'firecracker':
      return `runtime ${name}: Firecracker, a micro-VM with its own kernel`;
    case 'runc':
      return `runtime ${name}: an ordinary OCI runtime, a namespaced process on the shared kernel`;
    default:
      return `runtime ${name}: a runtime Container Lens does not know; treated like the default`;
  }
}

/**
 * The isolation profile of a container from its inspect JSON. Fields the engine leaves out (an old
 * engine, a created-but-never-started container) keep Docker's defaults.
 */
export function profileFromInspect(inspect: InspectForProfile, facts: EngineFacts = {}): IsolationProfile {
  const hc = inspect.HostConfig ?? {};
  const cfg = inspect.Config ?? {};
  const name = (inspect.Name ?? '').replace(/^\//, '') || (inspect.Id ?? '').slice(0, 12) || 'container';
  const p = defaultProfile(
    {
      kind: 'container',
      name,
      ...(inspect.Id ? { id: inspect.Id } : {}),
      ...(cfg.Image ? { image: cfg.Image } : {}),
    },
    'docker',
  );

  // User: Config.User is the container's own --user, or the image's USER merged in at create.
  const user = (cfg.User ?? '').trim();
  if (user === '') {
    p.user = { kind: 'root', value: 'root', why: 'neither the container nor its image sets a user, so it runs as root (uid 0)', explicit: false };
  } else {
    const kind = userKindOf(user);
    p.user = { kind, value: user, why: `user ${user}${kind === 'root' ? ' is root' : ''}`, explicit: true };
  }

  // Privileged
  const privileged = hc.Privileged === true;
  if (privileged) p.privileged = flag(true, PRIVILEGED_WHY, true);

  // Namespaces. `container:<id>` joins another container's namespace, which is not the host's.
  const ns = p.hostNamespaces;
  const isHost = (mode: string | undefined) => (mode ?? '').trim().toLowerCase() === 'host';
  const modes: [NamespaceName, string, string | undefined][] = [
    ['pid', '--pid', hc.PidMode],
    ['network', '--network', hc.NetworkMode],
    ['ipc', '--ipc', hc.IpcMode],
    ['uts', '--uts', hc.UTSMode],
  ];
  for (const [ns_, option, mode] of modes) {
    if (isHost(mode)) ns[ns_] = flag(true, `${option} host ${HOST_NAMESPACE_WHY[ns_]}`, true);
    else if (mode?.startsWith('container:')) {
      ns[ns_] = flag(false, `${option} ${mode}: it joins another container's namespace (not the host's)`, true);
    }
  }

  // User namespace: remapped by the daemon (rootless, userns-remap) unless the container opts out.
  const remapped = facts.rootless === true || facts.usernsRemap === true;
  if (isHost(hc.UsernsMode)) {
    ns.user = flag(
      true,
      remapped
        ? `--userns host ${HOST_NAMESPACE_WHY.user}`
        : '--userns host: no user namespace (the daemon does not remap users anyway): uid 0 in the container is uid 0 on the host',
      remapped,
    );
  } else if (facts.rootless) {
    ns.user = flag(false, 'the engine runs rootless: uid 0 in the container is the unprivileged user that runs the engine', true);
  } else if (facts.usernsRemap) {
    ns.user = flag(false, 'the daemon remaps users (userns-remap): uid 0 in the container is an unprivileged uid on the host', true);
  }

  // cgroup namespace: `host` is Docker's default on cgroup v1, where the engine bind-mounts only the
  // container's own cgroup directories at /sys/fs/cgroup; the namespace then hides no more than the path
  // names in /proc/self/cgroup. Counted as shared only where `private` is the default (v2) or unknown.
  const cgroupMode = (hc.CgroupnsMode ?? '').trim().toLowerCase();
  if (cgroupMode === 'host') {
    if (facts.cgroupVersion === '1') {
      ns.cgroup = flag(
        false,
        "the host's cgroup namespace, Docker's default on this cgroup v1 host: /sys/fs/cgroup still shows only its own cgroups, and /proc/self/cgroup shows their host path names",
        false,
      );
    } else {
      ns.cgroup = flag(true, `--cgroupns host ${HOST_NAMESPACE_WHY.cgroup}`, true);
    }
  } else if (cgroupMode === 'private') {
    ns.cgroup = flag(false, 'its own cgroup namespace', facts.cgroupVersion === '1');
  }

  // Capabilities
  const capAdd = hc.CapAdd ?? [];
  const capDrop = hc.CapDrop ?? [];
  if (capAdd.length || capDrop.length || privileged) {
    const caps = computeCapabilities(capAdd, capDrop, privileged);
    const parts: string[] = [];
    if (privileged) parts.push('--privileged: every capability');
    else if (caps.addedAll) parts.push('--cap-add ALL: every capability');
    else if (caps.droppedAll) parts.push(`--cap-drop ALL${caps.added.length ? `, then only ${caps.added.join(', ')}` : ': no capabilities'}`);
    else {
      if (caps.dropped.length) parts.push(`drops ${caps.dropped.join(', ')}`);
      if (caps.added.length) parts.push(`adds ${caps.added.join(', ')}`);
    }
    p.capabilities = { ...caps, why: parts.join('; ') || "the runtime's default set of 14 capabilities" };
  }

  // Security options. The engine adds `label=disable` by itself to privileged containers and to
  // those sharing the host's PID or IPC namespace; that one is not the user's choice.
  const autoLabelDisable = privileged || ns.pid.value || ns.ipc.value;
  for (const opt of hc.SecurityOpt ?? []) {
    const { key, value } = parseSecurityOpt(opt);
    const v = value.toLowerCase();
    const shown = shortValue(value);
    if (key === 'seccomp') {
      p.seccomp =
        v === 'unconfined'
          ? { kind: 'unconfined', value, why: '--security-opt seccomp=unconfined: every system call is allowed', explicit: true }
          : { kind: 'custom', value: shown, why: `its own seccomp profile ${shown}`, explicit: true };
    } else if (key === 'apparmor') {
      p.apparmor =
        v === 'unconfined'
          ? { kind: 'unconfined', value, why: '--security-opt apparmor=unconfined: no AppArmor profile', explicit: true }
          : { kind: 'custom', value: shown, why: `AppArmor profile ${shown}`, explicit: true };
    } else if (key === 'label') {
      if (v === 'disable' || v === 'disabled') {
        p.selinux = autoLabelDisable
          ? {
              kind: 'disabled',
              value,
              why: 'no SELinux separation: the engine switches it off for privileged containers and for those that share the host\'s PID or IPC namespace',
              explicit: false,
            }
          : { kind: 'disabled', value, why: '--security-opt label=disable: no SELinux separation', explicit: true };
      } else if (/type[:=]spc_t/.test(v)) {
        p.selinux = { kind: 'unconfined', value, why: 'the spc_t type ("super privileged container") is not confined by SELinux', explicit: true };
      } else {
        p.selinux = { kind: 'custom', value: shown, why: `SELinux label ${shown}`, explicit: true };
      }
    } else if (key === 'no-new-privileges') {
      const on = v === '' || v === 'true' || v === '1';
      p.noNewPrivileges = on
        ? { value: true, why: '--security-opt no-new-privileges: setuid programs cannot gain privileges', explicit: true }
        : { value: false, why: 'no-new-privileges is switched off', explicit: true };
    } else if (key === 'systempaths' && v === 'unconfined') {
      p.procUnmasked = flag(true, "--security-opt systempaths=unconfined: /proc and /sys without the runtime's masks", true);
    }
  }

  // What the engine applied when the options say nothing: AppArmorProfile / ProcessLabel of inspect.
  const appArmor = inspect.AppArmorProfile;
  if (!privileged && p.apparmor.kind === 'default') {
    if (appArmor === 'unconfined') {
      p.apparmor = { kind: 'unconfined', value: appArmor, why: 'the engine runs it without an AppArmor profile', explicit: true };
    } else if (appArmor) {
      p.apparmor = { kind: 'default', value: appArmor, why: `AppArmor profile ${appArmor}, the engine's default`, explicit: false };
    } else if (appArmor === '') {
      p.apparmor = { kind: 'default', why: 'this host does not use AppArmor, so no profile applies', explicit: false };
    }
  }
  if (p.selinux.kind === 'default' && inspect.ProcessLabel === '' && (inspect.MountLabel ?? '') === '') {
    p.selinux = { kind: 'default', why: 'this host does not enforce SELinux, so no label applies', explicit: false };
  }

  if (privileged) {
    const why = 'privileged containers run without it';
    if (p.seccomp.kind !== 'custom') p.seccomp = { kind: 'disabled', why: `seccomp: ${why}`, explicit: true };
    if (p.apparmor.kind !== 'custom') p.apparmor = { kind: 'disabled', why: `AppArmor: ${why}`, explicit: true };
    if (p.selinux.kind === 'default' || (p.selinux.kind === 'disabled' && !p.selinux.explicit)) {
      p.selinux = { kind: 'disabled', why: `SELinux: ${why}`, explicit: true };
    }
  } else if (Array.isArray(hc.MaskedPaths) && hc.MaskedPaths.length === 0 && !p.procUnmasked) {
    p.procUnmasked = flag(true, "no masked paths: /proc and /sys without the runtime's masks", true);
  }

  if (hc.ReadonlyRootfs === true) p.readOnlyRootfs = flag(true, '--read-only: the root filesystem is read-only', true);

  // Limits: 0 (and for pids null or -1) mean none.
  const memory: LimitValue | undefined = hc.Memory && hc.Memory > 0 ? { value: formatBytes(hc.Memory), source: '--memory' } : undefined;
  let cpu: LimitValue | undefined;
  if (hc.NanoCpus && hc.NanoCpus > 0) cpu = { value: formatCpus(hc.NanoCpus / 1e9), source: '--cpus' };
  else if (hc.CpuQuota && hc.CpuQuota > 0) {
    const period = hc.CpuPeriod && hc.CpuPeriod > 0 ? hc.CpuPeriod : 100_000;
    cpu = { value: formatCpus(hc.CpuQuota / period), source: '--cpu-quota' };
  }
  const pids: LimitValue | undefined = hc.PidsLimit && hc.PidsLimit > 0 ? { value: String(hc.PidsLimit), source: '--pids-limit' } : undefined;
  p.limits = { ...(memory ? { memory } : {}), ...(cpu ? { cpu } : {}), ...(pids ? { pids } : {}) };

  p.devices = (hc.Devices ?? [])
    .filter((d) => d.PathOnHost)
    .map((d) => ({ path: d.PathOnHost as string, ...(d.PathInContainer ? { target: d.PathInContainer } : {}) }));

  // Host paths: -v binds, --mount type=bind, and whatever else the engine resolved to a bind.
  const paths = new Map<string, ProfileHostPath>();
  const add = (h: ProfileHostPath) => {
    const key = h.target ?? h.path;
    if (!paths.has(key)) paths.set(key, h);
  };
  for (const bind of hc.Binds ?? []) {
    const b = parseBind(bind);
    if (b) add(hostPath(b.source, b.target, b.readOnly));
  }
  for (const m of hc.Mounts ?? []) {
    if ((m.Type ?? '').toLowerCase() === 'bind' && m.Source) add(hostPath(m.Source, m.Target, m.ReadOnly === true));
  }
  for (const m of inspect.Mounts ?? []) {
    if ((m.Type ?? '').toLowerCase() === 'bind' && m.Source) add(hostPath(m.Source, m.Destination, m.RW === false));
  }
  p.hostPaths = [...paths.values()];

  // Host ports: what was asked for; a port the engine picked is read from NetworkSettings once it runs.
  if (!ns.network.value) {
    const actual = inspect.NetworkSettings?.Ports ?? {};
    const ports = Object.entries(hc.PortBindings ?? {}).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
    for (const [key, bindings] of ports) {
      const [containerPort, protocol] = key.split('/');
      (bindings ?? []).forEach((b, i) => {
        const hostIp = (b.HostIp ?? '').trim();
        const picked = b.HostPort ? undefined : actual[key]?.[i]?.HostPort;
        const port = b.HostPort || picked || undefined;
        p.hostPorts.push({
          ...(port ? { port } : {}),
          ...(containerPort ? { containerPort } : {}),
          ...(hostIp ? { hostIp } : {}),
          ...(protocol ? { protocol } : {}),
          allInterfaces: HOST_ALL.has(hostIp),
        });
      });
    }
  }

  // Runtime: named on every container (`runc` unless another was asked for or configured).
  const runtime = (hc.Runtime ?? '').trim();
  if (runtime) {
    const kind = classifyRuntime(runtime);
    const isDefault = runtime === (facts.defaultRuntime ?? 'runc');
    p.runtime = { kind, name: runtime, why: runtimeWhy(kind, runtime), explicit: !isDefault || kind !== 'runc' };
  }
  return p;
}
