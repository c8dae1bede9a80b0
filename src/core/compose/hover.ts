/**
 * Teaching hovers for compose files. A hover speaks about this key (or value) of this service first
 * ("service `web` shares the host's network namespace: …"), then says which kernel mechanism it
 * touches, what it lets a process do to the host and how a VM would differ, gives the lesson from
 * the knowledge base, and ends with the service's place on the isolation spectrum and "see also".
 *
 * Pure: model and position in, Markdown out. Every value taken from the file is escaped.
 */
import { parseImageRef } from '../dockerfile/image-ref';
import { lookupImage } from '../knowledge/images';
import { CAPABILITY_NOTES, deviceNote, sysctlNamespace } from '../knowledge/settings-keys';
import type { SettingId } from '../knowledge/settings-keys';
import type { TopicId } from '../knowledge/topics';
import { escapeMarkdown, escapeProse, inlineCode, joinWords, plural } from '../markdown';
import { DANGEROUS_CAPABILITIES, DEFAULT_CAPABILITIES, normalizeCapability } from '../isolation/capabilities';
import { SENSITIVE_HOST_PATH_NOTES, classifyHostPath } from '../isolation/host-paths';
import { renderHover, renderOverview } from '../isolation/hover-render';
import type { HoverParts, YamlHover, YamlHoverOptions } from '../isolation/hover-render';
import { classifyRuntime, profileFromCompose, userKindOf } from '../isolation/profile';
import type { IsolationProfile } from '../isolation/profile';
import { placeOnSpectrum } from '../isolation/spectrum';
import type { SpectrumPlacement } from '../isolation/spectrum';
import type { Position, Range } from '../text/range';
import { pathAt } from '../yaml/path-at';
import type { PathStep } from '../yaml/path-at';
import { readBool, readString } from '../yaml/read';
import type { ComposeModel, ComposeService } from './model';
import { hasInterpolation } from './parse';

export type { YamlHover, YamlHoverOptions } from '../isolation/hover-render';

interface Ctx {
  model: ComposeModel;
  service: ComposeService;
  profile: IsolationProfile;
  placement: SpectrumPlacement;
  /** `service \`web\`` */
  who: string;
  /** `Service \`web\`` */
  Who: string;
  /** Steps below the service map: `[cap_add, 1]`. */
  rest: PathStep[];
  on: 'key' | 'value';
  range: Range;
  options: YamlHoverOptions;
}

/**
 * The hover at `position` (0-based line and UTF-16 character) of a compose file, or undefined where
 * there is nothing to teach (whitespace, comments, keys that do not touch isolation). Never throws on
 * a model `parseCompose` produced.
 */
export function computeComposeHover(model: ComposeModel, position: Position, options: YamlHoverOptions = {}): YamlHover | undefined {
  if (!model.root || model.templated) return undefined;
  if (position.line < 0 || position.line >= model.lines.lineCount || position.character < 0) return undefined;
  const hit = pathAt(model.yaml, model.root, model.lines.offsetAt(position));
  if (!hit || hit.steps.length < 2 || hit.steps[0].key !== 'services') return undefined;
  const serviceNode = model.yaml.resolve(hit.steps[1].node);
  const service = model.services.find((s) => s.node === serviceNode);
  if (!service) return undefined;
  const profile = profileFromCompose(service);
  const name = inlineCode(service.name);
  const ctx: Ctx = {
    model,
    service,
    profile,
    placement: placeOnSpectrum(profile),
    who: `service ${name}`,
    Who: `Service ${name}`,
    rest: hit.steps.slice(2),
    on: hit.on,
    range: hit.range,
    options,
  };
  if (ctx.rest.length === 0) return serviceOverview(ctx);
  const parts = keyParts(ctx);
  if (!parts) return undefined;
  return renderHover(
    { ...parts, workloads: [{ label: ctx.who, profile, placement: ctx.placement }] },
    ctx.range,
    options,
  );
}

type Parts = Omit<HoverParts, 'workloads'>;

function header(ctx: Ctx, key: string, extra?: string): string {
  return `**${escapeMarkdown(key)}**${extra ? ` ${extra}` : ''} · ${ctx.who}`;
}

