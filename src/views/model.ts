/**
 * The containers the view shows, as plain data (no vscode): one entry per container, built from the
 * list answer and improved by inspect; its status in words; the grouping (compose project, then
 * standalone; running first); and, after a change, which nodes of the tree have to be asked again.
 * The tree provider turns this into `TreeItem`s; unit tests drive it with plain objects.
 */
import { profileFromInspect } from '../core/isolation/from-inspect';
import type { EngineFacts } from '../core/isolation/from-inspect';
import type { IsolationProfile } from '../core/isolation/profile';
import { placeOnSpectrum } from '../core/isolation/spectrum';
import type { SpectrumPlacement } from '../core/isolation/spectrum';
import type { ContainerInspect, ContainerSummary } from '../docker';

export const COMPOSE_PROJECT_LABEL = 'com.docker.compose.project';
export const COMPOSE_SERVICE_LABEL = 'com.docker.compose.service';

/** What the item's icon and menus depend on. `unhealthy` is a running container whose health check fails. */
export type DisplayState = 'running' | 'unhealthy' | 'paused' | 'restarting' | 'created' | 'exited' | 'dead' | 'removing';

export interface PortRow {
  containerPort: string;
  protocol: string;
  hostIp?: string;
  hostPort?: string;
}

export interface ContainerEntry {
  id: string;
  name: string;
  image: string;
  /** The engine's word: running, exited, ... */
  engineState: string;
  state: DisplayState;
  exitCode?: number;
  /** starting | healthy | unhealthy, when the container has a health check. */
  health?: string;
  /** The list's status text ("Up 5 minutes"), until an inspect gives times. */
  listStatus?: string;
  /** ISO times from inspect. */
  startedAt?: string;
  finishedAt?: string;
  /** Unix seconds (list) or ISO (inspect), for sorting equals; display uses status. */
  created?: number;
  labels: Record<string, string>;
  project?: string;
  service?: string;
  ports: PortRow[];
  inspect?: ContainerInspect;
  profile?: IsolationProfile;
  placement?: SpectrumPlacement;
}

const ZERO_TIME = /^0001-01-01/;

