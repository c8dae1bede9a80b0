/**
 * What each compose / Kubernetes setting that decides isolation does, as data: which kernel mechanism
 * it touches (namespace, cgroup controller, capability, seccomp, LSM, mount), what a process in the
 * container can then do to the host, and how a VM boundary differs. Hovers render from here, one
 * entry per concept, so `network_mode: host` and `hostNetwork: true` share one text.
 *
 * Written for Container Lens from the facts in the project's seed documents and the engines'
 * documented behaviour; no sentence is copied from a source.
 */
import type { TopicId } from './topics';

export type SettingId =
  | 'privileged'
  | 'host-pid'
  | 'host-network'
  | 'host-ipc'
  | 'host-uts'
  | 'user-namespace'
  | 'cgroup-namespace'
  | 'share-process-namespace'
  | 'capabilities'
  | 'security-opt'
  | 'seccomp'
  | 'apparmor'
  | 'selinux'
  | 'no-new-privileges'
  | 'read-only-rootfs'
  | 'user'
  | 'run-as-non-root'
  | 'group'
  | 'devices'
  | 'volumes'
  | 'host-path'
  | 'memory-limit'
  | 'cpu-limit'
  | 'pids-limit'
  | 'resources'
  | 'sysctls'
  | 'runtime'
  | 'image'
  | 'image-pull-policy'
  | 'service-account-token'
  | 'proc-mount'
  | 'host-port'
  | 'windows-host-process';

/** The kind of kernel (or cluster) mechanism a setting acts on. */
export type MechanismKind =
  | 'namespace'
  | 'cgroup'
  | 'capabilities'
  | 'seccomp'
  | 'lsm'
  | 'mount'
  | 'devices'
  | 'identity'
  | 'kernel-parameters'
  | 'runtime'
  | 'image'
  | 'cluster-api'
  | 'everything';

export interface SettingFacts {
  id: SettingId;
  /** Short name for headings: "Host network namespace". */
  title: string;
  mechanism: MechanismKind;
  /** What it touches, as a phrase that completes "Touches …": "the network namespace". */
  touches: string;
  /** One sentence: what the setting decides. */
  does: string;
  /**
   * One sentence: what a process in the container can do to the host when the setting is at its
   * weak end (shared namespace, no limit, root, ...).
   */
  host: string;
  /** One sentence: how a VM boundary differs. */
  vm: string;
  /** The topic the hover's lesson comes from. */
  topic: TopicId;
  seeAlso: TopicId[];
}

type Facts = Omit<SettingFacts, 'id'>;

