/**
 * The comparison panel's view model: a workload's isolation profile turned into plain data the webview
 * renders without deciding anything. Where the marker sits, every reason, the steps one position to
 * the right with what each changes and costs and, for a workload written in a file, the quick-fix
 * that carries it out (by reference: rule, fix index, document and version, so the editor applies
 * exactly that fix to exactly that text). A live container gets the `docker run` option instead.
 */
import type { Finding } from '../findings';
import type { AdviceId } from '../isolation/advice';
import type { IsolationProfile, SubjectKind } from '../isolation/profile';
import { ISOLATION_LEVELS, LEVEL_LABELS, placeOnSpectrum, summarize } from '../isolation/spectrum';
import type { IsolationLevel, ProfileField, SpectrumAction, SpectrumPlacement } from '../isolation/spectrum';
import { SETTINGS } from '../knowledge/settings-keys';
import { buildStageNote, FIELD_SETTING } from '../isolation/report';
import type { Range } from '../text/range';
import { panelContent } from './content';
import type { PanelContent } from './content';
import { fixesForAction } from './fix-match';
import type { WorkloadScope } from './fix-match';
import type { MeasuredView } from './measured';

export const PANEL_MODEL_VERSION = 1;

/** The exact quick-fix to apply: looked up again by the editor, never trusted from the webview. */
export interface FixRef {
  uri: string;
  version: number;
  ruleId: string;
  range: Range;
  fixIndex: number;
  /** The fix's title, as the lightbulb shows it. */
  title: string;
  /** It leaves placeholder values to fill in. */
  needsInput: boolean;
}

export interface PanelSubject {
  kind: SubjectKind;
  /** `compose service`, `Kubernetes init container`, `running container`, `Dockerfile stage`. */
  kindLabel: string;
  name: string;
  owner?: string;
  image?: string;
  /** The file it is defined in, as the user sees it (relative path). */
  file?: string;
  /** 1-based line of its definition. */
  line?: number;
  containerId?: string;
}

export interface PanelReason {
  text: string;
  label: string;
  direction: 'weaker' | 'stronger';
  field: ProfileField;
  line?: number;
  /** How a VM's boundary differs on this point. */
  vm?: string;
}

export interface PanelAction {
  /** Unique in the model: the webview names the action by it. */
  id: string;
  field: ProfileField;
  /** A few words: `Stop sharing the host network`. */
  label: string;
  /** What to change, in the words of the workload's source (Markdown code spans). */
  text: string;
  /** What it gains. */
  changes: string;
  /** What it costs. */
  costs: string;
  line?: number;
  /** The quick-fixes that carry it out, best first (files only). */
  fixes: FixRef[];
  /** A live container: the `docker run` option to change, to copy. */
  runOption?: string;
}

export interface PanelFact {
  setting: string;
  value: string;
  why: string;
  weak: boolean;
}

export interface PanelModel {
  version: typeof PANEL_MODEL_VERSION;
  subject: PanelSubject;
  level: IsolationLevel;
  levelLabel: string;
  /** 0 (host process) to 7 (virtual machine). */
  levelIndex: number;
  stepsFromVm: number;
  summary: string;
  reasons: PanelReason[];
  nextStep?: { level: IsolationLevel; label: string; note?: string; actions: PanelAction[] };
  facts: PanelFact[];
  content: PanelContent;
  measured?: MeasuredView;
  /** The text report of the same profile can be opened. */
  hasTextReport: boolean;
}

export interface PanelInput {
  profile: IsolationProfile;
  placement?: SpectrumPlacement;
  /** For a workload in a file: the document, its version, the findings of that version, and the workload's scope. */
  source?: { uri: string; version: number; file: string; findings: readonly Finding[]; scope: WorkloadScope };
  measured?: MeasuredView;
}

const KIND_LABEL: Record<SubjectKind, string> = {
  'compose-service': 'compose service',
  'k8s-container': 'Kubernetes container',
  'dockerfile-stage': 'Dockerfile final stage',
  container: 'running container',
};

