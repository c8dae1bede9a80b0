/**
 * Teaching hovers for Kubernetes manifests: pod-level keys (`hostPID`, `hostNetwork`, `hostIPC`,
 * `hostUsers`, `automountServiceAccountToken`, `runtimeClassName`, `volumes[].hostPath`, the pod's
 * `securityContext`) and container keys (`securityContext.*`, `resources.*`, `image`,
 * `imagePullPolicy`, `ports[].hostPort`, `volumeMounts`). For a securityContext field the hover says
 * where the effective value comes from: the container's own field, or the pod's, which every
 * container that does not set its own inherits.
 *
 * Pure: model and position in, Markdown out. Every value taken from the file is escaped.
 */
import { imageContext } from '../compose/hover';
import { parseImageRef } from '../dockerfile/image-ref';
import { CAPABILITY_NOTES, SAFE_SYSCTLS, sysctlNamespace } from '../knowledge/settings-keys';
import type { SettingId } from '../knowledge/settings-keys';
import type { TopicId } from '../knowledge/topics';
import { escapeMarkdown, escapeProse, inlineCode, joinWords, plural } from '../markdown';
import { DANGEROUS_CAPABILITIES, DEFAULT_CAPABILITIES, normalizeCapability } from '../isolation/capabilities';
import { SENSITIVE_HOST_PATH_NOTES, classifyHostPath } from '../isolation/host-paths';
import { renderHover, renderOverview } from '../isolation/hover-render';
import type { HoverParts, YamlHover, YamlHoverOptions } from '../isolation/hover-render';
import { classifyRuntime, profileFromKubernetes } from '../isolation/profile';
import type { IsolationProfile } from '../isolation/profile';
import { placeOnSpectrum } from '../isolation/spectrum';
import type { Position, Range } from '../text/range';
import { pathAt } from '../yaml/path-at';
import type { PathStep } from '../yaml/path-at';
import { readBool, readNumber, readString } from '../yaml/read';
import type { EffectiveSecurityContext, K8sContainer, K8sObject, K8sPodSpec, KubernetesModel } from './model';

export type { YamlHover, YamlHoverOptions } from '../isolation/hover-render';

type Parts = Omit<HoverParts, 'workloads'>;

interface Ctx {
  model: KubernetesModel;
  pod: K8sPodSpec;
  /** Set when the position is inside a container. */
  container?: K8sContainer;
  /** Steps below the pod spec, or below the container map. */
  rest: PathStep[];
  on: 'key' | 'value';
  range: Range;
  options: YamlHoverOptions;
  /** `the pod of DaemonSet \`x\`` / `pod \`x\`` */
  podLabel: string;
  profiles: Map<K8sContainer, IsolationProfile>;
}

const ROLE_WORD: Record<K8sContainer['role'], string> = {
  container: 'container',
  initContainer: 'init container',
  ephemeralContainer: 'ephemeral container',
};

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** `container \`app\``, `init container \`setup\``, `container #2` when unnamed. */
export function containerLabel(c: K8sContainer): string {
  const name = c.name?.value;
  return `${ROLE_WORD[c.role]} ${name !== undefined ? inlineCode(name) : `#${c.index + 1}`}`;
}