function serviceOverview(ctx: Ctx): YamlHover | undefined {
  if (ctx.on !== 'key') return undefined;
  const head = `**${escapeMarkdown(ctx.service.name)}** · compose service`;
  return renderOverview(head, ctx.Who, ctx.profile, ctx.range, ctx.options, ctx.placement);
}

/** The scalar at the end of the path, as text (undefined for collections and empty values). */
function scalarText(ctx: Ctx, step: PathStep | undefined): string | undefined {
  return readString(ctx.model.yaml.resolve(step?.node ?? null));
}

function interpolated(text: string | undefined): boolean {
  return text !== undefined && hasInterpolation(text);
}

function keyParts(ctx: Ctx): Parts | undefined {
  const key = String(ctx.rest[0].key);
  const value = scalarText(ctx, ctx.rest[0]);
  switch (key) {
    case 'privileged':
      return privilegedParts(ctx, value);
    case 'pid':
    case 'network_mode':
    case 'ipc':
    case 'uts':
    case 'cgroup':
      return namespaceParts(ctx, key, value);
    case 'userns_mode':
      return usernsParts(ctx, value);
    case 'cap_add':
    case 'cap_drop':
      return capabilityParts(ctx, key);
    case 'security_opt':
      return securityOptParts(ctx);
    case 'read_only':
      return readOnlyParts(ctx, value);
    case 'user':
      return userParts(ctx, value);
    case 'devices':
      return devicesParts(ctx);
    case 'volumes':
      return volumesParts(ctx);
    case 'mem_limit':
    case 'memswap_limit':
    case 'mem_reservation':
    case 'cpus':
    case 'cpu_quota':
    case 'cpu_shares':
    case 'pids_limit':
      return limitParts(ctx, key, value);
    case 'deploy':
      return deployParts(ctx);
    case 'sysctls':
      return sysctlParts(ctx);
    case 'runtime':
      return runtimeParts(ctx, value);
    case 'image':
      return imageParts(ctx, value);
    case 'ports':
      return portsParts(ctx);
    default:
      return undefined;
  }
}

function privilegedParts(ctx: Ctx, value: string | undefined): Parts {
  const on = readBool(ctx.model.yaml.resolve(ctx.rest[0].node));
  let lead: string;
  if (on === true) {
    lead = `${ctx.Who} is privileged: it gets every capability and every host device, and runs without seccomp, AppArmor or the masks over /proc and /sys.`;
  } else if (on === false) {
    lead = `${ctx.Who} is explicitly not privileged, which is the default.`;
  } else {
    lead = `${value !== undefined ? inlineCode(value) : 'The value'} decides when compose runs whether ${ctx.who} is privileged.`;
  }
  return { header: header(ctx, 'privileged', value !== undefined ? inlineCode(value) : undefined), context: [lead], setting: 'privileged', weak: on !== false };
}

const NAMESPACE_OF: Record<string, { name: string; setting: SettingId; host: string }> = {
  pid: { name: 'PID', setting: 'host-pid', host: "shares the host's PID namespace: it sees every process on the host and can signal them" },
  network_mode: {
    name: 'network',
    setting: 'host-network',
    host: "shares the host's network namespace: it can bind the host's ports and see its interfaces",
  },
  ipc: { name: 'IPC', setting: 'host-ipc', host: "shares the host's IPC namespace: it can reach the shared memory and message queues of host programs" },
  uts: { name: 'UTS', setting: 'host-uts', host: "shares the host's UTS namespace: it sees the host's name and, with SYS_ADMIN, can change it" },
  cgroup: { name: 'cgroup', setting: 'cgroup-namespace', host: "shares the host's cgroup namespace: it sees the host's whole cgroup tree" },
};