// Strings are double-quoted so apostrophes and backticks need no escaping.
const FACTS: Record<SettingId, Facts> = {
  privileged: {
    title: 'Privileged mode',
    mechanism: 'everything',
    touches: "every layer at once: capabilities, the device allow-list, seccomp, AppArmor/SELinux and the read-only masks on /proc and /sys",
    does: "Switches most of the container's isolation off in one word.",
    host: "A process in it can mount the host's disks, load kernel modules and write kernel settings under /sys; from there, taking over the host is a routine exercise.",
    vm: "Root with every privilege inside a VM still owns only virtual hardware and the guest's own kernel; getting to the host means breaking the hypervisor.",
    topic: 'privileged',
    seeAlso: ['capabilities', 'seccomp', 'lsm', 'isolation-spectrum'],
  },
  'host-pid': {
    title: 'Host PID namespace',
    mechanism: 'namespace',
    touches: 'the PID namespace',
    does: "Decides which process tree the container sees: its own (the default) or the host's.",
    host: "Shared with the host, it lists every host process with its command line, can signal processes that run under its own UID (root, unless a user is set) and, with SYS_PTRACE, read and rewrite their memory.",
    vm: "A VM's processes live in the guest kernel's own process table; the host's processes do not exist for it.",
    topic: 'pid-namespace',
    seeAlso: ['namespaces', 'capabilities', 'privileged'],
  },
  'host-network': {
    title: 'Host network namespace',
    mechanism: 'namespace',
    touches: 'the network namespace',
    does: "Decides whose network stack the container uses: a private one behind a virtual interface (the default) or the host's own.",
    host: "Shared with the host, it binds ports directly on the host's interfaces, reaches services that listen only on the host's loopback, and with NET_RAW (in the default set) can capture the host's traffic.",
    vm: "A VM talks through a virtual network card the hypervisor emulates; even bridged, it never shares the host's network stack or its loopback.",
    topic: 'network-namespace',
    seeAlso: ['namespaces', 'expose', 'capabilities'],
  },
  'host-ipc': {
    title: 'Host IPC namespace',
    mechanism: 'namespace',
    touches: 'the IPC namespace',
    does: "Decides which System V IPC objects and POSIX message queues the container can find by key.",
    host: "Shared with the host, it can attach to shared memory segments, semaphores and message queues of host programs and read or change what they hold.",
    vm: "A guest's IPC objects belong to the guest kernel; nothing on the host can be attached from inside it.",
    topic: 'ipc-namespace',
    seeAlso: ['namespaces'],
  },
  'host-uts': {
    title: 'Host UTS namespace',
    mechanism: 'namespace',
    touches: 'the UTS namespace',
    does: "Decides which host name and NIS domain name the container has.",
    host: "Shared with the host, it sees the host's name and, with SYS_ADMIN, can rename the whole machine.",
    vm: "A guest names itself; renaming it changes nothing on the host.",
    topic: 'uts-namespace',
    seeAlso: ['namespaces'],
  },
  'user-namespace': {
    title: 'User namespace',
    mechanism: 'namespace',
    touches: 'the user namespace (UID and GID mapping)',
    does: "Decides whether the container's user IDs are translated: without a user namespace UID 0 inside is UID 0 to the host kernel.",
    host: "Without one, files it writes to a host mount belong to the host's root, and a process that escapes the other walls is root on the host.",
    vm: "Root in a guest is root of the guest kernel only; its user IDs mean nothing to the host.",
    topic: 'user-namespace',
    seeAlso: ['rootless', 'non-root-user', 'capabilities'],
  },
  'cgroup-namespace': {
    title: 'Cgroup namespace',
    mechanism: 'namespace',
    touches: 'the cgroup namespace',
    does: "Decides whether the container sees its own control group as the root of the cgroup tree or the host's whole tree.",
    host: "Shared with the host, it reads the host's cgroup layout (and with it the host's other services and containers); its limits still apply.",
    vm: "A guest has a cgroup tree of its own inside its own kernel; the host's tree is not visible at all.",
    topic: 'cgroup-namespace',
    seeAlso: ['cgroups', 'namespaces'],
  },
  'share-process-namespace': {
    title: 'Shared process namespace in a pod',
    mechanism: 'namespace',
    touches: "the PID namespace, shared between the pod's containers (not with the node)",
    does: "Puts all containers of the pod into one PID namespace, so they see and can signal each other's processes.",
    host: "It reaches no further than the pod, but a compromised sidecar can read the other containers' environment and files through /proc.",
    vm: "Containers in one Kata pod share the pod's VM anyway; the boundary that matters is the one around the pod.",
    topic: 'pid-namespace',
    seeAlso: ['namespaces'],
  },
  capabilities: {
    title: 'Linux capabilities',
    mechanism: 'capabilities',
    touches: "the capability sets of the container's processes",
    does: "Adds to or removes from the slices of root's power the container's processes get; Docker and containerd start from a default set of 14.",
    host: "Each capability opens a part of the one shared kernel that is otherwise reserved for the host's root: SYS_ADMIN alone covers mounts and a long list of admin interfaces.",
    vm: "Capabilities guard one kernel; root in a VM holds every capability of the guest kernel and that grants nothing on the host.",
    topic: 'capabilities',
    seeAlso: ['privileged', 'seccomp', 'no-new-privileges'],
  },
  'security-opt': {
    title: 'Security options',
    mechanism: 'lsm',
    touches: 'seccomp, AppArmor, SELinux and the no_new_privs flag',
    does: "Tunes the kernel's filters around the container: the system-call filter, the LSM profile or label, and whether setuid programs can raise privileges.",
    host: "An `unconfined` or `disable` here removes one of the filters between the container and the shared kernel.",
    vm: "Inside a VM these filters protect the guest kernel; the host sits behind the hypervisor whatever they say.",
    topic: 'seccomp',
    seeAlso: ['lsm', 'no-new-privileges', 'capabilities'],
  },
  seccomp: {
    title: 'seccomp profile',
    mechanism: 'seccomp',
    touches: 'the seccomp system-call filter',
    does: "Decides which system calls of the shared kernel the container may make.",
    host: "Without a filter every system call is open to it, including rarely used ones whose bugs have been the way out of containers.",
    vm: "A guest's system calls go to the guest kernel; the host exposes only the hypervisor's far narrower interface.",
    topic: 'seccomp',
    seeAlso: ['shared-kernel', 'capabilities', 'gvisor'],
  },
  apparmor: {
    title: 'AppArmor profile',
    mechanism: 'lsm',
    touches: 'the AppArmor profile (a Linux security module)',
    does: "Decides which paths, mounts and kernel interfaces the container's programs may use, enforced by the kernel even against root.",
    host: "Unconfined, nothing on AppArmor hosts stops writes to sensitive /proc and /sys files or mount attempts that the default profile denies.",
    vm: "An LSM guards one kernel; in a VM the guest's policy is the guest's business and the host's policy is out of reach.",
    topic: 'lsm',
    seeAlso: ['seccomp', 'privileged'],
  },
  selinux: {
    title: 'SELinux label',
    mechanism: 'lsm',
    touches: 'the SELinux label of the container (a Linux security module)',
    does: "Decides which type and categories the container's processes run under, and so which files and processes they may touch.",
    host: "Disabled or `spc_t`, nothing on SELinux hosts separates it from host files and other containers' files that reach it.",
    vm: "A guest's labels live in the guest kernel; the host keeps its own policy behind the hypervisor.",
    topic: 'lsm',
    seeAlso: ['seccomp', 'volumes'],
  },
  'no-new-privileges': {
    title: 'No new privileges',
    mechanism: 'capabilities',
    touches: 'the no_new_privs flag of its processes',
    does: "Decides whether running a setuid binary or a file with capabilities can raise a process's privileges.",
    host: "While it is not set, a setuid program in the image (`su`, `sudo`, `passwd`) can turn a non-root process back into root inside the container, one step closer to the host.",
    vm: "The same escalation inside a VM makes a process root of the guest only.",
    topic: 'no-new-privileges',
    seeAlso: ['non-root-user', 'capabilities'],
  },
  'read-only-rootfs': {
    title: 'Read-only root filesystem',
    mechanism: 'mount',
    touches: "the container's writable layer",
    does: "Decides whether the container can write to its own root filesystem, or only to the volumes and tmpfs mounts it declares.",
    host: "A writable root lets an intruder drop tools and rewrite the application; the layer lives on the host's disk and, without a quota, can fill it.",
    vm: "A VM writes to its own virtual disk, which usually persists; a container's writable layer is thrown away with the container.",
    topic: 'writable-layer',
    seeAlso: ['volumes', 'non-root-user'],
  },
  user: {
    title: 'User',
    mechanism: 'identity',
    touches: "the user and group IDs the container's processes run as",
    does: "Overrides the image's USER for this container.",
    host: "As UID 0 without a user namespace it is root to the host kernel: it owns root-owned files on any host mount, and an escape lands as root.",
    vm: "Root in a guest is root of the guest kernel only.",
    topic: 'non-root-user',
    seeAlso: ['user-namespace', 'capabilities', 'file-permissions'],
  },
  'run-as-non-root': {
    title: 'runAsNonRoot',
    mechanism: 'identity',
    touches: 'a check the kubelet makes before it starts the container',
    does: "With `true` the kubelet refuses to start the container when its user is UID 0; it changes no user itself and needs a numeric user to check.",
    host: "Not set, nothing stops an image that runs as root from running as root on the node.",
    vm: "A VM has no such check: whatever runs as root in a guest is root of the guest.",
    topic: 'non-root-user',
    seeAlso: ['user-namespace', 'capabilities'],
  },
  group: {
    title: 'Group IDs',
    mechanism: 'identity',
    touches: "the primary and supplementary group IDs of the container's processes, and the group of its volumes",
    does: "Decides which group the processes run as (`runAsGroup`) and which group owns the pod's volumes (`fsGroup`).",
    host: "GID 0 opens files of the host's root group on any host mount; `fsGroup` makes the kubelet change the group of the files on the volumes it mounts.",
    vm: "A guest's groups are the guest kernel's; host files reach it only through a virtual disk or shared folder.",
    topic: 'non-root-user',
    seeAlso: ['file-permissions', 'user-namespace'],
  },
  devices: {
    title: 'Host devices',
    mechanism: 'devices',
    touches: "the device allow-list the runtime writes into the container's cgroup, and the device nodes in its /dev",
    does: "Passes a host device node into the container and allows it to open it.",
    host: "It then talks straight to that device's driver in the host kernel: a raw disk can be read or rewritten, and GPUs, `/dev/kvm` or `/dev/fuse` expose large driver interfaces.",
    vm: "A VM sees emulated devices, or hardware passed through behind the IOMMU; it never opens the host's device nodes.",
    topic: 'privileged',
    seeAlso: ['cgroups', 'shared-kernel'],
  },
  volumes: {
    title: 'Volumes and bind mounts',
    mechanism: 'mount',
    touches: 'the mount namespace',
    does: "Adds mounts to the container's filesystem view: named volumes the engine manages, host paths (bind mounts) and tmpfs.",
    host: "A bind mount is an opening in the mount namespace: the container reads and writes those host files with its own UIDs, root included.",
    vm: "A VM gets host files only through a virtual disk or a file-sharing device the hypervisor provides, never by a mount of the host's tree.",
    topic: 'volumes',
    seeAlso: ['mount-namespace', 'writable-layer', 'file-permissions'],
  },
  'host-path': {
    title: 'Host path volume',
    mechanism: 'mount',
    touches: "the mount namespace (a directory or file of the node mounted into the pod)",
    does: "Mounts a path of the node's filesystem into the pod.",
    host: "The container reads, and unless mounted read-only writes, those node files with its own UIDs, root included; the pod is also tied to that node's contents.",
    vm: "A VM reaches host files only through a virtual disk or shared folder the hypervisor offers.",
    topic: 'volumes',
    seeAlso: ['mount-namespace', 'privileged'],
  },
  'memory-limit': {
    title: 'Memory limit',
    mechanism: 'cgroup',
    touches: 'the memory cgroup controller (`memory.max`)',
    does: "Caps the memory the container's processes may use; past it the kernel reclaims what it can, then kills a process inside the container.",
    host: "Without a limit it can take all of the host's memory, until the kernel's OOM killer picks victims that may be other containers or host services.",
    vm: "A VM is given a fixed amount of guest memory up front and cannot take more from the host.",
    topic: 'cgroups',
    seeAlso: ['vm-vs-container'],
  },
  'cpu-limit': {
    title: 'CPU limit',
    mechanism: 'cgroup',
    touches: 'the cpu cgroup controller (a quota in `cpu.max`, a weight in `cpu.weight`)',
    does: "Caps the CPU time the container's processes may use per period, or weights their share against others.",
    host: "Without a quota it can keep every host CPU busy; other workloads only get what their weight wins back.",
    vm: "A VM gets a fixed number of virtual CPUs.",
    topic: 'cgroups',
    seeAlso: ['vm-vs-container'],
  },
  'pids-limit': {
    title: 'Process limit',
    mechanism: 'cgroup',
    touches: 'the pids cgroup controller (`pids.max`)',
    does: "Caps the number of processes and threads in the container.",
    host: "Without a limit a fork bomb can use up the host's process IDs, and then nothing else on the host can start a process.",
    vm: "A guest has a process table of its own; a fork bomb in it exhausts the guest only.",
    topic: 'cgroups',
    seeAlso: ['pid-namespace'],
  },
  resources: {
    title: 'Resource requests and limits',
    mechanism: 'cgroup',
    touches: "the memory and cpu cgroup controllers of the container (limits), and the scheduler's bookkeeping (requests)",
    does: "Limits become cgroup settings on the node; requests decide where the pod is scheduled and its CPU weight.",
    host: "Without limits one container can take the node's memory or CPU from every other pod on it.",
    vm: "A VM's CPUs and memory are fixed when it starts.",
    topic: 'cgroups',
    seeAlso: ['vm-vs-container'],
  },
  sysctls: {
    title: 'Kernel parameters (sysctls)',
    mechanism: 'kernel-parameters',
    touches: "kernel parameters of the container's namespaces",
    does: "Sets kernel parameters when the container starts. Engines accept only parameters that belong to a namespace (`net.*`, and the IPC ones under `kernel.*` and `fs.mqueue.*`), so they change the container's own copy.",
    host: "They stay inside its namespaces, unless that namespace is the host's: with the host's network, a `net.*` parameter would be the host's setting.",
    vm: "A guest tunes its own kernel freely; none of it reaches the host.",
    topic: 'namespaces',
    seeAlso: ['network-namespace', 'ipc-namespace'],
  },
  runtime: {
    title: 'Container runtime',
    mechanism: 'runtime',
    touches: 'the OCI runtime that creates the container',
    does: "Decides how the container is made: runc (the default) makes a namespaced process on the host kernel, runsc (gVisor) puts a user-space kernel in between, Kata starts a lightweight VM per pod.",
    host: "On the default runtime every system call goes to the host's kernel; a sandboxed runtime answers most of them itself.",
    vm: "Kata Containers and Firecracker are the VM boundary, applied per pod or container with the same images.",
    topic: 'isolation-spectrum',
    seeAlso: ['gvisor', 'kata-firecracker', 'shared-kernel'],
  },
  image: {
    title: 'Image',
    mechanism: 'image',
    touches: 'what the container runs, and as whom by default',
    does: "Names the image; a tag is a name the registry can move, a digest names one exact content.",
    host: "Nothing by itself, but the image decides the default user and what code runs; a moved tag runs different code without a change here.",
    vm: "A VM image is a whole disk with its own kernel; a container image holds user space only and runs on the host's kernel.",
    topic: 'tags-vs-digests',
    seeAlso: ['non-root-user', 'shared-kernel'],
  },
  'image-pull-policy': {
    title: 'Image pull policy',
    mechanism: 'image',
    touches: 'when the kubelet pulls the image',
    does: "`Always` asks the registry at every start, `IfNotPresent` uses a copy already on the node, `Never` only uses one. Left out, it is `Always` for `:latest` or no tag and `IfNotPresent` otherwise.",
    host: "With a tag, two nodes (or two restarts) can run different content under the same name; a digest removes the doubt whatever the policy.",
    vm: "A VM disk image is copied once and does not change under a running guest.",
    topic: 'tags-vs-digests',
    seeAlso: ['package-pinning'],
  },
  'service-account-token': {
    title: 'Service-account token',
    mechanism: 'cluster-api',
    touches: "the Kubernetes API credentials mounted into the pod",
    does: "Decides whether the kubelet mounts a token for the pod's service account at `/var/run/secrets/kubernetes.io/serviceaccount`.",
    host: "Whoever takes over the container can call the Kubernetes API with that account's permissions, which may reach well beyond this node.",
    vm: "This is about the cluster's API, not the kernel: a VM carries no cluster credentials unless you put them there.",
    topic: 'service-account-token',
    seeAlso: ['secrets', 'isolation-spectrum'],
  },
  'proc-mount': {
    title: '/proc mount type',
    mechanism: 'mount',
    touches: "the masked and read-only paths of the container's /proc",
    does: "`Default` keeps the runtime's masks over sensitive /proc paths; `Unmasked` removes them (it needs a user namespace).",
    host: "Unmasked, /proc shows kernel interfaces the runtime normally hides or makes read-only.",
    vm: "A guest's /proc describes the guest kernel, not the host's.",
    topic: 'mount-namespace',
    seeAlso: ['user-namespace', 'privileged'],
  },
  'host-port': {
    title: 'Published host port',
    mechanism: 'namespace',
    touches: "a port on the host's network interfaces forwarded into the container's network namespace",
    does: "Makes the engine or the node forward a host port to the container.",
    host: "Without a host address the port is open on every host interface; Docker's own firewall rules can take effect before host firewalls such as ufw.",
    vm: "A VM's services are reached through its own virtual network card and address.",
    topic: 'expose',
    seeAlso: ['network-namespace'],
  },
  'windows-host-process': {
    title: 'Windows HostProcess',
    mechanism: 'everything',
    touches: 'every boundary: it runs as a process on the Windows node',
    does: "Runs the container as a process directly on the Windows node, with the node's network and filesystem.",
    host: "There is no container boundary left: it is a host process with a container's packaging.",
    vm: "Hyper-V isolated Windows containers are the VM-backed alternative.",
    topic: 'isolation-spectrum',
    seeAlso: ['privileged', 'vm-vs-container'],
  },
};

