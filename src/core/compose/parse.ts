import { isMap, isScalar, isSeq } from 'yaml';
import type { YAMLMap } from 'yaml';
import { parseYaml } from '../yaml/parse';
import type { YamlContext, YamlFile, YamlNode } from '../yaml/parse';
import {
  entries,
  getEntry,
  items,
  keyRange,
  locateEntry,
  locateNode,
  pairRange,
  rangeOf,
  readBool,
  readString,
  readStringList,
  sourceText,
} from '../yaml/read';
import type { YamlEntry } from '../yaml/read';
import type {
  ComposeBuild,
  ComposeDevice,
  ComposeExtends,
  ComposeInclude,
  ComposeModel,
  ComposePort,
  ComposeService,
  ComposeSysctl,
  ComposeVolume,
} from './model';

/**
 * Parse a compose file into the model rules, hovers and profiles read. Never throws.
 * Compose reads the first document only; later ones are parsed (their syntax errors are reported)
 * but not read.
 */
export function parseCompose(text: string, fileName?: string, parsed?: YamlFile): ComposeModel {
  const yaml = parsed ?? parseYaml(text, { fileName });
  const model: ComposeModel = {
    text,
    lines: yaml.lines,
    yaml,
    root: null,
    services: [],
    documentErrors: yaml.problems,
    templated: yaml.templated,
    includes: [],
    extensions: [],
  };
  if (yaml.templated) return model;
  const root = yaml.resolve(yaml.documents[0]?.contents ?? null);
  if (!isMap(root)) return model;
  model.root = root as YAMLMap.Parsed;

  for (const e of entries(yaml, root)) {
    if (e.key === 'name') model.name = locateEntry(yaml, e, readString(e.node));
    else if (e.key === 'version') model.version = locateEntry(yaml, e, readString(e.node));
    else if (e.key === 'include') model.includes = readIncludes(yaml, e.node);
    else if (e.key.startsWith('x-')) model.extensions.push({ key: e.key, keyRange: keyRange(yaml, e.pair), node: e.node });
    else if (e.key === 'services') {
      model.servicesKey = keyRange(yaml, e.pair);
      for (const s of entries(yaml, e.node, { includeResets: true })) {
        if (!isMap(s.node) || s.tag === '!reset') continue;
        model.services.push(readService(yaml, s));
      }
    }
  }
  resolveExtends(model.services);
  return model;
}

function readIncludes(ctx: YamlContext, node: YamlNode | null): ComposeInclude[] {
  const out: ComposeInclude[] = [];
  for (const item of items(ctx, node)) {
    if (isScalar(item)) {
      const s = readString(item);
      if (s !== undefined) out.push({ paths: [locateNode(ctx, item, s)], range: rangeOf(ctx, item), node: item });
    } else if (isMap(item)) {
      const path = getEntry(ctx, item, 'path');
      out.push({ paths: path ? readStringList(ctx, path.node) : [], range: rangeOf(ctx, item), node: item });
    }
  }
  return out;
}

// Keys whose value is one scalar; used for reading and for `extends:` inheritance.
const SCALAR_KEYS = {
  image: 'image',
  user: 'user',
  pid: 'pid',
  ipc: 'ipc',
  network_mode: 'networkMode',
  uts: 'uts',
  userns_mode: 'usernsMode',
  cgroup: 'cgroup',
  cgroup_parent: 'cgroupParent',
  mem_limit: 'memLimit',
  memswap_limit: 'memswapLimit',
  cpus: 'cpus',
  cpu_quota: 'cpuQuota',
  pids_limit: 'pidsLimit',
  runtime: 'runtime',
} as const;

const BOOL_KEYS = { privileged: 'privileged', read_only: 'readOnly', init: 'init' } as const;

const LIST_KEYS = {
  cap_add: 'capAdd',
  cap_drop: 'capDrop',
  security_opt: 'securityOpt',
  tmpfs: 'tmpfs',
  devices: 'devices',
  volumes: 'volumes',
  ports: 'ports',
  sysctls: 'sysctls',
} as const;

