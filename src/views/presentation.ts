/**
 * How a container looks in the tree, as plain data (no vscode): the state icon, the badges (root,
 * privileged, host namespaces, missing limits, the engine's socket) with what they mean, the tooltips
 * (Markdown in which everything that came from the engine is escaped: names, images, labels, paths)
 * and the child rows (Isolation, Ports, Mounts, Networks, Labels). `containers-tree.ts` maps this to
 * `TreeItem`s.
 */
import { SETTINGS } from '../core/knowledge/settings-keys';
import type { SettingId } from '../core/knowledge/settings-keys';
import { TOPICS } from '../core/knowledge/topics';
import { escapeMarkdown, escapeProse, inlineCode } from '../core/markdown';
import { escapeActionText } from '../core/isolation/hover-render';
import { FIELD_SETTING as PROFILE_FIELD_SETTING } from '../core/isolation/report';
import { SENSITIVE_HOST_PATH_NOTES, classifyHostPath } from '../core/isolation/host-paths';
import type { IsolationProfile, NamespaceName } from '../core/isolation/profile';
import { ISOLATION_LEVELS, LEVEL_LABELS, summarize } from '../core/isolation/spectrum';
import type { ProfileField, SpectrumPlacement, SpectrumReason } from '../core/isolation/spectrum';
import type { ContainerEntry, DisplayState, PortRow } from './model';
import { statusText } from './model';

// ---- icons and menus --------------------------------------------------------------------------------

export interface IconSpec {
  /** A codicon id (`vm-running`). */
  id: string;
  /** A theme colour id (`charts.green`). */
  color?: string;
}

export function stateIcon(e: Pick<ContainerEntry, 'state' | 'exitCode'>): IconSpec {
  switch (e.state) {
    case 'running':
      return { id: 'vm-running', color: 'charts.green' };
    case 'unhealthy':
      return { id: 'warning', color: 'charts.orange' };
    case 'paused':
      return { id: 'debug-pause', color: 'charts.yellow' };
    case 'restarting':
      return { id: 'sync', color: 'charts.orange' };
    case 'created':
      return { id: 'circle-large-outline', color: 'charts.blue' };
    case 'exited':
      return e.exitCode !== undefined && e.exitCode !== 0 ? { id: 'error', color: 'charts.red' } : { id: 'vm-outline', color: 'disabledForeground' };
    case 'dead':
      return { id: 'close', color: 'errorForeground' };
    case 'removing':
      return { id: 'trash', color: 'disabledForeground' };
  }
}

/**
 * `container-<state>` for `view/item/context` menus (`viewItem =~ /^container-(running|paused)$/`).
 * An unhealthy container runs: it gets the running menus.
 */
export function contextValueOf(state: DisplayState): string {
  return `container-${state === 'unhealthy' ? 'running' : state}`;
}

// ---- badges -----------------------------------------------------------------------------------------

export type BadgeId = 'engine-socket' | 'privileged' | 'root' | 'host-namespaces' | 'no-limits';

export interface Badge {
  id: BadgeId;
  /** A few words for a list: `host PID, network`. */
  label: string;
  /** One sentence on what it means for the host (our text; values in it are escaped when rendered). */
  meaning: string;
  severity: 'error' | 'warning' | 'info';
}

const NS_WORDS: Record<NamespaceName, string> = { pid: 'PID', network: 'network', ipc: 'IPC', uts: 'UTS', user: 'user', cgroup: 'cgroup' };

