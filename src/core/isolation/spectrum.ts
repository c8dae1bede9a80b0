import type { Range } from '../text/range';
import { adviceText } from './advice';
import type { AdviceId } from './advice';
import { DANGEROUS_CAPABILITIES } from './capabilities';
import { SENSITIVE_HOST_PATH_NOTES } from './host-paths';
import type { IsolationProfile, NamespaceName } from './profile';

/**
 * The isolation spectrum, weakest first: a plain host process, then containers from privileged to
 * hardened, then sandboxes with a kernel of their own in between (gVisor), micro-VMs (Kata,
 * Firecracker) and full VMs.
 */
export const ISOLATION_LEVELS = [
  'process',
  'privileged-container',
  'weakened-container',
  'default-container',
  'hardened-container',
  'sandboxed',
  'microvm',
  'vm',
] as const;

export type IsolationLevel = (typeof ISOLATION_LEVELS)[number];

export const LEVEL_LABELS: Readonly<Record<IsolationLevel, string>> = {
  process: 'host process',
  'privileged-container': 'privileged container',
  'weakened-container': 'weakened container',
  'default-container': 'default container',
  'hardened-container': 'hardened container',
  sandboxed: 'sandboxed container',
  microvm: 'micro-VM',
  vm: 'virtual machine',
};

/** The profile field a reason or action is about (dotted for sub-fields). */
export type ProfileField =
  | 'user'
  | 'privileged'
  | `hostNamespaces.${NamespaceName}`
  | 'capabilities'
  | 'seccomp'
  | 'apparmor'
  | 'selinux'
  | 'noNewPrivileges'
  | 'readOnlyRootfs'
  | 'limits'
  | 'devices'
  | 'hostPaths'
  | 'hostPorts'
  | 'runtime'
  | 'serviceAccountToken'
  | 'hostProcess'
  | 'procUnmasked';

export interface SpectrumReason {
  /** A sentence in our words: what the setting does to the boundary. */
  text: string;
  /** A few words for a code lens: `shares host network`. */
  label: string;
  direction: 'weaker' | 'stronger';
  field: ProfileField;
  /** Where the file decided it, when it did. */
  range?: Range;
}

export interface SpectrumAction {
  /** The step in the words of the workload's own source (`advice.ts`): compose keys, `docker run` flags, ... */
  text: string;
  field: ProfileField;
  range?: Range;
  /** Which entry of `ADVICE` the text comes from, and its placeholders: to say the same step for another kind. */
  advice?: { id: AdviceId; vars?: Record<string, string> };
}

export interface SpectrumPlacement {
  level: IsolationLevel;
  /** Weaker reasons first, most serious first; then the stronger ones. */
  reasons: SpectrumReason[];
  /** The next level up and what it takes to get there; none for a VM. */
  nextStep?: { level: IsolationLevel; actions: SpectrumAction[] };
}

const NAMESPACE_TEXT: Record<NamespaceName, { text: string; label: string }> = {
  pid: { text: "shares the host's PID namespace: it sees every process on the host and can signal them", label: 'shares host PID' },
  network: { text: "shares the host's network namespace: it can bind the host's ports and see its interfaces", label: 'shares host network' },
  ipc: { text: "shares the host's IPC namespace: it can reach the host's shared memory and message queues", label: 'shares host IPC' },
  uts: { text: "shares the host's UTS namespace: it can change the host's hostname", label: 'shares host UTS' },
  user: { text: "opts out of user remapping: uid 0 in the container is uid 0 on the host", label: 'host user namespace' },
  cgroup: { text: "shares the host's cgroup namespace: it sees the host's whole cgroup tree", label: 'shares host cgroups' },
};

const SANDBOX: Partial<Record<IsolationProfile['runtime']['kind'], IsolationLevel>> = {
  gvisor: 'sandboxed',
  kata: 'microvm',
  firecracker: 'microvm',
};