type ScalarField = (typeof SCALAR_KEYS)[keyof typeof SCALAR_KEYS];
type BoolField = (typeof BOOL_KEYS)[keyof typeof BOOL_KEYS];
type ListField = (typeof LIST_KEYS)[keyof typeof LIST_KEYS];

/** Per-service bookkeeping for `extends:`, kept out of the public model. */
const OVERRIDES = new WeakMap<ComposeService, Set<string>>();

function readService(ctx: YamlContext, s: YamlEntry): ComposeService {
  const node = s.node as YAMLMap.Parsed;
  const service: ComposeService = {
    name: s.key,
    keyRange: keyRange(ctx, s.pair),
    range: pairRange(ctx, s.pair),
    node,
    capAdd: [],
    capDrop: [],
    securityOpt: [],
    tmpfs: [],
    devices: [],
    volumes: [],
    ports: [],
    deployLimits: {},
    sysctls: [],
    inherited: [],
    resets: [],
  };
  const overrides = new Set<string>();
  OVERRIDES.set(service, overrides);
  for (const e of entries(ctx, node, { includeResets: true })) {
    if (e.tag === '!reset') {
      service.resets.push(e.key);
      continue;
    }
    if (e.tag === '!override') overrides.add(e.key);
    const key = e.key;
    if (key in SCALAR_KEYS) {
      service[SCALAR_KEYS[key as keyof typeof SCALAR_KEYS]] = locateEntry(ctx, e, readString(e.node));
    } else if (key in BOOL_KEYS) {
      service[BOOL_KEYS[key as keyof typeof BOOL_KEYS]] = locateEntry(ctx, e, readBool(e.node));
    } else if (key === 'cap_add' || key === 'cap_drop' || key === 'security_opt' || key === 'tmpfs') {
      service[LIST_KEYS[key]] = withMerge(readStringList(ctx, e.node), e, ctx);
    } else if (key === 'devices') service.devices = readDevices(ctx, e.node);
    else if (key === 'volumes') service.volumes = readVolumes(ctx, e);
    else if (key === 'ports') service.ports = readPorts(ctx, e);
    else if (key === 'sysctls') service.sysctls = readSysctls(ctx, e.node);
    else if (key === 'build') service.build = readBuild(ctx, e);
    else if (key === 'extends') service.extends = readExtends(ctx, e);
    else if (key === 'deploy') {
      const limits = getEntry(ctx, getEntry(ctx, e.node, 'resources')?.node, 'limits')?.node;
      for (const l of entries(ctx, limits)) {
        if (l.key === 'memory' || l.key === 'cpus' || l.key === 'pids') {
          service.deployLimits[l.key] = locateEntry(ctx, l, readString(l.node));
        }
      }
    }
  }
  return service;
}

/** Items of a list merged in as a whole through `<<:` carry the alias's range. */
function withMerge<T extends { mergedVia?: unknown }>(list: T[], e: YamlEntry, ctx: YamlContext): T[] {
  if (!e.mergedVia) return list;
  const via = rangeOf(ctx, e.mergedVia);
  return list.map((x) => ({ ...x, mergedVia: via }));
}

function readBuild(ctx: YamlContext, e: YamlEntry): ComposeBuild {
  const build: ComposeBuild = { entitlements: [], node: (e.node ?? e.keyNode) as YamlNode, keyRange: keyRange(ctx, e.pair) };
  if (isScalar(e.node)) {
    build.context = locateEntry(ctx, e, readString(e.node));
    return build;
  }
  for (const b of entries(ctx, e.node)) {
    if (b.key === 'context') build.context = locateEntry(ctx, b, readString(b.node));
    else if (b.key === 'dockerfile') build.dockerfile = locateEntry(ctx, b, readString(b.node));
    else if (b.key === 'dockerfile_inline') build.dockerfileInline = locateEntry(ctx, b, readString(b.node));
    else if (b.key === 'target') build.target = locateEntry(ctx, b, readString(b.node));
    else if (b.key === 'network') build.network = locateEntry(ctx, b, readString(b.node));
    else if (b.key === 'privileged') build.privileged = locateEntry(ctx, b, readBool(b.node));
    else if (b.key === 'entitlements') build.entitlements = readStringList(ctx, b.node);
  }
  return build;
}