/** What a step gains and costs, by the field it changes. */
const FIELD_EFFECT: Record<ProfileField, { label: string; gain: string; cost: string }> = {
  user: {
    label: 'Run as a non-root user',
    gain: "a process that escapes is not uid 0 on the host's files",
    cost: 'files it writes must belong to that uid; ports below 1024 need NET_BIND_SERVICE or a higher port',
  },
  privileged: {
    label: 'Drop privileged mode',
    gain: 'seccomp, AppArmor and the /proc and /sys masks apply again; no host devices, 14 capabilities instead of all',
    cost: 'whatever needed a device or a capability must ask for it by name',
  },
  'hostNamespaces.pid': {
    label: "Stop sharing the host's PIDs",
    gain: 'it no longer sees or signals the processes of the host',
    cost: 'process monitors inside it see only its own processes',
  },
  'hostNamespaces.network': {
    label: "Stop sharing the host's network",
    gain: "its own network stack: no binding the host's ports, no reaching services on the host's localhost",
    cost: 'publish the ports it serves; reach host services through the gateway address instead of localhost',
  },
  'hostNamespaces.ipc': {
    label: "Stop sharing the host's IPC",
    gain: "no access to the host's shared memory and message queues",
    cost: 'programs that meet a host process through shared memory stop working',
  },
  'hostNamespaces.uts': {
    label: "Stop sharing the host's hostname",
    gain: "it cannot rename the host",
    cost: 'it reports its own hostname',
  },
  'hostNamespaces.user': {
    label: 'Use a user namespace',
    gain: 'uid 0 inside maps to an unprivileged uid on the host',
    cost: 'bind-mounted files show other owners; needs engine or node support',
  },
  'hostNamespaces.cgroup': {
    label: "Stop sharing the host's cgroups",
    gain: "it no longer sees the host's whole cgroup tree",
    cost: 'monitoring agents that read host cgroups need another way',
  },
  capabilities: {
    label: 'Drop capabilities',
    gain: "fewer of root's powers to abuse after a break-in",
    cost: 'operations that needed a dropped capability fail until it is added back by name',
  },
  seccomp: {
    label: 'Filter system calls',
    gain: 'rarely used, risky system calls of the shared kernel are blocked',
    cost: 'a program that needs a blocked call fails (some debuggers, unusual tools)',
  },
  apparmor: {
    label: 'Confine with AppArmor',
    gain: 'the default profile denies writes to sensitive kernel files even to root',
    cost: 'on AppArmor hosts, what the profile denies fails',
  },
  selinux: {
    label: 'Keep SELinux separation',
    gain: 'on SELinux hosts its label keeps it off the host and other containers',
    cost: 'bind mounts may need relabelling (`:z`)',
  },
  noNewPrivileges: {
    label: 'Set no-new-privileges',
    gain: 'setuid programs cannot make it root again',
    cost: 'setuid helpers (su, sudo) stop raising privileges',
  },
  readOnlyRootfs: {
    label: 'Make the root filesystem read-only',
    gain: 'an intruder cannot replace the programs it runs',
    cost: 'paths it writes need a volume or tmpfs',
  },
  limits: {
    label: 'Set cgroup limits',
    gain: 'it cannot take all the memory, CPU or process slots of the host',
    cost: 'it is throttled or OOM-killed at the limit: size them from what it really uses',
  },
  devices: {
    label: 'Pass fewer host devices',
    gain: 'fewer host drivers reachable',
    cost: 'it loses direct access to those devices',
  },
  hostPaths: {
    label: 'Stop mounting the host path',
    gain: 'the host files stay out of reach',
    cost: 'what it needed from that path must come another way (a volume, a proxy, the image)',
  },
  hostPorts: {
    label: 'Publish on fewer interfaces',
    gain: 'the port is not reachable from the network',
    cost: 'clients on other machines go through a proxy or a load balancer',
  },
  runtime: {
    label: 'Change the runtime',
    gain: 'a boundary other than the shared kernel',
    cost: 'see the step on the spectrum',
  },
  serviceAccountToken: {
    label: 'Do not mount the API token',
    gain: 'a break-in does not get credentials for the cluster API',
    cost: 'a workload that calls the API needs the token mounted explicitly',
  },
  hostProcess: {
    label: 'Run as an ordinary container',
    gain: 'a container boundary at all',
    cost: 'node-level tasks need another way',
  },
  procUnmasked: {
    label: 'Mask /proc again',
    gain: 'kernel settings under /proc are hidden again',
    cost: 'nested container runtimes inside it stop working',
  },
};