/**
 * Place a profile on the spectrum.
 *
 * On the default runtime: anything that hands over the host (a host process, the engine's socket,
 * the host's root filesystem writable, privileged, every capability, SYS_MODULE, host PID with
 * SYS_PTRACE or SYS_ADMIN) makes it a privileged container; any host namespace, dangerous
 * capability, unconfined seccomp/AppArmor/SELinux, sensitive host path or device makes it
 * weakened; all of the hardening (non-root, capabilities dropped, no-new-privileges, read-only
 * root, limits, a seccomp profile that is applied) makes it hardened.
 *
 * Under a sandbox (gVisor) or micro-VM (Kata, Firecracker), settings that only act on the kernel
 * the workload talks to (capabilities, seccomp, AppArmor, root user) apply to the sandbox's own
 * kernel, so they are listed but do not move the level. Settings that reach past the sandbox to
 * the host (privileged, which passes host devices in; host namespaces; sensitive host paths;
 * devices) bring it down to a weakened container. The engine's socket or a writable host root
 * make it a privileged container on any runtime: whoever holds them is root on the host.
 */
export function placeOnSpectrum(profile: IsolationProfile): SpectrumPlacement {
  const p = profile;
  const docker = p.platform === 'docker';
  // Every action is worded for the subject: compose keys, securityContext fields, `docker run` flags, Dockerfile lines.
  const kind = p.subject.kind;
  const act = (id: AdviceId, field: ProfileField, range?: Range, vars?: Record<string, string>): SpectrumAction => ({
    text: adviceText(id, kind, vars),
    field,
    ...(range ? { range } : {}),
    advice: vars ? { id, vars } : { id },
  });
  // Reasons by weight; actions that depend on a reason's detail (which path, which capability).
  const escapes: SpectrumReason[] = [];
  const privileged: SpectrumReason[] = [];
  const reachThrough: SpectrumReason[] = [];
  const kernelFacing: SpectrumReason[] = [];
  const softWeaker: SpectrumReason[] = [];
  const stronger: SpectrumReason[] = [];
  const actions = new Map<SpectrumReason, SpectrumAction>();
  const weaker = (
    into: SpectrumReason[],
    text: string,
    label: string,
    field: ProfileField,
    range?: Range,
    action?: [AdviceId, Record<string, string>?],
  ) => {
    const r: SpectrumReason = { text, label, direction: 'weaker', field, ...(range ? { range } : {}) };
    if (action) actions.set(r, act(action[0], field, range, action[1]));
    into.push(r);
  };
  const strong = (text: string, label: string, field: ProfileField, range?: Range) => {
    stronger.push({ text, label, direction: 'stronger', field, ...(range ? { range } : {}) });
  };
  const caps = p.capabilities;

  // Whoever holds these is root on the host, whatever the runtime.
  if (p.hostProcess?.value) {
    const text = 'runs as a HostProcess container: a process on the host with no container boundary';
    weaker(escapes, text, 'host process', 'hostProcess', p.hostProcess.range);
  }
  for (const h of p.hostPaths) {
    if (h.sensitive === 'docker-socket' || h.sensitive === 'runtime-socket') {
      const text = `mounts ${h.path}, ${SENSITIVE_HOST_PATH_NOTES[h.sensitive]}`;
      weaker(escapes, text, `mounts ${basename(h.path)}`, 'hostPaths', h.range, ['host-path.engine-socket', { path: h.path }]);
    } else if (h.sensitive === 'root' && !h.readOnly) {
      const text = `mounts the host's whole filesystem (${h.path}) writable: it can change anything on the host`;
      weaker(escapes, text, 'mounts host /', 'hostPaths', h.range, ['host-path.host-root']);
    }
  }

  // As good as root on the host on the default runtime.
  if (p.privileged.value) {
    const text =
      'is privileged: every capability, every host device, no seccomp or AppArmor, /proc and /sys unmasked; ' +
      'as good as root on the host';
    weaker(privileged, text, 'privileged', 'privileged', p.privileged.range);
  } else {
    if (caps.addedAll) {
      const text = 'adds every capability: little is left between it and root on the host';
      weaker(privileged, text, 'adds ALL capabilities', 'capabilities', caps.range, ['capabilities.replace-all']);
    } else if (caps.effective.includes('SYS_MODULE')) {
      const text = `has SYS_MODULE: it can ${DANGEROUS_CAPABILITIES.SYS_MODULE}`;
      weaker(privileged, text, 'adds SYS_MODULE', 'capabilities', caps.range, ['capabilities.remove-sys-module']);
    }
    const tracer = ['SYS_PTRACE', 'SYS_ADMIN'].find((c) => caps.effective.includes(c));
    if (p.hostNamespaces.pid.value && tracer) {
      const text = `shares the host's PID namespace with ${tracer}: it can reach into any process on the host`;
      weaker(privileged, text, `host PID + ${tracer}`, 'hostNamespaces.pid', p.hostNamespaces.pid.range, ['host-pid.with-tracer', { cap: tracer }]);
    }
  }

  // Doors through the namespaces to the host's resources: these reach past a sandbox too.
  for (const name of Object.keys(NAMESPACE_TEXT) as NamespaceName[]) {
    const ns = p.hostNamespaces[name];
    if (!ns.value) continue;
    // No user namespace is every runtime's default; only an explicit opt-out of remapping weakens.
    if (name === 'user' && !(ns.explicit && docker)) continue;
    // Kubernetes puts a hostNetwork pod in the host's UTS namespace; the network reason covers it.
    if (name === 'uts' && !docker && p.hostNamespaces.network.value) continue;
    weaker(reachThrough, NAMESPACE_TEXT[name].text, NAMESPACE_TEXT[name].label, `hostNamespaces.${name}`, ns.range);
  }
  for (const h of p.hostPaths) {
    if (!h.sensitive || h.sensitive === 'docker-socket' || h.sensitive === 'runtime-socket') continue;
    if (h.sensitive === 'root' && !h.readOnly) continue;
    const text = `mounts ${h.path}${h.readOnly ? ' read-only' : ''}: ${SENSITIVE_HOST_PATH_NOTES[h.sensitive]}`;
    weaker(reachThrough, text, `mounts ${h.path}`, 'hostPaths', h.range, ['host-path.sensitive', { path: h.path }]);
  }
  if (p.devices.length > 0) {
    const text = `has host devices (${p.devices.map((d) => d.path).join(', ')}): it talks to their drivers in the host's kernel`;
    weaker(reachThrough, text, 'host devices', 'devices', p.devices[0].range);
  }

  // Confinement of the kernel it talks to: the host's on runc, the sandbox's own under gVisor / Kata.
  if (!p.privileged.value) {
    const extra = caps.dangerous.filter((c) => c !== 'SYS_MODULE');
    if (!caps.addedAll && extra.length > 0) {
      const detail = extra.map((c) => `${c} (${DANGEROUS_CAPABILITIES[c]})`).join('; ');
      const action: [AdviceId, Record<string, string>] = ['capabilities.remove-dangerous', { caps: extra.join(', ') }];
      weaker(kernelFacing, `adds ${extra.join(', ')}: ${detail}`, `adds ${extra.join(', ')}`, 'capabilities', caps.range, action);
    }
    if (p.seccomp.kind === 'unconfined' && p.seccomp.explicit) {
      const text = 'runs without seccomp: every system call of the shared kernel is open to it';
      weaker(kernelFacing, text, 'seccomp unconfined', 'seccomp', p.seccomp.range);
    }
    if ((p.apparmor.kind === 'unconfined' || p.apparmor.kind === 'disabled') && p.apparmor.explicit) {
      const text = 'runs without AppArmor: no mandatory access control around it on AppArmor hosts';
      weaker(kernelFacing, text, 'AppArmor unconfined', 'apparmor', p.apparmor.range);
    }
    if ((p.selinux.kind === 'disabled' || p.selinux.kind === 'unconfined') && p.selinux.explicit) {
      const text = 'runs without SELinux separation: on SELinux hosts nothing labels it apart from the host';
      weaker(kernelFacing, text, 'SELinux off', 'selinux', p.selinux.range);
    }
    if (p.procUnmasked?.value) {
      const text = 'sees /proc unmasked: kernel settings the runtime normally hides are open to it';
      weaker(kernelFacing, text, '/proc unmasked', 'procUnmasked', p.procUnmasked.range);
    }
  }

  // Weaker, but not enough to move the level on their own.
  if (p.user.kind === 'root') weaker(softWeaker, `runs as root (${p.user.why})`, 'runs as root', 'user', p.user.range);
  if (p.seccomp.kind === 'unconfined' && !p.seccomp.explicit) {
    weaker(softWeaker, p.seccomp.why, 'no seccomp profile', 'seccomp', p.seccomp.range);
  }

  if (p.user.kind === 'non-root') strong(`runs as a non-root user (${p.user.why})`, 'non-root', 'user', p.user.range);
  const userns = p.hostNamespaces.user;
  if (!userns.value && userns.explicit) {
    const text = 'has its own user namespace: root inside maps to an unprivileged user on the host';
    strong(text, 'user namespace', 'hostNamespaces.user', userns.range);
  }
  if (caps.droppedAll && !p.privileged.value) {
    const text = caps.effective.length ? `drops every capability but ${caps.effective.join(', ')}` : 'drops every capability';
    strong(text, 'drops capabilities', 'capabilities', caps.range);
  }
  if (p.noNewPrivileges.value === true) {
    const text = 'sets no-new-privileges: setuid programs cannot raise its privileges';
    strong(text, 'no-new-privileges', 'noNewPrivileges', p.noNewPrivileges.range);
  }
  if (p.readOnlyRootfs.value) strong('has a read-only root filesystem', 'read-only root', 'readOnlyRootfs', p.readOnlyRootfs.range);
  const { memory, cpu, pids } = p.limits;
  const limits = [memory && `memory ${memory.value}`, cpu && `CPU ${cpu.value}`, pids && `${pids.value} processes`];
  if (memory || cpu || pids) {
    strong(`is limited by cgroups (${limits.filter(Boolean).join(', ')})`, 'limits', 'limits', (memory ?? cpu ?? pids)?.range);
  }
  const filtered = p.seccomp.kind === 'default' || p.seccomp.kind === 'custom';
  if (filtered && p.seccomp.explicit) {
    const whose = p.seccomp.kind === 'custom' ? 'its own' : "the runtime's default";
    strong(`filters system calls with ${whose} seccomp profile`, 'seccomp', 'seccomp', p.seccomp.range);
  }
  const sandbox = SANDBOX[p.runtime.kind];
  if (p.runtime.kind === 'gvisor') {
    strong("runs under gVisor: its system calls go to a user-space kernel, not the host's", 'gVisor', 'runtime', p.runtime.range);
  } else if (sandbox) {
    const which = p.runtime.kind === 'kata' ? 'Kata Containers' : 'Firecracker';
    strong(`runs in a micro-VM (${which}): a kernel of its own behind a hypervisor`, 'micro-VM', 'runtime', p.runtime.range);
  }

  // Hardening still missing (the step from default to hardened).
  const missing: SpectrumAction[] = [];
  const lack = (id: AdviceId, field: ProfileField, range?: Range) => missing.push(act(id, field, range));
  if (p.user.kind !== 'non-root') lack('user.non-root', 'user', p.user.range);
  if (!caps.droppedAll || !caps.effective.every((c) => c === 'NET_BIND_SERVICE')) lack('capabilities.drop-all', 'capabilities', caps.range);
  if (p.noNewPrivileges.value !== true) lack('no-new-privileges.set', 'noNewPrivileges', p.noNewPrivileges.range);
  if (!p.readOnlyRootfs.value) lack('read-only-root.set', 'readOnlyRootfs', p.readOnlyRootfs.range);
  if (!memory || !(cpu || pids)) lack('limits.set', 'limits', (memory ?? cpu ?? pids)?.range);
  if (!filtered || (!docker && !p.seccomp.explicit)) lack('seccomp.set', 'seccomp', p.seccomp.range);

  let level: IsolationLevel;
  const privilegedFlag = privileged.some((r) => r.field === 'privileged');
  if (p.hostProcess?.value) level = 'process';
  else if (escapes.length) level = 'privileged-container';
  else if (sandbox) level = privilegedFlag || reachThrough.length ? 'weakened-container' : sandbox;
  else if (privileged.length) level = 'privileged-container';
  else if (reachThrough.length || kernelFacing.length) level = 'weakened-container';
  else if (missing.length === 0) level = 'hardened-container';
  else level = 'default-container';

  const reasons = [...escapes, ...privileged, ...reachThrough, ...kernelFacing, ...softWeaker, ...stronger];
  const parts = { escapes, privileged, reachThrough, kernelFacing, missing, sandbox };
  const nextStep = nextStepFor(level, p, actions, parts, act);
  return { level, reasons, ...(nextStep ? { nextStep } : {}) };
}

