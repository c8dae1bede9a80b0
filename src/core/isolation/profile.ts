import type { ComposeModel, ComposeService } from '../compose/model';
import { parseImageRef } from '../dockerfile/image-ref';
import { lookupImage } from '../knowledge/images';
import type { ContainerRole, K8sContainer, KubernetesModel } from '../kubernetes/model';
import type { Range } from '../text/range';
import type { Located } from '../yaml/read';
import { computeCapabilities } from './capabilities';
import { classifyHostPath } from './host-paths';
import type { SensitiveHostPath } from './host-paths';

/**
 * One model of "what separates this workload from the host", whatever it was written in:
 * a compose service, a Kubernetes container, a Dockerfile's final stage, or a running container
 * (`docker inspect`). Every field says why it has its value and, when a file decided it, where.
 */
export interface IsolationProfile {
  subject: ProfileSubject;
  /** Which engine's defaults fill what the source leaves unset. */
  platform: 'docker' | 'kubernetes';
  user: ProfileUser;
  privileged: ProfileFlag;
  hostNamespaces: HostNamespaces;
  capabilities: ProfileCapabilities;
  seccomp: Confinement;
  apparmor: Confinement;
  selinux: Confinement;
  noNewPrivileges: ProfileTriState;
  readOnlyRootfs: ProfileFlag;
  limits: ProfileLimits;
  devices: ProfileDevice[];
  hostPaths: ProfileHostPath[];
  hostPorts: ProfileHostPort[];
  runtime: ProfileRuntime;
  /** Kubernetes only: is the service-account token mounted into the container? */
  serviceAccountToken?: ProfileFlag;
  /** Windows HostProcess container: a process on the host in all but name. */
  hostProcess?: ProfileFlag;
  /** Kubernetes `procMount: Unmasked`: /proc without the runtime's masks. */
  procUnmasked?: ProfileFlag;
}

export type SubjectKind = 'compose-service' | 'k8s-container' | 'dockerfile-stage' | 'container';

export interface ProfileSubject {
  kind: SubjectKind;
  /** Service name, container name, stage name (or `stage 2`), or running container name. */
  name: string;
  /** What it belongs to: `Deployment/web` for a Kubernetes container. */
  owner?: string;
  /** Kubernetes: container, init container or ephemeral container. */
  role?: ContainerRole;
  image?: string;
  /** Where the subject is defined (service key, container map, FROM line). */
  range?: Range;
  /** A running container's id. */
  id?: string;
  /**
   * A Dockerfile stage other than the last: it becomes an image someone runs only when a build picks it with
   * `--target`.
   */
  buildStage?: boolean;
  /** A named Dockerfile stage: the name `docker build --target` takes (an unnamed stage has none). */
  target?: string;
}

/** Every field explains itself; `range` is where a file decided it; `explicit` when it was written. */
export interface Explained {
  why: string;
  range?: Range;
  explicit: boolean;
}

export interface ProfileUser extends Explained {
  kind: 'root' | 'non-root' | 'unknown';
  /** As written (`1000:1000`, `app`) or as the image defines it. */
  value?: string;
}

export interface ProfileFlag extends Explained {
  value: boolean;
}

export interface ProfileTriState extends Explained {
  value: boolean | 'unknown';
}

export interface HostNamespaces {
  pid: ProfileFlag;
  network: ProfileFlag;
  ipc: ProfileFlag;
  uts: ProfileFlag;
  /**
   * True when the container uses the host's user namespace (root inside is root outside). That is
   * Docker's and Kubernetes' default; `explicit` says a file asked for it (`userns_mode: host`).
   */
  user: ProfileFlag;
  cgroup: ProfileFlag;
}

export type NamespaceName = keyof HostNamespaces;

export interface ProfileCapabilities {
  /** Normalised (`SYS_ADMIN`, no `CAP_`), as written otherwise; may contain `ALL`. */
  added: string[];
  dropped: string[];
  /** What the process gets, against Docker's default set of 14. */
  effective: string[];
  /** Effective capabilities beyond the default set that give power over the kernel or host. */
  dangerous: string[];
  addedAll: boolean;
  droppedAll: boolean;
  why: string;
  range?: Range;
}

