import { isMap } from 'yaml';
import type { YAMLMap } from 'yaml';
import { parseYaml } from '../yaml/parse';
import type { YamlContext, YamlFile, YamlNode } from '../yaml/parse';
import {
  entries,
  getEntry,
  getPath,
  items,
  keyRange,
  locateEntry,
  pairRange,
  rangeOf,
  readBool,
  readNumber,
  readString,
  readStringList,
} from '../yaml/read';
import type { Located } from '../yaml/read';
import type {
  ContainerRole,
  Effective,
  EffectiveProfile,
  EffectiveSecurityContext,
  K8sAnnotation,
  K8sCapabilities,
  K8sContainer,
  K8sContainerPort,
  K8sContainerSecurityContext,
  K8sObject,
  K8sPodSecurityContext,
  K8sPodSpec,
  K8sProfileRef,
  K8sSeLinuxOptions,
  K8sSharedSecurityFields,
  K8sVolume,
  K8sVolumeMount,
  KubernetesModel,
  WorkloadKind,
} from './model';

interface WorkloadShape {
  kind: WorkloadKind;
  groups: string[];
  /** Keys from the object to the pod template (whose `spec` is the pod spec), or to the pod itself. */
  template: string[];
}

/**
 * Built-in kinds that carry a pod spec, by API group ('' is the core group). `extensions` and the
 * beta groups are the deprecated homes of the same kinds; old manifests still use them.
 */
const WORKLOADS: WorkloadShape[] = [
  { kind: 'Pod', groups: [''], template: [] },
  { kind: 'ReplicationController', groups: [''], template: ['spec', 'template'] },
  { kind: 'PodTemplate', groups: [''], template: ['template'] },
  { kind: 'Deployment', groups: ['apps', 'extensions'], template: ['spec', 'template'] },
  { kind: 'StatefulSet', groups: ['apps'], template: ['spec', 'template'] },
  { kind: 'DaemonSet', groups: ['apps', 'extensions'], template: ['spec', 'template'] },
  { kind: 'ReplicaSet', groups: ['apps', 'extensions'], template: ['spec', 'template'] },
  { kind: 'Job', groups: ['batch'], template: ['spec', 'template'] },
  { kind: 'CronJob', groups: ['batch'], template: ['spec', 'jobTemplate', 'spec', 'template'] },
];

/** `apps/v1` → `apps`; `v1` → '' (core). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** The built-in workload kind of an object, if it is one (CRDs with the same kind name are not). */
export function workloadKind(apiVersion: string, kind: string): WorkloadKind | undefined {
  const group = apiGroup(apiVersion);
  return WORKLOADS.find((w) => w.kind === kind && w.groups.includes(group))?.kind;
}

/**
 * Parse a multi-document Kubernetes manifest. Every document (and `List` item) with `apiVersion`
 * and `kind` becomes an object; workloads get their pod specs and containers. Never throws.
 */
export function parseKubernetes(text: string, fileName?: string, parsed?: YamlFile): KubernetesModel {
  const yaml = parsed ?? parseYaml(text, { fileName });
  const model: KubernetesModel = {
    text,
    lines: yaml.lines,
    yaml,
    documents: [],
    objects: [],
    podSpecs: [],
    containers: [],
    templated: yaml.templated,
    errors: yaml.problems,
  };
  if (yaml.templated) return model;
  for (const d of yaml.documents) {
    const root = yaml.resolve(d.contents);
    if (!isMap(root)) continue;
    const obj = readObject(yaml, root as YAMLMap.Parsed, d.index);
    if (!obj) continue;
    model.documents.push(obj);
    model.objects.push(obj);
    if (isListKind(obj.kind.value)) {
      obj.items = readListItems(yaml, obj, d.index);
      model.objects.push(...obj.items);
    }
  }
  for (const o of model.objects) {
    model.podSpecs.push(...o.podSpecs);
    for (const p of o.podSpecs) model.containers.push(...p.containers);
  }
  return model;
}

function isListKind(kind: string): boolean {
  return kind === 'List' || (kind.endsWith('List') && kind.length > 4);
}