export const SETTINGS: Readonly<Record<SettingId, SettingFacts>> = Object.fromEntries(
  Object.entries(FACTS).map(([id, f]) => [id, { id, ...f }]),
) as Record<SettingId, SettingFacts>;

export function setting(id: SettingId): SettingFacts {
  return SETTINGS[id];
}

/** Compose service keys → the concept they set. */
export const COMPOSE_KEYS: Readonly<Record<string, SettingId>> = {
  privileged: 'privileged',
  pid: 'host-pid',
  network_mode: 'host-network',
  ipc: 'host-ipc',
  uts: 'host-uts',
  userns_mode: 'user-namespace',
  cgroup: 'cgroup-namespace',
  cap_add: 'capabilities',
  cap_drop: 'capabilities',
  security_opt: 'security-opt',
  read_only: 'read-only-rootfs',
  user: 'user',
  group_add: 'group',
  devices: 'devices',
  volumes: 'volumes',
  mem_limit: 'memory-limit',
  memswap_limit: 'memory-limit',
  mem_reservation: 'memory-limit',
  cpus: 'cpu-limit',
  cpu_quota: 'cpu-limit',
  cpu_shares: 'cpu-limit',
  pids_limit: 'pids-limit',
  sysctls: 'sysctls',
  runtime: 'runtime',
  image: 'image',
  ports: 'host-port',
};