function podLabel(pod: K8sPodSpec): string {
  const o = pod.owner;
  const name = o.name?.value;
  if (o.kind.value === 'Pod') return name !== undefined ? `pod ${inlineCode(name)}` : 'this pod';
  return `the pod of ${escapeMarkdown(o.kind.value)}${name !== undefined ? ` ${inlineCode(name)}` : ''}`;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The hover at `position` of a Kubernetes manifest, or undefined where there is nothing to teach.
 * Never throws on a model `parseKubernetes` produced.
 */
export function computeKubernetesHover(model: KubernetesModel, position: Position, options: YamlHoverOptions = {}): YamlHover | undefined {
  if (model.templated) return undefined;
  if (position.line < 0 || position.line >= model.lines.lineCount || position.character < 0) return undefined;
  const offset = model.lines.offsetAt(position);
  const obj = innermostObject(model.objects, offset);
  if (!obj || obj.podSpecs.length === 0) return undefined;
  const hit = pathAt(model.yaml, obj.node, offset);
  if (!hit) return undefined;
  const pod = obj.podSpecs.find((p) => p.path.every((k, i) => hit.steps[i]?.key === k));
  if (!pod) return undefined;
  const below = hit.steps.slice(pod.path.length);
  const ctx: Ctx = {
    model,
    pod,
    rest: below,
    on: hit.on,
    range: hit.range,
    options,
    podLabel: podLabel(pod),
    profiles: new Map(pod.containers.map((c) => [c, profileFromKubernetes(c)])),
  };
  if (below.length === 0) return podOverview(ctx);
  if (CONTAINER_LISTS.has(String(below[0].key)) && typeof below[1]?.key === 'number') {
    const node = model.yaml.resolve(below[1].node);
    const container = pod.containers.find((c) => c.node === node);
    if (!container) return undefined;
    ctx.container = container;
    ctx.rest = below.slice(2);
    if (ctx.rest.length === 0) return undefined;
    if (ctx.rest[0].key === 'name' && ctx.rest.length === 1) return containerOverview(ctx, container);
    const parts = containerParts(ctx, container);
    return parts && finish(ctx, parts, [container]);
  }
  const parts = podParts(ctx);
  return parts && finish(ctx, parts, pod.containers);
}

function innermostObject(objects: readonly K8sObject[], offset: number): K8sObject | undefined {
  let best: K8sObject | undefined;
  let bestSize = Infinity;
  for (const o of objects) {
    const r = (o.node as { range?: [number, number, number] }).range;
    if (!r || offset < r[0] || offset >= r[1]) continue;
    if (r[1] - r[0] < bestSize) {
      best = o;
      bestSize = r[1] - r[0];
    }
  }
  return best;
}

function finish(ctx: Ctx, parts: Parts, containers: readonly K8sContainer[]): YamlHover {
  const workloads = containers.map((c) => ({ label: containerLabel(c), profile: ctx.profiles.get(c) ?? profileFromKubernetes(c) }));
  return renderHover({ ...parts, workloads }, ctx.range, ctx.options);
}

function podOverview(ctx: Ctx): YamlHover | undefined {
  if (ctx.on !== 'key' || ctx.pod.containers.length === 0) return undefined;
  const names = ctx.pod.containers.map((c) => containerLabel(c));
  return renderHover(
    {
      header: `**spec** · ${ctx.podLabel}`,
      context: [`The pod spec of ${ctx.podLabel}: ${joinWords(names)}. Host namespaces, volumes and the runtime class set here apply to all of them.`],
      lesson: 'isolation-spectrum',
      seeAlso: ['namespaces', 'vm-vs-container'],
      workloads: ctx.pod.containers.map((c) => ({ label: containerLabel(c), profile: ctx.profiles.get(c)! })),
    },
    ctx.range,
    ctx.options,
  );
}

function containerOverview(ctx: Ctx, c: K8sContainer): YamlHover | undefined {
  if (ctx.on !== 'key' && ctx.on !== 'value') return undefined;
  const label = containerLabel(c);
  const head = `**${escapeMarkdown(c.name?.value ?? `#${c.index + 1}`)}** · ${ROLE_WORD[c.role]} in ${ctx.podLabel}`;
  return renderOverview(head, cap(label), ctx.profiles.get(c)!, ctx.range, ctx.options);
}

function scalar(ctx: Ctx, step: PathStep | undefined): string | undefined {
  return readString(ctx.model.yaml.resolve(step?.node ?? null));
}

function bool(ctx: Ctx, step: PathStep | undefined): boolean | undefined {
  return readBool(ctx.model.yaml.resolve(step?.node ?? null));
}

function head(ctx: Ctx, key: string, value?: string): string {
  const where = ctx.container ? `${containerLabel(ctx.container)} in ${ctx.podLabel}` : ctx.podLabel;
  return `**${escapeMarkdown(key)}**${value !== undefined ? ` ${inlineCode(value)}` : ''} · ${where}`;
}

// ---------------------------------------------------------------------------------------------
// Pod level

function podParts(ctx: Ctx): Parts | undefined {
  const key = String(ctx.rest[0].key);
  const value = scalar(ctx, ctx.rest[0]);
  const on = bool(ctx, ctx.rest[0]);
  const Pod = cap(ctx.podLabel);
  switch (key) {
    case 'hostPID':
    case 'hostNetwork':
    case 'hostIPC':
      return hostNamespaceParts(ctx, key, value, on);
    case 'hostUsers': {
      const context =
        on === false
          ? [`${Pod} gets a user namespace of its own: UID 0 in its containers maps to an unprivileged UID on the node.`]
          : [`${Pod} uses the node's user IDs${on === true ? ' (the default)' : ''}: UID 0 in a container is UID 0 on the node.`];
      if (on === false) context.push('It needs a recent kubelet and container runtime, and cannot be combined with the host namespaces.');
      return { header: head(ctx, key, value), context, setting: 'user-namespace', weak: on !== false };
    }
    case 'shareProcessNamespace':
      return {
        header: head(ctx, key, value),
        context: [
          on === true
            ? `The containers of ${ctx.podLabel} share one PID namespace: each sees and can signal the others' processes, but not the node's.`
            : `Each container of ${ctx.podLabel} keeps its own PID namespace.`,
        ],
        setting: 'share-process-namespace',
        weak: on === true,
      };
    case 'automountServiceAccountToken': {
      const account = ctx.pod.serviceAccountName?.value;
      const who = account !== undefined ? `the service account ${inlineCode(account)}` : 'the `default` service account';
      const context =
        on === false
          ? [`No API token is mounted into ${ctx.podLabel}: its containers cannot call the Kubernetes API as ${who} without being given credentials.`]
          : [`The token of ${who} is mounted into every container of ${ctx.podLabel}: whoever runs code there can call the Kubernetes API with its permissions.`];
      return { header: head(ctx, key, value), context, setting: 'service-account-token', weak: on !== false };
    }
    case 'serviceAccountName':
    case 'serviceAccount': {
      const mounted = ctx.pod.automountServiceAccountToken?.value !== false;
      return {
        header: head(ctx, key, value),
        context: [
          `${Pod} runs as the service account ${inlineCode(value ?? '')}${mounted ? ', and its token is mounted into the containers unless the account itself opts out' : ''}.`,
        ],
        setting: 'service-account-token',
        weak: mounted,
      };
    }
    case 'runtimeClassName':
      return runtimeParts(ctx, value ?? '');
    case 'securityContext':
      return securityContextParts(ctx, 'pod');
    case 'volumes':
      return podVolumeParts(ctx);
    default:
      return undefined;
  }
}

const HOST_NS: Record<string, { setting: SettingId; text: string; name: string }> = {
  hostPID: {
    setting: 'host-pid',
    name: 'PID',
    text: "shares the node's PID namespace: its containers see every process on the node and can signal them",
  },
  hostNetwork: {
    setting: 'host-network',
    name: 'network',
    text: "shares the node's network namespace: its containers can bind the node's ports and see its interfaces",
  },
  hostIPC: {
    setting: 'host-ipc',
    name: 'IPC',
    text: "shares the node's IPC namespace: its containers can reach the shared memory and message queues of node programs",
  },
};

function hostNamespaceParts(ctx: Ctx, key: string, value: string | undefined, on: boolean | undefined): Parts {
  const ns = HOST_NS[key];
  const Pod = cap(ctx.podLabel);
  const context: string[] = [];
  if (on === true) {
    context.push(`${Pod} ${ns.text}.`);
    if (key === 'hostNetwork') context.push("The kubelet puts it in the node's UTS namespace too, so it also has the node's host name.");
    if (key === 'hostPID') {
      const tracers = ctx.pod.containers.filter((c) =>
        ['SYS_PTRACE', 'SYS_ADMIN'].some((x) => ctx.profiles.get(c)?.capabilities.effective.includes(x)),
      );
      if (tracers.length) context.push(`${cap(joinWords(tracers.map(containerLabel)))} also ${tracers.length === 1 ? 'has' : 'have'} SYS_PTRACE or SYS_ADMIN: enough to reach into any process on the node.`);
    }
  } else if (on === false) {
    context.push(`${Pod} keeps its own ${ns.name} namespace, which is the default.`);
  } else {
    context.push(`${inlineCode(value ?? '')} is not a boolean the API server accepts for ${inlineCode(key)}.`);
  }
  return { header: head(ctx, key, value), context, setting: ns.setting, weak: on === true };
}

function runtimeParts(ctx: Ctx, value: string): Parts {
  const kind = classifyRuntime(value);
  const Pod = cap(ctx.podLabel);
  const text: Record<string, string> = {
    runc: `${Pod} uses the RuntimeClass ${inlineCode(value)}, whose name suggests an ordinary OCI runtime: namespaced processes on the node's kernel.`,
    gvisor: `${Pod} uses the RuntimeClass ${inlineCode(value)}, by its name gVisor: a user-space kernel answers its containers' system calls instead of the node's kernel.`,
    kata: `${Pod} uses the RuntimeClass ${inlineCode(value)}, by its name Kata Containers: the pod runs in a micro-VM with a guest kernel of its own.`,
    firecracker: `${Pod} uses the RuntimeClass ${inlineCode(value)}, by its name Firecracker: the pod runs in a micro-VM with a guest kernel of its own.`,
    other: `${Pod} uses the RuntimeClass ${inlineCode(value)}; Container Lens cannot tell from the name which runtime it selects.`,
  };
  const lesson: TopicId = kind === 'gvisor' ? 'gvisor' : kind === 'kata' || kind === 'firecracker' ? 'kata-firecracker' : 'isolation-spectrum';
  return {
    header: head(ctx, 'runtimeClassName', value),
    context: [text[kind], "The RuntimeClass object's `handler` decides for real; the name is only a convention."],
    setting: 'runtime',
    weak: kind === 'runc' || kind === 'other',
    lesson,
  };
}

function podVolumeParts(ctx: Ctx): Parts | undefined {
  const item = ctx.rest[1];
  if (item === undefined || typeof item.key !== 'number') return undefined;
  const node = ctx.model.yaml.resolve(item.node);
  const volume = ctx.pod.volumes.find((v) => v.node === node);
  if (!volume) return undefined;
  const path = volume.hostPath?.path?.value;
  const users = ctx.pod.containers.filter((c) => c.volumeMounts.some((m) => m.volume === volume));
  if (path === undefined) {
    if (ctx.rest.length > 2 && ctx.rest[2].key !== 'name') return undefined;
    const source = volume.source ?? 'no source';
    return {
      header: head(ctx, 'volume', volume.name),
      context: [`The volume ${inlineCode(volume.name)} is a ${inlineCode(source)} volume${users.length ? `, mounted by ${joinWords(users.map(containerLabel))}` : ''}.`],
      setting: 'volumes',
    };
  }
  const type = volume.hostPath?.type?.value;
  const context = [hostPathSentence(`The volume ${inlineCode(volume.name)}`, path)];
  if (type) context.push(`Its type ${inlineCode(type)} makes the kubelet check${/OrCreate$/.test(type) ? ' (or create)' : ''} what is at that path before it starts the pod.`);
  context.push(
    users.length
      ? `Mounted by ${joinWords(users.map((c) => `${containerLabel(c)}${c.volumeMounts.find((m) => m.volume === volume)?.readOnly ? ' (read-only)' : ''}`))}.`
      : 'No container mounts it.',
  );
  return { header: head(ctx, 'hostPath', path), context, setting: 'host-path', weak: true };
}

function hostPathSentence(subject: string, path: string): string {
  const sensitive = classifyHostPath(path);
  if (sensitive === 'docker-socket' || sensitive === 'runtime-socket') {
    return `${subject} is the node's ${inlineCode(path)}, ${escapeProse(SENSITIVE_HOST_PATH_NOTES[sensitive])}. Read-only or not, whoever can connect to the socket controls the node.`;
  }
  if (sensitive) return `${subject} is the node's ${inlineCode(path)}: ${escapeProse(SENSITIVE_HOST_PATH_NOTES[sensitive])}.`;
  return `${subject} is the node's directory ${inlineCode(path)}.`;
}

// ---------------------------------------------------------------------------------------------
// Container level

function containerParts(ctx: Ctx, c: K8sContainer): Parts | undefined {
  const key = String(ctx.rest[0].key);
  const value = scalar(ctx, ctx.rest[0]);
  const C = cap(containerLabel(c));
  switch (key) {
    case 'image': {
      const userSet = c.effective.runAsUser.source !== 'unset';
      return {
        header: head(ctx, 'image'),
        context: imageContext(value ?? '', containerLabel(c), C, userSet),
        setting: 'image',
        weak: !parseImageRef(value ?? '').digest,
      };
    }
    case 'imagePullPolicy':
      return pullPolicyParts(ctx, c, value ?? '');
    case 'securityContext':
      return securityContextParts(ctx, 'container');
    case 'resources':
      return resourcesParts(ctx, c);
    case 'ports':
      return portParts(ctx, c);
    case 'volumeMounts':
      return mountParts(ctx, c);
    default:
      return undefined;
  }
}

function pullPolicyParts(ctx: Ctx, c: K8sContainer, value: string): Parts {
  const ref = parseImageRef(c.image?.value ?? '');
  const C = cap(containerLabel(c));
  const pinned = !!ref.digest;
  const context: string[] = [];
  if (value === 'Always') context.push(`The kubelet asks the registry for ${inlineCode(c.image?.value ?? 'the image')} every time ${containerLabel(c)} starts.`);
  else if (value === 'IfNotPresent') context.push(`The kubelet pulls ${inlineCode(c.image?.value ?? 'the image')} only when the node does not have it yet.`);
  else if (value === 'Never') context.push(`The kubelet never pulls: ${containerLabel(c)} starts only where the image is already on the node.`);
  else context.push(`${inlineCode(value)} is not a pull policy the API server accepts (Always, IfNotPresent, Never).`);
  context.push(
    pinned
      ? `${C} names its image by digest, so every node runs the same content whatever the policy.`
      : `With a tag, nodes that pulled at different times can run different content under the same name; a digest fixes that.`,
  );
  return { header: head(ctx, 'imagePullPolicy', value), context, setting: 'image-pull-policy', weak: !pinned };
}

function resourcesParts(ctx: Ctx, c: K8sContainer): Parts {
  const [, which, name] = ctx.rest.map((s) => String(s.key));
  const C = cap(containerLabel(c));
  const value = ctx.rest.length === 3 ? scalar(ctx, ctx.rest[2]) : undefined;
  const missing = ['memory', 'cpu'].filter((r) => c.resources.limits[r]?.value === undefined);
  const tail = missing.length ? `It has no ${joinWords(missing)} limit.` : '';
  if ((which === 'limits' || which === 'requests') && name && value !== undefined) {
    const v = inlineCode(value);
    const texts: Record<string, Record<string, [string, SettingId]>> = {
      limits: {
        memory: [`${C} may use at most ${v} of memory: the kubelet writes it into the container's memory cgroup, and past it the kernel kills a process in the container (OOMKilled).`, 'memory-limit'],
        cpu: [`${C} may use at most ${v} of CPU time per period: a quota in its cpu cgroup; past it the container is throttled, not killed.`, 'cpu-limit'],
        'ephemeral-storage': [`The kubelet evicts the pod when ${containerLabel(c)} writes more than ${v} to its writable layer, logs and emptyDir volumes; the kubelet watches this, not a cgroup.`, 'resources'],
      },
      requests: {
        memory: [`The scheduler sets ${v} of memory aside for ${containerLabel(c)} on a node. It is not a cap; a pod above its requests is among the first evicted when the node runs short.`, 'resources'],
        cpu: [`The scheduler sets ${v} of CPU aside for ${containerLabel(c)}, and its cgroup gets a CPU weight in proportion: a share under contention, not a cap.`, 'resources'],
        'ephemeral-storage': [`The scheduler counts ${v} of the node's local storage for ${containerLabel(c)}.`, 'resources'],
      },
    };
    const found = texts[which][name];
    const [text, setting] = found ?? [`${inlineCode(name)} is an extended resource: a device plugin hands ${containerLabel(c)} that many devices.`, 'devices' as SettingId];
    return { header: head(ctx, `resources.${which}.${name}`, value), context: [text, tail].filter(Boolean), setting, weak: which === 'requests', lesson: 'cgroups' };
  }
  const limits = Object.entries(c.resources.limits).map(([k, l]) => `${escapeMarkdown(k)} ${inlineCode(l.text)}`);
  const requests = Object.entries(c.resources.requests).map(([k, l]) => `${escapeMarkdown(k)} ${inlineCode(l.text)}`);
  const context = [
    limits.length ? `${C} is limited to ${joinWords(limits)}.` : `${C} has no limits: it may use all of the node's memory and CPU.`,
    requests.length ? `It requests ${joinWords(requests)}.` : 'It requests nothing, so the scheduler counts it as free.',
  ];
  if (limits.length) context.push(tail);
  const label = which ? `resources.${which}` : 'resources';
  return { header: head(ctx, label), context: context.filter(Boolean), setting: 'resources', weak: missing.length > 0, lesson: 'cgroups' };
}

function portParts(ctx: Ctx, c: K8sContainer): Parts | undefined {
  const item = ctx.rest[1];
  if (item === undefined || typeof item.key !== 'number') return undefined;
  const node = ctx.model.yaml.resolve(item.node);
  const port = c.ports.find((p) => p.node === node);
  if (!port) return undefined;
  const hostPort = port.hostPort?.value;
  const C = cap(containerLabel(c));
  if (hostPort === undefined || hostPort <= 0) {
    if (ctx.pod.hostNetwork?.value === true) {
      return {
        header: head(ctx, 'containerPort', String(port.containerPort?.value ?? '')),
        context: [`With \`hostNetwork: true\`, ${containerLabel(c)} listens on the node's own interfaces: this port is a port of the node.`],
        setting: 'host-network',
        weak: true,
      };
    }
    return undefined;
  }
  const ip = port.hostIP?.value;
  const where = ip && !['0.0.0.0', '::'].includes(ip) ? `on ${inlineCode(ip)} only` : 'on every address of the node';
  return {
    header: head(ctx, 'hostPort', String(hostPort)),
    context: [
      `${C} takes port ${inlineCode(String(hostPort))} of the node ${where} and forwards it to its port ${inlineCode(String(port.containerPort?.value ?? ''))}.`,
      'Only one pod per node can hold it, and it is reachable from outside the cluster network; a Service usually does this job better.',
    ],
    setting: 'host-port',
    weak: true,
  };
}

function mountParts(ctx: Ctx, c: K8sContainer): Parts | undefined {
  const item = ctx.rest[1];
  if (item === undefined || typeof item.key !== 'number') return undefined;
  const node = ctx.model.yaml.resolve(item.node);
  const mount = c.volumeMounts.find((m) => m.node === node);
  const path = mount?.volume?.hostPath?.path?.value;
  if (!mount || path === undefined) return undefined;
  const C = cap(containerLabel(c));
  const context = [
    hostPathSentence(`What ${containerLabel(c)} mounts at ${inlineCode(mount.mountPath ?? '')}`, path),
    mount.readOnly ? `${C} mounts it read-only.` : `${C} mounts it read-write: it can change those node files with its own UID.`,
  ];
  if (mount.mountPropagation === 'Bidirectional') context.push('`Bidirectional` propagation lets mounts made inside the container appear on the node.');
  return { header: head(ctx, 'volumeMounts', mount.name), context, setting: 'host-path', weak: true };
}

// ---------------------------------------------------------------------------------------------
// securityContext, pod or container

/** Fields that exist on both levels; the container's wins. */
const SHARED = new Set(['runAsUser', 'runAsGroup', 'runAsNonRoot', 'seccompProfile', 'appArmorProfile', 'seLinuxOptions', 'windowsOptions']);
const CONTAINER_ONLY = new Set(['privileged', 'allowPrivilegeEscalation', 'readOnlyRootFilesystem', 'capabilities', 'procMount']);
const POD_ONLY = new Set(['fsGroup', 'fsGroupChangePolicy', 'supplementalGroups', 'supplementalGroupsPolicy', 'sysctls', 'seLinuxChangePolicy']);

type EffKey = 'runAsUser' | 'runAsGroup' | 'runAsNonRoot' | 'seLinuxOptions' | 'windowsHostProcess';

function effectiveSource(eff: EffectiveSecurityContext, field: string): string {
  if (field === 'seccompProfile') return eff.seccompProfile.source;
  if (field === 'appArmorProfile') return eff.appArmorProfile.source;
  const key = (field === 'windowsOptions' ? 'windowsHostProcess' : field) as EffKey;
  return eff[key]?.source ?? 'unset';
}

function securityContextParts(ctx: Ctx, level: 'pod' | 'container'): Parts | undefined {
  const field = ctx.rest[1] !== undefined ? String(ctx.rest[1].key) : undefined;
  if (field === undefined) return securityContextSummary(ctx, level);
  const sub = ctx.rest.slice(2);
  const last = ctx.rest[ctx.rest.length - 1];
  const value = scalar(ctx, last);
  const context: string[] = [];
  // Where the effective value comes from.
  if (level === 'pod' && CONTAINER_ONLY.has(field)) {
    context.push(`${inlineCode(field)} is not a field of the pod's securityContext: the API server rejects it here. Set it in each container's securityContext.`);
    return { header: head(ctx, `securityContext.${field}`, value), context, setting: fieldSetting(field), weak: true };
  }
  if (level === 'container' && POD_ONLY.has(field)) {
    context.push(`${inlineCode(field)} belongs in the pod's securityContext, not a container's: the API server rejects it here.`);
    return { header: head(ctx, `securityContext.${field}`, value), context, setting: fieldSetting(field), weak: true };
  }
  const meaning = fieldMeaning(ctx, level, field, sub, value);
  if (!meaning) return undefined;
  context.push(...meaning.context);
  if (SHARED.has(field)) context.push(originSentence(ctx, level, field));
  else if (level === 'pod') context.push(`It applies to the whole pod.`);
  const h = sub.length && typeof sub[sub.length - 1].key === 'number'
    ? `${inlineCode(value ?? '')} in **securityContext.${escapeMarkdown(field)}.${escapeMarkdown(String(sub[0].key))}** · ${ctx.container ? containerLabel(ctx.container) : ctx.podLabel}`
    : head(ctx, ['securityContext', field, ...sub.map((s) => String(s.key))].join('.'), value);
  return { header: h, context, setting: meaning.setting ?? fieldSetting(field), weak: meaning.weak, ...(meaning.lesson ? { lesson: meaning.lesson } : {}) };
}

function fieldSetting(field: string): SettingId {
  const map: Record<string, SettingId> = {
    privileged: 'privileged',
    allowPrivilegeEscalation: 'no-new-privileges',
    readOnlyRootFilesystem: 'read-only-rootfs',
    runAsUser: 'user',
    runAsGroup: 'group',
    runAsNonRoot: 'run-as-non-root',
    fsGroup: 'group',
    fsGroupChangePolicy: 'group',
    supplementalGroups: 'group',
    supplementalGroupsPolicy: 'group',
    capabilities: 'capabilities',
    seccompProfile: 'seccomp',
    appArmorProfile: 'apparmor',
    seLinuxOptions: 'selinux',
    seLinuxChangePolicy: 'selinux',
    procMount: 'proc-mount',
    sysctls: 'sysctls',
    windowsOptions: 'windows-host-process',
  };
  return map[field] ?? 'security-opt';
}

/**
 * For a field that exists on both levels: which containers get the value written here, and which
 * override it (pod level), or which pod value this one overrides (container level).
 */
function originSentence(ctx: Ctx, level: 'pod' | 'container', field: string): string {
  if (level === 'container' && ctx.container) {
    const podHas = podFieldText(ctx.pod, field);
    return podHas
      ? `Set in the container's own securityContext, it wins over the pod's ${inlineCode(`${field}: ${podHas}`)} for ${containerLabel(ctx.container)}.`
      : `Set in the container's own securityContext; the pod sets no ${inlineCode(field)}, so this is the effective value.`;
  }
  const inherit = ctx.pod.containers.filter((c) => effectiveSource(c.effective, field) === 'pod');
  const override = ctx.pod.containers.filter((c) => effectiveSource(c.effective, field) === 'container');
  const parts: string[] = [];
  if (inherit.length) parts.push(`${joinWords(inherit.map(containerLabel))} ${inherit.length === 1 ? 'inherits' : 'inherit'} it from the pod's securityContext`);
  if (override.length) parts.push(`${joinWords(override.map(containerLabel))} ${override.length === 1 ? 'overrides' : 'override'} it with ${override.length === 1 ? 'its' : 'their'} own`);
  return parts.length ? `${cap(parts.join('; '))}.` : 'No container inherits it.';
}

function podFieldText(pod: K8sPodSpec, field: string): string | undefined {
  const sc = pod.securityContext;
  if (!sc) return undefined;
  switch (field) {
    case 'runAsUser':
    case 'runAsGroup':
    case 'runAsNonRoot':
      return sc[field]?.text;
    case 'seccompProfile':
    case 'appArmorProfile':
      return sc[field] ? `{ type: ${sc[field]?.type?.value ?? '?'} }` : undefined;
    case 'seLinuxOptions':
      return sc.seLinuxOptions ? '{ … }' : undefined;
    case 'windowsOptions':
      return sc.windowsHostProcess ? `{ hostProcess: ${sc.windowsHostProcess.text} }` : undefined;
    default:
      return undefined;
  }
}

interface Meaning {
  context: string[];
  setting?: SettingId;
  weak: boolean;
  lesson?: TopicId;
}

/** The subject of a securityContext sentence: the container, or every container of the pod. */
function subject(ctx: Ctx, level: 'pod' | 'container'): string {
  return level === 'container' && ctx.container ? cap(containerLabel(ctx.container)) : `By default, every container of ${ctx.podLabel}`;
}

function fieldMeaning(ctx: Ctx, level: 'pod' | 'container', field: string, sub: PathStep[], value: string | undefined): Meaning | undefined {
  const S = subject(ctx, level);
  const node = ctx.model.yaml.resolve(ctx.rest[ctx.rest.length - 1].node);
  const on = readBool(node);
  const v = inlineCode(value ?? '');
  switch (field) {
    case 'privileged':
      return on === true
        ? { context: [`${S} is privileged: every capability, every node device, no seccomp or AppArmor, and /proc and /sys without their masks.`], weak: true }
        : { context: [`${S} is explicitly not privileged, which is the default.`], weak: false };
    case 'allowPrivilegeEscalation': {
      const p = ctx.container ? ctx.profiles.get(ctx.container) : undefined;
      const forced = p && (p.privileged.value || p.capabilities.effective.includes('SYS_ADMIN'));
      if (on === false) {
        return forced
          ? { context: [`${S} asks for no privilege escalation, but privileged or SYS_ADMIN turns it back on: the kubelet then rejects the pod.`], weak: true }
          : { context: [`${S} runs with no_new_privs: setuid programs cannot raise its privileges.`], weak: false };
      }
      return { context: [`${S} allows privilege escalation: a setuid program in the image can make a process root again.`], weak: true };
    }
    case 'readOnlyRootFilesystem':
      return on === true
        ? { context: [`${S} cannot write to its root filesystem, only to mounted volumes (an emptyDir for /tmp, for example).`], weak: false }
        : { context: [`${S} can write anywhere in its root filesystem.`], weak: true };
    case 'runAsUser': {
      const n = readNumber(node);
      if (n === 0) {
        const refused = effectiveNonRoot(ctx, level);
        return { context: [`${S} runs as root (UID 0), which is UID 0 on the node too unless \`hostUsers: false\`.`, refused].filter(Boolean) as string[], weak: true };
      }
      return { context: [`${S} runs as UID ${v}, not root, whatever the image's USER says.`], weak: false };
    }
    case 'runAsGroup': {
      const n = readNumber(node);
      return n === 0
        ? { context: [`${S} runs with primary group 0 (root's group): files of the node's root group on a host mount are open to it.`], weak: true }
        : { context: [`${S} runs with primary group ${v}.`], weak: false };
    }
    case 'runAsNonRoot':
      return on === true
        ? { context: [`The kubelet refuses to start ${level === 'container' ? containerLabel(ctx.container!) : 'a container of this pod'} whose user is UID 0; it needs a numeric user (\`runAsUser\` or a numeric USER in the image) to check.`], weak: false }
        : { context: [`No check: an image that runs as root runs as root.`], weak: true };
    case 'fsGroup':
      return { context: [`The kubelet makes group ${v} own the files of the pod's volumes and adds it to every container's groups.`], weak: readNumber(node) === 0 };
    case 'fsGroupChangePolicy':
      return { context: [`${v} decides when the kubelet changes the ownership of volume files to fsGroup (\`OnRootMismatch\` skips volumes that already match).`], weak: false };
    case 'supplementalGroups':
    case 'supplementalGroupsPolicy':
      return { context: [`Extra groups for every container of ${ctx.podLabel}.`], weak: false };
    case 'capabilities':
      return capabilityMeaning(ctx, sub, value);
    case 'seccompProfile': {
      const type = sub[0]?.key === 'localhostProfile' ? 'Localhost' : (sub[0]?.key === 'type' ? value : readString(ctx.model.yaml.resolve(findChild(ctx, 'type')))) ?? '';
      return profileMeaning(S, 'seccomp', type, value, sub);
    }
    case 'appArmorProfile': {
      const type = sub[0]?.key === 'type' ? (value ?? '') : (readString(ctx.model.yaml.resolve(findChild(ctx, 'type'))) ?? '');
      return profileMeaning(S, 'AppArmor', type, value, sub);
    }
    case 'seLinuxOptions': {
      const type = sub[0]?.key === 'type' ? value : undefined;
      if (type === 'spc_t') return { context: [`${S} runs with the SELinux type \`spc_t\` ("super privileged container"), which SELinux does not confine.`], weak: true };
      return { context: [`${S} runs with a custom SELinux label${sub[0] ? ` (${escapeMarkdown(String(sub[0].key))} ${v})` : ''}.`], weak: false };
    }
    case 'seLinuxChangePolicy':
      return { context: [`${v} decides how volumes get the pod's SELinux label (relabelling every file, or mounting with the label).`], weak: false };
    case 'procMount':
      return value === 'Unmasked'
        ? { context: [`${S} sees /proc without the runtime's masks and read-only paths.`], weak: true }
        : { context: [`${S} keeps the runtime's masks over /proc (${v}).`], weak: false };
    case 'windowsOptions': {
      const hp = sub[0]?.key === 'hostProcess' ? on : readBool(ctx.model.yaml.resolve(findChild(ctx, 'hostProcess')));
      return hp === true
        ? { context: [`${S} runs as a HostProcess container: a process on the Windows node, with no container boundary.`], weak: true }
        : { context: [`Windows-specific options for ${level === 'pod' || !ctx.container ? 'the pod' : containerLabel(ctx.container)}.`], weak: false };
    }
    case 'sysctls':
      return sysctlMeaning(ctx, sub);
    default:
      return undefined;
  }
}

/** The node of `name` inside the map at the end of the path (for `seccompProfile:` hovered on its key). */
function findChild(ctx: Ctx, name: string): unknown {
  const step = ctx.rest[1];
  const map = ctx.model.yaml.resolve(step?.node ?? null) as { items?: { key?: { value?: unknown }; value?: unknown }[] } | null;
  return map?.items?.find((p) => p.key?.value === name)?.value ?? null;
}

function effectiveNonRoot(ctx: Ctx, level: 'pod' | 'container'): string | undefined {
  const cs = level === 'container' && ctx.container ? [ctx.container] : ctx.pod.containers;
  const refused = cs.filter((c) => c.effective.runAsNonRoot.value === true && c.effective.runAsUser.value === 0);
  if (!refused.length) return undefined;
  return `With \`runAsNonRoot: true\` as well, the kubelet refuses to start ${joinWords(refused.map(containerLabel))}.`;
}

function profileMeaning(S: string, what: 'seccomp' | 'AppArmor', type: string, value: string | undefined, sub: PathStep[]): Meaning {
  if (sub[0]?.key === 'localhostProfile') {
    return { context: [`${S} uses the ${what} profile ${inlineCode(value ?? '')} from the node's profile directory.`], weak: false };
  }
  switch (type) {
    case 'RuntimeDefault':
      return { context: [`${S} runs under the container runtime's default ${what} profile.`], weak: false };
    case 'Localhost':
      return { context: [`${S} runs under a ${what} profile loaded on the node (\`localhostProfile\`).`], weak: false };
    case 'Unconfined':
      return {
        context: [what === 'seccomp' ? `${S} runs without a seccomp filter: every system call of the node's kernel is open to it.` : `${S} runs without an AppArmor profile.`],
        weak: true,
      };
    default:
      return { context: [`${inlineCode(type)} is not a profile type the kubelet knows (RuntimeDefault, Localhost, Unconfined).`], weak: true };
  }
}

function capabilityMeaning(ctx: Ctx, sub: PathStep[], value: string | undefined): Meaning {
  const c = ctx.container!;
  const p = ctx.profiles.get(c)!;
  const caps = p.capabilities;
  const S = cap(containerLabel(c));
  const list = sub[0] ? String(sub[0].key) : undefined;
  if ((list === 'add' || list === 'drop') && typeof sub[1]?.key === 'number') {
    const name = normalizeCapability(value ?? '');
    if (name === 'ALL') {
      return list === 'add'
        ? { context: [`${S} adds every capability the kernel has: little is left between it and root on the node.`], weak: true }
        : { context: [`${S} drops every capability, then gets back only what \`add\` lists (${caps.effective.length ? caps.effective.map((x) => inlineCode(x)).join(', ') : 'none'}).`], weak: false };
    }
    const note = CAPABILITY_NOTES[name];
    const context = [`${inlineCode(`CAP_${name}`)} ${note ? `lets a process ${escapeProse(note)}` : 'is not a capability Container Lens knows'}.`];
    const inDefault = DEFAULT_CAPABILITIES.includes(name);
    if (list === 'add') {
      context.push(inDefault && !caps.droppedAll ? `The runtime's default set already has it.` : `The runtime's default set does not have it: this line gives it to ${containerLabel(c)}.`);
    } else {
      context.push(inDefault ? `Dropping it takes that away from ${containerLabel(c)}.` : `The runtime's default set does not have it, so dropping it changes nothing by itself.`);
    }
    if (p.privileged.value) context.push('`privileged: true` gives every capability anyway.');
    return { context, weak: list === 'add' && name in DANGEROUS_CAPABILITIES };
  }
  const context = [
    caps.droppedAll
      ? `${S} drops every capability${caps.effective.length ? ` and adds back ${caps.effective.map((x) => inlineCode(x)).join(', ')}` : ''}.`
      : `${S} starts from the runtime's default set${caps.dropped.length ? `, drops ${caps.dropped.map((x) => inlineCode(x)).join(', ')}` : ''}${caps.added.length ? `, adds ${caps.added.map((x) => inlineCode(x)).join(', ')}` : ''}: ${plural(caps.effective.length, 'capability', 'capabilities')} in all.`,
  ];
  if (!caps.droppedAll) context.push('Without `drop: [ALL]` it keeps capabilities it probably never uses, NET_RAW among them.');
  if (caps.dangerous.length && !p.privileged.value) context.push(`${caps.dangerous.map((x) => inlineCode(x)).join(', ')} give it power over the node's kernel.`);
  return { context, weak: !caps.droppedAll || caps.dangerous.length > 0 };
}

function sysctlMeaning(ctx: Ctx, sub: PathStep[]): Meaning {
  const hostNet = ctx.pod.hostNetwork?.value === true;
  if (typeof sub[0]?.key === 'number') {
    const node = ctx.model.yaml.resolve(sub[0].node);
    const entry = ctx.pod.securityContext?.sysctls.find((s) => s.node === node);
    if (entry) {
      const safe = SAFE_SYSCTLS.includes(entry.name);
      const ns = sysctlNamespace(entry.name);
      const context = [`The pod sets the kernel parameter ${inlineCode(entry.name)}${entry.value !== undefined ? ` to ${inlineCode(entry.value)}` : ''}.`];
      context.push(
        safe
          ? 'It is in the kubelet\'s "safe" set: it only affects this pod.'
          : ns
            ? `It belongs to the ${ns} namespace but is not in the "safe" set: the kubelet runs the pod only when its \`--allowed-unsafe-sysctls\` lists it.`
            : 'It is not a per-namespace parameter: no kubelet setting lets a pod change it.',
      );
      if (ns === 'network' && hostNet) context.push("With `hostNetwork: true` it would be the node's setting, which the kubelet refuses.");
      return { context, weak: !safe };
    }
  }
  const names = (ctx.pod.securityContext?.sysctls ?? []).map((s) => inlineCode(s.name));
  return { context: [names.length ? `The pod sets ${plural(names.length, 'kernel parameter')}: ${names.join(', ')}.` : 'The pod sets no kernel parameters.'], weak: false };
}

function securityContextSummary(ctx: Ctx, level: 'pod' | 'container'): Parts {
  if (level === 'pod') {
    const inheriting = ctx.pod.containers.filter((c) => [...SHARED].some((f) => effectiveSource(c.effective, f) === 'pod'));
    return {
      header: head(ctx, 'securityContext'),
      context: [
        `The pod's securityContext sets defaults for every container (user, group, seccomp, AppArmor, SELinux) and pod-wide settings (fsGroup, sysctls). A container's own field wins over the pod's.`,
        inheriting.length ? `${cap(joinWords(inheriting.map(containerLabel)))} ${inheriting.length === 1 ? 'takes' : 'take'} at least one value from here.` : '',
      ].filter(Boolean),
      lesson: 'isolation-spectrum',
      seeAlso: ['non-root-user', 'capabilities', 'seccomp'],
    };
  }
  const c = ctx.container!;
  const eff = c.effective;
  const show = (name: string, value: unknown, source: string) =>
    source === 'unset' ? undefined : `${name} ${inlineCode(String(value))}${source === 'pod' ? ' (from the pod)' : source === 'annotation' ? ' (from an annotation)' : ''}`;
  const set = [
    show('runAsUser', eff.runAsUser.value, eff.runAsUser.source),
    show('runAsNonRoot', eff.runAsNonRoot.value, eff.runAsNonRoot.source),
    show('privileged', eff.privileged.value, eff.privileged.source),
    show('allowPrivilegeEscalation', eff.allowPrivilegeEscalation.value, eff.allowPrivilegeEscalation.source),
    show('readOnlyRootFilesystem', eff.readOnlyRootFilesystem.value, eff.readOnlyRootFilesystem.source),
    show('seccompProfile', eff.seccompProfile.type, eff.seccompProfile.source),
  ].filter(Boolean) as string[];
  const unset = [
    eff.runAsNonRoot.source === 'unset' && 'runAsNonRoot',
    eff.allowPrivilegeEscalation.source === 'unset' && 'allowPrivilegeEscalation',
    eff.readOnlyRootFilesystem.source === 'unset' && 'readOnlyRootFilesystem',
    !eff.capabilities.drop.length && 'capabilities.drop',
    eff.seccompProfile.source === 'unset' && 'seccompProfile',
  ].filter(Boolean) as string[];
  return {
    header: head(ctx, 'securityContext'),
    context: [
      set.length ? `Effective for ${containerLabel(c)}: ${set.join(', ')}.` : `${cap(containerLabel(c))} sets nothing effective here.`,
      unset.length ? `Not set anywhere: ${unset.map((u) => inlineCode(u)).join(', ')}.` : '',
    ].filter(Boolean),
    lesson: 'isolation-spectrum',
    seeAlso: ['non-root-user', 'capabilities', 'seccomp', 'no-new-privileges'],
  };
}
