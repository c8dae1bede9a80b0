/** Shared by the Kubernetes rules (not a rule). */
import { profileFromKubernetes } from '../../isolation/profile';
import type { IsolationProfile } from '../../isolation/profile';
import type { Range } from '../../text/range';
import type { Located } from '../../yaml/read';
import type { K8sContainer, K8sPodSpec } from '../model';

const PROFILES = new WeakMap<K8sContainer, IsolationProfile>();

/** The container's isolation profile, built once per parsed container and shared by the rules and the editor. */
export function profileOf(container: K8sContainer): IsolationProfile {
  let p = PROFILES.get(container);
  if (!p) {
    p = profileFromKubernetes(container);
    PROFILES.set(container, p);
  }
  return p;
}

/** `Deployment/web` (or the kind alone when unnamed). */
export function ownerOf(pod: K8sPodSpec): string {
  const o = pod.owner;
  return o.name?.value ? `${o.kind.value}/${o.name.value}` : o.kind.value;
}

const ROLE: Record<K8sContainer['role'], string> = {
  container: 'container',
  initContainer: 'init container',
  ephemeralContainer: 'ephemeral container',
};

/** "container `web` of Deployment/shop". */
export function ctr(c: K8sContainer): string {
  const name = c.name?.value ?? `#${c.index + 1}`;
  return `${ROLE[c.role]} \`${name}\` of ${ownerOf(c.pod)}`;
}

/** "the pod of DaemonSet/agent" (or "pod `x`" for a bare Pod). */
export function podOf(pod: K8sPodSpec): string {
  return pod.owner.workload === 'Pod' ? `pod \`${pod.owner.name?.value ?? '?'}\`` : `the pod of ${ownerOf(pod)}`;
}

/** Where a setting is written: key through value. */
export function at(l: Located<unknown>): Range {
  return l.pairRange ?? l.range;
}

/** Where a finding about something the container does not set goes: its `name:` (or its first line). */
export function anchorOf(c: K8sContainer): Range {
  if (c.name) return at(c.name);
  const first = c.range.start;
  return { start: first, end: { line: first.line, character: first.character + 1 } };
}

/** Where a finding about something the pod does not set goes: the pod spec's `spec` key. */
export function podAnchor(pod: K8sPodSpec): Range {
  return pod.keyRange;
}

/** Containers of a pod that mount a volume, as "`a`, `b`". */
export function mountersOf(pod: K8sPodSpec, volumeName: string): string {
  const names = pod.containers.filter((c) => c.volumeMounts.some((m) => m.name === volumeName)).map((c) => `\`${c.name?.value ?? '?'}\``);
  return names.length ? names.join(', ') : 'no container yet';
}

/**
 * Where a seccomp / AppArmor / SELinux setting that decides the container is written: the `type`
 * pair of the container's or pod's field, or the annotation.
 */
export function confinementRange(
  c: K8sContainer,
  which: 'seccompProfile' | 'appArmorProfile' | 'seLinuxOptions',
  source: string,
  fallback: Range | undefined,
): Range | undefined {
  const sc = source === 'container' ? c.securityContext : source === 'pod' ? c.pod.securityContext : undefined;
  const type = sc?.[which]?.type;
  return type ? at(type) : fallback;
}
