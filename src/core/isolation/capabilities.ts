/**
 * Linux capabilities as data: the set Docker (and containerd) give a container by default, every
 * capability the kernel knows, and the ones that matter most for isolation with a line on why.
 */

/** Docker's and containerd's default set: 14 capabilities (CRI-O's default is smaller). */
export const DEFAULT_CAPABILITIES: readonly string[] = [
  'CHOWN',
  'DAC_OVERRIDE',
  'FSETID',
  'FOWNER',
  'MKNOD',
  'NET_RAW',
  'SETGID',
  'SETUID',
  'SETFCAP',
  'SETPCAP',
  'NET_BIND_SERVICE',
  'SYS_CHROOT',
  'KILL',
  'AUDIT_WRITE',
];

/** Every capability of current Linux kernels (41). */
export const ALL_CAPABILITIES: readonly string[] = [
  'CHOWN',
  'DAC_OVERRIDE',
  'DAC_READ_SEARCH',
  'FOWNER',
  'FSETID',
  'KILL',
  'SETGID',
  'SETUID',
  'SETPCAP',
  'LINUX_IMMUTABLE',
  'NET_BIND_SERVICE',
  'NET_BROADCAST',
  'NET_ADMIN',
  'NET_RAW',
  'IPC_LOCK',
  'IPC_OWNER',
  'SYS_MODULE',
  'SYS_RAWIO',
  'SYS_CHROOT',
  'SYS_PTRACE',
  'SYS_PACCT',
  'SYS_ADMIN',
  'SYS_BOOT',
  'SYS_NICE',
  'SYS_RESOURCE',
  'SYS_TIME',
  'SYS_TTY_CONFIG',
  'MKNOD',
  'LEASE',
  'AUDIT_WRITE',
  'AUDIT_CONTROL',
  'SETFCAP',
  'MAC_OVERRIDE',
  'MAC_ADMIN',
  'SYSLOG',
  'WAKE_ALARM',
  'BLOCK_SUSPEND',
  'AUDIT_READ',
  'PERFMON',
  'BPF',
  'CHECKPOINT_RESTORE',
];

/**
 * Capabilities that give a container power over the shared kernel or the host, beyond the default
 * set. The text says, in a phrase, what the capability lets the container do.
 */
export const DANGEROUS_CAPABILITIES: Readonly<Record<string, string>> = {
  SYS_ADMIN: 'mount filesystems and use many admin-only kernel interfaces; the usual ingredient of container escapes',
  SYS_MODULE: 'load kernel modules into the kernel every container and the host share',
  SYS_PTRACE: 'trace and inject code into other processes it can see',
  SYS_RAWIO: 'do raw I/O on devices and I/O ports',
  SYS_BOOT: 'reboot the machine or load a new kernel',
  SYS_TIME: "set the system clock, which is not namespaced and so is the host's clock",
  NET_ADMIN: 'reconfigure interfaces, routes and firewall rules of the network namespace it is in',
  DAC_READ_SEARCH: 'read any file and open files by handle, a known way out of a container',
  BPF: 'load BPF programs into the kernel',
  PERFMON: 'observe the kernel and other processes through performance monitoring',
  MAC_ADMIN: 'change the AppArmor / SELinux policy',
  MAC_OVERRIDE: 'bypass AppArmor / SELinux checks',
  SYSLOG: 'read the kernel log (which reveals kernel addresses) and clear it',
  AUDIT_CONTROL: 'change or switch off kernel auditing',
  SYS_TTY_CONFIG: 'reconfigure terminals of the host',
  LINUX_IMMUTABLE: 'change immutable and append-only file flags',
};

/** `cap_sys_admin`, `CAP_SYS_ADMIN`, ` sys_admin ` → `SYS_ADMIN`. */
export function normalizeCapability(name: string): string {
  const n = name.trim().toUpperCase();
  return n.startsWith('CAP_') ? n.slice(4) : n;
}

export interface CapabilitySet {
  added: string[];
  dropped: string[];
  effective: string[];
  dangerous: string[];
  addedAll: boolean;
  droppedAll: boolean;
}

/**
 * The capabilities a container ends up with, the way Docker computes them: `cap_add: ALL` gives
 * every capability except the dropped ones; `cap_drop: ALL` keeps only the added ones; otherwise
 * the default set minus the dropped plus the added. A privileged container has all of them.
 */
export function computeCapabilities(
  add: readonly string[],
  drop: readonly string[],
  privileged = false,
  defaults: readonly string[] = DEFAULT_CAPABILITIES,
): CapabilitySet {
  const added = unique(add.map(normalizeCapability).filter(Boolean));
  const dropped = unique(drop.map(normalizeCapability).filter(Boolean));
  const addedAll = added.includes('ALL');
  const droppedAll = dropped.includes('ALL');
  let effective: string[];
  if (privileged) effective = [...ALL_CAPABILITIES];
  else if (addedAll) effective = ALL_CAPABILITIES.filter((c) => !dropped.includes(c));
  else if (droppedAll) effective = added.filter((c) => c !== 'ALL');
  else effective = unique([...defaults.filter((c) => !dropped.includes(c)), ...added]);
  const dangerous = effective.filter((c) => c in DANGEROUS_CAPABILITIES);
  return { added, dropped, effective, dangerous, addedAll, droppedAll };
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}