export type ConfinementKind = 'default' | 'unconfined' | 'custom' | 'disabled';

/** seccomp, AppArmor or SELinux. */
export interface Confinement extends Explained {
  kind: ConfinementKind;
  /** A profile path / name / label as written. */
  value?: string;
}

export interface LimitValue {
  /** As written: `512M`, `0.5`, `100`. */
  value: string;
  /** The key that set it: `mem_limit`, `deploy.resources.limits.memory`, `resources.limits.cpu`. */
  source: string;
  range?: Range;
}

export interface ProfileLimits {
  memory?: LimitValue;
  cpu?: LimitValue;
  pids?: LimitValue;
}

export interface ProfileDevice {
  path: string;
  target?: string;
  range?: Range;
}

export interface ProfileHostPath {
  path: string;
  /** Where it appears in the container. */
  target?: string;
  readOnly: boolean;
  sensitive?: SensitiveHostPath;
  range?: Range;
}

export interface ProfileHostPort {
  /** Host port or range; undefined when the engine picks one. */
  port?: string;
  containerPort?: string;
  hostIp?: string;
  protocol?: string;
  /** Bound on every interface of the host (no host address, `0.0.0.0` or `::`). */
  allInterfaces: boolean;
  range?: Range;
}

export type RuntimeKind = 'runc' | 'gvisor' | 'kata' | 'firecracker' | 'other';

export interface ProfileRuntime extends Explained {
  kind: RuntimeKind;
  /** As written (`runsc`, `kata-qemu`, a RuntimeClass name); undefined for the default runtime. */
  name?: string;
}

/** Names of runtimes and RuntimeClasses → the isolation technology behind them (by convention). */
export function classifyRuntime(name: string): RuntimeKind {
  const n = name.trim().toLowerCase();
  if (/runsc|gvisor/.test(n)) return 'gvisor';
  if (n.startsWith('kata') || n.includes('.kata')) return 'kata';
  if (/firecracker|^fc$/.test(n)) return 'firecracker';
  if (/^(runc|crun|youki|nvidia|io\.containerd\.runc)/.test(n) || n === '' || n === 'default') return 'runc';
  return 'other';
}

const rangeOf = (l: Located<unknown> | undefined): Range | undefined => l?.pairRange ?? l?.range;

function flag(value: boolean, why: string, explicit = false, range?: Range): ProfileFlag {
  return { value, why, explicit, ...(range ? { range } : {}) };
}

/**
 * A container's profile when nothing is written: Docker's defaults, or the kubelet's where they
 * differ (seccomp, user namespace, service-account token). Builders start from here.
 */
export function defaultProfile(subject: ProfileSubject, platform: 'docker' | 'kubernetes' = 'docker'): IsolationProfile {
  const k8s = platform === 'kubernetes';
  const caps = computeCapabilities([], []);
  return {
    subject,
    platform,
    user: { kind: 'unknown', why: 'no user is set, so the image decides (most images run as root)', explicit: false },
    privileged: flag(false, 'not privileged'),
    hostNamespaces: {
      pid: flag(false, 'own PID namespace: it sees only its own processes'),
      network: flag(false, 'own network namespace: its own interfaces and ports'),
      ipc: flag(false, 'own IPC namespace'),
      uts: flag(false, 'own UTS namespace: its own hostname'),
      user: flag(
        true,
        k8s
          ? 'no user namespace (hostUsers is not false): uid 0 in the container is uid 0 on the node'
          : 'no user namespace unless the daemon remaps users (userns-remap) or runs rootless: uid 0 in the container is uid 0 on the host',
      ),
      cgroup: flag(false, 'own cgroup namespace (the default with cgroup v2)'),
    },
    capabilities: { ...caps, why: "the runtime's default set of 14 capabilities" },
    seccomp: k8s
      ? {
          kind: 'unconfined',
          why: 'no seccompProfile: the kubelet runs containers Unconfined unless it was started with --seccomp-default',
          explicit: false,
        }
      : { kind: 'default', why: "Docker's default seccomp profile blocks about 44 system calls", explicit: false },
    apparmor: { kind: 'default', why: "the runtime's default AppArmor profile, on hosts that have AppArmor", explicit: false },
    selinux: { kind: 'default', why: "the runtime's default SELinux label, on hosts that enforce SELinux", explicit: false },
    noNewPrivileges: k8s
      ? { value: false, why: 'allowPrivilegeEscalation is not set, so it is allowed (setuid programs can gain privileges)', explicit: false }
      : { value: false, why: 'no-new-privileges is not set: setuid programs can gain privileges', explicit: false },
    readOnlyRootfs: flag(false, 'the root filesystem is writable'),
    limits: {},
    devices: [],
    hostPaths: [],
    hostPorts: [],
    runtime: { kind: 'runc', why: 'the default runtime (runc or a compatible one): a namespaced process on the shared kernel', explicit: false },
    ...(k8s
      ? { serviceAccountToken: flag(true, 'the service-account token is mounted unless the pod or its service account opts out') }
      : {}),
  };
}