function namespaceParts(ctx: Ctx, key: string, value: string | undefined): Parts {
  const ns = NAMESPACE_OF[key];
  const v = (value ?? '').trim();
  const lower = v.toLowerCase();
  const context: string[] = [];
  let weak = false;
  if (lower === 'host') {
    weak = true;
    context.push(`${ctx.Who} ${ns.host}.`);
    if (key === 'network_mode' && ctx.service.ports.length > 0) {
      context.push(`Its \`ports:\` are ignored: with the host's network every port it listens on is already a host port.`);
    }
    if (key === 'pid') {
      const tracer = ['SYS_PTRACE', 'SYS_ADMIN'].filter((c) => ctx.profile.capabilities.effective.includes(c));
      if (tracer.length) context.push(`With ${joinWords(tracer)} as well, it can reach into any process on the host.`);
    }
  } else if (interpolated(v)) {
    context.push(`${inlineCode(v)} decides when compose runs whose ${ns.name} namespace ${ctx.who} uses.`);
    weak = true;
  } else if (/^(service|container):/i.test(v)) {
    const [kind, other] = [v.slice(0, v.indexOf(':')), v.slice(v.indexOf(':') + 1)];
    context.push(
      `${ctx.Who} joins the ${ns.name} namespace of ${kind.toLowerCase()} ${inlineCode(other)}: the two share it, but not with the host.`,
    );
  } else if (key === 'network_mode' && lower === 'none') {
    context.push(`${ctx.Who} has a network namespace with nothing but a loopback interface: no network at all.`);
  } else if (key === 'ipc' && lower === 'shareable') {
    context.push(`${ctx.Who} has its own IPC namespace, which other containers may join.`);
  } else if (lower === '' ) {
    context.push(`${ctx.Who} leaves its ${ns.name} namespace to the engine: a private one.`);
  } else {
    context.push(`${ctx.Who} has its own ${ns.name} namespace (${inlineCode(v)}), not the host's.`);
  }
  return {
    header: header(ctx, key, value !== undefined ? inlineCode(value) : undefined),
    context,
    setting: ns.setting,
    weak,
  };
}

function usernsParts(ctx: Ctx, value: string | undefined): Parts {
  const v = (value ?? '').trim();
  const context =
    v.toLowerCase() === 'host'
      ? [
          `${ctx.Who} opts out of the daemon's user remapping: UID 0 in the container is UID 0 on the host.`,
          'This only changes something on an engine configured with `userns-remap`; without it Docker uses no user namespace anyway.',
        ]
      : [`${ctx.Who} asks for user namespace mode ${inlineCode(v)}.`];
  return { header: header(ctx, 'userns_mode', value !== undefined ? inlineCode(value) : undefined), context, setting: 'user-namespace', weak: true };
}

function capList(caps: readonly string[]): string {
  return caps.length ? caps.map((c) => inlineCode(c)).join(', ') : 'none';
}

function capabilityParts(ctx: Ctx, key: 'cap_add' | 'cap_drop'): Parts {
  const caps = ctx.profile.capabilities;
  const item = ctx.rest[1];
  const privileged = ctx.profile.privileged.value;
  const context: string[] = [];
  let weak = false;
  let h: string;
  if (item !== undefined && typeof item.key === 'number') {
    const written = scalarText(ctx, item) ?? '';
    const cap = normalizeCapability(written);
    h = `${inlineCode(written)} in **${key}** · ${ctx.who}`;
    const inDefault = DEFAULT_CAPABILITIES.includes(cap);
    if (cap === 'ALL') {
      if (key === 'cap_add') {
        context.push(`${ctx.Who} adds every capability the kernel has: little is left between it and root on the host.`);
        weak = true;
      } else {
        context.push(
          `${ctx.Who} drops every capability, then gets back only what \`cap_add\` lists (${capList(caps.effective)}).`,
        );
      }
    } else {
      const note = CAPABILITY_NOTES[cap];
      const what = note ? `lets a process ${escapeProse(note)}` : 'is not a capability Container Lens knows';
      context.push(`${inlineCode(`CAP_${cap}`)} ${what}.`);
      if (key === 'cap_add') {
        weak = cap in DANGEROUS_CAPABILITIES;
        context.push(
          inDefault && !caps.droppedAll
            ? `It is already in Docker's default set, so adding it changes nothing for ${ctx.who}.`
            : `It is not in Docker's default set: this line gives it to ${ctx.who}.`,
        );
      } else {
        context.push(
          inDefault || caps.addedAll
            ? `Dropping it takes that away from ${ctx.who}.`
            : `It is not in Docker's default set, so dropping it changes nothing unless something adds it.`,
        );
      }
    }
  } else {
    h = header(ctx, key);
    const list = key === 'cap_add' ? caps.added : caps.dropped;
    const all = list.includes('ALL') ? (key === 'cap_add' ? ' (every capability the kernel has)' : ' (every capability)') : '';
    context.push(`${ctx.Who} ${key === 'cap_add' ? 'adds' : 'drops'} ${capList(list)}${all}.`);
    if (caps.droppedAll) context.push(`With \`cap_drop: [ALL]\` it keeps only ${capList(caps.effective)}.`);
    else context.push(`It ends up with ${plural(caps.effective.length, 'capability', 'capabilities')}.`);
    if (caps.dangerous.length && !privileged) {
      context.push(`Beyond the defaults, ${capList(caps.dangerous)} ${caps.dangerous.length === 1 ? 'gives' : 'give'} it power over the shared kernel.`);
      weak = true;
    }
  }
  if (privileged) context.push('`privileged: true` gives it every capability anyway, so this list changes nothing.');
  return { header: h, context, setting: 'capabilities', weak };
}

