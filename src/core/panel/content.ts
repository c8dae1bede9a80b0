/**
 * What the comparison panel says about VMs and containers in general, as plain data: the two stacks,
 * the comparison table, the isolation spectrum step by step, when to use which, and the hybrid that
 * is the norm. The webview draws it; nothing here knows about HTML.
 *
 * Every figure keeps its range and names the seed documents it comes from (`docs/knowledge.md`
 * describes each seed); `content.test.ts` checks each number against the seeds it cites. The
 * sentences are ours.
 */
import { ISOLATION_LEVELS, LEVEL_LABELS } from '../isolation/spectrum';
import type { IsolationLevel } from '../isolation/spectrum';

/** The five seed documents in `shared/seeds/` (`000_…` to `004_…`). */
export type SeedId = '000' | '001' | '002' | '003' | '004';

export interface Figure {
  /** The usual value, short: `30–60 s`. */
  typical: string;
  /** The spread the sources give, when they give one: `30 s – 5 min`. */
  range?: string;
  /** A few words on what the value is: `an OS boot`. */
  note?: string;
  seeds: SeedId[];
}

export interface ComparisonRow {
  id: 'isolation' | 'boundary' | 'startup' | 'shutdown' | 'image-size' | 'memory' | 'density' | 'overhead' | 'os' | 'use';
  aspect: string;
  vm: Figure;
  container: Figure;
  /** What moves the figures. */
  dependsOn: string;
}

export type LayerKind = 'hardware' | 'hypervisor' | 'kernel' | 'os' | 'isolation' | 'runtime' | 'app' | 'image' | 'writable';

export interface StackLayer {
  kind: LayerKind;
  label: string;
  detail: string;
  /** Drawn once per instance (each VM's kernel, each container's app), not once for the host. */
  perInstance: boolean;
}

export interface Stack {
  id: 'vm' | 'container' | 'image';
  title: string;
  /** Bottom first. */
  layers: StackLayer[];
  caption: string;
}

export interface SpectrumStep {
  level: IsolationLevel;
  label: string;
  /** What a workload at this step is, in a sentence. */
  what: string;
  /** What this step adds over the one to its left. */
  adds: string;
  /** What it costs. */
  costs: string;
  examples?: string;
  seeds: SeedId[];
}

export interface UseCase {
  text: string;
  seeds: SeedId[];
}

export interface PanelContent {
  stacks: Stack[];
  table: ComparisonRow[];
  spectrum: SpectrumStep[];
  whenToUse: { containers: UseCase[]; vms: UseCase[] };
  hybrid: { text: string; points: UseCase[] };
}

/** Typical VM image sizes, for the "measured here" comparison, in bytes, with their source. */
export const TYPICAL_VM_IMAGES: readonly { label: string; low: number; high?: number; seeds: SeedId[] }[] = [
  { label: 'minimal Linux VM image', low: 500e6, seeds: ['002'] },
  { label: 'Ubuntu Server VM', low: 5e9, high: 8e9, seeds: ['001'] },
  { label: 'Linux web server VM image', low: 10e9, high: 20e9, seeds: ['000'] },
];

/** Typical start and stop times, for the "measured here" comparison, in milliseconds. */
export const TYPICAL_TIMES = {
  vmBoot: { low: 30_000, high: 60_000, label: 'VM boot', seeds: ['000'] as SeedId[] },
  vmBootWide: { low: 30_000, high: 300_000, label: 'VM cold start', seeds: ['003'] as SeedId[] },
  vmShutdown: { low: 10_000, high: 30_000, label: 'VM shutdown', seeds: ['001'] as SeedId[] },
  containerStart: { low: 100, high: 2_000, label: 'container cold start', seeds: ['003'] as SeedId[] },
} as const;

