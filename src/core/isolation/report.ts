/**
 * A workload's isolation profile as a Markdown page: the one-line summary, where it sits on the
 * spectrum (and how far that is from a VM), every reason, what one step to the right would take,
 * and the profile field by field. The editor shows it as a read-only preview until the comparison
 * panel exists; the CLI can print it. Everything from the file is escaped.
 */
import { SETTINGS } from '../knowledge/settings-keys';
import type { SettingId } from '../knowledge/settings-keys';
import { TOPICS } from '../knowledge/topics';
import { escapeMarkdown, inlineCode, joinWords } from '../markdown';
import { escapeActionText } from './hover-render';
import type { Confinement, IsolationProfile, ProfileFlag } from './profile';
import { ISOLATION_LEVELS, LEVEL_LABELS, placeOnSpectrum, summarize } from './spectrum';
import type { ProfileField, SpectrumPlacement } from './spectrum';

export interface ReportOptions {
  /** The file the workload is defined in, as shown to the user (a relative path or a name). */
  file?: string;
}

/** Where a subject's settings come from, for "nothing in … moves it". */
const SOURCE_WORD: Record<IsolationProfile['subject']['kind'], string> = {
  'compose-service': 'the file',
  'k8s-container': 'the file',
  'dockerfile-stage': 'the file',
  container: "the container's settings",
};

const SUBJECT_WORD: Record<IsolationProfile['subject']['kind'], string> = {
  'compose-service': 'compose service',
  'k8s-container': 'Kubernetes container',
  'dockerfile-stage': 'Dockerfile stage',
  container: 'running container',
};

/**
 * For a Dockerfile stage other than the last (the report and the panel): what a plain build makes, and how
 * this stage would become a container. An unnamed stage cannot be picked with `--target` until it has a name.
 */
export function buildStageNote(subject: { target?: string }): string {
  const how = subject.target
    ? `when a build picks it (\`docker build --target ${subject.target}\`)`
    : 'when it is given a name (`FROM … AS name`) and a build picks it with `--target name`';
  return (
    `A build stage: a plain \`docker build\` makes an image of the last stage; this one becomes a container only ${how}. ` +
    'Its `RUN` steps do run during the build, with the user shown here.'
  );
}

function yesNo(f: ProfileFlag | undefined): string {
  return f?.value ? '**yes**' : 'no';
}

function cell(text: string): string {
  return escapeMarkdown(text, 400);
}

function confinement(c: Confinement): string {
  const value = c.value ? ` ${inlineCode(c.value)}` : '';
  return `${c.kind}${value}`;
}

/** The spectrum as one line with the workload's level in bold and brackets. */
export function spectrumLine(placement: SpectrumPlacement): string {
  return ISOLATION_LEVELS.map((l) => (l === placement.level ? `**[${LEVEL_LABELS[l]}]**` : LEVEL_LABELS[l])).join(' → ');
}

/** Which knowledge entry (`settings-keys.ts`) explains each profile field; shared by the profile page and the tree. */
export const FIELD_SETTING: Partial<Record<ProfileField, SettingId>> = {
  user: 'user',
  privileged: 'privileged',
  'hostNamespaces.pid': 'host-pid',
  'hostNamespaces.network': 'host-network',
  'hostNamespaces.ipc': 'host-ipc',
  'hostNamespaces.uts': 'host-uts',
  'hostNamespaces.user': 'user-namespace',
  'hostNamespaces.cgroup': 'cgroup-namespace',
  capabilities: 'capabilities',
  seccomp: 'seccomp',
  apparmor: 'apparmor',
  selinux: 'selinux',
  noNewPrivileges: 'no-new-privileges',
  readOnlyRootfs: 'read-only-rootfs',
  limits: 'memory-limit',
  devices: 'devices',
  hostPaths: 'volumes',
  hostPorts: 'host-port',
  runtime: 'runtime',
  serviceAccountToken: 'service-account-token',
  hostProcess: 'windows-host-process',
  procUnmasked: 'proc-mount',
};

/** For each setting that weakens the workload: the label and how a VM boundary differs (once per setting). */
export function vmContrast(placement: SpectrumPlacement): string[] {
  const seen = new Set<SettingId>();
  const out: string[] = [];
  for (const r of placement.reasons) {
    if (r.direction !== 'weaker') continue;
    const id = FIELD_SETTING[r.field];
    if (!id || seen.has(id)) continue;
    seen.add(id);
    out.push(`- **${escapeMarkdown(r.label)}**: ${SETTINGS[id].vm}`);
  }
  return out;
}