/** `root`, `0`, `0:0`, `root:wheel` are root; a name or uid otherwise is not; `${UID}` is unknown. */
export function userKindOf(user: string): 'root' | 'non-root' | 'unknown' {
  const u = user.trim();
  if (u === '' || /\$/.test(u)) return 'unknown';
  const name = u.split(':')[0];
  return name === 'root' || name === '0' ? 'root' : 'non-root';
}

function userFromImage(image: string | undefined): ProfileUser | undefined {
  if (!image || /\$/.test(image)) return undefined;
  const facts = lookupImage(parseImageRef(image));
  if (facts.runsAsRoot === true) {
    return { kind: 'root', value: 'root', why: `no user is set and ${facts.label} runs as root by default`, explicit: false };
  }
  if (facts.runsAsRoot === false) {
    return {
      kind: 'non-root',
      value: facts.defaultUser,
      why: `no user is set and ${facts.label} runs as ${facts.defaultUser ?? 'a non-root user'} by default`,
      explicit: false,
    };
  }
  return undefined;
}

const COMPOSE_HOST_NAMESPACE: Record<NamespaceName, string> = {
  pid: "shares the host's PID namespace: it sees every process on the host and can signal them",
  network: "shares the host's network namespace: it can bind the host's ports and see its interfaces",
  ipc: "shares the host's IPC namespace: its shared memory and message queues",
  uts: "shares the host's UTS namespace: it can change the host's hostname",
  user: "opts out of the daemon's user remapping: uid 0 in the container is uid 0 on the host",
  cgroup: "shares the host's cgroup namespace: it sees the host's whole cgroup tree",
};

const K8S_HOST_NAMESPACE: Partial<Record<NamespaceName, string>> = {
  pid: "shares the node's PID namespace: it sees every process on the node and can signal them",
  network: "shares the node's network namespace: it can bind the node's ports and see its interfaces",
  ipc: "shares the node's IPC namespace: its shared memory and message queues",
};

const PRIVILEGED_WHY =
  'privileged: true gives it every capability and every host device, and switches off seccomp, AppArmor ' +
  'and the /proc and /sys masks';

const HOST_ALL = new Set(['', '0.0.0.0', '::', '[::]', '*']);

function parseSecurityOpt(opt: string): { key: string; value: string } {
  const m = /^([^:=]+)[:=]?(.*)$/.exec(opt.trim());
  return { key: (m?.[1] ?? '').trim().toLowerCase(), value: (m?.[2] ?? '').trim() };
}

export interface ComposeProfileOptions {
  /** The effective user of the Dockerfile this service builds, when the caller knows it. */
  baseUser?: ProfileUser;
}

