import { isMap, isScalar, isSeq } from 'yaml';
import type { Pair, YAMLSeq } from 'yaml';
import type { Fix } from '../findings';
import type { YamlNode } from '../yaml/parse';
import {
  EditBuilder,
  addToMap,
  appendSeqItem,
  flowSeq,
  mergeInto,
  nested,
  ownPair,
  removePair,
  removeSeqItem,
  replaceNode,
  scalar,
  scalarText,
  setPairValue,
} from '../yaml/edit';
import type { Desired, NewNode } from '../yaml/edit';
import type { Located } from '../yaml/read';
import { readString } from '../yaml/read';
import type { ComposeModel, ComposePort, ComposeService } from './model';
import { isShared } from './rules/support';

/**
 * Quick-fixes for compose services: pure text edits computed from the YAML tree (see `yaml/edit`).
 * Each builder returns undefined when it cannot edit safely (the fix is then not offered).
 * A value that comes from `<<: *anchor` or `extends:` is overridden in the service itself, so a
 * fix never changes other services that share the anchor.
 */

/** The user Container Lens suggests: a high uid/gid that no image's system user owns. */
export const NON_ROOT_USER = '10001:10001';
export const PLACEHOLDER = 'placeholder: measure and adjust';

function make(model: ComposeModel, title: string, build: (b: EditBuilder) => void, preferred = false, needsInput = false): Fix | undefined {
  const b = new EditBuilder(model.yaml);
  build(b);
  const edits = b.build();
  return edits ? { title, edits, ...(preferred ? { preferred: true } : {}), ...(needsInput ? { needsInput: true } : {}) } : undefined;
}

/** Fixes that could be built, in order. */
export function fixes(...list: (Fix | undefined)[]): Fix[] {
  return list.filter((f): f is Fix => f !== undefined);
}

/** Set a scalar key of the service: in place when the service writes it, else as a new key of the service. */
function setKey(b: EditBuilder, service: ComposeService, key: string, text: string): void {
  const pair = ownPair(service.node, key);
  if (pair) setPairValue(b, pair, scalar(text));
  else addToMap(b, service.node, [[key, scalar(text)]]);
}

/** `user: "10001:10001"`. */
export function nonRootUserFix(model: ComposeModel, service: ComposeService): Fix | undefined {
  return make(model, `Run as an unprivileged user (user: "${NON_ROOT_USER}")`, (b) => setKey(b, service, 'user', `"${NON_ROOT_USER}"`), true);
}

/** Remove `privileged: true`, or override a shared one with `privileged: false`. */
export function removePrivilegedFix(model: ComposeModel, service: ComposeService): Fix | undefined {
  const l = service.privileged;
  if (!l) return undefined;
  if (isShared(service, 'privileged', l)) {
    return make(model, 'Override with privileged: false', (b) => setKey(b, service, 'privileged', 'false'), true);
  }
  const pair = ownPair(service.node, 'privileged');
  if (!pair) return undefined;
  return make(model, 'Remove privileged: true', (b) => removePair(b, service.node, pair), true);
}

/** Remove a key of the service (`pid: host`); a shared one is reset with `!reset null`. */
export function removeKeyFix(model: ComposeModel, service: ComposeService, key: string, l: Located<unknown>, title: string): Fix | undefined {
  if (isShared(service, key, l)) {
    return make(model, `${title} (reset it in this service)`, (b) => setKey(b, service, key, '!reset null'), true);
  }
  const pair = ownPair(service.node, key);
  if (!pair) return undefined;
  return make(model, title, (b) => removePair(b, service.node, pair), true);
}

/** Remove one item of a list key (`cap_add`, `security_opt`, `sysctls`, `devices`); the key goes when it was the only one. */
export function removeListItemFix(
  model: ComposeModel,
  service: ComposeService,
  key: string,
  item: { node: YamlNode | null; mergedVia?: unknown },
  title: string,
): Fix | undefined {
  if (item.mergedVia || service.inherited.includes(key)) return undefined;
  const pair = ownPair(service.node, key);
  if (!pair) return undefined;
  const value = model.yaml.resolve(pair.value);
  return make(
    model,
    title,
    (b) => {
      if (isSeq(value) && (value as YAMLSeq).items.length > 1) removeSeqItem(b, value, item.node);
      else if ((isSeq(value) && (value as YAMLSeq).items.length === 1) || value === item.node) removePair(b, service.node, pair);
      else b.failed = true;
    },
    true,
  );
}