export function renderProfileReport(
  profile: IsolationProfile,
  placement: SpectrumPlacement = placeOnSpectrum(profile),
  options: ReportOptions = {},
): string {
  const s = profile.subject;
  const role = s.role && s.role !== 'container' ? (s.role === 'initContainer' ? 'init container' : 'ephemeral container') : undefined;
  const what = role ? `Kubernetes ${role}` : SUBJECT_WORD[s.kind];
  const out: string[] = [];
  out.push(`# ${escapeMarkdown(s.name)}: isolation profile`, '');
  const where = [
    `${what}${s.owner ? ` of ${inlineCode(s.owner)}` : ''}`,
    options.file ? `in ${inlineCode(options.file)}` : '',
    s.range ? `line ${s.range.start.line + 1}` : '',
  ].filter(Boolean);
  out.push(`${where.join(', ')}${s.image ? ` · image ${inlineCode(s.image)}` : ''}`, '');
  out.push(`> ${escapeMarkdown(summarize(profile, placement), 400)}`, '');
  if (s.buildStage) out.push(buildStageNote(s), '');

  out.push('## Where it sits', '', spectrumLine(placement), '');
  const steps = ISOLATION_LEVELS.indexOf('vm') - ISOLATION_LEVELS.indexOf(placement.level);
  out.push(
    steps === 0
      ? 'A virtual machine: a kernel of its own behind a hypervisor.'
      : `${steps} ${steps === 1 ? 'step' : 'steps'} from a virtual machine. ${TOPICS['vm-vs-container'].summary}`,
    '',
  );

  out.push('## Why', '');
  const weaker = placement.reasons.filter((r) => r.direction === 'weaker');
  const stronger = placement.reasons.filter((r) => r.direction === 'stronger');
  if (!placement.reasons.length) out.push(`Nothing in ${SOURCE_WORD[s.kind]} moves it away from the defaults.`);
  for (const r of weaker) out.push(`- ▼ ${cell(r.text)}${r.range ? ` (line ${r.range.start.line + 1})` : ''}`);
  for (const r of stronger) out.push(`- ▲ ${cell(r.text)}${r.range ? ` (line ${r.range.start.line + 1})` : ''}`);
  out.push('');

  if (placement.nextStep) {
    out.push(`## One step to the right: ${LEVEL_LABELS[placement.nextStep.level]}`, '');
    if (s.kind === 'container' && placement.nextStep.actions.length) {
      // Most of a container's settings are fixed when it is created: the steps name the flags of a new one.
      out.push(
        'The steps name `docker run` options. A container keeps the settings it was created with (only its limits change ' +
          'in place, with `docker update`), so they apply to the container that replaces it; if compose created it, change ' +
          'the same settings in its service.',
        '',
      );
    }
    if (!placement.nextStep.actions.length) out.push(`Nothing Container Lens can name from ${SOURCE_WORD[s.kind]}.`);
    for (const a of placement.nextStep.actions) out.push(`- ${escapeActionText(a.text)}${a.range ? ` (line ${a.range.start.line + 1})` : ''}`);
    out.push('');
  }

  out.push('## The profile', '', '| Setting | Value | Why |', '|---|---|---|');
  const row = (name: string, value: string, why: string) => out.push(`| ${name} | ${value} | ${cell(why)} |`);
  row('User', `${profile.user.kind}${profile.user.value ? ` (${inlineCode(profile.user.value)})` : ''}`, profile.user.why);
  row('Privileged', yesNo(profile.privileged), profile.privileged.why);
  const ns = profile.hostNamespaces;
  for (const [name, flag] of [
    ['PID', ns.pid],
    ['network', ns.network],
    ['IPC', ns.ipc],
    ['UTS', ns.uts],
    ['user', ns.user],
    ['cgroup', ns.cgroup],
  ] as const) {
    row(`Host ${name} namespace`, yesNo(flag), flag.why);
  }
  const caps = profile.capabilities;
  row('Capabilities', `${caps.effective.length}${caps.dangerous.length ? `, dangerous: ${caps.dangerous.map((c) => inlineCode(c)).join(', ')}` : ''}`, caps.why);
  row('seccomp', confinement(profile.seccomp), profile.seccomp.why);
  row('AppArmor', confinement(profile.apparmor), profile.apparmor.why);
  row('SELinux', confinement(profile.selinux), profile.selinux.why);
  row('No new privileges', String(profile.noNewPrivileges.value), profile.noNewPrivileges.why);
  row('Read-only root', yesNo(profile.readOnlyRootfs), profile.readOnlyRootfs.why);
  const l = profile.limits;
  const limits = [l.memory && `memory ${inlineCode(l.memory.value)}`, l.cpu && `CPU ${inlineCode(l.cpu.value)}`, l.pids && `pids ${inlineCode(l.pids.value)}`].filter(Boolean) as string[];
  row('cgroup limits', limits.length ? limits.join(', ') : '**none**', limits.length ? [l.memory?.source, l.cpu?.source, l.pids?.source].filter(Boolean).join(', ') : 'no memory, CPU or process limit');
  row('Devices', profile.devices.length ? profile.devices.map((d) => inlineCode(d.path)).join(', ') : 'none', '');
  row(
    'Host paths',
    profile.hostPaths.length ? profile.hostPaths.map((h) => `${inlineCode(h.path)}${h.readOnly ? ' (ro)' : ''}`).join(', ') : 'none',
    joinWords(profile.hostPaths.filter((h) => h.sensitive).map((h) => `${h.path} is sensitive (${h.sensitive})`)),
  );
  row('Host ports', profile.hostPorts.length ? profile.hostPorts.map((p) => inlineCode(`${p.hostIp ? `${p.hostIp}:` : ''}${p.port ?? '?'}`)).join(', ') : 'none', '');
  row('Runtime', `${profile.runtime.kind}${profile.runtime.name ? ` (${inlineCode(profile.runtime.name)})` : ''}`, profile.runtime.why);
  if (profile.serviceAccountToken) row('API token mounted', yesNo(profile.serviceAccountToken), profile.serviceAccountToken.why);
  if (profile.procUnmasked) row('/proc unmasked', yesNo(profile.procUnmasked), profile.procUnmasked.why);
  if (profile.hostProcess) row('HostProcess', yesNo(profile.hostProcess), profile.hostProcess.why);
  out.push('');

  out.push('## Compared with a virtual machine', '');
  const vmLines = vmContrast(placement);
  if (vmLines.length) out.push('What weakens this workload, and how a VM boundary differs:', '', ...vmLines, '');
  out.push('In general:', '', TOPICS['vm-vs-container'].body.split('\n\n')[0], '');
  out.push('---', '', `*${TOPICS['isolation-spectrum'].summary}*`, '');
  return out.join('\n');
}
