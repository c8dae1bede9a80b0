/**
 * Which finding's quick-fix carries out a step of "one step to the right". A step names the advice
 * it comes from (`advice.ts`) and the profile field it changes; a rule's fix does one such step. The
 * table below is the link, checked against the rule registries by `fix-match.test.ts`.
 */
import type { Finding, Fix } from '../findings';
import type { AdviceId } from '../isolation/advice';
import type { ProfileField, SpectrumAction } from '../isolation/spectrum';
import { comparePositions } from '../text/range';
import type { Position, Range } from '../text/range';

/** Rules whose quick-fix carries out an advice step (compose, Kubernetes and Dockerfile rules). */
export const ADVICE_RULES: Readonly<Partial<Record<AdviceId, readonly string[]>>> = {
  'host-path.engine-socket': ['compose-docker-socket', 'k8s-docker-socket'],
  'host-path.host-root': ['compose-sensitive-host-path', 'k8s-sensitive-host-path'],
  'host-path.sensitive': ['compose-sensitive-host-path', 'k8s-sensitive-host-path'],
  'privileged.remove': ['compose-privileged', 'k8s-privileged'],
  'capabilities.replace-all': ['compose-dangerous-capabilities', 'k8s-dangerous-capabilities'],
  'capabilities.remove-sys-module': ['compose-dangerous-capabilities', 'k8s-dangerous-capabilities'],
  'capabilities.remove-dangerous': ['compose-dangerous-capabilities', 'k8s-dangerous-capabilities'],
  'capabilities.drop-all': ['compose-capabilities-not-dropped', 'k8s-capabilities-not-dropped'],
  'host-pid.with-tracer': ['compose-host-pid', 'k8s-host-pid'],
  'host-pid.remove': ['compose-host-pid', 'k8s-host-pid'],
  'host-network.remove': ['compose-host-network', 'k8s-host-network'],
  'host-ipc.remove': ['compose-host-ipc', 'k8s-host-ipc'],
  'host-uts.remove': ['compose-host-uts'],
  'host-user-namespace.remove': ['compose-host-userns', 'k8s-host-users'],
  'host-cgroup-namespace.remove': ['compose-host-cgroupns'],
  'seccomp.unconfined': ['compose-seccomp-unconfined', 'k8s-seccomp-unconfined'],
  'seccomp.set': ['k8s-seccomp-profile-missing', 'k8s-seccomp-unconfined', 'compose-seccomp-unconfined'],
  'apparmor.unconfined': ['compose-apparmor-unconfined', 'k8s-apparmor-unconfined'],
  'selinux.disabled': ['compose-selinux-unconfined', 'k8s-selinux-unconfined'],
  'devices.fewer': ['compose-devices'],
  'proc.unmasked': ['k8s-unmasked-proc-mount'],
  'host-process.remove': ['k8s-host-process'],
  'user.non-root': ['compose-runs-as-root', 'k8s-runs-as-root', 'final-stage-runs-as-root'],
  'no-new-privileges.set': ['compose-no-new-privileges', 'k8s-privilege-escalation-allowed'],
  'read-only-root.set': ['compose-writable-root-filesystem', 'k8s-writable-root-filesystem'],
  'limits.set': ['compose-resource-limits-missing', 'compose-pids-limit-missing', 'k8s-resource-limits-missing'],
};

/** The same link by field, for a step that names no advice. */
export const FIELD_RULES: Readonly<Partial<Record<ProfileField, readonly string[]>>> = {
  user: ADVICE_RULES['user.non-root'],
  privileged: ADVICE_RULES['privileged.remove'],
  'hostNamespaces.pid': ADVICE_RULES['host-pid.remove'],
  'hostNamespaces.network': ADVICE_RULES['host-network.remove'],
  'hostNamespaces.ipc': ADVICE_RULES['host-ipc.remove'],
  'hostNamespaces.uts': ADVICE_RULES['host-uts.remove'],
  'hostNamespaces.user': ADVICE_RULES['host-user-namespace.remove'],
  'hostNamespaces.cgroup': ADVICE_RULES['host-cgroup-namespace.remove'],
  capabilities: [...ADVICE_RULES['capabilities.remove-dangerous']!, ...ADVICE_RULES['capabilities.drop-all']!],
  seccomp: ADVICE_RULES['seccomp.set'],
  apparmor: ADVICE_RULES['apparmor.unconfined'],
  selinux: ADVICE_RULES['selinux.disabled'],
  noNewPrivileges: ADVICE_RULES['no-new-privileges.set'],
  readOnlyRootfs: ADVICE_RULES['read-only-root.set'],
  limits: ADVICE_RULES['limits.set'],
  devices: ADVICE_RULES['devices.fewer'],
  hostPaths: ['compose-docker-socket', 'k8s-docker-socket', 'compose-sensitive-host-path', 'k8s-sensitive-host-path'],
  hostPorts: ['compose-port-all-interfaces', 'k8s-host-port'],
  procUnmasked: ADVICE_RULES['proc.unmasked'],
  hostProcess: ADVICE_RULES['host-process.remove'],
  serviceAccountToken: ['k8s-service-account-token'],
};

/**
 * Where a workload's findings are: a finding belongs to it when its range starts inside one of
 * `within` and inside none of `exclude` (a pod's other containers).
 */
export interface WorkloadScope {
  within: Range[];
  exclude: Range[];
}

function inside(p: Position, r: Range): boolean {
  return comparePositions(p, r.start) >= 0 && comparePositions(p, r.end) <= 0;
}

function overlaps(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}

export function inScope(f: Finding, scope: WorkloadScope): boolean {
  const p = f.range.start;
  return scope.within.some((r) => inside(p, r)) && !scope.exclude.some((r) => inside(p, r));
}

/** A fix the editor can apply as it is: text edits, not one that needs the registry. */
export function isApplicable(fix: Fix): boolean {
  return fix.edits.length > 0 && fix.kind !== 'pin-digest';
}

export interface MatchedFix {
  finding: Finding;
  fixIndex: number;
  fix: Fix;
}

/**
 * The quick-fixes that carry out one step, best first: findings of the workload from the step's rules;
 * when the step is about one place (a path, a key), findings at that place come first and, if there
 * are any, only they. Per finding, its preferred applicable fix, else its first applicable one.
 */
export function fixesForAction(action: SpectrumAction, findings: readonly Finding[], scope: WorkloadScope): MatchedFix[] {
  const rules = (action.advice && ADVICE_RULES[action.advice.id]) ?? FIELD_RULES[action.field] ?? [];
  if (rules.length === 0) return [];
  let candidates = findings.filter((f) => rules.includes(f.ruleId) && inScope(f, scope) && f.fixes.some(isApplicable));
  if (action.range) {
    const here = candidates.filter((f) => overlaps(f.range, action.range!));
    if (here.length > 0) candidates = here;
    else if (candidates.length > 1 && /^host-path\./.test(action.advice?.id ?? '')) return [];
  }
  const order = (id: string) => rules.indexOf(id);
  candidates = [...candidates].sort((a, b) => order(a.ruleId) - order(b.ruleId) || comparePositions(a.range.start, b.range.start));
  const out: MatchedFix[] = [];
  for (const finding of candidates) {
    const indexed = finding.fixes.map((fix, fixIndex) => ({ fix, fixIndex })).filter((x) => isApplicable(x.fix));
    const pick = indexed.find((x) => x.fix.preferred) ?? indexed[0];
    if (pick) out.push({ finding, fixIndex: pick.fixIndex, fix: pick.fix });
  }
  return out;
}