/** The badges of a profile, most serious first. */
export function badgesOf(p: IsolationProfile): Badge[] {
  const out: Badge[] = [];
  const socket = p.hostPaths.find((h) => h.sensitive === 'docker-socket' || h.sensitive === 'runtime-socket');
  if (socket) {
    out.push({
      id: 'engine-socket',
      label: `mounts ${socket.path}`,
      meaning: `Mounts ${socket.path}: whoever talks to a container engine can start a privileged container, which is root on the host.`,
      severity: 'error',
    });
  }
  if (p.privileged.value) {
    out.push({
      id: 'privileged',
      label: 'privileged',
      meaning: 'Privileged: every capability, every host device, no seccomp or AppArmor. As good as root on the host.',
      severity: 'error',
    });
  }
  if (p.user.kind === 'root') {
    const remapped = !p.hostNamespaces.user.value;
    out.push({
      id: 'root',
      label: remapped ? 'root (remapped)' : 'root',
      meaning: remapped
        ? 'Runs as root, but in a user namespace: uid 0 inside is an unprivileged user on the host.'
        : 'Runs as root, and uid 0 in the container is uid 0 on the host: one kernel bug or one mistake away from root on the host.',
      severity: remapped ? 'info' : 'warning',
    });
  }
  const shared = (Object.keys(NS_WORDS) as NamespaceName[]).filter((n) => p.hostNamespaces[n].value && (n !== 'user' || p.hostNamespaces.user.explicit));
  if (shared.length) {
    out.push({
      id: 'host-namespaces',
      label: `host ${shared.map((n) => NS_WORDS[n]).join(', ')}`,
      meaning: `Shares the host's ${shared.map((n) => NS_WORDS[n]).join(', ')} namespace${shared.length > 1 ? 's' : ''}: that wall between it and the host is not there.`,
      severity: 'warning',
    });
  }
  const missing = [!p.limits.memory && 'memory', !p.limits.cpu && 'CPU', !p.limits.pids && 'processes'].filter(Boolean) as string[];
  if (!p.limits.memory || !(p.limits.cpu || p.limits.pids)) {
    out.push({
      id: 'no-limits',
      label: `no ${missing.join('/')} limit`,
      meaning: `No cgroup limit on ${missing.join(', ')}: it can take the host's ${missing.join(' and ')} from everything else running there.`,
      severity: 'info',
    });
  }
  return out;
}

const BADGE_LETTER: Record<BadgeId, string> = { 'engine-socket': 'S', privileged: 'P', root: 'R', 'host-namespaces': 'H', 'no-limits': 'L' };

/** The decoration of an item: at most two letters of the most serious badges, and a colour for the worst. */
export function decorationOf(badges: readonly Badge[]): { badge: string; tooltip: string; color?: string } | undefined {
  const shown = badges.filter((b) => b.severity !== 'info');
  if (shown.length === 0) return undefined;
  const badge = shown
    .slice(0, 2)
    .map((b) => BADGE_LETTER[b.id])
    .join('');
  // Colour only what is rare and serious: most containers run as root, and a yellow list says nothing.
  const color = shown.some((b) => b.severity === 'error')
    ? 'list.errorForeground'
    : shown.some((b) => b.id === 'host-namespaces')
      ? 'list.warningForeground'
      : undefined;
  return { badge, tooltip: shown.map((b) => b.label).join(', '), ...(color ? { color } : {}) };
}

// ---- tooltips ---------------------------------------------------------------------------------------


/** The badges worth words in the item's description (the letters say the rest). */
export function descriptionBadges(badges: readonly Badge[]): string[] {
  return badges.filter((b) => b.severity === 'error' || b.id === 'host-namespaces').map((b) => b.label);
}

export function settingOf(field: ProfileField): SettingId | undefined {
  // A live container's host paths are binds the engine made, not compose `volumes:` entries.
  // (Read on call, not copied at load: the core is loaded lazily, see esbuild.mjs.)
  return field === 'hostPaths' ? 'host-path' : PROFILE_FIELD_SETTING[field];
}

/**
 * The teaching tooltip of one reason: what this container does (escaped: it quotes paths and values
 * from the engine), what the setting decides, what it means for the host, how a VM differs, the lesson.
 */