const STACKS: Stack[] = [
  {
    id: 'vm',
    title: 'Virtual machines',
    caption: 'Each VM boots a kernel of its own on virtual hardware; the hypervisor is the wall between them.',
    layers: [
      { kind: 'hardware', label: 'Hardware', detail: 'CPU, memory, disks, network cards of the physical server', perInstance: false },
      {
        kind: 'hypervisor',
        label: 'Hypervisor',
        detail:
          'Type 1 runs on the bare hardware (ESXi, Hyper-V, Xen, KVM: what clouds use); type 2 runs as an application on a host OS (VirtualBox, VMware Workstation, Parallels: laptops, testing)',
        perInstance: false,
      },
      { kind: 'kernel', label: 'Guest kernel', detail: 'one per VM, with its own drivers, booted like a real machine', perInstance: true },
      { kind: 'os', label: 'Guest OS', detail: 'system libraries and services of a whole distribution', perInstance: true },
      { kind: 'app', label: 'App', detail: 'the application and its dependencies', perInstance: true },
    ],
  },
  {
    id: 'container',
    title: 'Containers',
    caption: 'Every container is a group of processes on the one host kernel; namespaces and cgroups are features of that kernel.',
    layers: [
      { kind: 'hardware', label: 'Hardware', detail: 'the same physical server (in a cloud, usually a VM itself)', perInstance: false },
      { kind: 'kernel', label: 'Host kernel (shared)', detail: 'one kernel answers the system calls of every container', perInstance: false },
      {
        kind: 'isolation',
        label: 'Namespaces · cgroups · union FS',
        detail: 'namespaces limit what a process sees, cgroups what it consumes, OverlayFS stacks the image layers',
        perInstance: false,
      },
      { kind: 'runtime', label: 'dockerd → containerd → runc', detail: 'the daemon takes the API call, containerd runs the lifecycle, runc sets up namespaces and cgroups and starts the process', perInstance: false },
      { kind: 'app', label: 'App + libraries', detail: 'the image: user-space files only, no kernel', perInstance: true },
    ],
  },
  {
    id: 'image',
    title: 'An image and a running container',
    caption: 'Image layers are read-only and shared by every container of the image; writes land in a thin layer that goes away with the container.',
    layers: [
      { kind: 'image', label: 'Base layer (FROM)', detail: 'the distribution or runtime files the image starts from', perInstance: false },
      { kind: 'image', label: 'RUN layer', detail: 'what a RUN step installed or changed', perInstance: false },
      { kind: 'image', label: 'COPY layer', detail: 'the application files', perInstance: false },
      {
        kind: 'writable',
        label: 'Writable container layer',
        detail: 'copy-on-write: a file changed at run time is copied up here first; keep data that must survive in volumes',
        perInstance: true,
      },
    ],
  },
];