/** Runtime steps: label and cost from the spectrum step they lead to. */
const RUNTIME_ADVICE: Partial<Record<AdviceId, IsolationLevel>> = {
  'runtime.gvisor': 'sandboxed',
  'runtime.microvm': 'microvm',
  'runtime.vm': 'vm',
};

function roleLabel(p: IsolationProfile): string {
  const role = p.subject.role;
  if (p.subject.kind === 'dockerfile-stage' && p.subject.buildStage) return 'Dockerfile build stage';
  if (p.subject.kind === 'k8s-container' && role && role !== 'container') {
    return role === 'initContainer' ? 'Kubernetes init container' : 'Kubernetes ephemeral container';
  }
  return KIND_LABEL[p.subject.kind];
}

const lineOf = (r: Range | undefined): number | undefined => (r ? r.start.line + 1 : undefined);

function facts(p: IsolationProfile): PanelFact[] {
  const out: PanelFact[] = [];
  const add = (setting: string, value: string, why: string, weak: boolean) => out.push({ setting, value, why, weak });
  add('User', `${p.user.kind}${p.user.value ? ` (${p.user.value})` : ''}`, p.user.why, p.user.kind !== 'non-root');
  add('Privileged', p.privileged.value ? 'yes' : 'no', p.privileged.why, p.privileged.value);
  const ns = p.hostNamespaces;
  const shared = (['pid', 'network', 'ipc', 'uts', 'cgroup'] as const).filter((n) => ns[n].value);
  add('Host namespaces', shared.length ? shared.join(', ') : 'none shared', shared.map((n) => ns[n].why).join('; ') || 'its own PID, network, IPC, UTS and cgroup namespaces', shared.length > 0);
  add('User namespace', ns.user.value ? 'host (none of its own)' : 'its own', ns.user.why, ns.user.value && ns.user.explicit);
  const c = p.capabilities;
  add('Capabilities', `${c.effective.length}${c.dangerous.length ? ` (dangerous: ${c.dangerous.join(', ')})` : ''}`, c.why, c.dangerous.length > 0 || c.addedAll);
  add('seccomp', `${p.seccomp.kind}${p.seccomp.value ? ` (${p.seccomp.value})` : ''}`, p.seccomp.why, p.seccomp.kind === 'unconfined' || p.seccomp.kind === 'disabled');
  add('AppArmor', p.apparmor.kind, p.apparmor.why, p.apparmor.kind === 'unconfined' || p.apparmor.kind === 'disabled');
  add('No new privileges', String(p.noNewPrivileges.value), p.noNewPrivileges.why, p.noNewPrivileges.value !== true);
  add('Read-only root', p.readOnlyRootfs.value ? 'yes' : 'no', p.readOnlyRootfs.why, !p.readOnlyRootfs.value);
  const l = p.limits;
  const limits = [l.memory && `memory ${l.memory.value}`, l.cpu && `CPU ${l.cpu.value}`, l.pids && `pids ${l.pids.value}`].filter(Boolean) as string[];
  add('cgroup limits', limits.length ? limits.join(', ') : 'none', limits.length ? [l.memory?.source, l.cpu?.source, l.pids?.source].filter(Boolean).join(', ') : 'no memory, CPU or process limit', !l.memory);
  if (p.hostPaths.length) add('Host paths', p.hostPaths.map((h) => `${h.path}${h.readOnly ? ' (ro)' : ''}`).join(', '), p.hostPaths.filter((h) => h.sensitive).map((h) => `${h.path}: ${h.sensitive}`).join('; '), p.hostPaths.some((h) => h.sensitive));
  if (p.devices.length) add('Devices', p.devices.map((d) => d.path).join(', '), 'host devices passed in', true);
  add('Runtime', `${p.runtime.kind}${p.runtime.name ? ` (${p.runtime.name})` : ''}`, p.runtime.why, false);
  if (p.serviceAccountToken) add('API token mounted', p.serviceAccountToken.value ? 'yes' : 'no', p.serviceAccountToken.why, p.serviceAccountToken.value);
  return out;
}