/** The isolation profile of a compose service, Docker's defaults filling what it does not set. */
export function profileFromCompose(service: ComposeService, options: ComposeProfileOptions = {}): IsolationProfile {
  const p = defaultProfile(
    {
      kind: 'compose-service',
      name: service.name,
      range: service.keyRange,
      ...(service.image?.value ? { image: service.image.value } : {}),
    },
    'docker',
  );

  // User
  if (service.user?.value !== undefined) {
    const kind = userKindOf(service.user.value);
    p.user = {
      kind,
      value: service.user.value,
      why:
        kind === 'unknown'
          ? `user: ${service.user.value} is decided when compose runs`
          : `user: ${service.user.value}${kind === 'root' ? ' is root' : ''}`,
      explicit: true,
      range: rangeOf(service.user),
    };
  } else if (options.baseUser) {
    p.user = options.baseUser;
  } else {
    const fromImage = userFromImage(service.image?.value);
    if (fromImage) p.user = { ...fromImage, ...(service.image ? { range: rangeOf(service.image) } : {}) };
    else if (service.build && !service.image) {
      p.user = { kind: 'unknown', why: 'no user is set, so the USER of the Dockerfile it builds decides', explicit: false };
    }
  }

  // Privileged
  const privileged = service.privileged?.value === true;
  if (service.privileged) {
    p.privileged = flag(
      privileged,
      privileged
        ? PRIVILEGED_WHY
        : service.privileged.value === false
          ? 'privileged: false'
          : `privileged: ${service.privileged.text} is decided when compose runs`,
      true,
      rangeOf(service.privileged),
    );
  }

  // Namespaces: `host` shares the host's; anything else (`service:db`, `private`) does not.
  const ns = p.hostNamespaces;
  const namespaceKeys: [NamespaceName, string, Located<string | undefined> | undefined][] = [
    ['pid', 'pid', service.pid],
    ['network', 'network_mode', service.networkMode],
    ['ipc', 'ipc', service.ipc],
    ['uts', 'uts', service.uts],
    ['user', 'userns_mode', service.usernsMode],
    ['cgroup', 'cgroup', service.cgroup],
  ];
  for (const [name, key, l] of namespaceKeys) {
    if (!l) continue;
    const host = l.value?.trim().toLowerCase() === 'host';
    // `userns_mode` other than host leaves the daemon's choice (remapped or not) in place.
    const value = host || (name === 'user' && ns.user.value);
    ns[name] = flag(value, host ? `${key}: host ${COMPOSE_HOST_NAMESPACE[name]}` : `${key}: ${l.text}`, true, rangeOf(l));
  }

  // Capabilities
  if (service.capAdd.length || service.capDrop.length || privileged) {
    const caps = computeCapabilities(
      service.capAdd.map((c) => c.value),
      service.capDrop.map((c) => c.value),
      privileged,
    );
    const first = service.capAdd[0] ?? service.capDrop[0];
    p.capabilities = {
      ...caps,
      why: privileged
        ? 'privileged: every capability'
        : capabilityWhy(caps.addedAll, caps.droppedAll, caps.added, caps.dropped, 'cap_add', 'cap_drop'),
      ...(first ? { range: first.range } : {}),
    };
  }

  // Security options
  for (const opt of service.securityOpt) {
    const { key, value } = parseSecurityOpt(opt.value);
    const v = value.toLowerCase();
    if (key === 'seccomp') {
      p.seccomp =
        v === 'unconfined'
          ? { kind: 'unconfined', value, why: 'seccomp:unconfined: every system call is allowed', explicit: true, range: opt.range }
          : { kind: 'custom', value, why: `seccomp profile ${value}`, explicit: true, range: opt.range };
    } else if (key === 'apparmor') {
      p.apparmor =
        v === 'unconfined'
          ? { kind: 'unconfined', value, why: 'apparmor:unconfined: no AppArmor profile', explicit: true, range: opt.range }
          : { kind: 'custom', value, why: `AppArmor profile ${value}`, explicit: true, range: opt.range };
    } else if (key === 'label') {
      if (v === 'disable' || v === 'disabled') {
        p.selinux = { kind: 'disabled', value, why: 'label:disable switches SELinux separation off', explicit: true, range: opt.range };
      } else if (/type[:=]spc_t/.test(v)) {
        const why = 'the spc_t type ("super privileged container") is not confined by SELinux';
        p.selinux = { kind: 'unconfined', value, why, explicit: true, range: opt.range };
      } else {
        p.selinux = { kind: 'custom', value, why: `SELinux label ${value}`, explicit: true, range: opt.range };
      }
    } else if (key === 'no-new-privileges') {
      const on = v === '' || v === 'true' || v === '1';
      p.noNewPrivileges = {
        value: on,
        why: on ? 'no-new-privileges: setuid programs cannot gain privileges' : 'no-new-privileges is switched off',
        explicit: true,
        range: opt.range,
      };
    }
  }
  if (privileged) {
    const why = 'privileged containers run without it';
    p.seccomp = { kind: 'disabled', why: `seccomp: ${why}`, explicit: true, range: p.privileged.range };
    p.apparmor = { kind: 'disabled', why: `AppArmor: ${why}`, explicit: true, range: p.privileged.range };
    if (p.selinux.kind === 'default') p.selinux = { kind: 'disabled', why: `SELinux: ${why}`, explicit: true, range: p.privileged.range };
  }

  if (service.readOnly) {
    const ro = service.readOnly.value === true;
    const why = ro ? 'read_only: true: the root filesystem is read-only' : 'read_only is not true: the root filesystem is writable';
    p.readOnlyRootfs = flag(ro, why, true, rangeOf(service.readOnly));
  }

  // Limits: the service-level keys win over deploy.resources.limits, as compose does.
  const limit = (pairs: [Located<string | undefined> | undefined, string][]): LimitValue | undefined => {
    for (const [l, source] of pairs) if (l?.value !== undefined) return { value: l.value, source, range: rangeOf(l) };
    return undefined;
  };
  const memory = limit([[service.memLimit, 'mem_limit'], [service.deployLimits.memory, 'deploy.resources.limits.memory']]);
  const cpu = limit([[service.cpus, 'cpus'], [service.deployLimits.cpus, 'deploy.resources.limits.cpus'], [service.cpuQuota, 'cpu_quota']]);
  const pids = limit([[service.pidsLimit, 'pids_limit'], [service.deployLimits.pids, 'deploy.resources.limits.pids']]);
  p.limits = { ...(memory ? { memory } : {}), ...(cpu ? { cpu } : {}), ...(pids ? { pids } : {}) };

  p.devices = service.devices.map((d) => ({ path: d.source, ...(d.target ? { target: d.target } : {}), range: d.range }));
  p.hostPaths = service.volumes
    .filter((v) => v.type === 'bind' && v.source !== undefined)
    .map((v) => {
      const sensitive = classifyHostPath(v.source as string);
      const target = v.target ? { target: v.target } : {};
      return { path: v.source as string, ...target, readOnly: v.readOnly, ...(sensitive ? { sensitive } : {}), range: v.range };
    });
  if (!ns.network.value) {
    p.hostPorts = service.ports.map((port) => ({
      ...(port.published ? { port: port.published } : {}),
      ...(port.target ? { containerPort: port.target } : {}),
      ...(port.hostIp ? { hostIp: port.hostIp } : {}),
      ...(port.protocol ? { protocol: port.protocol } : {}),
      allInterfaces: HOST_ALL.has((port.hostIp ?? '').trim()),
      range: port.range,
    }));
  }

  if (service.runtime?.value) {
    const kind = classifyRuntime(service.runtime.value);
    const why = runtimeWhy(kind, `runtime: ${service.runtime.value}`);
    p.runtime = { kind, name: service.runtime.value, why, explicit: true, range: rangeOf(service.runtime) };
  }
  return p;
}