function readListItems(ctx: YamlContext, list: K8sObject, documentIndex: number): K8sObject[] {
  const out: K8sObject[] = [];
  // A `DeploymentList`'s items may leave out apiVersion/kind: they are the list's element kind.
  const elementKind = list.kind.value === 'List' ? undefined : list.kind.value.slice(0, -4);
  for (const item of items(ctx, getEntry(ctx, list.node, 'items')?.node)) {
    if (!isMap(item)) continue;
    const obj = readObject(ctx, item as YAMLMap.Parsed, documentIndex, elementKind ? { list, elementKind } : { list });
    if (obj) out.push(obj);
  }
  return out;
}

function readObject(
  ctx: YamlContext,
  node: YAMLMap.Parsed,
  documentIndex: number,
  inList?: { list: K8sObject; elementKind?: string },
): K8sObject | undefined {
  const apiEntry = getEntry(ctx, node, 'apiVersion');
  const kindEntry = getEntry(ctx, node, 'kind');
  let apiVersion = apiEntry ? locateEntry(ctx, apiEntry, readString(apiEntry.node) ?? '') : undefined;
  let kind = kindEntry ? locateEntry(ctx, kindEntry, readString(kindEntry.node) ?? '') : undefined;
  if (inList?.elementKind) {
    apiVersion ??= inList.list.apiVersion;
    kind ??= { ...inList.list.kind, value: inList.elementKind };
  }
  if (!apiVersion?.value || !kind?.value) return undefined;
  const metadata = getEntry(ctx, node, 'metadata')?.node;
  const name = getEntry(ctx, metadata, 'name');
  const namespace = getEntry(ctx, metadata, 'namespace');
  const obj: K8sObject = {
    documentIndex,
    apiVersion,
    kind,
    group: apiGroup(apiVersion.value),
    ...(name ? { name: locateEntry(ctx, name, readString(name.node)) } : {}),
    ...(namespace ? { namespace: locateEntry(ctx, namespace, readString(namespace.node)) } : {}),
    node,
    range: rangeOf(ctx, node),
    annotations: readAnnotations(ctx, metadata),
    podSpecs: [],
    ...(inList ? { list: inList.list } : {}),
  };
  const shape = WORKLOADS.find((w) => w.kind === kind.value && w.groups.includes(obj.group));
  if (shape) {
    obj.workload = shape.kind;
    const pod = readPodSpec(ctx, obj, shape);
    if (pod) obj.podSpecs.push(pod);
  }
  return obj;
}

function readAnnotations(ctx: YamlContext, metadata: unknown): K8sAnnotation[] {
  return entries(ctx, getEntry(ctx, metadata, 'annotations')?.node).map((e) => ({
    key: e.key,
    value: readString(e.node),
    keyRange: keyRange(ctx, e.pair),
    range: pairRange(ctx, e.pair),
  }));
}

function readPodSpec(ctx: YamlContext, owner: K8sObject, shape: WorkloadShape): K8sPodSpec | undefined {
  const template = shape.template.length === 0 ? { node: owner.node } : getPath(ctx, owner.node, shape.template);
  if (!template || !isMap(template.node)) return undefined;
  const specEntry = getEntry(ctx, template.node, 'spec');
  if (!specEntry || !isMap(specEntry.node)) return undefined;
  const node = specEntry.node as YAMLMap.Parsed;
  const metadata = getEntry(ctx, template.node, 'metadata')?.node;
  const pod: K8sPodSpec = {
    owner,
    path: [...shape.template, 'spec'],
    node,
    range: rangeOf(ctx, node),
    keyRange: keyRange(ctx, specEntry.pair),
    podAnnotations: shape.template.length === 0 ? owner.annotations : readAnnotations(ctx, metadata),
    ...(isMap(metadata) ? { podMetadata: metadata as YAMLMap.Parsed } : {}),
    volumes: [],
    containers: [],
  };
  const lists: [string, ContainerRole][] = [
    ['containers', 'container'],
    ['initContainers', 'initContainer'],
    ['ephemeralContainers', 'ephemeralContainer'],
  ];
  const containerLists: [YamlNode | null, ContainerRole][] = [];
  for (const e of entries(ctx, node)) {
    switch (e.key) {
      case 'hostPID':
      case 'hostNetwork':
      case 'hostIPC':
      case 'hostUsers':
      case 'shareProcessNamespace':
      case 'automountServiceAccountToken':
        pod[e.key] = locateEntry(ctx, e, readBool(e.node));
        break;
      case 'serviceAccountName':
      case 'runtimeClassName':
        pod[e.key] = locateEntry(ctx, e, readString(e.node));
        break;
      case 'securityContext':
        if (isMap(e.node)) pod.securityContext = readPodSecurityContext(ctx, e.node as YAMLMap.Parsed, keyRange(ctx, e.pair));
        break;
      case 'volumes':
        pod.volumes = readVolumes(ctx, e.node);
        break;
      default: {
        const list = lists.find(([k]) => k === e.key);
        if (list) containerLists.push([e.node, list[1]]);
      }
    }
  }
  for (const [listNode, role] of containerLists) {
    items(ctx, listNode).forEach((c, index) => {
      if (isMap(c)) pod.containers.push(readContainer(ctx, pod, c as YAMLMap.Parsed, role, index));
    });
  }
  // Regular containers first, then init, then ephemeral: the order people read a pod in.
  const order: ContainerRole[] = ['container', 'initContainer', 'ephemeralContainer'];
  pod.containers.sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role) || a.index - b.index);
  return pod;
}