function readExtends(ctx: YamlContext, e: YamlEntry): ComposeExtends {
  const ext: ComposeExtends = { node: (e.node ?? e.keyNode) as YamlNode, keyRange: keyRange(ctx, e.pair) };
  if (isScalar(e.node)) {
    ext.service = locateEntry(ctx, e, readString(e.node));
    return ext;
  }
  const service = getEntry(ctx, e.node, 'service');
  const file = getEntry(ctx, e.node, 'file');
  if (service) ext.service = locateEntry(ctx, service, readString(service.node));
  if (file) ext.file = locateEntry(ctx, file, readString(file.node));
  return ext;
}

function readDevices(ctx: YamlContext, node: YamlNode | null): ComposeDevice[] {
  const out: ComposeDevice[] = [];
  for (const item of items(ctx, node)) {
    if (isMap(item)) {
      const source = readString(getEntry(ctx, item, 'source')?.node);
      if (source === undefined) continue;
      out.push({
        source,
        target: readString(getEntry(ctx, item, 'target')?.node),
        permissions: readString(getEntry(ctx, item, 'permissions')?.node),
        syntax: 'long',
        range: rangeOf(ctx, item),
        node: item,
      });
      continue;
    }
    const s = readString(item);
    if (s === undefined) continue;
    // `/dev/a[:/dev/b[:rwm]]`; a CDI name (`vendor.com/class=name`) has no colon and stays whole.
    const [source, target, permissions] = s.split(':');
    out.push({ source, target, permissions, syntax: 'short', range: rangeOf(ctx, item), node: item });
  }
  return out;
}

function readSysctls(ctx: YamlContext, node: YamlNode | null): ComposeSysctl[] {
  const out: ComposeSysctl[] = [];
  if (isSeq(node)) {
    for (const item of items(ctx, node)) {
      const s = readString(item);
      if (s === undefined) continue;
      const eq = s.indexOf('=');
      out.push({
        name: (eq >= 0 ? s.slice(0, eq) : s).trim(),
        value: eq >= 0 ? s.slice(eq + 1).trim() : undefined,
        range: rangeOf(ctx, item),
        node: item,
      });
    }
  } else {
    for (const e of entries(ctx, node)) {
      out.push({ name: e.key, value: readString(e.node), range: pairRange(ctx, e.pair), node: e.keyNode });
    }
  }
  return out;
}

/** Host paths as compose recognises them: absolute, relative, home, Windows drive or UNC. */
export function isHostPath(source: string): boolean {
  return /^(\.|\/|~|\$|[A-Za-z]:[\\/]|\\\\)/.test(source);
}

/**
 * Split a short volume entry (`SRC:DST[:MODE]`) the way compose does: a colon right after a single
 * drive letter (`C:\data`) is part of the path.
 */
export function splitShortVolume(spec: string): { source?: string; target?: string; mode?: string } {
  const parts: string[] = [];
  let buf = '';
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i];
    if (c === ':') {
      if (buf.length === 1 && /[A-Za-z]/.test(buf) && /[\\/]/.test(spec[i + 1] ?? '')) {
        buf += c;
        continue;
      }
      parts.push(buf);
      buf = '';
    } else buf += c;
  }
  parts.push(buf);
  if (parts.length === 1) return { target: parts[0] };
  if (parts.length === 2) return { source: parts[0], target: parts[1] };
  return { source: parts[0], target: parts[1], mode: parts.slice(2).join(':') };
}