/** `/web-1` → `web-1`; of several names (links: `/other/alias`) the container's own. */
export function containerName(names: readonly string[] | undefined, id: string): string {
  const list = (names ?? []).map((n) => n.replace(/^\//, ''));
  return list.find((n) => !n.includes('/')) ?? list[0] ?? id.slice(0, 12);
}

/** "Exited (137) 2 minutes ago" → 137; "Up 3 hours (unhealthy)" → unhealthy. */
export function parseListStatus(status: string): { exitCode?: number; health?: string } {
  const exit = /^(?:Exited|Restarting) \((-?\d+)\)/.exec(status);
  const health = /\((healthy|unhealthy|health: starting)\)/.exec(status);
  return {
    ...(exit ? { exitCode: Number(exit[1]) } : {}),
    ...(health ? { health: health[1] === 'health: starting' ? 'starting' : health[1] } : {}),
  };
}

function displayState(engineState: string, health: string | undefined): DisplayState {
  switch (engineState) {
    case 'running':
      return health === 'unhealthy' ? 'unhealthy' : 'running';
    case 'paused':
    case 'restarting':
    case 'created':
    case 'exited':
    case 'dead':
    case 'removing':
      return engineState;
    default:
      return 'exited';
  }
}

function portsFromSummary(s: ContainerSummary): PortRow[] {
  return (s.Ports ?? []).map((p) => ({
    containerPort: String(p.PrivatePort),
    protocol: p.Type || 'tcp',
    ...(p.IP ? { hostIp: p.IP } : {}),
    ...(p.PublicPort ? { hostPort: String(p.PublicPort) } : {}),
  }));
}

/** Published ports of an inspect: the actual ones while it runs, the asked-for ones otherwise. */
export function portsFromInspect(i: ContainerInspect): PortRow[] {
  const rows: PortRow[] = [];
  const actual = i.NetworkSettings?.Ports ?? {};
  const asked = i.HostConfig?.PortBindings ?? {};
  const source = Object.keys(actual).length ? actual : asked;
  const keys = Object.keys(source).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  for (const key of keys) {
    const [containerPort = key, protocol = 'tcp'] = key.split('/');
    const bindings = source[key];
    if (!bindings || bindings.length === 0) {
      rows.push({ containerPort, protocol });
      continue;
    }
    for (const b of bindings) {
      rows.push({
        containerPort,
        protocol,
        ...(b.HostIp ? { hostIp: b.HostIp } : {}),
        ...(b.HostPort ? { hostPort: b.HostPort } : {}),
      });
    }
  }
  return rows;
}

export function entryFromSummary(s: ContainerSummary): ContainerEntry {
  const labels = s.Labels ?? {};
  const parsed = parseListStatus(s.Status ?? '');
  const project = labels[COMPOSE_PROJECT_LABEL];
  const service = labels[COMPOSE_SERVICE_LABEL];
  return {
    id: s.Id,
    name: containerName(s.Names, s.Id),
    image: s.Image,
    engineState: s.State,
    state: displayState(s.State, parsed.health),
    ...(parsed.exitCode !== undefined ? { exitCode: parsed.exitCode } : {}),
    ...(parsed.health ? { health: parsed.health } : {}),
    listStatus: s.Status,
    created: s.Created,
    labels,
    ...(project ? { project } : {}),
    ...(service ? { service } : {}),
    ports: portsFromSummary(s),
  };
}

export function entryFromInspect(i: ContainerInspect, facts: EngineFacts = {}, previous?: ContainerEntry): ContainerEntry {
  const labels = i.Config?.Labels ?? {};
  const st = i.State;
  const health = st?.Health?.Status && st.Health.Status !== 'none' ? st.Health.Status : undefined;
  const engineState = st?.Status ?? previous?.engineState ?? 'created';
  const project = labels[COMPOSE_PROJECT_LABEL];
  const service = labels[COMPOSE_SERVICE_LABEL];
  const profile = profileFromInspect(i, facts);
  return {
    id: i.Id,
    name: containerName([i.Name], i.Id),
    image: i.Config?.Image || previous?.image || i.Image,
    engineState,
    state: displayState(engineState, health),
    ...(st && (engineState === 'exited' || engineState === 'restarting' || engineState === 'dead') ? { exitCode: st.ExitCode } : {}),
    ...(health ? { health } : {}),
    ...(st?.StartedAt && !ZERO_TIME.test(st.StartedAt) ? { startedAt: st.StartedAt } : {}),
    ...(st?.FinishedAt && !ZERO_TIME.test(st.FinishedAt) ? { finishedAt: st.FinishedAt } : {}),
    ...(previous?.created !== undefined ? { created: previous.created } : i.Created ? { created: Date.parse(i.Created) / 1000 } : {}),
    labels,
    ...(project ? { project } : {}),
    ...(service ? { service } : {}),
    ports: portsFromInspect(i),
    inspect: i,
    profile,
    placement: placeOnSpectrum(profile),
  };
}

// ---- status text ------------------------------------------------------------------------------------

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A point in time that does not go stale in a list nobody refreshes: `14:05` today, `Nov 22 14:05`
 * this year, `2024-11-22` before. Local time.
 */
export function formatWhen(iso: string, now: Date): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const hm = `${pad(t.getHours())}:${pad(t.getMinutes())}`;
  if (t.getFullYear() === now.getFullYear() && t.getMonth() === now.getMonth() && t.getDate() === now.getDate()) return hm;
  if (t.getFullYear() === now.getFullYear()) return `${MONTHS[t.getMonth()]} ${t.getDate()} ${hm}`;
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}`;
}

/**
 * The status in words. With inspect times it names when things happened ("Up since 14:05",
 * "Exited (0) at 14:07"), which stays true without a refresh; before the first inspect it is the
 * engine's own text from the list ("Up 5 minutes").
 */
export function statusText(e: ContainerEntry, now: Date = new Date()): string {
  const health = e.health && e.health !== 'none' ? ` (${e.health === 'starting' ? 'health: starting' : e.health})` : '';
  if (!e.inspect) return e.listStatus || e.engineState;
  const since = e.startedAt ? ` since ${formatWhen(e.startedAt, now)}` : '';
  const at = e.finishedAt ? ` at ${formatWhen(e.finishedAt, now)}` : '';
  switch (e.engineState) {
    case 'running':
      return `Up${since}${health}`;
    case 'paused':
      return `Paused (up${since})`;
    case 'restarting':
      return `Restarting (${e.exitCode ?? 0})${at}`;
    case 'created':
      return 'Created';
    case 'exited':
      return `Exited (${e.exitCode ?? 0})${at}`;
    case 'dead':
      return 'Dead';
    case 'removing':
      return 'Removal in progress';
    default:
      return e.engineState;
  }
}

// ---- grouping ---------------------------------------------------------------------------------------

/** Up (running, unhealthy, paused, restarting) before the rest. */
function rank(e: ContainerEntry): number {
  return e.state === 'running' || e.state === 'unhealthy' || e.state === 'paused' || e.state === 'restarting' ? 0 : 1;
}

export function compareEntries(a: ContainerEntry, b: ContainerEntry): number {
  return rank(a) - rank(b) || a.name.localeCompare(b.name, 'en', { numeric: true }) || a.id.localeCompare(b.id);
}

/** What the root and each group show, as ids: `project:<name>` for groups, container ids otherwise. */
export interface Layout {
  /** Group keys first (by project name), then standalone container ids. */
  root: string[];
  groups: Map<string, string[]>;
}

export const groupKey = (project: string) => `project:${project}`;

export function layoutOf(entries: Iterable<ContainerEntry>): Layout {
  const byProject = new Map<string, ContainerEntry[]>();
  const standalone: ContainerEntry[] = [];
  for (const e of entries) {
    if (e.project !== undefined && e.project !== '') {
      const list = byProject.get(e.project) ?? [];
      list.push(e);
      byProject.set(e.project, list);
    } else standalone.push(e);
  }
  const projects = [...byProject.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const groups = new Map<string, string[]>();
  for (const p of projects) groups.set(p, byProject.get(p)!.sort(compareEntries).map((e) => e.id));
  return { root: [...projects.map(groupKey), ...standalone.sort(compareEntries).map((e) => e.id)], groups };
}

/** A node to ask VS Code to render again: the whole tree, a project group, or one container. */
export type RefreshKey = { kind: 'root' } | { kind: 'group'; project: string } | { kind: 'container'; id: string };

const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
  a !== undefined && b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The smallest set of nodes to refresh after containers `ids` changed: the container alone when it
 * stays where it was; its group when it moved inside it (running first) or came or went; the root
 * when a group came or went or a standalone container moved.
 */
export function refreshKeys(before: Layout, after: Layout, ids: Iterable<string>): RefreshKey[] {
  if (!sameList(before.root, after.root)) return [{ kind: 'root' }];
  const keys: RefreshKey[] = [];
  for (const [project, list] of after.groups) {
    if (!sameList(before.groups.get(project), list)) keys.push({ kind: 'group', project });
  }
  const present = new Set([...after.root, ...[...after.groups.values()].flat()]);
  for (const id of ids) if (present.has(id)) keys.push({ kind: 'container', id });
  return keys;
}

/**
 * The entries by id. Every change returns the nodes to refresh, computed from the layout before and
 * after, so that a status change repaints one row and nothing else.
 */
export class ContainerStore {
  private readonly entries = new Map<string, ContainerEntry>();
  private layoutCache?: Layout;
  facts: EngineFacts = {};

  get size(): number {
    return this.entries.size;
  }

  get(id: string): ContainerEntry | undefined {
    return this.entries.get(id);
  }

  all(): ContainerEntry[] {
    return [...this.entries.values()];
  }

  layout(): Layout {
    return (this.layoutCache ??= layoutOf(this.entries.values()));
  }

  /** A full resync: the list replaces everything (inspects of containers that did not change are kept). */
  replaceAll(summaries: readonly ContainerSummary[]): void {
    const old = new Map(this.entries);
    this.entries.clear();
    for (const s of summaries) {
      const fresh = entryFromSummary(s);
      const prev = old.get(s.Id);
      // Keep a previous inspect only if the container is in the same state; otherwise it is stale.
      this.entries.set(s.Id, prev?.inspect && prev.engineState === fresh.engineState ? { ...prev, listStatus: fresh.listStatus } : fresh);
    }
    this.layoutCache = undefined;
  }

  clear(): void {
    this.entries.clear();
    this.layoutCache = undefined;
  }

  /** A fresh inspect of one container (after an event, or for its badges). */
  applyInspect(inspect: ContainerInspect): RefreshKey[] {
    const before = this.layout();
    const entry = entryFromInspect(inspect, this.facts, this.entries.get(inspect.Id));
    this.entries.set(inspect.Id, entry);
    this.layoutCache = undefined;
    return refreshKeys(before, this.layout(), [inspect.Id]);
  }

  remove(id: string): RefreshKey[] {
    if (!this.entries.has(id)) return [];
    const before = this.layout();
    this.entries.delete(id);
    this.layoutCache = undefined;
    return refreshKeys(before, this.layout(), []);
  }

  /** Find by full id, id prefix (12 characters as the CLI shows) or name. */
  find(idOrName: string): ContainerEntry | undefined {
    const key = idOrName.replace(/^\//, '');
    const direct = this.entries.get(key);
    if (direct) return direct;
    for (const e of this.entries.values()) if (e.name === key || (key.length >= 12 && e.id.startsWith(key))) return e;
    return undefined;
  }
}