const TABLE: ComparisonRow[] = [
  {
    id: 'isolation',
    aspect: 'Isolation',
    vm: { typical: 'virtual hardware, own kernel and OS', seeds: ['000', '002'] },
    container: { typical: 'processes fenced by namespaces and cgroups on the shared kernel', seeds: ['000', '002'] },
    dependsOn: 'For containers, on the settings: a privileged container or one sharing host namespaces has little of it left.',
  },
  {
    id: 'boundary',
    aspect: 'Security boundary',
    vm: { typical: 'the hypervisor', range: 'about 100 thousand lines of code to attack', note: 'an escape needs a hypervisor flaw', seeds: ['003'] },
    container: { typical: 'the host kernel', range: 'about 30 million lines of code to attack', note: 'a kernel flaw reaches every container', seeds: ['003'] },
    dependsOn: 'Hardening (seccomp, capabilities, non-root, user namespaces, AppArmor/SELinux) shrinks what a container can reach; a misconfigured VM is still exposed.',
  },
  {
    id: 'startup',
    aspect: 'Start time',
    vm: { typical: '30–60 s', range: '30 s – 5 min', note: 'firmware, boot loader, kernel, init, services', seeds: ['000', '001', '003'] },
    container: { typical: 'milliseconds', range: '100 ms – 3 s', note: 'a process start', seeds: ['000', '001', '003'] },
    dependsOn: "The guest OS's boot and services for a VM; for a container mostly the application's own start-up, plus the pull when the image is not local.",
  },
  {
    id: 'shutdown',
    aspect: 'Stop time',
    vm: { typical: '10–30 s', note: 'an OS shutdown', seeds: ['001'] },
    container: { typical: 'under 1 s', note: 'a signal to one process', seeds: ['001'] },
    dependsOn: 'Whether the main process handles SIGTERM: one that ignores it is killed only after the grace period (10 s by default).',
  },
  {
    id: 'image-size',
    aspect: 'Image size',
    vm: { typical: '10–20 GB', range: '500 MB – 50 GB', note: 'a whole OS disk', seeds: ['000', '002', '003'] },
    container: { typical: '50–200 MB', range: '5 MB – 1 GB', note: 'user-space files only; layers shared between images', seeds: ['000', '001', '003'] },
    dependsOn: 'The base image and what the build leaves behind: minimal bases and multi-stage builds keep images small.',
  },
  {
    id: 'memory',
    aspect: 'Memory per instance',
    vm: { typical: '512 MB – 2 GB', range: '256 MB – 2 GB', note: 'the guest OS, before the app', seeds: ['002', '003'] },
    container: { typical: 'about 10 MB', note: 'runtime overhead, before the app', seeds: ['003'] },
    dependsOn: 'The application dominates either way; a VM adds a resident guest kernel and services even when idle.',
  },
  {
    id: 'density',
    aspect: 'Density per host',
    vm: { typical: '10–50', range: '5–10 on a 64 GB server, up to hundreds', seeds: ['001', '003'] },
    container: { typical: '100–1000', range: '50–100+ on a 64 GB server, up to thousands', seeds: ['000', '001', '003'] },
    dependsOn: "Memory per instance and the host's size; limits decide how safely they pack.",
  },
  {
    id: 'overhead',
    aspect: 'CPU overhead',
    vm: { typical: '5–15%', note: 'hypervisor', seeds: ['003'] },
    container: { typical: '1–3%', note: 'namespaces and cgroups', seeds: ['003'] },
    dependsOn: 'CPU virtualisation extensions (Intel VT-x, AMD-V) keep VMs near native for CPU-bound work; I/O-heavy work shows more difference.',
  },
  {
    id: 'os',
    aspect: 'OS flexibility',
    vm: { typical: 'any OS and kernel version', note: 'Windows next to Linux on one host', seeds: ['000', '001'] },
    container: { typical: "the host's kernel type", note: 'Linux containers need a Linux kernel, Windows containers a Windows host', seeds: ['000', '001', '004'] },
    dependsOn: 'On a laptop, Docker Desktop runs Linux containers inside a Linux VM: the kernel still has to match.',
  },
  {
    id: 'use',
    aspect: 'Typical use',
    vm: { typical: 'strong isolation: other tenants, untrusted code, another OS, compliance', seeds: ['000', '001', '002'] },
    container: { typical: 'microservices, CI/CD, many small workloads that scale fast', seeds: ['000', '001', '002'] },
    dependsOn: 'Who else runs on the same kernel: your own services, or code you do not trust.',
  },
];