function readVolumes(ctx: YamlContext, e: YamlEntry): ComposeVolume[] {
  const out: ComposeVolume[] = [];
  for (const item of items(ctx, e.node)) {
    if (isMap(item)) {
      const type = readString(getEntry(ctx, item, 'type')?.node) ?? 'volume';
      const sourceEntry = getEntry(ctx, item, 'source');
      out.push({
        syntax: 'long',
        type,
        source: readString(sourceEntry?.node),
        target: readString(getEntry(ctx, item, 'target')?.node),
        readOnly: readBool(getEntry(ctx, item, 'read_only')?.node) === true,
        range: rangeOf(ctx, item),
        node: item,
        ...(sourceEntry?.node ? { sourceRange: rangeOf(ctx, sourceEntry.node) } : {}),
      });
      continue;
    }
    const s = readString(item);
    if (s === undefined) continue;
    const { source, target, mode } = splitShortVolume(s);
    const flags = (mode ?? '').split(',').map((f) => f.trim().toLowerCase());
    out.push({
      syntax: 'short',
      type: source === undefined ? 'anonymous' : isHostPath(source) ? 'bind' : 'volume',
      source,
      target,
      mode,
      readOnly: flags.includes('ro') || flags.includes('readonly'),
      range: rangeOf(ctx, item),
      node: item,
      sourceRange: rangeOf(ctx, item),
    });
  }
  return withMerge(out, e, ctx);
}

/** Split a short port entry: `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`, IPv6 in brackets. */
export function splitShortPort(spec: string): { hostIp?: string; published?: string; target?: string; protocol?: string } {
  let s = spec.trim();
  let protocol: string | undefined;
  const slash = s.lastIndexOf('/');
  if (slash >= 0) {
    protocol = s.slice(slash + 1);
    s = s.slice(0, slash);
  }
  let hostIp: string | undefined;
  if (s.startsWith('[')) {
    const close = s.indexOf(']');
    if (close > 0) {
      hostIp = s.slice(1, close);
      s = s.slice(close + 1).replace(/^:/, '');
    }
  }
  const parts = s.split(':');
  if (hostIp === undefined && parts.length > 2) {
    hostIp = parts.slice(0, -2).join(':');
    parts.splice(0, parts.length - 2);
  }
  if (parts.length === 1) return { hostIp, target: parts[0], protocol };
  return { hostIp, published: parts[0] === '' ? undefined : parts[0], target: parts[1], protocol };
}

function readPorts(ctx: YamlContext, e: YamlEntry): ComposePort[] {
  const out: ComposePort[] = [];
  for (const item of items(ctx, e.node)) {
    const text = sourceText(ctx, item);
    if (isMap(item)) {
      const str = (k: string) => readString(getEntry(ctx, item, k)?.node);
      out.push({
        syntax: 'long',
        target: str('target'),
        published: str('published'),
        hostIp: str('host_ip'),
        protocol: str('protocol'),
        mode: str('mode'),
        text,
        range: rangeOf(ctx, item),
        node: item,
      });
      continue;
    }
    const s = readString(item);
    if (s === undefined) continue;
    out.push({ syntax: 'short', ...splitShortPort(s), text, range: rangeOf(ctx, item), node: item });
  }
  return withMerge(out, e, ctx);
}

/**
 * `extends:` within the same file: fields the service does not set come from the base service
 * (scalars), lists are the base's followed by the service's own unless it marks them `!override`,
 * `!reset` removes them. Extends of another file are recorded only.
 */
function resolveExtends(services: ComposeService[]): void {
  const byName = new Map(services.map((s) => [s.name, s]));
  const done = new Set<ComposeService>();
  const resolve = (s: ComposeService, chain: Set<ComposeService>): void => {
    if (done.has(s) || chain.has(s)) return;
    const baseName = s.extends && !s.extends.file ? s.extends.service?.value : undefined;
    const base = baseName !== undefined ? byName.get(baseName) : undefined;
    if (!base || base === s) {
      done.add(s);
      return;
    }
    chain.add(s);
    resolve(base, chain);
    chain.delete(s);
    inherit(s, base);
    done.add(s);
  };
  for (const s of services) resolve(s, new Set());
}