function readVolumes(ctx: YamlContext, node: YamlNode | null): K8sVolume[] {
  const out: K8sVolume[] = [];
  for (const v of items(ctx, node)) {
    if (!isMap(v)) continue;
    const volume: K8sVolume = { name: '', node: v as YAMLMap.Parsed, range: rangeOf(ctx, v) };
    for (const e of entries(ctx, v)) {
      if (e.key === 'name') volume.name = readString(e.node) ?? '';
      else if (volume.source === undefined) volume.source = e.key;
      if (e.key === 'hostPath') {
        volume.source = 'hostPath';
        const path = getEntry(ctx, e.node, 'path');
        const type = getEntry(ctx, e.node, 'type');
        volume.hostPath = {
          ...(path ? { path: locateEntry(ctx, path, readString(path.node)) } : {}),
          ...(type ? { type: locateEntry(ctx, type, readString(type.node)) } : {}),
        };
      }
    }
    out.push(volume);
  }
  return out;
}

function readShared(ctx: YamlContext, node: YAMLMap.Parsed, key: ReturnType<typeof keyRange>): K8sSharedSecurityFields {
  const sc: K8sSharedSecurityFields = { node, keyRange: key, range: rangeOf(ctx, node) };
  for (const e of entries(ctx, node)) {
    switch (e.key) {
      case 'runAsUser':
      case 'runAsGroup':
        sc[e.key] = locateEntry(ctx, e, readNumber(e.node));
        break;
      case 'runAsNonRoot':
        sc.runAsNonRoot = locateEntry(ctx, e, readBool(e.node));
        break;
      case 'seccompProfile':
      case 'appArmorProfile':
        sc[e.key] = readProfileRef(ctx, e.node, keyRange(ctx, e.pair));
        break;
      case 'seLinuxOptions':
        sc.seLinuxOptions = readSeLinux(ctx, e.node, keyRange(ctx, e.pair));
        break;
      case 'windowsOptions': {
        const hp = getEntry(ctx, e.node, 'hostProcess');
        if (hp) sc.windowsHostProcess = locateEntry(ctx, hp, readBool(hp.node));
        break;
      }
    }
  }
  return sc;
}

function readProfileRef(ctx: YamlContext, node: YamlNode | null, key: ReturnType<typeof keyRange>): K8sProfileRef {
  const type = getEntry(ctx, node, 'type');
  const profile = getEntry(ctx, node, 'localhostProfile');
  return {
    ...(type ? { type: locateEntry(ctx, type, readString(type.node)) } : {}),
    ...(profile ? { localhostProfile: locateEntry(ctx, profile, readString(profile.node)) } : {}),
    node: node as YamlNode,
    keyRange: key,
    range: node ? rangeOf(ctx, node) : key,
  };
}

function readSeLinux(ctx: YamlContext, node: YamlNode | null, key: ReturnType<typeof keyRange>): K8sSeLinuxOptions {
  const out: K8sSeLinuxOptions = { node: node as YamlNode, keyRange: key, range: node ? rangeOf(ctx, node) : key };
  for (const e of entries(ctx, node)) {
    if (e.key === 'user' || e.key === 'role' || e.key === 'type' || e.key === 'level') {
      out[e.key] = locateEntry(ctx, e, readString(e.node));
    }
  }
  return out;
}