/** `seccomp=unconfined`, `seccomp:x.json`, `no-new-privileges`, `label:type:spc_t` */
function splitOpt(opt: string): { key: string; value: string } {
  const m = /^([^:=]+)[:=]?(.*)$/.exec(opt.trim());
  return { key: (m?.[1] ?? '').trim().toLowerCase(), value: (m?.[2] ?? '').trim() };
}

export function securityOptMeaning(opt: string, who: string): { text: string; setting: SettingId; weak: boolean } {
  const { key, value } = splitOpt(opt);
  const v = value.toLowerCase();
  switch (key) {
    case 'seccomp':
      return v === 'unconfined'
        ? { text: `${who} runs without a seccomp filter: every system call of the shared kernel is open to it.`, setting: 'seccomp', weak: true }
        : { text: `${who} filters its system calls with the profile ${inlineCode(value)} instead of Docker's default.`, setting: 'seccomp', weak: false };
    case 'apparmor':
      return v === 'unconfined'
        ? { text: `${who} runs without an AppArmor profile.`, setting: 'apparmor', weak: true }
        : { text: `${who} runs under the AppArmor profile ${inlineCode(value)}.`, setting: 'apparmor', weak: false };
    case 'label':
      if (v === 'disable' || v === 'disabled') {
        return { text: `${who} runs without SELinux separation.`, setting: 'selinux', weak: true };
      }
      if (/type[:=]spc_t/.test(v)) {
        return { text: `${who} runs with the SELinux type \`spc_t\` ("super privileged container"), which SELinux does not confine.`, setting: 'selinux', weak: true };
      }
      return { text: `${who} runs with the SELinux label part ${inlineCode(value)}.`, setting: 'selinux', weak: false };
    case 'no-new-privileges': {
      const on = v === '' || v === 'true' || v === '1';
      return on
        ? { text: `${who} sets no-new-privileges: setuid programs cannot raise its processes' privileges.`, setting: 'no-new-privileges', weak: false }
        : { text: `${who} switches no-new-privileges off explicitly.`, setting: 'no-new-privileges', weak: true };
    }
    case 'systempaths':
      return v === 'unconfined'
        ? { text: `${who} sees /proc and /sys without the runtime's masks and read-only paths.`, setting: 'proc-mount', weak: true }
        : { text: `${who} sets ${inlineCode(opt)}.`, setting: 'proc-mount', weak: false };
    default:
      return { text: `${inlineCode(opt)} is not a security option Container Lens knows.`, setting: 'security-opt', weak: false };
  }
}

function securityOptParts(ctx: Ctx): Parts {
  const item = ctx.rest[1];
  if (item !== undefined && typeof item.key === 'number') {
    const written = scalarText(ctx, item) ?? '';
    const m = securityOptMeaning(written, ctx.Who);
    return { header: `${inlineCode(written)} in **security_opt** · ${ctx.who}`, context: [m.text], setting: m.setting, weak: m.weak };
  }
  const meanings = ctx.service.securityOpt.map((o) => securityOptMeaning(o.value, ctx.Who));
  const context = meanings.length ? meanings.map((m) => m.text) : [`${ctx.Who} sets no security options.`];
  if (!ctx.service.securityOpt.some((o) => splitOpt(o.value).key === 'no-new-privileges')) {
    context.push('It does not set `no-new-privileges:true`.');
  }
  return { header: header(ctx, 'security_opt'), context, setting: 'security-opt', weak: meanings.some((m) => m.weak) };
}