function capabilityWhy(addedAll: boolean, droppedAll: boolean, added: string[], dropped: string[], addKey: string, dropKey: string): string {
  const parts: string[] = [];
  if (addedAll) parts.push(`${addKey} ALL: every capability`);
  else if (droppedAll) parts.push(`${dropKey} ALL${added.length ? `, then only ${added.join(', ')}` : ': no capabilities'}`);
  else {
    if (dropped.length) parts.push(`drops ${dropped.join(', ')}`);
    if (added.length) parts.push(`adds ${added.join(', ')}`);
  }
  return parts.join('; ') || "the runtime's default set of 14 capabilities";
}

function runtimeWhy(kind: RuntimeKind, written: string): string {
  switch (kind) {
    case 'gvisor':
      return `${written}: gVisor, a user-space kernel between the workload and the host's kernel`;
    case 'kata':
      return `${written}: Kata Containers, each pod in a lightweight VM with its own kernel`;
    case 'firecracker':
      return `${written}: Firecracker, a micro-VM with its own kernel`;
    case 'runc':
      return `${written}: an ordinary OCI runtime, a namespaced process on the shared kernel`;
    default:
      return `${written}: a runtime Container Lens does not know; treated like the default`;
  }
}

/** `Deployment/web` (or the kind alone when unnamed). */
function ownerName(container: K8sContainer): string {
  const o = container.pod.owner;
  return o.name?.value ? `${o.kind.value}/${o.name.value}` : o.kind.value;
}