export function reasonTooltip(r: SpectrumReason): string {
  const arrow = r.direction === 'weaker' ? '▼ weaker' : '▲ stronger';
  const parts = [`**${escapeMarkdown(r.label)}** · ${arrow}`, `This container ${escapeMarkdown(r.text, 600)}.`];
  const id = settingOf(r.field);
  if (id) {
    const s = SETTINGS[id];
    parts.push(escapeProse(s.does, 600));
    if (r.direction === 'weaker') parts.push(`*On the host:* ${escapeProse(s.host, 600)}`);
    parts.push(`*In a VM:* ${escapeProse(s.vm, 600)}`);
    const t = TOPICS[s.topic];
    parts.push(`**${escapeProse(t.title)}**: ${escapeProse(t.summary, 600)}`);
  }
  return parts.join('\n\n');
}

export function badgeLines(badges: readonly Badge[]): string[] {
  return badges.map((b) => `- **${escapeMarkdown(b.label)}**: ${escapeMarkdown(b.meaning, 400)}`);
}

/** The item's tooltip: name, image, id, status, isolation in a line, and the badges explained. */
export function containerTooltip(e: ContainerEntry, now: Date = new Date()): string {
  const lines = [
    `**${escapeMarkdown(e.name)}** · ${escapeMarkdown(statusText(e, now))}`,
    '',
    `Image ${inlineCode(e.image)} · id ${inlineCode(e.id.slice(0, 12))}`,
  ];
  if (e.project) lines.push('', `Compose project ${inlineCode(e.project)}${e.service ? `, service ${inlineCode(e.service)}` : ''}`);
  if (e.profile && e.placement) {
    lines.push('', `**Isolation:** ${escapeMarkdown(summarize(e.profile, e.placement), 400)}`);
    const badges = badgesOf(e.profile);
    if (badges.length) lines.push('', ...badgeLines(badges));
  } else {
    lines.push('', '*Expand it to read its isolation profile.*');
  }
  return lines.join('\n');
}

// ---- child rows -------------------------------------------------------------------------------------

/** A row under a container: plain data the tree maps to a `TreeItem`. */
export interface DetailRow {
  /** Unique under the container, stable across refreshes (VS Code keeps expansion by id). */
  key: string;
  label: string;
  description?: string;
  /** Markdown, escaped. */
  tooltip?: string;
  icon?: IconSpec;
  children?: DetailRow[];
  /** Expanded at first (Isolation is). */
  expanded?: boolean;
  /** `detail-copyable` rows have a "Copy" menu entry; this is what it copies. */
  copy?: string;
}

function levelTooltip(placement: SpectrumPlacement, p: IsolationProfile): string {
  const line = ISOLATION_LEVELS.map((l) => (l === placement.level ? `**[${LEVEL_LABELS[l]}]**` : LEVEL_LABELS[l])).join(' → ');
  const steps = ISOLATION_LEVELS.indexOf('vm') - ISOLATION_LEVELS.indexOf(placement.level);
  return [
    `**${escapeMarkdown(LEVEL_LABELS[placement.level])}** · ${escapeMarkdown(summarize(p, placement), 400)}`,
    line,
    steps === 0 ? 'A virtual machine: a kernel of its own.' : `${steps} ${steps === 1 ? 'step' : 'steps'} from a virtual machine. ${escapeProse(TOPICS['vm-vs-container'].summary, 600)}`,
    `*${escapeProse(TOPICS['isolation-spectrum'].summary, 600)}*`,
  ].join('\n\n');
}