function readOnlyParts(ctx: Ctx, value: string | undefined): Parts {
  const on = readBool(ctx.model.yaml.resolve(ctx.rest[0].node));
  const context: string[] = [];
  if (on === true) {
    context.push(`${ctx.Who} has a read-only root filesystem: it can write only to its volumes and tmpfs mounts.`);
    const tmpfs = ctx.service.tmpfs.map((t) => t.value);
    context.push(
      tmpfs.length
        ? `Writable in memory: ${tmpfs.map((t) => inlineCode(t)).join(', ')}.`
        : 'It declares no `tmpfs:`; programs that write to /tmp or /run will fail.',
    );
  } else if (on === false) {
    context.push(`${ctx.Who} can write anywhere in its own root filesystem (its writable layer).`);
  } else {
    context.push(`${inlineCode(value ?? '')} decides when compose runs whether the root filesystem of ${ctx.who} is read-only.`);
  }
  return { header: header(ctx, 'read_only', value !== undefined ? inlineCode(value) : undefined), context, setting: 'read-only-rootfs', weak: on !== true };
}

function userParts(ctx: Ctx, value: string | undefined): Parts {
  const v = (value ?? '').trim();
  const kind = userKindOf(v);
  const context: string[] = [];
  if (kind === 'root') {
    context.push(`${ctx.Who} runs as root (${inlineCode(v)}).`);
    context.push("Without a user namespace, Docker's default, that is UID 0 on the host as well.");
  } else if (kind === 'non-root') {
    const name = v.split(':')[0];
    context.push(`${ctx.Who} runs as ${inlineCode(v)}, not root, whatever the image's USER says.`);
    if (!/^\d+$/.test(name)) context.push('A name must exist in the image; a numeric UID works in any image.');
  } else {
    context.push(`${inlineCode(v)} decides when compose runs which user ${ctx.who} runs as.`);
  }
  return { header: header(ctx, 'user', value !== undefined ? inlineCode(value) : undefined), context, setting: 'user', weak: kind !== 'non-root' };
}

function devicesParts(ctx: Ctx): Parts {
  const item = ctx.rest[1];
  if (item !== undefined && typeof item.key === 'number') {
    const node = ctx.model.yaml.resolve(item.node);
    const device = ctx.service.devices.find((d) => d.node === node);
    const source = device?.source ?? scalarText(ctx, item) ?? '';
    const context = [`${ctx.Who} gets the host device ${inlineCode(source)}${device?.target && device.target !== source ? ` as ${inlineCode(device.target)}` : ''}.`];
    const note = deviceNote(source);
    if (note) context.push(`It is ${escapeProse(note)}.`);
    if (device?.permissions) context.push(`Permissions: ${inlineCode(device.permissions)} (r read, w write, m create the node).`);
    return { header: `${inlineCode(source)} in **devices** · ${ctx.who}`, context, setting: 'devices', weak: true };
  }
  const list = ctx.service.devices.map((d) => inlineCode(d.source));
  return {
    header: header(ctx, 'devices'),
    context: [list.length ? `${ctx.Who} gets ${plural(list.length, 'host device')}: ${list.join(', ')}.` : `${ctx.Who} lists no devices.`],
    setting: 'devices',
    weak: list.length > 0,
  };
}