/** Append `item` to a list key of the service, creating it (`key: [item]`) when absent. */
function appendToList(b: EditBuilder, model: ComposeModel, service: ComposeService, key: string, item: string): void {
  const pair = ownPair(service.node, key);
  if (!pair) {
    addToMap(b, service.node, [[key, flowSeq(scalarText(item))]]);
    return;
  }
  const value = model.yaml.resolve(pair.value);
  if (isSeq(value) && (value as YAMLSeq).items.length > 0) {
    appendSeqItem(b, value, scalarText(item, model.yaml.resolve((value as YAMLSeq.Parsed).items[0])));
  } else if (isScalar(value) && readString(value) !== undefined) {
    replaceNode(b, value, `[${scalarText(readString(value) as string, value)}, ${scalarText(item)}]`);
  } else {
    setPairValue(b, pair, flowSeq(scalarText(item)));
  }
}

/** `security_opt: ["no-new-privileges:true"]`: appended to an existing list, or turning `no-new-privileges:false` around. */
export function noNewPrivilegesFix(model: ComposeModel, service: ComposeService): Fix | undefined {
  if (service.securityOpt.some((o) => o.mergedVia) || service.inherited.includes('security_opt')) return undefined;
  const off = service.securityOpt.find((o) => /^no-new-privileges\s*[:=]\s*false$/i.test(o.value.trim()));
  return make(
    model,
    'Set no-new-privileges (security_opt: ["no-new-privileges:true"])',
    (b) => {
      if (off?.node) replaceNode(b, off.node, scalarText('no-new-privileges:true', off.node));
      else appendToList(b, model, service, 'security_opt', 'no-new-privileges:true');
    },
    true,
  );
}

/** `cap_drop: [ALL]`. */
export function capDropAllFix(model: ComposeModel, service: ComposeService): Fix | undefined {
  if (service.capDrop.some((c) => c.mergedVia) || service.inherited.includes('cap_drop')) return undefined;
  return make(model, 'Drop every capability (cap_drop: [ALL]); add back only what the service needs with cap_add', (b) =>
    appendToList(b, model, service, 'cap_drop', 'ALL'), true);
}

/** `read_only: true`, and with `tmpfs` a writable /tmp in memory. */
export function readOnlyFix(model: ComposeModel, service: ComposeService, withTmpfs: boolean): Fix | undefined {
  if (withTmpfs && (service.tmpfs.some((t) => t.mergedVia) || service.inherited.includes('tmpfs'))) return undefined;
  const hasTmp = service.tmpfs.some((t) => t.value.split(':')[0].trim() === '/tmp');
  if (withTmpfs && hasTmp) return undefined;
  return make(
    model,
    withTmpfs ? 'Make the root filesystem read-only, with a tmpfs for /tmp (read_only: true, tmpfs: [/tmp])' : 'Make the root filesystem read-only (read_only: true)',
    (b) => {
      setKey(b, service, 'read_only', 'true');
      if (withTmpfs) appendToList(b, model, service, 'tmpfs', '/tmp');
    },
    !withTmpfs,
  );
}

/**
 * Memory and CPU limits: next to `mem_limit`/`cpus` when the service already uses those keys,
 * else in `deploy.resources.limits`. Placeholder values, marked as such.
 */
export function limitsFix(model: ComposeModel, service: ComposeService): Fix | undefined {
  const p = { memory: service.memLimit ?? service.deployLimits.memory, cpu: service.cpus ?? service.deployLimits.cpus ?? service.cpuQuota };
  const needMemory = p.memory?.value === undefined;
  const needCpu = p.cpu?.value === undefined;
  if (!needMemory && !needCpu) return undefined;
  const serviceLevel = Boolean(service.memLimit || service.cpus || service.cpuQuota);
  return make(
    model,
    'Add memory and CPU limits (placeholders to adjust)',
    (b) => {
      if (serviceLevel) {
        const add: [string, NewNode][] = [];
        if (needMemory) add.push(['mem_limit', scalar('512m', PLACEHOLDER)]);
        if (needCpu) add.push(['cpus', scalar('"0.5"', PLACEHOLDER)]);
        for (const [k, v] of add) {
          const pair = ownPair(service.node, k);
          if (pair) setPairValue(b, pair, v);
          else addToMap(b, service.node, [[k, v]]);
        }
        return;
      }
      const limits: Desired[] = [];
      if (needMemory) limits.push({ key: 'memory', value: scalar('512M', PLACEHOLDER), ok: (n) => readString(n) !== undefined });
      if (needCpu) limits.push({ key: 'cpus', value: scalar('"0.5"', PLACEHOLDER), ok: (n) => readString(n) !== undefined });
      mergeInto(b, service.node, [nested('deploy', [nested('resources', [nested('limits', limits)])])]);
    },
    true,
    true,
  );
}

