import { describe, expect, it } from 'vitest';
import {
  ContainerStore,
  containerName,
  entryFromInspect,
  entryFromSummary,
  formatWhen,
  layoutOf,
  parseListStatus,
  portsFromInspect,
  refreshKeys,
  statusText,
} from './model';
import { ENGINE, inspect, summary } from './test-data';

describe('entries from the list', () => {
  it.each([
    ['Up 5 minutes', {}],
    ['Up 3 hours (unhealthy)', { health: 'unhealthy' }],
    ['Up 2 seconds (health: starting)', { health: 'starting' }],
    ['Exited (137) 2 minutes ago', { exitCode: 137 }],
    ['Restarting (1) 5 seconds ago', { exitCode: 1 }],
    ['Created', {}],
  ])('parseListStatus(%j)', (status, expected) => {
    expect(parseListStatus(status)).toEqual(expected);
  });

  it('names: own name of several (links), id prefix without any', () => {
    expect(containerName(['/web/db', '/db'], 'x')).toBe('db');
    expect(containerName([], '0123456789abcdef')).toBe('0123456789ab');
  });

  it.each([
    ['running', 'Up 1 minute', 'running'],
    ['running', 'Up 1 minute (unhealthy)', 'unhealthy'],
    ['paused', 'Up 1 minute (Paused)', 'paused'],
    ['exited', 'Exited (0) 1 minute ago', 'exited'],
    ['created', 'Created', 'created'],
    ['restarting', 'Restarting (1) 1 second ago', 'restarting'],
    ['dead', 'Dead', 'dead'],
    ['removing', 'Removal In Progress', 'removing'],
  ])('state %s / %j → %s', (State, Status, state) => {
    expect(entryFromSummary(summary('a', { State, Status })).state).toBe(state);
  });

  it('compose project and service from the labels', () => {
    const e = entryFromSummary(summary('a', { Labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web' } }));
    expect([e.project, e.service]).toEqual(['shop', 'web']);
  });
});

describe('entries from inspect', () => {
  it('profile and placement, exit code and health', () => {
    const e = entryFromInspect(inspect('a', { state: { Status: 'exited', Running: false, ExitCode: 3, FinishedAt: '2026-11-24T10:00:00Z' } }), ENGINE.facts);
    expect(e.state).toBe('exited');
    expect(e.exitCode).toBe(3);
    expect(e.profile?.subject.name).toBe('a');
    expect(e.placement?.level).toBe('default-container');
    const sick = entryFromInspect(inspect('b', { state: { Health: { Status: 'unhealthy' } } }));
    expect(sick.state).toBe('unhealthy');
  });

  it('ports: actual while running, asked for otherwise', () => {
    const i = inspect('a', { hostConfig: { PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } } });
    expect(portsFromInspect(i)).toEqual([{ containerPort: '80', protocol: 'tcp', hostIp: '127.0.0.1' }]);
    i.NetworkSettings.Ports = { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '49153' }], '9000/tcp': null };
    expect(portsFromInspect(i)).toEqual([
      { containerPort: '80', protocol: 'tcp', hostIp: '127.0.0.1', hostPort: '49153' },
      { containerPort: '9000', protocol: 'tcp' },
    ]);
  });
});

describe('status text', () => {
  // Local times, so the test holds in any time zone.
  const now = new Date(2026, 10, 24, 15, 30);
  const at = (d: Date) => d.toISOString();

  it('formatWhen: time today, date and time this year, date before', () => {
    expect(formatWhen(at(new Date(2026, 10, 24, 9, 5)), now)).toBe('09:05');
    expect(formatWhen(at(new Date(2026, 1, 3, 18, 0)), now)).toBe('Feb 3 18:00');
    expect(formatWhen(at(new Date(2024, 11, 31, 23, 0)), now)).toBe('2024-12-31');
  });

  it("the list's words before an inspect, times that do not go stale after", () => {
    expect(statusText(entryFromSummary(summary('a')), now)).toBe('Up 5 minutes');
    const started = at(new Date(2026, 10, 24, 9, 5));
    const finished = at(new Date(2026, 10, 24, 9, 7));
    const e = (state: NonNullable<Parameters<typeof inspect>[1]>['state']) => entryFromInspect(inspect('a', { state: { StartedAt: started, FinishedAt: finished, ...state } }));
    expect(statusText(e({}), now)).toBe('Up since 09:05');
    expect(statusText(e({ Health: { Status: 'healthy' } }), now)).toBe('Up since 09:05 (healthy)');
    expect(statusText(e({ Status: 'paused', Paused: true }), now)).toBe('Paused (up since 09:05)');
    expect(statusText(e({ Status: 'exited', ExitCode: 137 }), now)).toBe('Exited (137) at 09:07');
    expect(statusText(e({ Status: 'restarting', ExitCode: 1 }), now)).toBe('Restarting (1) at 09:07');
    expect(statusText(entryFromInspect(inspect('a', { state: { Status: 'created', StartedAt: '0001-01-01T00:00:00Z' } })), now)).toBe('Created');
    expect(statusText(e({ Status: 'dead' }), now)).toBe('Dead');
  });
});