function volumesParts(ctx: Ctx): Parts {
  const item = ctx.rest[1];
  if (item !== undefined && typeof item.key === 'number') {
    const node = ctx.model.yaml.resolve(item.node);
    const volume = ctx.service.volumes.find((v) => v.node === node);
    if (!volume) return { header: header(ctx, 'volumes'), context: [`${ctx.Who} mounts this entry.`], setting: 'volumes' };
    const at = volume.target ? ` at ${inlineCode(volume.target)}` : '';
    const mode = volume.readOnly ? 'read-only' : 'read-write';
    const context: string[] = [];
    let weak = false;
    let lesson: TopicId | undefined;
    if (volume.type === 'bind' && volume.source !== undefined) {
      const sensitive = classifyHostPath(volume.source);
      if (sensitive === 'docker-socket') {
        context.push(`${ctx.Who} mounts the Docker engine's socket ${inlineCode(volume.source)}${at}.`);
        context.push(
          'Whoever can write to it can ask the engine to start a privileged container with the host\'s root filesystem mounted: that is root on the host, read-only mount or not.',
        );
        weak = true;
        lesson = 'privileged';
      } else if (sensitive) {
        context.push(`${ctx.Who} mounts ${inlineCode(volume.source)} from the host${at}, ${mode}: ${escapeProse(SENSITIVE_HOST_PATH_NOTES[sensitive])}.`);
        if (sensitive === 'root') context.push(volume.readOnly ? 'Read-only, it can still read every secret on the host.' : 'Writable, it can change anything on the host.');
        weak = true;
      } else {
        context.push(`${ctx.Who} mounts the host path ${inlineCode(volume.source)}${at}, ${mode}.`);
        weak = !volume.readOnly;
      }
    } else if (volume.type === 'volume') {
      context.push(`${ctx.Who} mounts the named volume ${inlineCode(volume.source ?? '')}${at}, ${mode}: the engine manages where its data lives.`);
    } else if (volume.type === 'tmpfs') {
      context.push(`${ctx.Who} gets a tmpfs${at}: files in memory, gone when the container stops.`);
    } else if (volume.type === 'anonymous') {
      context.push(`${ctx.Who} gets an anonymous volume${at}: the engine creates it and it outlives the container unnoticed.`);
    } else {
      context.push(`${ctx.Who} mounts a ${inlineCode(String(volume.type))} volume${at}.`);
    }
    const head = `${inlineCode(volume.syntax === 'short' ? (scalarText(ctx, item) ?? '') : (volume.source ?? volume.target ?? ''))} in **volumes** · ${ctx.who}`;
    return { header: head, context, setting: 'volumes', weak, ...(lesson ? { lesson, seeAlso: ['volumes'] as TopicId[] } : {}) };
  }
  const binds = ctx.service.volumes.filter((v) => v.type === 'bind');
  const sensitive = binds.filter((v) => v.source !== undefined && classifyHostPath(v.source));
  const context = [
    `${ctx.Who} has ${plural(ctx.service.volumes.length, 'mount')}, ${plural(binds.length, 'host path')} among them.`,
  ];
  if (sensitive.length) context.push(`Sensitive: ${sensitive.map((v) => inlineCode(v.source ?? '')).join(', ')}.`);
  return { header: header(ctx, 'volumes'), context, setting: 'volumes', weak: sensitive.length > 0 };
}

const LIMIT_TEXT: Record<string, { what: (v: string) => string; setting: SettingId }> = {
  mem_limit: { what: (v) => `may use at most ${v} of memory (the memory controller's hard limit)`, setting: 'memory-limit' },
  memswap_limit: { what: (v) => `may use at most ${v} of memory and swap together`, setting: 'memory-limit' },
  mem_reservation: { what: (v) => `is asked to stay under ${v} of memory when the host runs short (a soft limit, not a cap)`, setting: 'memory-limit' },
  cpus: { what: (v) => `may use at most ${v} CPUs' worth of time (a quota of the cpu controller)`, setting: 'cpu-limit' },
  cpu_quota: { what: (v) => `may use ${v} microseconds of CPU time per period (100 ms unless \`cpu_period\` says otherwise)`, setting: 'cpu-limit' },
  cpu_shares: { what: (v) => `gets a CPU weight of ${v} (1024 is the default): a share when CPUs are busy, not a cap`, setting: 'cpu-limit' },
  pids_limit: { what: (v) => `may have at most ${v} processes and threads`, setting: 'pids-limit' },
  memory: { what: (v) => `may use at most ${v} of memory (the memory controller's hard limit)`, setting: 'memory-limit' },
  pids: { what: (v) => `may have at most ${v} processes and threads`, setting: 'pids-limit' },
};

function limitParts(ctx: Ctx, key: string, value: string | undefined, label = key, reservation = false): Parts {
  const t = LIMIT_TEXT[key] ?? LIMIT_TEXT.memory;
  const v = (value ?? '').trim();
  const context: string[] = [];
  const unlimited = key.startsWith('pids') && (v === '-1' || v === '0');
  if (reservation) {
    context.push(
      key === 'cpus'
        ? `${ctx.Who} reserves ${inlineCode(v)} CPUs: what the scheduler sets aside for it, not a cap.`
        : `${ctx.Who} reserves ${inlineCode(v)}: a floor for scheduling, not a cap.`,
    );
  } else if (unlimited) {
    context.push(`${inlineCode(v)} means no limit: ${ctx.who} may start as many processes as the host allows.`);
  } else if (interpolated(v)) {
    context.push(`${inlineCode(v)} decides when compose runs how much ${ctx.who} may use.`);
  } else {
    context.push(`${ctx.Who} ${t.what(inlineCode(v))}.`);
  }
  const missing: string[] = [];
  const l = ctx.profile.limits;
  if (!l.memory) missing.push('memory');
  if (!l.cpu) missing.push('CPU');
  if (!l.pids) missing.push('processes');
  if (missing.length) context.push(`It has no limit on ${joinWords(missing)}.`);
  return { header: header(ctx, label, value !== undefined ? inlineCode(value) : undefined), context, setting: t.setting, weak: unlimited || reservation };
}