/**
 * The isolation profile of a Kubernetes container: its effective securityContext (container over
 * pod) and the pod's host namespaces, volumes and runtime class, the kubelet's defaults filling the rest.
 */
export function profileFromKubernetes(container: K8sContainer): IsolationProfile {
  const pod = container.pod;
  const eff = container.effective;
  const name = container.name?.value ?? `${container.role}[${container.index}]`;
  const p = defaultProfile(
    {
      kind: 'k8s-container',
      name,
      owner: ownerName(container),
      role: container.role,
      range: container.name?.range ?? container.range,
      ...(container.image?.value ? { image: container.image.value } : {}),
    },
    'kubernetes',
  );
  const where = (source: string) => (source === 'pod' ? "the pod's securityContext" : "the container's securityContext");

  // User: runAsUser wins; runAsNonRoot makes the kubelet refuse uid 0; else the image decides.
  const uid = eff.runAsUser;
  if (uid.source !== 'unset' && uid.value !== undefined) {
    const root = uid.value === 0;
    const conflict = root && eff.runAsNonRoot.value === true;
    p.user = {
      kind: root ? 'root' : 'non-root',
      value: String(uid.value),
      why: conflict
        ? `runAsUser: 0 in ${where(uid.source)} while runAsNonRoot is true: the kubelet refuses to start it`
        : `runAsUser: ${uid.value} in ${where(uid.source)}`,
      explicit: true,
      range: uid.range,
    };
  } else if (eff.runAsNonRoot.value === true) {
    p.user = {
      kind: 'non-root',
      why: `runAsNonRoot: true in ${where(eff.runAsNonRoot.source)}: the kubelet refuses to start it as uid 0`,
      explicit: true,
      range: eff.runAsNonRoot.range,
    };
  } else {
    const fromImage = userFromImage(container.image?.value);
    if (fromImage) p.user = { ...fromImage, ...(container.image ? { range: rangeOf(container.image) } : {}) };
    else {
      const why = 'no runAsUser or runAsNonRoot, so the image decides (most images run as root)';
      p.user = { kind: 'unknown', why, explicit: false };
    }
  }

  const privileged = eff.privileged.value === true;
  if (eff.privileged.source !== 'unset') {
    p.privileged = flag(
      privileged,
      privileged ? PRIVILEGED_WHY : 'privileged: false',
      true,
      eff.privileged.range,
    );
  }
  if (eff.windowsHostProcess.value === true) {
    const why = 'windowsOptions.hostProcess: true runs it as a process on the Windows node, with no container boundary';
    p.hostProcess = flag(true, why, true, eff.windowsHostProcess.range);
  }
  if (eff.procMount.value !== undefined && eff.procMount.value !== 'Default') {
    p.procUnmasked = flag(
      eff.procMount.value === 'Unmasked',
      `procMount: ${eff.procMount.value}${eff.procMount.value === 'Unmasked' ? ": /proc without the runtime's masks" : ''}`,
      true,
      eff.procMount.range,
    );
  }

  const ns = p.hostNamespaces;
  const podKeys: [NamespaceName, string, Located<boolean | undefined> | undefined][] = [
    ['pid', 'hostPID', pod.hostPID],
    ['network', 'hostNetwork', pod.hostNetwork],
    ['ipc', 'hostIPC', pod.hostIPC],
  ];
  for (const [name, key, l] of podKeys) {
    if (!l) continue;
    const on = l.value === true;
    ns[name] = flag(on, on ? `${key}: true ${K8S_HOST_NAMESPACE[name]}` : `${key}: false`, true, rangeOf(l));
    // The kubelet puts a hostNetwork pod in the node's UTS namespace as well.
    if (name === 'network' && on) ns.uts = flag(true, "hostNetwork: true also shares the node's UTS namespace (its hostname)", true, rangeOf(l));
  }
  if (pod.hostUsers) {
    const shared = pod.hostUsers.value !== false;
    const why = shared
      ? 'hostUsers: true: no user namespace, uid 0 in the container is uid 0 on the node'
      : 'hostUsers: false: its own user namespace, so uid 0 inside maps to an unprivileged uid on the node';
    ns.user = flag(shared, why, true, rangeOf(pod.hostUsers));
  }

  const caps = computeCapabilities(
    eff.capabilities.add.map((c) => c.value),
    eff.capabilities.drop.map((c) => c.value),
    privileged,
  );
  p.capabilities = {
    ...caps,
    why: privileged
      ? 'privileged: every capability'
      : capabilityWhy(caps.addedAll, caps.droppedAll, caps.added, caps.dropped, 'capabilities.add', 'capabilities.drop'),
    ...(eff.capabilities.range ? { range: eff.capabilities.range } : {}),
  };

  // seccomp / AppArmor / SELinux
  const confinement = (kind: ConfinementKind, value: string | undefined, why: string, range?: Range): Confinement => ({
    kind,
    ...(value !== undefined ? { value } : {}),
    why,
    explicit: true,
    ...(range ? { range } : {}),
  });
  const sec = eff.seccompProfile;
  if (sec.source !== 'unset') {
    const at = sec.source === 'annotation' ? 'a seccomp annotation' : where(sec.source);
    const profile = sec.localhostProfile ? ` ${sec.localhostProfile}` : '';
    if (sec.type === 'RuntimeDefault') {
      p.seccomp = confinement('default', sec.type, `seccompProfile RuntimeDefault in ${at}: the runtime's default profile`, sec.range);
    } else if (sec.type === 'Localhost') {
      p.seccomp = confinement('custom', sec.localhostProfile, `seccompProfile Localhost${profile} in ${at}`, sec.range);
    } else if (sec.type === 'Unconfined') {
      p.seccomp = confinement('unconfined', sec.type, `seccompProfile Unconfined in ${at}: every system call is allowed`, sec.range);
    } else {
      const why = `seccompProfile ${sec.type ?? '(no type)'} in ${at} is not one the kubelet knows`;
      p.seccomp = confinement('unconfined', sec.type, why, sec.range);
    }
  }
  const aa = eff.appArmorProfile;
  if (aa.source !== 'unset') {
    const at = aa.source === 'annotation' ? 'an AppArmor annotation' : where(aa.source);
    const profile = aa.localhostProfile ? ` ${aa.localhostProfile}` : '';
    if (aa.type === 'Unconfined') p.apparmor = confinement('unconfined', aa.type, `AppArmor Unconfined in ${at}`, aa.range);
    else if (aa.type === 'Localhost') p.apparmor = confinement('custom', aa.localhostProfile, `AppArmor profile${profile} in ${at}`, aa.range);
    else {
      const why = `AppArmor ${aa.type ?? 'RuntimeDefault'} in ${at}: the runtime's default profile`;
      p.apparmor = confinement('default', aa.type, why, aa.range);
    }
  }
  const se = eff.seLinuxOptions;
  if (se.source !== 'unset' && se.value) {
    if (se.value.type === 'spc_t') {
      const why = 'seLinuxOptions type spc_t ("super privileged container") is not confined by SELinux';
      p.selinux = confinement('unconfined', 'spc_t', why, se.range);
    } else {
      const label = [se.value.user, se.value.role, se.value.type, se.value.level].filter(Boolean).join(':');
      p.selinux = confinement('custom', label, `seLinuxOptions in ${where(se.source)}`, se.range);
    }
  }
  if (privileged) {
    const why = 'privileged containers run without it';
    if (p.seccomp.kind !== 'custom') p.seccomp = { kind: 'disabled', why: `seccomp: ${why}`, explicit: true, range: p.privileged.range };
    if (p.apparmor.kind !== 'custom') p.apparmor = { kind: 'disabled', why: `AppArmor: ${why}`, explicit: true, range: p.privileged.range };
  }

  // no-new-privileges is what allowPrivilegeEscalation: false sets; privileged or SYS_ADMIN force escalation on.
  const ape = eff.allowPrivilegeEscalation;
  if (privileged || caps.effective.includes('SYS_ADMIN')) {
    p.noNewPrivileges = {
      value: false,
      why: `${privileged ? 'privileged' : 'CAP_SYS_ADMIN'} always allows privilege escalation, whatever allowPrivilegeEscalation says`,
      explicit: true,
      range: privileged ? p.privileged.range : p.capabilities.range,
    };
  } else if (ape.source !== 'unset') {
    p.noNewPrivileges =
      ape.value === false
        ? {
            value: true,
            why: 'allowPrivilegeEscalation: false sets no-new-privileges: setuid programs cannot gain privileges',
            explicit: true,
            range: ape.range,
          }
        : { value: false, why: 'allowPrivilegeEscalation: true: setuid programs can gain privileges', explicit: true, range: ape.range };
  }

  const ro = eff.readOnlyRootFilesystem;
  if (ro.source !== 'unset') {
    const on = ro.value === true;
    const why = on ? 'readOnlyRootFilesystem: true' : 'readOnlyRootFilesystem is not true: the root filesystem is writable';
    p.readOnlyRootfs = flag(on, why, true, ro.range);
  }

  const lim = container.resources.limits;
  const limit = (key: string): LimitValue | undefined => {
    const l = lim[key];
    return l?.value !== undefined ? { value: l.value, source: `resources.limits.${key}`, range: rangeOf(l) } : undefined;
  };
  const memory = limit('memory');
  const cpu = limit('cpu');
  p.limits = { ...(memory ? { memory } : {}), ...(cpu ? { cpu } : {}) };

  p.hostPaths = container.volumeMounts
    .filter((m) => m.volume?.hostPath?.path?.value !== undefined)
    .map((m) => {
      const path = m.volume?.hostPath?.path?.value as string;
      const sensitive = classifyHostPath(path);
      const target = m.mountPath ? { target: m.mountPath } : {};
      return { path, ...target, readOnly: m.readOnly, ...(sensitive ? { sensitive } : {}), range: m.range };
    });
  p.hostPorts = container.ports
    .filter((port) => port.hostPort?.value !== undefined && port.hostPort.value > 0)
    .map((port) => ({
      port: String(port.hostPort?.value),
      ...(port.containerPort?.value !== undefined ? { containerPort: String(port.containerPort.value) } : {}),
      ...(port.hostIP?.value ? { hostIp: port.hostIP.value } : {}),
      ...(port.protocol?.value ? { protocol: port.protocol.value } : {}),
      allInterfaces: HOST_ALL.has((port.hostIP?.value ?? '').trim()),
      range: rangeOf(port.hostPort),
    }));

  if (pod.runtimeClassName?.value) {
    const kind = classifyRuntime(pod.runtimeClassName.value);
    p.runtime = {
      kind,
      name: pod.runtimeClassName.value,
      why: `${runtimeWhy(kind, `runtimeClassName: ${pod.runtimeClassName.value}`)} (judged by the RuntimeClass's name; its handler decides)`,
      explicit: true,
      range: rangeOf(pod.runtimeClassName),
    };
  }

  const sa = pod.automountServiceAccountToken;
  if (sa) {
    p.serviceAccountToken =
      sa.value === false
        ? flag(false, 'automountServiceAccountToken: false: no API token in the container', true, rangeOf(sa))
        : flag(true, 'automountServiceAccountToken: true: the API token is mounted into the container', true, rangeOf(sa));
  }
  return p;
}

/** Profiles of every service of a compose file. */
export function profilesFromCompose(model: ComposeModel): IsolationProfile[] {
  return model.services.map((s) => profileFromCompose(s));
}

/** Profiles of every container (init and ephemeral included) of every workload of a manifest. */
export function profilesFromKubernetes(model: KubernetesModel): IsolationProfile[] {
  return model.containers.map((c) => profileFromKubernetes(c));
}