describe('grouping and refresh keys', () => {
  const entries = [
    entryFromSummary(summary('s2', { Names: ['/zeta'], State: 'exited' })),
    entryFromSummary(summary('s1', { Names: ['/alpha'], State: 'exited' })),
    entryFromSummary(summary('s3', { Names: ['/mid'] })),
    entryFromSummary(summary('w1', { Names: ['/shop-web-1'], Labels: { 'com.docker.compose.project': 'shop' }, State: 'exited' })),
    entryFromSummary(summary('w2', { Names: ['/shop-db-1'], Labels: { 'com.docker.compose.project': 'shop' } })),
    entryFromSummary(summary('b1', { Names: ['/blog-1'], Labels: { 'com.docker.compose.project': 'blog' } })),
  ];

  it('projects first (by name), then standalone; running first, then by name', () => {
    const l = layoutOf(entries);
    expect(l.root).toEqual(['project:blog', 'project:shop', 's3', 's1', 's2']);
    expect(l.groups.get('shop')).toEqual(['w2', 'w1']);
  });

  it('a status change that keeps the order repaints the container alone', () => {
    const store = new ContainerStore();
    store.replaceAll(entries.map((e) => summary(e.id, { Names: [`/${e.name}`], Labels: e.labels, State: e.engineState })));
    expect(store.applyInspect(inspect('s3', { name: 'mid', state: { Health: { Status: 'healthy' } } }))).toEqual([{ kind: 'container', id: 's3' }]);
    // shop-db-1 stops: both are stopped now and keep their (name) order
    expect(store.applyInspect(inspect('w2', { name: 'shop-db-1', labels: { 'com.docker.compose.project': 'shop' }, state: { Status: 'exited', Running: false } }))).toEqual([
      { kind: 'container', id: 'w2' },
    ]);
    // shop-web-1 starts: it moves above shop-db-1 inside its group
    expect(store.applyInspect(inspect('w1', { name: 'shop-web-1', labels: { 'com.docker.compose.project': 'shop' } }))).toEqual([
      { kind: 'group', project: 'shop' },
      { kind: 'container', id: 'w1' },
    ]);
    // a standalone container starts and moves to the top of the standalone ones: the root changes
    expect(store.applyInspect(inspect('s2', { name: 'zeta' }))).toEqual([{ kind: 'root' }]);
    // a new container in an existing project: that group
    expect(store.applyInspect(inspect('w3', { name: 'shop-cache-1', labels: { 'com.docker.compose.project': 'shop' } }))).toEqual([
      { kind: 'group', project: 'shop' },
      { kind: 'container', id: 'w3' },
    ]);
    // the last container of a project goes: the group goes, the root changes
    expect(store.remove('b1')).toEqual([{ kind: 'root' }]);
    expect(store.remove('nope')).toEqual([]);
  });

  it('refreshKeys compares lists, not identities', () => {
    const a = layoutOf(entries);
    const b = layoutOf(entries);
    expect(refreshKeys(a, b, ['s1'])).toEqual([{ kind: 'container', id: 's1' }]);
    expect(refreshKeys(a, b, ['gone'])).toEqual([]);
  });

  it('a resync keeps inspects of containers whose state did not change', () => {
    const store = new ContainerStore();
    store.replaceAll([summary('a'), summary('b')]);
    store.applyInspect(inspect('a'));
    store.applyInspect(inspect('b'));
    store.replaceAll([summary('a', { Status: 'Up 6 minutes' }), summary('b', { State: 'exited', Status: 'Exited (0) 1 second ago' })]);
    expect(store.get('a')?.inspect).toBeDefined();
    expect(store.get('b')?.inspect).toBeUndefined();
    expect(store.find('a')?.id).toBe('a');
  });
});