function deployParts(ctx: Ctx): Parts | undefined {
  const keys = ctx.rest.map((s) => String(s.key));
  if (keys.length > 1 && keys[1] !== 'resources') return undefined;
  const [, , which, name] = keys;
  const last = ctx.rest[ctx.rest.length - 1];
  if ((which === 'limits' || which === 'reservations') && name && name in LIMIT_TEXT && ctx.rest.length === 4) {
    const value = scalarText(ctx, last);
    return limitParts(ctx, name, value, `deploy.resources.${which}.${name}`, which === 'reservations');
  }
  const l = ctx.profile.limits;
  const set = [l.memory && `memory ${inlineCode(l.memory.value)}`, l.cpu && `CPU ${inlineCode(l.cpu.value)}`, l.pids && `${inlineCode(l.pids.value)} processes`].filter(
    Boolean,
  ) as string[];
  const context = [set.length ? `${ctx.Who} is limited to ${joinWords(set)}.` : `${ctx.Who} has no cgroup limits: it may use all of the host's memory and CPU.`];
  return { header: header(ctx, keys.slice(0, 3).join('.')), context, setting: 'resources', weak: set.length === 0, lesson: 'cgroups' };
}

function sysctlParts(ctx: Ctx): Parts {
  const item = ctx.rest[1];
  const hostNet = ctx.profile.hostNamespaces.network.value;
  if (item !== undefined) {
    const written = typeof item.key === 'number' ? (scalarText(ctx, item) ?? '') : `${item.key}=${scalarText(ctx, item) ?? ''}`;
    const name = written.split('=')[0].trim();
    const value = written.includes('=') ? written.slice(written.indexOf('=') + 1).trim() : undefined;
    const ns = sysctlNamespace(name);
    const context = [`${ctx.Who} sets the kernel parameter ${inlineCode(name)}${value !== undefined ? ` to ${inlineCode(value)}` : ''}.`];
    let weak = false;
    if (ns === 'network') {
      if (hostNet) {
        context.push("It belongs to the network namespace, and this service uses the host's: Docker refuses it, because it would change the host's setting.");
        weak = true;
      } else context.push('It belongs to the network namespace, so it changes the container\'s own network stack only.');
    } else if (ns === 'ipc') {
      context.push("It belongs to the IPC namespace, so it changes the container's own copy.");
    } else {
      context.push('It is not a per-namespace parameter: Docker refuses it, because it would change the host kernel for everyone.');
      weak = true;
    }
    return { header: `${inlineCode(name)} in **sysctls** · ${ctx.who}`, context, setting: 'sysctls', weak };
  }
  const names = ctx.service.sysctls.map((s) => inlineCode(s.name));
  return {
    header: header(ctx, 'sysctls'),
    context: [names.length ? `${ctx.Who} sets ${plural(names.length, 'kernel parameter')}: ${names.join(', ')}.` : `${ctx.Who} sets no kernel parameters.`],
    setting: 'sysctls',
  };
}