function actionOf(a: SpectrumAction, i: number, input: PanelInput, placementLevel: IsolationLevel): PanelAction {
  const p = input.profile;
  const runtimeLevel = a.advice ? RUNTIME_ADVICE[a.advice.id] : undefined;
  const effect = FIELD_EFFECT[a.field];
  let label = effect.label;
  let changes = effect.gain;
  let costs = effect.cost;
  if (runtimeLevel) {
    const step = panelContent().spectrum.find((s) => s.level === runtimeLevel)!;
    label = runtimeLevel === 'vm' ? 'Move it to a virtual machine' : `Run it as a ${LEVEL_LABELS[runtimeLevel]}`;
    changes = step.adds;
    costs = step.costs;
  } else if (a.advice?.id === 'undo' && a.advice.vars?.label) {
    label = `Undo: ${a.advice.vars.label}`;
  } else if (a.advice?.id === 'host-pid.with-tracer') {
    label = 'Stop sharing host PIDs with a tracing capability';
  } else if (placementLevel === 'default-container' && a.field === 'capabilities') {
    label = 'Drop every capability';
  }
  const fixes =
    input.source && p.subject.kind !== 'container'
      ? fixesForAction(a, input.source.findings, input.source.scope).map(({ finding, fixIndex, fix }) => ({
          uri: input.source!.uri,
          version: input.source!.version,
          ruleId: finding.ruleId,
          range: finding.range,
          fixIndex,
          title: fix.title,
          needsInput: fix.needsInput === true,
        }))
      : [];
  const line = lineOf(a.range);
  return {
    id: `a${i}`,
    field: a.field,
    label,
    text: a.text,
    changes,
    costs,
    ...(line !== undefined ? { line } : {}),
    fixes,
    ...(p.subject.kind === 'container' ? { runOption: a.text } : {}),
  };
}

const CONTAINER_NOTE =
  'A container keeps the settings it was created with (only limits change in place, with `docker update`): ' +
  'these options apply to the container that replaces it. If compose created it, change the service instead.';

/** The panel's view model for one workload. */
export function buildPanelModel(input: PanelInput): PanelModel {
  const p = input.profile;
  const placement = input.placement ?? placeOnSpectrum(p);
  const s = p.subject;
  const line = lineOf(s.range);
  const subject: PanelSubject = {
    kind: s.kind,
    kindLabel: roleLabel(p),
    name: s.name,
    ...(s.owner ? { owner: s.owner } : {}),
    ...(s.image ? { image: s.image } : {}),
    ...(input.source ? { file: input.source.file } : {}),
    ...(line !== undefined && input.source ? { line } : {}),
    ...(s.id ? { containerId: s.id } : {}),
  };
  const reasons: PanelReason[] = placement.reasons.map((r) => {
    const setting = FIELD_SETTING[r.field];
    const rl = lineOf(r.range);
    return {
      text: r.text,
      label: r.label,
      direction: r.direction,
      field: r.field,
      ...(rl !== undefined && input.source ? { line: rl } : {}),
      ...(setting && r.direction === 'weaker' ? { vm: SETTINGS[setting].vm } : {}),
    };
  });
  const levelIndex = ISOLATION_LEVELS.indexOf(placement.level);
  const next = placement.nextStep;
  return {
    version: PANEL_MODEL_VERSION,
    subject,
    level: placement.level,
    levelLabel: LEVEL_LABELS[placement.level],
    levelIndex,
    stepsFromVm: ISOLATION_LEVELS.length - 1 - levelIndex,
    summary: summarize(p, placement),
    reasons,
    ...(next
      ? {
          nextStep: {
            level: next.level,
            label: LEVEL_LABELS[next.level],
            ...(s.kind === 'container' && next.actions.length ? { note: CONTAINER_NOTE } : {}),
            ...(s.buildStage ? { note: buildStageNote(s) } : {}),
            actions: next.actions.map((a, i) => actionOf(a, i, input, placement.level)),
          },
        }
      : {}),
    facts: facts(p),
    content: panelContent(),
    ...(input.measured ? { measured: input.measured } : {}),
    hasTextReport: true,
  };
}
