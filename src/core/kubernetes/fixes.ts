import { isMap, isSeq } from 'yaml';
import type { YAMLSeq } from 'yaml';
import type { Fix } from '../findings';
import { normalizeCapability } from '../isolation/capabilities';
import type { YamlNode } from '../yaml/parse';
import {
  EditBuilder,
  addToMap,
  flowSeq,
  mergeInto,
  nested,
  ownPair,
  removePair,
  removeSeqItem,
  replaceNode,
  scalar,
  setPairValue,
} from '../yaml/edit';
import type { Desired } from '../yaml/edit';
import type { Located } from '../yaml/read';
import { readBool, readNumber, readString } from '../yaml/read';
import type { K8sContainer, K8sPodSpec, KubernetesModel } from './model';

/**
 * Quick-fixes for Kubernetes manifests: pure text edits from the YAML tree (see `yaml/edit`),
 * confined to the object they fix, so other documents of the file stay byte-identical.
 */

/** The uid/gid Container Lens suggests: above the ranges images give their system users. */
export const NON_ROOT_ID = '10001';
export const PLACEHOLDER = 'placeholder: measure and adjust';

/** The fields of a hardened container securityContext, each addable on its own. */
export type HardenField =
  | 'runAsNonRoot'
  | 'runAsUser'
  | 'runAsGroup'
  | 'allowPrivilegeEscalation'
  | 'privileged'
  | 'dropAll'
  | 'seccomp'
  | 'readOnlyRootFilesystem';

export const ALL_HARDEN_FIELDS: readonly HardenField[] = [
  'runAsNonRoot',
  'runAsUser',
  'runAsGroup',
  'allowPrivilegeEscalation',
  'privileged',
  'dropAll',
  'seccomp',
  'readOnlyRootFilesystem',
];

function make(model: KubernetesModel, title: string, build: (b: EditBuilder) => void, preferred = false, needsInput = false): Fix | undefined {
  const b = new EditBuilder(model.yaml);
  build(b);
  const edits = b.build();
  return edits ? { title, edits, ...(preferred ? { preferred: true } : {}), ...(needsInput ? { needsInput: true } : {}) } : undefined;
}

export function fixes(...list: (Fix | undefined)[]): Fix[] {
  return list.filter((f): f is Fix => f !== undefined);
}

const positive = (n: YamlNode | null) => (readNumber(n) ?? 0) > 0;

/** Capabilities added that the API refuses to combine with `allowPrivilegeEscalation: false`. */
export function forcesEscalation(c: K8sContainer): boolean {
  return c.effective.capabilities.add.some((a) => ['SYS_ADMIN', 'ALL'].includes(normalizeCapability(a.value)));
}

/**
 * What the container's securityContext needs so that each requested field is hardened, judged on
 * the effective context (a pod-level value that is already right is left alone; a wrong one is
 * overridden on the container).
 */
export function hardenDesired(c: K8sContainer, fields: readonly HardenField[]): Desired[] {
  const e = c.effective;
  const want = new Set(fields);
  const out: Desired[] = [];
  if (want.has('runAsNonRoot') && e.runAsNonRoot.value !== true) {
    out.push({ key: 'runAsNonRoot', value: scalar('true'), ok: (n) => readBool(n) === true });
  }
  if (want.has('runAsUser') && !((e.runAsUser.value ?? 0) > 0)) out.push({ key: 'runAsUser', value: scalar(NON_ROOT_ID), ok: positive });
  if (want.has('runAsGroup') && !((e.runAsGroup.value ?? 0) > 0)) out.push({ key: 'runAsGroup', value: scalar(NON_ROOT_ID), ok: positive });
  // The API rejects privileged: true (or CAP_SYS_ADMIN) together with allowPrivilegeEscalation: false.
  if ((want.has('privileged') || want.has('allowPrivilegeEscalation')) && e.privileged.value === true) {
    out.push({ key: 'privileged', value: scalar('false'), ok: (n) => readBool(n) === false });
  }
  if (want.has('allowPrivilegeEscalation') && e.allowPrivilegeEscalation.value !== false && !forcesEscalation(c)) {
    out.push({ key: 'allowPrivilegeEscalation', value: scalar('false'), ok: (n) => readBool(n) === false });
  }
  if (want.has('dropAll') && !e.capabilities.drop.some((d) => normalizeCapability(d.value) === 'ALL')) {
    out.push(nested('capabilities', [{ key: 'drop', value: flowSeq('ALL'), contains: 'ALL' }]));
  }
  const sec = e.seccompProfile.type;
  if (want.has('seccomp') && sec !== 'RuntimeDefault' && sec !== 'Localhost') {
    const ok = (n: YamlNode | null) => ['RuntimeDefault', 'Localhost'].includes(readString(n) ?? '');
    out.push(nested('seccompProfile', [{ key: 'type', value: scalar('RuntimeDefault'), ok }]));
  }
  if (want.has('readOnlyRootFilesystem') && e.readOnlyRootFilesystem.value !== true) {
    out.push({ key: 'readOnlyRootFilesystem', value: scalar('true'), ok: (n) => readBool(n) === true });
  }
  return out;
}