function runtimeParts(ctx: Ctx, value: string | undefined): Parts {
  const v = (value ?? '').trim();
  const kind = classifyRuntime(v);
  const text: Record<string, string> = {
    runc: `${ctx.Who} runs on ${inlineCode(v)}, an ordinary OCI runtime: a namespaced process on the host's kernel.`,
    gvisor: `${ctx.Who} runs under gVisor (${inlineCode(v)}): its system calls are answered by a kernel in user space, not by the host's kernel.`,
    kata: `${ctx.Who} runs in a Kata Containers micro-VM (${inlineCode(v)}): a guest kernel of its own behind a hypervisor.`,
    firecracker: `${ctx.Who} runs in a Firecracker micro-VM (${inlineCode(v)}): a guest kernel of its own behind a minimal hypervisor.`,
    other: `${ctx.Who} runs on the runtime ${inlineCode(v)}, which Container Lens does not know; it is treated like the default.`,
  };
  const context = [text[kind]];
  if (kind !== 'runc' && kind !== 'other') context.push('The runtime must be installed and registered with the engine.');
  const lesson: TopicId = kind === 'gvisor' ? 'gvisor' : kind === 'kata' || kind === 'firecracker' ? 'kata-firecracker' : 'isolation-spectrum';
  return { header: header(ctx, 'runtime', inlineCode(v)), context, setting: 'runtime', weak: kind === 'runc' || kind === 'other', lesson };
}

/** Tag, digest and what the knowledge base says about the image's default user. */
export function imageContext(image: string, who: string, Who: string, userSet: boolean): string[] {
  const context: string[] = [];
  if (hasInterpolation(image)) return [`${inlineCode(image)} is decided when the file is used: the image is not known here.`];
  const ref = parseImageRef(image);
  if (ref.digest) context.push(`${Who} runs ${inlineCode(image)}, pinned by digest: the same content on every pull.`);
  else if (!ref.tag || ref.tag === 'latest') {
    context.push(`${Who} runs ${inlineCode(image)}${ref.tag ? '' : ', which means `:latest`'}: whatever the registry calls latest when it is pulled.`);
  } else {
    context.push(`${Who} runs ${inlineCode(image)}: tag ${inlineCode(ref.tag)}, which the registry can move to new content; a digest (\`@sha256:…\`) cannot move.`);
  }
  const facts = lookupImage(ref);
  if (facts.family !== 'unknown' || facts.runsAsRoot !== 'unknown') {
    const user =
      facts.runsAsRoot === true
        ? `runs as root unless told otherwise${userSet ? '' : `, and ${who} does not say otherwise`}`
        : facts.runsAsRoot === false
          ? `runs as ${inlineCode(facts.defaultUser ?? 'a non-root user')} by default`
          : 'has a default user Container Lens does not know';
    context.push(`It is the ${escapeProse(facts.label)}, which ${user}.`);
  }
  return context;
}

function imageParts(ctx: Ctx, value: string | undefined): Parts {
  const v = (value ?? '').trim();
  return {
    header: header(ctx, 'image'),
    context: imageContext(v, ctx.who, ctx.Who, ctx.service.user !== undefined),
    setting: 'image',
    weak: !parseImageRef(v).digest,
  };
}

function portsParts(ctx: Ctx): Parts {
  const item = ctx.rest[1];
  const hostNet = ctx.profile.hostNamespaces.network.value;
  if (item !== undefined && typeof item.key === 'number') {
    const node = ctx.model.yaml.resolve(item.node);
    const port = ctx.service.ports.find((p) => p.node === node);
    const written = port?.text ?? scalarText(ctx, item) ?? '';
    const context: string[] = [];
    if (hostNet) context.push(`Ignored: ${ctx.who} uses the host's network, so every port it listens on is a host port.`);
    else if (!port || !port.published) {
      context.push(`${ctx.Who} publishes container port ${inlineCode(port?.target ?? written)} on a host port the engine picks.`);
    } else {
      const where = port.hostIp && !['0.0.0.0', '::', '[::]'].includes(port.hostIp) ? `on ${inlineCode(port.hostIp)} only` : 'on every host interface';
      context.push(`${ctx.Who} forwards host port ${inlineCode(port.published)} ${where} to its port ${inlineCode(port.target ?? '')}.`);
    }
    const open = !port?.hostIp || ['0.0.0.0', '::', '[::]'].includes(port.hostIp);
    if (open && !hostNet) context.push('Give a host address (`127.0.0.1:8080:80`) to keep it off the network.');
    return { header: `${inlineCode(written)} in **ports** · ${ctx.who}`, context, setting: 'host-port', weak: open };
  }
  const context = hostNet
    ? [`Ignored: ${ctx.who} uses the host's network, so every port it listens on is a host port.`]
    : [`${ctx.Who} publishes ${plural(ctx.service.ports.length, 'port')} on the host.`];
  return { header: header(ctx, 'ports'), context, setting: 'host-port', weak: true };
}