/** Kubernetes pod-spec keys → concept. */
export const K8S_POD_KEYS: Readonly<Record<string, SettingId>> = {
  hostPID: 'host-pid',
  hostNetwork: 'host-network',
  hostIPC: 'host-ipc',
  hostUsers: 'user-namespace',
  shareProcessNamespace: 'share-process-namespace',
  automountServiceAccountToken: 'service-account-token',
  runtimeClassName: 'runtime',
};

/** Kubernetes securityContext keys (pod or container) → concept. */
export const K8S_SECURITY_CONTEXT_KEYS: Readonly<Record<string, SettingId>> = {
  privileged: 'privileged',
  allowPrivilegeEscalation: 'no-new-privileges',
  readOnlyRootFilesystem: 'read-only-rootfs',
  runAsUser: 'user',
  runAsGroup: 'group',
  runAsNonRoot: 'run-as-non-root',
  fsGroup: 'group',
  supplementalGroups: 'group',
  capabilities: 'capabilities',
  seccompProfile: 'seccomp',
  appArmorProfile: 'apparmor',
  seLinuxOptions: 'selinux',
  procMount: 'proc-mount',
  sysctls: 'sysctls',
  windowsOptions: 'windows-host-process',
};

/**
 * What each capability lets a process do, in a phrase that completes "lets it …". Every capability
 * of current kernels is here; `DANGEROUS_CAPABILITIES` (isolation/capabilities.ts) says which ones
 * weaken the boundary.
 */