const KEY_OF_FIELD: Record<string, string> = Object.fromEntries(
  [...Object.entries(SCALAR_KEYS), ...Object.entries(BOOL_KEYS), ...Object.entries(LIST_KEYS)].map(([k, f]) => [f, k]),
);

function inherit(s: ComposeService, base: ComposeService): void {
  const resets = new Set(s.resets);
  const overrides = OVERRIDES.get(s) ?? new Set<string>();
  const take = (field: string): boolean => {
    const key = KEY_OF_FIELD[field] ?? field;
    return !resets.has(key);
  };
  const mark = (field: string) => {
    const key = KEY_OF_FIELD[field] ?? field;
    if (!s.inherited.includes(key)) s.inherited.push(key);
  };
  for (const field of [...Object.values(SCALAR_KEYS), ...Object.values(BOOL_KEYS)] as (ScalarField | BoolField)[]) {
    if (s[field] === undefined && base[field] !== undefined && take(field)) {
      (s as unknown as Record<string, unknown>)[field] = base[field];
      mark(field);
    }
  }
  if (!s.build && base.build && !resets.has('build')) {
    s.build = base.build;
    mark('build');
  }
  for (const field of Object.values(LIST_KEYS) as ListField[]) {
    const key = KEY_OF_FIELD[field];
    const mine = s[field] as unknown[];
    const theirs = base[field] as unknown[];
    if (theirs.length === 0 || resets.has(key) || overrides.has(key)) continue;
    (s as unknown as Record<string, unknown[]>)[field] = [...theirs, ...mine];
    mark(field);
  }
  if (!resets.has('deploy')) {
    for (const k of ['memory', 'cpus', 'pids'] as const) {
      if (!s.deployLimits[k] && base.deployLimits[k]) {
        s.deployLimits[k] = base.deployLimits[k];
        mark('deploy');
      }
    }
  }
}

/** `${VAR}`, `${VAR:-default}`, `$VAR`; `$$` is an escaped dollar. */
export function hasInterpolation(text: string): boolean {
  return /(^|[^$])(\$\$)*\$(\{|[A-Za-z_])/.test(text);
}

const COMPOSE_NAME = /(^|[\\/])(docker-compose[^\\/]*|compose(\.[^\\/]+)?|[^\\/]+\.compose)\.ya?ml$/i;

/**
 * Is this a compose file? By name (`compose.yaml`, `compose.override.yaml`, `docker-compose*.yml`,
 * `*.compose.yaml`), or by content: YAML whose top level has `services:` mapping names to maps,
 * and no `apiVersion`/`kind` (a Kubernetes object with a `services` field is not compose).
 */
export function isComposeFile(fileName: string, text: string): boolean {
  if (COMPOSE_NAME.test(fileName)) return true;
  const base = fileName.split(/[\\/]/).pop() ?? '';
  if (base.includes('.') && !/\.ya?ml$/i.test(base)) return false;
  // A cheap pre-check: the real decision below reads the tree.
  if (!/^services[ \t]*:/m.test(text)) return false;
  const yaml = parseYaml(text, { fileName });
  if (yaml.templated) return false;
  return looksLikeCompose(yaml);
}

/** The content test of `isComposeFile`, on an already parsed file. */
export function looksLikeCompose(yaml: YamlFile): boolean {
  const root = yaml.resolve(yaml.documents[0]?.contents ?? null);
  if (!isMap(root)) return false;
  const top = entries(yaml, root);
  if (top.some((e) => e.key === 'apiVersion' || e.key === 'kind')) return false;
  const services = top.find((e) => e.key === 'services');
  if (!services || !isMap(services.node)) return false;
  const values = entries(yaml, services.node);
  // `web:` with nothing under it yet is a service being written.
  const empty = (n: YamlNode | null) => n === null || (isScalar(n) && (n.value === null || n.value === ''));
  return values.length > 0 && values.every((v) => empty(v.node) || isMap(v.node));
}