function readPodSecurityContext(ctx: YamlContext, node: YAMLMap.Parsed, key: ReturnType<typeof keyRange>): K8sPodSecurityContext {
  const sc: K8sPodSecurityContext = { ...readShared(ctx, node, key), sysctls: [] };
  const fsGroup = getEntry(ctx, node, 'fsGroup');
  if (fsGroup) sc.fsGroup = locateEntry(ctx, fsGroup, readNumber(fsGroup.node));
  for (const s of items(ctx, getEntry(ctx, node, 'sysctls')?.node)) {
    const name = readString(getEntry(ctx, s, 'name')?.node);
    if (name !== undefined) sc.sysctls.push({ name, value: readString(getEntry(ctx, s, 'value')?.node), range: rangeOf(ctx, s), node: s });
  }
  return sc;
}

function readContainerSecurityContext(
  ctx: YamlContext,
  node: YAMLMap.Parsed,
  key: ReturnType<typeof keyRange>,
): K8sContainerSecurityContext {
  const sc: K8sContainerSecurityContext = readShared(ctx, node, key);
  for (const e of entries(ctx, node)) {
    switch (e.key) {
      case 'privileged':
      case 'allowPrivilegeEscalation':
      case 'readOnlyRootFilesystem':
        sc[e.key] = locateEntry(ctx, e, readBool(e.node));
        break;
      case 'procMount':
        sc.procMount = locateEntry(ctx, e, readString(e.node));
        break;
      case 'capabilities': {
        const add = getEntry(ctx, e.node, 'add');
        const drop = getEntry(ctx, e.node, 'drop');
        const caps: K8sCapabilities = {
          add: add ? readStringList(ctx, add.node) : [],
          drop: drop ? readStringList(ctx, drop.node) : [],
          node: (e.node ?? e.keyNode) as YamlNode,
          keyRange: keyRange(ctx, e.pair),
          ...(add?.node ? { addNode: add.node } : {}),
          ...(drop?.node ? { dropNode: drop.node } : {}),
        };
        sc.capabilities = caps;
        break;
      }
    }
  }
  return sc;
}

function readContainer(ctx: YamlContext, pod: K8sPodSpec, node: YAMLMap.Parsed, role: ContainerRole, index: number): K8sContainer {
  const c: Omit<K8sContainer, 'effective'> & { effective?: EffectiveSecurityContext } = {
    pod,
    role,
    index,
    node,
    range: rangeOf(ctx, node),
    resources: { limits: {}, requests: {} },
    ports: [],
    volumeMounts: [],
  };
  for (const e of entries(ctx, node)) {
    switch (e.key) {
      case 'name':
      case 'image':
      case 'imagePullPolicy':
        c[e.key] = locateEntry(ctx, e, readString(e.node));
        break;
      case 'securityContext':
        if (isMap(e.node)) c.securityContext = readContainerSecurityContext(ctx, e.node as YAMLMap.Parsed, keyRange(ctx, e.pair));
        break;
      case 'resources':
        c.resources.node = e.node ?? undefined;
        c.resources.keyRange = keyRange(ctx, e.pair);
        for (const which of ['limits', 'requests'] as const) {
          for (const r of entries(ctx, getEntry(ctx, e.node, which)?.node)) {
            c.resources[which][r.key] = locateEntry(ctx, r, readString(r.node));
          }
        }
        break;
      case 'ports':
        c.ports = readPorts(ctx, e.node);
        break;
      case 'volumeMounts':
        c.volumeMounts = readMounts(ctx, e.node, pod.volumes);
        break;
    }
  }
  const container = c as K8sContainer;
  container.effective = effectiveSecurityContext(container);
  return container;
}

function readPorts(ctx: YamlContext, node: YamlNode | null): K8sContainerPort[] {
  const out: K8sContainerPort[] = [];
  for (const p of items(ctx, node)) {
    if (!isMap(p)) continue;
    const port: K8sContainerPort = { range: rangeOf(ctx, p), node: p };
    for (const e of entries(ctx, p)) {
      if (e.key === 'containerPort' || e.key === 'hostPort') port[e.key] = locateEntry(ctx, e, readNumber(e.node));
      else if (e.key === 'hostIP' || e.key === 'protocol') port[e.key] = locateEntry(ctx, e, readString(e.node));
    }
    out.push(port);
  }
  return out;
}