export const CAPABILITY_NOTES: Readonly<Record<string, string>> = {
  CHOWN: 'change the owner and group of any file it can reach',
  DAC_OVERRIDE: 'ignore read, write and execute permission bits on files',
  DAC_READ_SEARCH: 'read any file and list any directory regardless of permissions, and open files by handle, the trick behind a known escape that read host files from a container',
  FOWNER: "act on files it does not own where ownership is checked (chmod, timestamps, extended attributes)",
  FSETID: 'keep setuid and setgid bits when it changes a file',
  KILL: 'send signals to processes of other users that it can see',
  SETGID: 'switch to any group ID, as login programs do',
  SETUID: 'switch to any user ID, as `su` and login programs do',
  SETPCAP: 'pass capabilities it holds on to programs it runs, and drop others from its bounding set',
  LINUX_IMMUTABLE: 'set and clear the immutable and append-only flags on files',
  NET_BIND_SERVICE: 'listen on ports below 1024',
  NET_BROADCAST: 'send broadcasts and listen to multicast',
  NET_ADMIN: 'reconfigure interfaces, routes, firewall rules and traffic shaping of its network namespace (the host\'s, when it shares the host network)',
  NET_RAW: 'open raw and packet sockets: forge any packet and capture the traffic of the interfaces it sees',
  IPC_LOCK: 'lock memory so it is never swapped out',
  IPC_OWNER: 'ignore permission checks on System V IPC objects',
  SYS_MODULE: 'load code into the kernel as modules: the host kernel, shared by every container',
  SYS_RAWIO: 'do raw I/O through I/O ports and `/dev/mem`',
  SYS_CHROOT: 'use chroot',
  SYS_PTRACE: 'attach to any process it can see, read and change its memory, and inject code',
  SYS_PACCT: 'switch process accounting on and off',
  SYS_ADMIN: 'mount filesystems, create namespaces and use a long list of administrative interfaces; it shows up in most container escapes',
  SYS_BOOT: 'reboot the machine or load a new kernel to boot',
  SYS_NICE: 'raise priorities and use real-time scheduling, enough to starve other processes of CPU',
  SYS_RESOURCE: 'go past resource limits, disk quotas and the space reserved for root',
  SYS_TIME: "set the system clock, which has no namespace and so is the host's clock",
  SYS_TTY_CONFIG: 'reconfigure and hang up terminals',
  MKNOD: 'create device nodes (the device allow-list still decides which ones can be opened)',
  LEASE: 'take leases on files it does not own',
  AUDIT_WRITE: "write records to the kernel's audit log",
  AUDIT_CONTROL: 'change or switch off kernel auditing',
  AUDIT_READ: "read the kernel's audit log",
  SETFCAP: 'put capabilities on executable files',
  MAC_OVERRIDE: 'bypass AppArmor or SELinux decisions',
  MAC_ADMIN: 'change the AppArmor or SELinux policy',
  SYSLOG: 'read the kernel log, which leaks kernel addresses, and clear it',
  WAKE_ALARM: 'set timers that wake the system from suspend',
  BLOCK_SUSPEND: 'keep the system from suspending',
  PERFMON: 'observe the kernel and other processes through performance monitoring',
  BPF: 'load BPF programs and maps into the kernel',
  CHECKPOINT_RESTORE: "checkpoint and restore processes, choosing their process IDs and reading other processes' memory maps",
};