/** `pids_limit: 256` (or a limit set where an unlimited `-1`/`0` was). */
export function pidsLimitFix(model: ComposeModel, service: ComposeService): Fix | undefined {
  const own = ownPair(service.node, 'pids_limit');
  if (service.pidsLimit && !own) return undefined;
  const deployPids = service.deployLimits.pids;
  return make(
    model,
    'Limit the number of processes (pids_limit: 256, a placeholder to adjust)',
    (b) => {
      if (deployPids && !service.pidsLimit) {
        const node = deployPids.node;
        if (node) replaceNode(b, node, '256');
        else b.failed = true;
      } else if (own) setPairValue(b, own, scalar('256'));
      else addToMap(b, service.node, [['pids_limit', scalar('256', PLACEHOLDER)]]);
    },
    true,
    true,
  );
}

/** Publish on 127.0.0.1 only: `"8080:80"` → `"127.0.0.1:8080:80"`, long syntax gets `host_ip`. */
export function bindLocalhostFix(model: ComposeModel, port: ComposePort): Fix | undefined {
  if (port.mergedVia) return undefined;
  const title = 'Publish on 127.0.0.1 only (reachable from this host, not from the network)';
  return make(model, title, (b) => {
    const node = port.node;
    if (isMap(node)) {
      const hostIp = ownPair(node, 'host_ip');
      if (hostIp) setPairValue(b, hostIp, scalar('127.0.0.1'));
      else addToMap(b, node, [['host_ip', scalar('127.0.0.1')]]);
      return;
    }
    const s = readString(node);
    if (s === undefined || port.published === undefined) {
      b.failed = true;
      return;
    }
    const written = s.trim();
    let next: string;
    if (port.hostIp !== undefined) {
      // `0.0.0.0:8080:80` or `[::]:8080:80`: replace the address.
      const addr = written.startsWith('[') ? written.slice(0, written.indexOf(']') + 1) : written.slice(0, written.indexOf(':'));
      next = `127.0.0.1${written.slice(addr.length)}`;
    } else next = `127.0.0.1:${written}`;
    const plain = isScalar(node) && (node as { type?: string }).type === 'PLAIN' && !/[\s#,[\]{}]/.test(next);
    replaceNode(b, node, plain ? next : scalarText(next, node));
  }, true);
}

/** Remove a key of the `build:` map (`privileged`, `network`). */
export function removeBuildKeyFix(model: ComposeModel, service: ComposeService, key: string, title: string): Fix | undefined {
  if (!service.build || service.inherited.includes('build')) return undefined;
  const pair = ownPair(service.build.node, key) as Pair<unknown, unknown> | undefined;
  if (!pair) return undefined;
  return make(model, title, (b) => removePair(b, service.build!.node, pair), true);
}

/** Remove one entitlement of `build.entitlements`. */
export function removeEntitlementFix(model: ComposeModel, service: ComposeService, item: Located<string>, title: string): Fix | undefined {
  if (!service.build || service.inherited.includes('build')) return undefined;
  const pair = ownPair(service.build.node, 'entitlements');
  if (!pair) return undefined;
  const value = model.yaml.resolve(pair.value);
  return make(
    model,
    title,
    (b) => {
      if (isSeq(value) && (value as YAMLSeq).items.length > 1) removeSeqItem(b, value, item.node);
      else removePair(b, service.build!.node, pair);
    },
    true,
  );
}

/** Remove one sysctl, from a list (`- net.x=1`) or a map (`net.x: 1`). */
export function removeSysctlFix(model: ComposeModel, service: ComposeService, keyNode: YamlNode, title: string): Fix | undefined {
  if (service.inherited.includes('sysctls')) return undefined;
  const pair = ownPair(service.node, 'sysctls');
  if (!pair) return undefined;
  const value = model.yaml.resolve(pair.value);
  return make(
    model,
    title,
    (b) => {
      if (isSeq(value)) {
        if ((value as YAMLSeq).items.length > 1) removeSeqItem(b, value, keyNode);
        else removePair(b, service.node, pair);
      } else if (isMap(value)) {
        const items = (value as { items: Pair<unknown, unknown>[] }).items;
        const p = items.find((x) => x.key === keyNode);
        if (!p) b.failed = true;
        else if (items.length > 1) removePair(b, value, p);
        else removePair(b, service.node, pair);
      } else b.failed = true;
    },
    true,
  );
}