function readMounts(ctx: YamlContext, node: YamlNode | null, volumes: K8sVolume[]): K8sVolumeMount[] {
  const out: K8sVolumeMount[] = [];
  for (const m of items(ctx, node)) {
    if (!isMap(m)) continue;
    const str = (k: string) => readString(getEntry(ctx, m, k)?.node);
    const name = str('name');
    const volume = volumes.find((v) => v.name === name);
    out.push({
      name,
      mountPath: str('mountPath'),
      readOnly: readBool(getEntry(ctx, m, 'readOnly')?.node) === true,
      subPath: str('subPath'),
      mountPropagation: str('mountPropagation'),
      ...(volume ? { volume } : {}),
      range: rangeOf(ctx, m),
      node: m,
    });
  }
  return out;
}

function fromField<T>(l: Located<T | undefined> | undefined, source: 'container' | 'pod'): Effective<T> | undefined {
  if (!l) return undefined;
  return { value: l.value, source, range: l.pairRange ?? l.range, located: l as Located<unknown> };
}

const UNSET = { value: undefined, source: 'unset' } as const;

/** `runtime/default`, `docker/default`, `unconfined`, `localhost/<profile>` → field shape. */
function profileFromAnnotation(a: K8sAnnotation): EffectiveProfile {
  const v = (a.value ?? '').trim();
  if (v === 'runtime/default' || v === 'docker/default') return { type: 'RuntimeDefault', source: 'annotation', range: a.range };
  if (v === 'unconfined') return { type: 'Unconfined', source: 'annotation', range: a.range };
  if (v.startsWith('localhost/')) {
    return { type: 'Localhost', localhostProfile: v.slice('localhost/'.length), source: 'annotation', range: a.range };
  }
  return { type: v || undefined, source: 'annotation', range: a.range };
}

function profileFromField(ref: K8sProfileRef | undefined, source: 'container' | 'pod'): EffectiveProfile | undefined {
  if (!ref) return undefined;
  return {
    type: ref.type?.value,
    localhostProfile: ref.localhostProfile?.value,
    source,
    range: { start: ref.keyRange.start, end: ref.range.end },
  };
}

/**
 * The securityContext the kubelet applies to a container: for fields that exist on both levels
 * (runAsUser, runAsGroup, runAsNonRoot, seccompProfile, appArmorProfile, seLinuxOptions,
 * windowsOptions) the container's value wins over the pod's; the other fields exist only on the
 * container. Legacy annotations (seccomp, AppArmor) count only where no field decides.
 */