/** Kernel parameters a pod may set without the cluster allowing them (the kubelet's "safe" set). */
export const SAFE_SYSCTLS: readonly string[] = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
];

/** Is this kernel parameter per namespace (and so the container's own), by the engines' rules? */
export function sysctlNamespace(name: string): 'network' | 'ipc' | undefined {
  const n = name.trim().replace(/\//g, '.');
  if (n.startsWith('net.')) return 'network';
  if (/^kernel\.(msgmax|msgmnb|msgmni|sem|shmall|shmmax|shmmni|shm_rmid_forced)$/.test(n) || n.startsWith('fs.mqueue.')) return 'ipc';
  return undefined;
}

/** Well-known device nodes and what passing them in gives a container. */
export function deviceNote(path: string): string | undefined {
  const p = path.trim();
  if (/^\/dev\/(sd|hd|vd|xvd|nvme|mmcblk|dm-|loop|md)/.test(p)) return 'a block device: raw access to the disk under the host\'s filesystems';
  if (p === '/dev/mem' || p === '/dev/kmem' || p === '/dev/port') return "the host's physical memory or I/O ports";
  if (p === '/dev/kvm') return 'the KVM hypervisor interface of the host kernel';
  if (p === '/dev/fuse') return 'FUSE: filesystems served from user space, usually needed with SYS_ADMIN to mount them';
  if (p === '/dev/net/tun') return 'TUN/TAP: virtual network interfaces (VPNs), usually with NET_ADMIN';
  if (/^\/dev\/(nvidia|dri|kfd)/.test(p)) return "a GPU: the vendor's large kernel driver becomes reachable";
  if (/^\/dev\/(tty|console)/.test(p)) return 'a terminal or serial port of the host';
  if (/^\/dev\/(snd|video|input|bus\/usb|usb)/.test(p)) return 'hardware of the host (sound, camera, input or USB)';
  return undefined;
}
