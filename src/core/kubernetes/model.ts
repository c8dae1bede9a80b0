import type { YAMLMap } from 'yaml';
import type { LineIndex, Range } from '../text/range';
import type { YamlFile, YamlNode, YamlProblem } from '../yaml/parse';
import type { Located } from '../yaml/read';

/**
 * The Kubernetes model: every object (document, or item of a `List`) with `apiVersion` and `kind`,
 * and for workloads the pod spec(s) with their containers. Every field keeps its YAML node.
 */
export interface KubernetesModel {
  text: string;
  lines: LineIndex;
  yaml: YamlFile;
  /** Top-level documents that are Kubernetes objects, in file order. */
  documents: K8sObject[];
  /** `documents` plus the items of `List` / `*List` documents, in file order. */
  objects: K8sObject[];
  /** Every pod spec of every workload object. */
  podSpecs: K8sPodSpec[];
  /** Every container (containers, initContainers, ephemeralContainers) of every pod spec. */
  containers: K8sContainer[];
  templated: boolean;
  /** YAML problems, or the single info note of a templated file. */
  errors: YamlProblem[];
}

export type WorkloadKind =
  | 'Pod'
  | 'Deployment'
  | 'StatefulSet'
  | 'DaemonSet'
  | 'ReplicaSet'
  | 'ReplicationController'
  | 'Job'
  | 'CronJob'
  | 'PodTemplate';

export interface K8sObject {
  /** Index of the YAML document this object is in. */
  documentIndex: number;
  apiVersion: Located<string>;
  kind: Located<string>;
  /** API group (`apps`, `batch`; '' for the core group). */
  group: string;
  name?: Located<string | undefined>;
  namespace?: Located<string | undefined>;
  /** The object's map. */
  node: YAMLMap.Parsed;
  range: Range;
  /** `metadata.annotations` of the object. */
  annotations: K8sAnnotation[];
  /** Set for the built-in workload kinds (by group and kind; a CRD named `Deployment` is not one). */
  workload?: WorkloadKind;
  /** For items of a List: the List object. */
  list?: K8sObject;
  /** For a List: its items. */
  items?: K8sObject[];
  podSpecs: K8sPodSpec[];
}

export interface K8sAnnotation {
  key: string;
  value?: string;
  keyRange: Range;
  range: Range;
}

export interface K8sPodSpec {
  owner: K8sObject;
  /** Keys from the object root to the pod spec: `['spec', 'template', 'spec']`. */
  path: string[];
  node: YAMLMap.Parsed;
  range: Range;
  /** Range of the `spec` key of the pod spec. */
  keyRange: Range;
  /** Annotations of the pod (the Pod's metadata, or the template's metadata). */
  podAnnotations: K8sAnnotation[];
  /** The pod's metadata map, when present (where a fix adds pod annotations). */
  podMetadata?: YAMLMap.Parsed;
  hostPID?: Located<boolean | undefined>;
  hostNetwork?: Located<boolean | undefined>;
  hostIPC?: Located<boolean | undefined>;
  hostUsers?: Located<boolean | undefined>;
  shareProcessNamespace?: Located<boolean | undefined>;
  automountServiceAccountToken?: Located<boolean | undefined>;
  serviceAccountName?: Located<string | undefined>;
  runtimeClassName?: Located<string | undefined>;
  securityContext?: K8sPodSecurityContext;
  volumes: K8sVolume[];
  containers: K8sContainer[];
}

export interface K8sVolume {
  name: string;
  /** The volume source key: `hostPath`, `emptyDir`, `secret`, `configMap`, `persistentVolumeClaim`, ... */
  source?: string;
  hostPath?: { path?: Located<string | undefined>; type?: Located<string | undefined> };
  node: YAMLMap.Parsed;
  range: Range;
}

export interface K8sCapabilities {
  add: Located<string>[];
  drop: Located<string>[];
  node: YamlNode;
  keyRange: Range;
  addNode?: YamlNode;
  dropNode?: YamlNode;
}

export interface K8sProfileRef {
  /** `RuntimeDefault`, `Localhost`, `Unconfined`. */
  type?: Located<string | undefined>;
  localhostProfile?: Located<string | undefined>;
  node: YamlNode;
  keyRange: Range;
  range: Range;
}

export interface K8sSeLinuxOptions {
  user?: Located<string | undefined>;
  role?: Located<string | undefined>;
  type?: Located<string | undefined>;
  level?: Located<string | undefined>;
  node: YamlNode;
  keyRange: Range;
  range: Range;
}