export function isolationRows(e: ContainerEntry): DetailRow {
  const p = e.profile;
  const placement = e.placement;
  if (!p || !placement) return { key: 'isolation', label: 'Isolation', description: 'reading…', icon: { id: 'shield' } };
  const children: DetailRow[] = placement.reasons.map((r, i) => ({
    key: `isolation/reason/${i}`,
    label: r.label,
    description: r.direction === 'weaker' ? 'weaker' : 'stronger',
    tooltip: reasonTooltip(r),
    icon: r.direction === 'weaker' ? { id: 'arrow-down', color: 'charts.orange' } : { id: 'arrow-up', color: 'charts.green' },
  }));
  if (placement.reasons.length === 0) {
    children.push({ key: 'isolation/none', label: "Docker's defaults", description: 'nothing moves it', icon: { id: 'circle-small' } });
  }
  if (placement.nextStep) {
    const next = placement.nextStep;
    children.push({
      key: 'isolation/next',
      label: `Next: ${LEVEL_LABELS[next.level]}`,
      description: next.actions.length ? `${next.actions.length} ${next.actions.length === 1 ? 'step' : 'steps'}` : '',
      tooltip: `**One step to the right: ${escapeMarkdown(LEVEL_LABELS[next.level])}**\n\n${next.actions.map((a) => `- ${escapeActionText(a.text)}`).join('\n')}`,
      icon: { id: 'lightbulb', color: 'charts.yellow' },
      children: next.actions.map((a, i) => ({
        key: `isolation/next/${i}`,
        label: a.text.replace(/`/g, ''),
        tooltip: escapeActionText(a.text),
        icon: { id: 'debug-step-over' },
      })),
    });
  }
  const weakest = placement.reasons.some((r) => r.direction === 'weaker');
  const serious = placement.level === 'process' || placement.level === 'privileged-container';
  return {
    key: 'isolation',
    label: 'Isolation',
    description: LEVEL_LABELS[placement.level],
    tooltip: levelTooltip(placement, p),
    icon: { id: 'shield', ...(serious ? { color: 'charts.red' } : weakest && placement.level === 'weakened-container' ? { color: 'charts.orange' } : {}) },
    children,
    expanded: true,
  };
}

export function portLabel(r: PortRow): string {
  const host = r.hostPort ? `${r.hostIp && r.hostIp !== '0.0.0.0' ? (r.hostIp.includes(':') ? `[${r.hostIp}]` : r.hostIp) : '*'}:${r.hostPort}` : undefined;
  return host ? `${host} → ${r.containerPort}/${r.protocol}` : `${r.containerPort}/${r.protocol} (not published)`;
}

function portRows(e: ContainerEntry): DetailRow | undefined {
  if (e.ports.length === 0) return undefined;
  return {
    key: 'ports',
    label: 'Ports',
    description: String(e.ports.length),
    icon: { id: 'plug' },
    children: e.ports.map((r, i) => {
      const all = r.hostPort !== undefined && (!r.hostIp || r.hostIp === '0.0.0.0' || r.hostIp === '::');
      return {
        key: `ports/${i}`,
        label: portLabel(r),
        ...(all ? { description: 'every interface' } : {}),
        ...(all
          ? { tooltip: `Published on every interface of the host: anyone who can reach the host reaches port ${escapeMarkdown(r.hostPort ?? '')}. Name a host address (\`127.0.0.1:${escapeMarkdown(r.hostPort ?? '')}:${escapeMarkdown(r.containerPort)}\`) to narrow it.` }
          : {}),
        icon: all ? { id: 'globe', color: 'charts.yellow' } : { id: 'plug' },
        copy: r.hostPort ?? r.containerPort,
      };
    }),
  };
}

function mountRows(e: ContainerEntry): DetailRow | undefined {
  const mounts = e.inspect?.Mounts ?? [];
  if (mounts.length === 0) return undefined;
  return {
    key: 'mounts',
    label: 'Mounts',
    description: String(mounts.length),
    icon: { id: 'folder' },
    children: mounts.map((m, i) => {
      const type = m.Type ?? 'bind';
      const source = type === 'volume' ? (m.Name ?? m.Source ?? '') : (m.Source ?? '');
      const sensitive = type === 'bind' && source ? classifyHostPath(source) : undefined;
      const ro = m.RW === false;
      const tooltip = [
        `**${escapeMarkdown(type)}** ${inlineCode(source || '(none)')} → ${inlineCode(m.Destination)}${ro ? ' (read-only)' : ''}`,
        ...(sensitive ? [`Sensitive: ${escapeMarkdown(SENSITIVE_HOST_PATH_NOTES[sensitive], 400)}.`] : []),
        ...(type === 'bind' && !sensitive ? ['A directory of the host, shared with the container: what it writes there lands on the host.'] : []),
        ...(type === 'volume' ? ['A volume the engine manages: data that outlives the container, kept apart from the host\'s own files.'] : []),
      ].join('\n\n');
      return {
        key: `mounts/${i}`,
        label: m.Destination,
        description: `${type === 'volume' ? 'volume ' : ''}${source}${ro ? ' (ro)' : ''}`,
        tooltip,
        icon: sensitive ? { id: 'warning', color: 'charts.orange' } : { id: type === 'volume' ? 'database' : type === 'tmpfs' ? 'circuit-board' : 'file-symlink-directory' },
        copy: source || m.Destination,
      };
    }),
  };
}

function networkRows(e: ContainerEntry): DetailRow | undefined {
  const nets = e.inspect?.NetworkSettings?.Networks ?? {};
  const names = Object.keys(nets).sort();
  if (names.length === 0) return undefined;
  return {
    key: 'networks',
    label: 'Networks',
    description: String(names.length),
    icon: { id: 'type-hierarchy' },
    children: names.map((n) => {
      const s = nets[n] ?? {};
      const host = n === 'host';
      return {
        key: `networks/${n}`,
        label: n,
        description: host ? "the host's own network" : s.IPAddress || (n === 'none' ? 'loopback only' : ''),
        ...(host ? { tooltip: "Shares the host's network namespace: it can bind the host's ports and reach services that listen on the host's loopback." } : {}),
        icon: host ? { id: 'warning', color: 'charts.orange' } : { id: 'type-hierarchy-sub' },
        ...(s.IPAddress ? { copy: s.IPAddress } : {}),
      };
    }),
  };
}

function labelRows(e: ContainerEntry): DetailRow | undefined {
  const keys = Object.keys(e.labels).sort();
  if (keys.length === 0) return undefined;
  return {
    key: 'labels',
    label: 'Labels',
    description: String(keys.length),
    icon: { id: 'tag' },
    children: keys.map((k) => ({
      key: `labels/${k}`,
      label: k,
      description: e.labels[k],
      tooltip: `${inlineCode(k)} = ${inlineCode(e.labels[k] ?? '', 2000)}`,
      copy: `${k}=${e.labels[k]}`,
    })),
  };
}

/** The rows under a container: Isolation (always), then Ports, Mounts, Networks, Labels when not empty. */
export function detailRows(e: ContainerEntry): DetailRow[] {
  return [isolationRows(e), portRows(e), mountRows(e), networkRows(e), labelRows(e)].filter((r): r is DetailRow => r !== undefined);
}

// ---- rows of the tree ---------------------------------------------------------------------------------

/** What a container's row shows, as plain data: the tree turns it into a `TreeItem`, the bench times it. */
export interface ContainerRow {
  label: string;
  /** `Up since 14:05 · ⚠ privileged · nginx:1.27` */
  description: string;
  /** Markdown, escaped. */
  tooltip: string;
  icon: IconSpec;
  contextValue: string;
}

export function containerRow(e: ContainerEntry, now: Date = new Date()): ContainerRow {
  const worst = e.profile ? descriptionBadges(badgesOf(e.profile)) : [];
  return {
    label: e.name,
    description: [statusText(e, now), ...(worst.length ? [`⚠ ${worst.join(', ')}`] : []), e.image].join(' · '),
    tooltip: containerTooltip(e, now),
    icon: stateIcon(e),
    contextValue: contextValueOf(e.state),
  };
}

/** A compose project's row: `compose · 2/3 up`. */
export function groupDescription(entries: readonly Pick<ContainerEntry, 'state'>[]): string {
  const up = entries.filter((e) => e.state === 'running' || e.state === 'unhealthy' || e.state === 'paused' || e.state === 'restarting').length;
  return `compose · ${up}/${entries.length} up`;
}