export function effectiveSecurityContext(container: Omit<K8sContainer, 'effective'>): EffectiveSecurityContext {
  const c = container.securityContext;
  const p = container.pod.securityContext;
  const name = container.name?.value;
  const annotation = (key: string) => container.pod.podAnnotations.find((a) => a.key === key);

  const containerSeccomp = name !== undefined ? annotation(`container.seccomp.security.alpha.kubernetes.io/${name}`) : undefined;
  const podSeccomp = annotation('seccomp.security.alpha.kubernetes.io/pod');
  const containerAppArmor = name !== undefined ? annotation(`container.apparmor.security.beta.kubernetes.io/${name}`) : undefined;

  const seLinux = (s: K8sSeLinuxOptions | undefined, source: 'container' | 'pod') =>
    s
      ? {
          value: { user: s.user?.value, role: s.role?.value, type: s.type?.value, level: s.level?.value },
          source,
          range: { start: s.keyRange.start, end: s.range.end },
        }
      : undefined;

  return {
    runAsUser: fromField(c?.runAsUser, 'container') ?? fromField(p?.runAsUser, 'pod') ?? UNSET,
    runAsGroup: fromField(c?.runAsGroup, 'container') ?? fromField(p?.runAsGroup, 'pod') ?? UNSET,
    runAsNonRoot: fromField(c?.runAsNonRoot, 'container') ?? fromField(p?.runAsNonRoot, 'pod') ?? UNSET,
    seccompProfile: profileFromField(c?.seccompProfile, 'container') ??
      (containerSeccomp && profileFromAnnotation(containerSeccomp)) ??
      profileFromField(p?.seccompProfile, 'pod') ??
      (podSeccomp && profileFromAnnotation(podSeccomp)) ?? { source: 'unset' },
    appArmorProfile: profileFromField(c?.appArmorProfile, 'container') ??
      (containerAppArmor && profileFromAnnotation(containerAppArmor)) ??
      profileFromField(p?.appArmorProfile, 'pod') ?? { source: 'unset' },
    seLinuxOptions: seLinux(c?.seLinuxOptions, 'container') ?? seLinux(p?.seLinuxOptions, 'pod') ?? UNSET,
    windowsHostProcess: fromField(c?.windowsHostProcess, 'container') ?? fromField(p?.windowsHostProcess, 'pod') ?? UNSET,
    privileged: fromField(c?.privileged, 'container') ?? UNSET,
    allowPrivilegeEscalation: fromField(c?.allowPrivilegeEscalation, 'container') ?? UNSET,
    readOnlyRootFilesystem: fromField(c?.readOnlyRootFilesystem, 'container') ?? UNSET,
    capabilities: {
      add: c?.capabilities?.add ?? [],
      drop: c?.capabilities?.drop ?? [],
      ...(c?.capabilities ? { range: { start: c.capabilities.keyRange.start, end: rangeOfEnd(c.capabilities) } } : {}),
    },
    procMount: fromField(c?.procMount, 'container') ?? UNSET,
    insertAt: { container: c?.node ?? container.node, pod: p?.node ?? container.pod.node },
  };
}

function rangeOfEnd(caps: K8sCapabilities) {
  const last = [...caps.add, ...caps.drop].map((l) => l.range.end);
  let end = caps.keyRange.end;
  for (const e of last) if (e.line > end.line || (e.line === end.line && e.character > end.character)) end = e;
  return end;
}

const NOT_MANIFESTS = [
  /(^|\.)config\.k8s\.io$/, // kubelet, kube-proxy, kustomize, apiserver configs
  /^kind\.x-k8s\.io$/, // kind cluster configs
  /^kubeadm\.k8s\.io$/,
  /^client\.authentication\.k8s\.io$/,
  /^k3d\.io$/,
  /^ctlptl\.dev$/,
  /^skaffold$/,
];

/**
 * Is this object something you apply to a cluster? Cluster tool configs that borrow the
 * `apiVersion`/`kind` shape (kind, kubeadm, kustomize, kubeconfig) are not.
 */
export function isClusterObject(apiVersion: string, kind: string): boolean {
  const group = apiGroup(apiVersion);
  if (NOT_MANIFESTS.some((r) => r.test(group))) return false;
  if (group === '' && kind === 'Config') return false; // kubeconfig
  return true;
}

/**
 * Is this a Kubernetes manifest? A YAML file with at least one document whose top level has
 * string `apiVersion` and `kind` and that is a cluster object (not a kind/kubeadm/kustomize config).
 */
export function isKubernetesFile(fileName: string, text: string): boolean {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  if (base.includes('.') && !/\.ya?ml$/i.test(base)) return false;
  if (!/^\s*apiVersion\s*:/m.test(text) || !/^\s*kind\s*:/m.test(text)) return false;
  const yaml: YamlFile = parseYaml(text, { fileName });
  // A template with apiVersion/kind lines is a manifest to be; its model says `templated`.
  if (yaml.templated) return true;
  for (const d of yaml.documents) {
    const root = yaml.resolve(d.contents);
    const api = readString(getEntry(yaml, root, 'apiVersion')?.node);
    const kind = readString(getEntry(yaml, root, 'kind')?.node);
    if (api && kind && isClusterObject(api, kind)) return true;
  }
  return false;
}

/** kube-linter's `ignore-check.kube-linter.io/<check>` annotations on an object. */
export function kubeLinterIgnores(obj: K8sObject): Set<string> {
  const out = new Set<string>();
  for (const a of obj.annotations) {
    const m = /^ignore-check\.kube-linter\.io\/(.+)$/.exec(a.key);
    if (m) out.add(m[1]);
  }
  return out;
}