/** Fields that exist on both the pod's and the container's securityContext. */
export interface K8sSharedSecurityFields {
  runAsUser?: Located<number | undefined>;
  runAsGroup?: Located<number | undefined>;
  runAsNonRoot?: Located<boolean | undefined>;
  seccompProfile?: K8sProfileRef;
  appArmorProfile?: K8sProfileRef;
  seLinuxOptions?: K8sSeLinuxOptions;
  /** `windowsOptions.hostProcess`. */
  windowsHostProcess?: Located<boolean | undefined>;
  /** The securityContext map. */
  node: YAMLMap.Parsed;
  keyRange: Range;
  range: Range;
}

export interface K8sPodSecurityContext extends K8sSharedSecurityFields {
  fsGroup?: Located<number | undefined>;
  sysctls: { name: string; value?: string; range: Range; node: YamlNode }[];
}

export interface K8sContainerSecurityContext extends K8sSharedSecurityFields {
  privileged?: Located<boolean | undefined>;
  allowPrivilegeEscalation?: Located<boolean | undefined>;
  readOnlyRootFilesystem?: Located<boolean | undefined>;
  capabilities?: K8sCapabilities;
  procMount?: Located<string | undefined>;
}

export type ContainerRole = 'container' | 'initContainer' | 'ephemeralContainer';

export interface K8sContainer {
  pod: K8sPodSpec;
  role: ContainerRole;
  /** Index within its list (`containers[1]`). */
  index: number;
  name?: Located<string | undefined>;
  node: YAMLMap.Parsed;
  range: Range;
  image?: Located<string | undefined>;
  imagePullPolicy?: Located<string | undefined>;
  securityContext?: K8sContainerSecurityContext;
  resources: {
    limits: Record<string, Located<string | undefined>>;
    requests: Record<string, Located<string | undefined>>;
    node?: YamlNode;
    keyRange?: Range;
  };
  ports: K8sContainerPort[];
  volumeMounts: K8sVolumeMount[];
  /** The securityContext the kubelet applies: container fields over pod fields. */
  effective: EffectiveSecurityContext;
}

export interface K8sContainerPort {
  containerPort?: Located<number | undefined>;
  hostPort?: Located<number | undefined>;
  hostIP?: Located<string | undefined>;
  protocol?: Located<string | undefined>;
  range: Range;
  node: YamlNode;
}

export interface K8sVolumeMount {
  name?: string;
  mountPath?: string;
  readOnly: boolean;
  subPath?: string;
  mountPropagation?: string;
  /** The pod volume it mounts, when found. */
  volume?: K8sVolume;
  range: Range;
  node: YamlNode;
}

/**
 * Where an effective value came from: the container's securityContext, the pod's, a legacy
 * annotation, or nowhere (`source: 'unset'`, the runtime's default applies).
 */
export type SettingSource = 'container' | 'pod' | 'annotation' | 'unset';

export interface Effective<T> {
  value: T | undefined;
  source: SettingSource;
  /** The field (or annotation) that decided it; undefined when unset. */
  range?: Range;
  located?: Located<unknown>;
}

/** A seccomp or AppArmor profile from a field or a legacy annotation. */
export interface EffectiveProfile {
  /** `RuntimeDefault` | `Localhost` | `Unconfined` (annotations are mapped to these). */
  type?: string;
  localhostProfile?: string;
  source: SettingSource;
  range?: Range;
}

export interface EffectiveSecurityContext {
  runAsUser: Effective<number>;
  runAsGroup: Effective<number>;
  runAsNonRoot: Effective<boolean>;
  seccompProfile: EffectiveProfile;
  appArmorProfile: EffectiveProfile;
  seLinuxOptions: Effective<{ user?: string; role?: string; type?: string; level?: string }>;
  windowsHostProcess: Effective<boolean>;
  // Container-only fields.
  privileged: Effective<boolean>;
  allowPrivilegeEscalation: Effective<boolean>;
  readOnlyRootFilesystem: Effective<boolean>;
  capabilities: { add: Located<string>[]; drop: Located<string>[]; range?: Range };
  procMount: Effective<string>;
  /**
   * Where to put a new field: the container's securityContext map when it has one (else the
   * container map), and the pod's securityContext map when it has one (else the pod spec map).
   */
  insertAt: { container: YAMLMap.Parsed; pod: YAMLMap.Parsed };
}