/** Merge the requested hardened fields into the container's securityContext (created when absent). */
export function securityContextFix(
  model: KubernetesModel,
  c: K8sContainer,
  fields: readonly HardenField[],
  title: string,
  preferred = false,
): Fix | undefined {
  const desired = hardenDesired(c, fields);
  if (desired.length === 0) return undefined;
  return make(model, title, (b) => mergeInto(b, c.node, [nested('securityContext', desired)]), preferred);
}

/** The whole hardened securityContext, merged with what the container has. */
export function hardenFix(model: KubernetesModel, c: K8sContainer): Fix | undefined {
  return securityContextFix(
    model,
    c,
    ALL_HARDEN_FIELDS,
    'Harden the securityContext (non-root 10001, no privilege escalation, drop ALL capabilities, RuntimeDefault seccomp, read-only root filesystem)',
  );
}

/** Remove a pod-level key (`hostNetwork: true`), or set it to false. */
export function podKeyFixes(model: KubernetesModel, pod: K8sPodSpec, key: string, l: Located<unknown>): Fix[] {
  const pair = ownPair(pod.node, key);
  if (!pair || l.mergedVia) return [];
  return fixes(
    make(model, `Remove ${key}: true`, (b) => removePair(b, pod.node, pair), true),
    make(model, `Set ${key}: false`, (b) => setPairValue(b, pair, scalar('false'))),
  );
}

/** Set a scalar key of a map in place, or add it. */
export function setKeyFix(model: KubernetesModel, mapNode: YamlNode, key: string, text: string, title: string, preferred = true): Fix | undefined {
  return make(
    model,
    title,
    (b) => {
      const pair = ownPair(mapNode, key);
      if (pair) setPairValue(b, pair, scalar(text));
      else addToMap(b, mapNode, [[key, scalar(text)]]);
    },
    preferred,
  );
}

/** Remove a key of a map (`procMount: Unmasked`, `hostPort: 80`). */
export function removeKeyFix(model: KubernetesModel, mapNode: YamlNode, key: string, title: string): Fix | undefined {
  const pair = ownPair(mapNode, key);
  if (!pair) return undefined;
  return make(model, title, (b) => removePair(b, mapNode, pair), true);
}

/** Remove one item from a list that is the value of `key` in `mapNode`; the key goes with its last item. */
export function removeItemFix(model: KubernetesModel, mapNode: YamlNode, key: string, item: YamlNode | null, title: string): Fix | undefined {
  const pair = ownPair(mapNode, key);
  if (!pair || !item) return undefined;
  const value = model.yaml.resolve(pair.value);
  return make(
    model,
    title,
    (b) => {
      if (isSeq(value) && (value as YAMLSeq).items.length > 1) removeSeqItem(b, value, item);
      else if ((isSeq(value) && (value as YAMLSeq).items.length === 1) || value === item) removePair(b, mapNode, pair);
      else b.failed = true;
    },
    true,
  );
}

/** Requests and limits for CPU and memory, placeholders marked as such; only what is missing is added. */
export function resourcesFix(model: KubernetesModel, c: K8sContainer): Fix | undefined {
  const has = (which: 'limits' | 'requests', key: string) => c.resources[which][key]?.value !== undefined;
  const part = (which: 'limits' | 'requests'): Desired[] =>
    (
      [
        ['cpu', '"100m"'],
        ['memory', '"128Mi"'],
      ] as const
    )
      .filter(([k]) => !has(which, k))
      .map(([k, v]) => ({ key: k, value: scalar(v, PLACEHOLDER), ok: (n) => readString(n) !== undefined }));
  const requests = part('requests');
  const limits = part('limits');
  const children = [...(requests.length ? [nested('requests', requests)] : []), ...(limits.length ? [nested('limits', limits)] : [])];
  if (children.length === 0) return undefined;
  if (c.resources.node && !isMap(c.resources.node) && !(readString(c.resources.node) === undefined)) return undefined;
  return make(model, 'Add CPU and memory requests and limits (placeholders to adjust)', (b) => mergeInto(b, c.node, [nested('resources', children)]), true, true);
}

/** Replace a scalar value (`type: Unconfined` → `RuntimeDefault`). */
export function replaceValueFix(model: KubernetesModel, l: Located<unknown> | undefined, text: string, title: string): Fix | undefined {
  if (!l?.node || l.mergedVia) return undefined;
  return make(model, title, (b) => replaceNode(b, l.node, text), true);
}