function basename(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

/** The advice that undoes a reason with no detail of its own, by the field it is about. */
const UNDO: Partial<Record<ProfileField, AdviceId>> = {
  privileged: 'privileged.remove',
  'hostNamespaces.pid': 'host-pid.remove',
  'hostNamespaces.network': 'host-network.remove',
  'hostNamespaces.ipc': 'host-ipc.remove',
  'hostNamespaces.uts': 'host-uts.remove',
  'hostNamespaces.user': 'host-user-namespace.remove',
  'hostNamespaces.cgroup': 'host-cgroup-namespace.remove',
  seccomp: 'seccomp.unconfined',
  apparmor: 'apparmor.unconfined',
  selinux: 'selinux.disabled',
  devices: 'devices.fewer',
  procUnmasked: 'proc.unmasked',
  hostProcess: 'host-process.remove',
};

type Act = (id: AdviceId, field: ProfileField, range?: Range, vars?: Record<string, string>) => SpectrumAction;

function actionFor(r: SpectrumReason, actions: Map<SpectrumReason, SpectrumAction>, act: Act): SpectrumAction {
  const given = actions.get(r);
  if (given) return given;
  const id = UNDO[r.field];
  return id ? act(id, r.field, r.range) : act('undo', r.field, r.range, { label: r.label });
}

function nextStepFor(
  level: IsolationLevel,
  p: IsolationProfile,
  actions: Map<SpectrumReason, SpectrumAction>,
  parts: {
    escapes: SpectrumReason[];
    privileged: SpectrumReason[];
    reachThrough: SpectrumReason[];
    kernelFacing: SpectrumReason[];
    missing: SpectrumAction[];
    sandbox?: IsolationLevel;
  },
  act: Act,
): SpectrumPlacement['nextStep'] {
  const toActions = (list: SpectrumReason[]) => list.map((r) => actionFor(r, actions, act));
  switch (level) {
    case 'process':
      return { level: 'default-container', actions: toActions(parts.escapes.filter((r) => r.field === 'hostProcess')) };
    case 'privileged-container': {
      const blockers = [...parts.escapes, ...parts.privileged];
      if (parts.sandbox) return { level: 'weakened-container', actions: toActions(blockers) };
      const rest = [...parts.reachThrough, ...parts.kernelFacing];
      return { level: rest.length ? 'weakened-container' : 'default-container', actions: toActions(blockers) };
    }
    case 'weakened-container':
      if (parts.sandbox) {
        return { level: parts.sandbox, actions: toActions([...parts.privileged, ...parts.reachThrough]) };
      }
      return { level: 'default-container', actions: toActions([...parts.reachThrough, ...parts.kernelFacing]) };
    case 'default-container':
      return { level: 'hardened-container', actions: parts.missing };
    case 'hardened-container':
      return { level: 'sandboxed', actions: [act('runtime.gvisor', 'runtime', p.runtime.range)] };
    case 'sandboxed':
      return { level: 'microvm', actions: [act('runtime.microvm', 'runtime', p.runtime.range)] };
    case 'microvm':
      return { level: 'vm', actions: [act('runtime.vm', 'runtime')] };
    default:
      return undefined;
  }
}

/** One line for a code lens: `default container · runs as root · shares host network`. */
export function summarize(profile: IsolationProfile, placement: SpectrumPlacement = placeOnSpectrum(profile)): string {
  const parts: string[] = [LEVEL_LABELS[placement.level]];
  const u = profile.user;
  if (u.kind === 'root') parts.push('runs as root');
  else parts.push(u.kind === 'non-root' ? `runs as ${u.value ?? 'non-root'}` : 'user set by the image');
  const notes = placement.reasons.filter((r) => r.direction === 'weaker' && r.field !== 'user').map((r) => r.label);
  const unique = [...new Set(notes)];
  parts.push(...unique.slice(0, 3));
  if (unique.length > 3) parts.push(`+${unique.length - 3} more`);
  return parts.join(' · ');
}

/** Is `a` weaker than `b` on the spectrum? */
export function isWeaker(a: IsolationLevel, b: IsolationLevel): boolean {
  return ISOLATION_LEVELS.indexOf(a) < ISOLATION_LEVELS.indexOf(b);
}