const STEPS: Record<IsolationLevel, Omit<SpectrumStep, 'level' | 'label'>> = {
  process: {
    what: 'A process on the host: nothing but file permissions between it and everything else.',
    adds: 'nothing: the starting point',
    costs: 'no isolation at all',
    seeds: ['000'],
  },
  'privileged-container': {
    what: "Packaged like a container, but privileged, holding the engine's socket or the host's root: as good as root on the host.",
    adds: 'packaging and its own filesystem view, not a boundary',
    costs: 'treat it as a host process',
    seeds: ['003', '004'],
  },
  'weakened-container': {
    what: "A container that shares some of the host's namespaces, holds powerful capabilities or runs without seccomp or its LSM profile.",
    adds: 'namespaces and cgroups, with holes',
    costs: 'each hole is a door to the host',
    seeds: ['001', '003'],
  },
  'default-container': {
    what: "The engine's defaults: own namespaces, a reduced capability set, the default seccomp profile, usually running as root.",
    adds: 'own PID, network, mount, UTS and IPC namespaces, default seccomp, 14 capabilities',
    costs: 'start in milliseconds; the shared kernel is the boundary',
    seeds: ['000', '001', '003'],
  },
  'hardened-container': {
    what: 'Defaults plus non-root, no capabilities, no-new-privileges, a read-only root and cgroup limits.',
    adds: 'less to gain from an escape and no way to starve the host',
    costs: 'writable paths and needed capabilities must be listed; same speed',
    seeds: ['000', '003', '004'],
  },
  sandboxed: {
    what: 'A user-space kernel (gVisor) answers the system calls, so little of the host kernel is reachable.',
    adds: 'a second kernel between the workload and the host',
    costs: 'slower system calls and I/O; not every program runs',
    examples: 'gVisor, GKE Sandbox',
    seeds: ['003'],
  },
  microvm: {
    what: 'Each pod or function in a lightweight VM with its own guest kernel behind a hypervisor.',
    adds: 'a hardware-enforced boundary with the container workflow kept',
    costs: 'about 30–50 ms more start-up and about 100 MB of memory per pod (Kata)',
    examples: 'Kata Containers, Firecracker (AWS Lambda)',
    seeds: ['002', '003'],
  },
  vm: {
    what: 'A full virtual machine: its own kernel and OS on virtual hardware.',
    adds: 'the strongest boundary here, and any OS',
    costs: 'boots in tens of seconds to minutes, gigabytes per image, fewer per host',
    seeds: ['000', '001', '003'],
  },
};

const WHEN_CONTAINERS: UseCase[] = [
  { text: 'Many small services that deploy often and scale up and down quickly', seeds: ['000', '001', '002'] },
  { text: 'CI/CD: the same build and test environment everywhere, jobs in parallel', seeds: ['001', '002'] },
  { text: 'Stateless replicas behind a load balancer, orchestrated by Kubernetes', seeds: ['000', '002'] },
  { text: "Developer environments that match production (same kernel family)", seeds: ['001', '002'] },
];

const WHEN_VMS: UseCase[] = [
  { text: 'Tenants who must not trust each other, or code you did not write', seeds: ['000', '001', '002', '003'] },
  { text: 'Another operating system or kernel version (Windows next to Linux, an old kernel)', seeds: ['000', '001', '002'] },
  { text: 'Compliance that asks for hypervisor isolation', seeds: ['001', '003'] },
  { text: 'Legacy applications that expect a whole machine', seeds: ['001', '004'] },
];

const HYBRID: PanelContent['hybrid'] = {
  text:
    'In practice the two are layered, not chosen between: containers run inside VMs. The VM keeps tenants apart; ' +
    'containers pack your own services densely inside it.',
  points: [
    { text: 'An EC2, GCE or Azure instance is a VM; Docker runs on it', seeds: ['000', '002'] },
    { text: 'Managed Kubernetes (EKS, GKE, AKS) runs pods on VM worker nodes', seeds: ['000'] },
    { text: 'Sandboxed pods (gVisor, Kata) can sit next to ordinary ones on the same nodes', seeds: ['003'] },
  ],
};

/** The panel's general content. */
export function panelContent(): PanelContent {
  return {
    stacks: STACKS,
    table: TABLE,
    spectrum: ISOLATION_LEVELS.map((level) => ({ level, label: LEVEL_LABELS[level], ...STEPS[level] })),
    whenToUse: { containers: WHEN_CONTAINERS, vms: WHEN_VMS },
    hybrid: HYBRID,
  };
}
