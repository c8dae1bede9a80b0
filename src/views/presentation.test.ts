import { describe, expect, it } from 'vitest';
import { profileFromInspect } from '../core/isolation/from-inspect';
import { entryFromInspect, entryFromSummary } from './model';
import {
  badgesOf,
  containerRow,
  containerTooltip,
  contextValueOf,
  decorationOf,
  descriptionBadges,
  detailRows,
  groupDescription,
  portLabel,
  reasonTooltip,
  stateIcon,
} from './presentation';
import { ENGINE, inspect, summary } from './test-data';

const facts = ENGINE.facts;

describe('state icons and menus', () => {
  it.each([
    [{ state: 'running' as const }, 'vm-running', 'charts.green'],
    [{ state: 'unhealthy' as const }, 'warning', 'charts.orange'],
    [{ state: 'paused' as const }, 'debug-pause', 'charts.yellow'],
    [{ state: 'restarting' as const }, 'sync', 'charts.orange'],
    [{ state: 'created' as const }, 'circle-large-outline', 'charts.blue'],
    [{ state: 'exited' as const, exitCode: 0 }, 'vm-outline', 'disabledForeground'],
    [{ state: 'exited' as const, exitCode: 137 }, 'error', 'charts.red'],
    [{ state: 'dead' as const }, 'close', 'errorForeground'],
  ])('%j → %s', (e, id, color) => {
    expect(stateIcon(e)).toEqual({ id, color });
  });

  it('an unhealthy container gets the running menus', () => {
    expect(contextValueOf('unhealthy')).toBe('container-running');
    expect(contextValueOf('exited')).toBe('container-exited');
  });
});

describe('badges', () => {
  it('root, no limits for a plain container; nothing shown as a letter but root', () => {
    const b = badgesOf(profileFromInspect(inspect('a'), facts));
    expect(b.map((x) => x.id)).toEqual(['root', 'no-limits']);
    expect(b[1]!.label).toBe('no memory/CPU/processes limit');
    expect(decorationOf(b)).toEqual({ badge: 'R', tooltip: 'root' });
    expect(descriptionBadges(b)).toEqual([]);
  });

  it('privileged, docker.sock and host namespaces, most serious first', () => {
    const p = profileFromInspect(
      inspect('a', { hostConfig: { Privileged: true, PidMode: 'host', NetworkMode: 'host', Binds: ['/var/run/docker.sock:/var/run/docker.sock'] } }),
      facts,
    );
    const b = badgesOf(p);
    expect(b.map((x) => x.label)).toEqual(['mounts /var/run/docker.sock', 'privileged', 'root', 'host PID, network', 'no memory/CPU/processes limit']);
    expect(decorationOf(b)).toMatchObject({ badge: 'SP', color: 'list.errorForeground' });
    expect(descriptionBadges(b)).toEqual(['mounts /var/run/docker.sock', 'privileged', 'host PID, network']);
    expect(decorationOf(badgesOf(profileFromInspect(inspect('a', { hostConfig: { NetworkMode: 'host' } }), facts)))).toMatchObject({ badge: 'RH', color: 'list.warningForeground' });
  });

  it('a hardened container has none', () => {
    const p = profileFromInspect(
      inspect('a', { user: '1000', hostConfig: { Memory: 1 << 26, NanoCpus: 5e8, CapDrop: ['ALL'], ReadonlyRootfs: true, SecurityOpt: ['no-new-privileges'] } }),
      facts,
    );
    expect(badgesOf(p)).toEqual([]);
    expect(decorationOf([])).toBeUndefined();
  });

  it('root in a remapped user namespace is only information', () => {
    const b = badgesOf(profileFromInspect(inspect('a', { hostConfig: { Memory: 1 << 26, PidsLimit: 100 } }), { ...facts, usernsRemap: true }));
    expect(b).toEqual([expect.objectContaining({ id: 'root', label: 'root (remapped)', severity: 'info' })]);
  });
});

describe('tooltips escape what came from the engine', () => {
  const evil = '<img src=x onerror=alert(1)>';
  /** Raw HTML outside code spans, unescaped. */
  const rawHtml = (md: string) => /(?<!\\)<img/.test(md.replace(/`[^`]*`/g, ''));

  it('compose project label with HTML, in the container tooltip', () => {
    const e = entryFromSummary(summary('a', { Labels: { 'com.docker.compose.project': evil }, Image: '*bold* [x](http://e)' }));
    const md = containerTooltip(e);
    expect(rawHtml(md)).toBe(false);
    expect(md).toContain('`<img src=x onerror=alert(1)>`');
    expect(md).toContain('`*bold* [x](http://e)`');
  });

  it('paths in reasons', () => {
    const e = entryFromInspect(inspect('a', { hostConfig: { Binds: [`/etc/${evil}:/x`] } }), facts);
    const reason = e.placement!.reasons.find((r) => r.field === 'hostPaths')!;
    const md = reasonTooltip(reason);
    expect(rawHtml(md)).toBe(false);
    expect(md).toContain('\\<img src=x onerror=alert\\(1\\)\\>');
    expect(md).toMatch(/\*On the host:\*/);
    expect(md).toMatch(/\*In a VM:\*/);
  });

  it('labels rows: the value in a code span', () => {
    const e = entryFromInspect(inspect('a', { labels: { 'com.docker.compose.project': evil } }), facts);
    const labels = detailRows(e).find((r) => r.key === 'labels')!;
    expect(labels.children![0]!.tooltip).toBe('`com.docker.compose.project` = `<img src=x onerror=alert(1)>`');
  });
});

describe('child rows', () => {
  it('Isolation first and open: level, reasons, next step', () => {
    const e = entryFromInspect(inspect('a', { hostConfig: { PidMode: 'host', CapAdd: ['SYS_ADMIN'] } }), facts);
    const [iso] = detailRows(e);
    expect(iso).toMatchObject({ key: 'isolation', label: 'Isolation', description: 'privileged container', expanded: true });
    expect(iso!.children!.map((c) => `${c.label} (${c.description})`)).toEqual([
      'host PID + SYS_ADMIN (weaker)',
      'shares host PID (weaker)',
      'adds SYS_ADMIN (weaker)',
      'runs as root (weaker)',
      'Next: weakened container (1 step)',
    ]);
  });

  it('the next step names docker run flags, not compose keys', () => {
    const [iso] = detailRows(entryFromInspect(inspect('a'), facts));
    const next = iso!.children!.find((c) => c.key === 'isolation/next')!;
    expect(next.label).toBe('Next: hardened container');
    const steps = next.children!.map((c) => c.label);
    expect(steps).toContain('recreate it with --cap-drop ALL, adding back only what it needs with --cap-add');
    expect(steps).toContain('recreate it with --security-opt no-new-privileges');
    expect(steps.join('\n')).not.toMatch(/cap_drop|security_opt|read_only|mem_limit/);
    expect(next.tooltip).toContain('`--read-only`');
  });

  it('before the first inspect, Isolation says it is reading', () => {
    expect(detailRows(entryFromSummary(summary('a')))).toEqual([{ key: 'isolation', label: 'Isolation', description: 'reading…', icon: { id: 'shield' } }]);
  });

  it('ports, mounts and networks', () => {
    const i = inspect('a');
    i.NetworkSettings.Ports = { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }], '443/tcp': [{ HostIp: '127.0.0.1', HostPort: '8443' }] };
    i.NetworkSettings.Networks = { bridge: { IPAddress: '172.17.0.2' } };
    i.Mounts = [
      { Type: 'bind', Source: '/var/run/docker.sock', Destination: '/var/run/docker.sock', RW: true },
      { Type: 'volume', Name: 'data', Source: '/var/lib/docker/volumes/data/_data', Destination: '/data', RW: false },
    ];
    const rows = detailRows(entryFromInspect(i, facts));
    expect(rows.map((r) => r.key)).toEqual(['isolation', 'ports', 'mounts', 'networks']);
    expect(rows[1]!.children!.map((c) => [c.label, c.description])).toEqual([
      ['*:8080 → 80/tcp', 'every interface'],
      ['127.0.0.1:8443 → 443/tcp', undefined],
    ]);
    expect(rows[2]!.children!.map((c) => [c.label, c.description, c.icon?.id])).toEqual([
      ['/var/run/docker.sock', '/var/run/docker.sock', 'warning'],
      ['/data', 'volume data (ro)', 'database'],
    ]);
    expect(rows[3]!.children![0]).toMatchObject({ label: 'bridge', description: '172.17.0.2', copy: '172.17.0.2' });
  });

  it('portLabel', () => {
    expect(portLabel({ containerPort: '80', protocol: 'tcp' })).toBe('80/tcp (not published)');
    expect(portLabel({ containerPort: '80', protocol: 'tcp', hostIp: '::1', hostPort: '80' })).toBe('[::1]:80 → 80/tcp');
  });
});

describe('rows', () => {
  it('a container row: status, the serious badges in words, the image; menus by state', () => {
    const now = new Date();
    const plain = containerRow(entryFromSummary(summary('a', { Status: 'Up 5 minutes' })), now);
    expect(plain.description).toBe('Up 5 minutes · busybox:1');
    expect(plain.contextValue).toBe('container-running');
    expect(plain.icon).toEqual({ id: 'vm-running', color: 'charts.green' });
    const e = entryFromInspect(inspect('a', { hostConfig: { Privileged: true, NetworkMode: 'host' } }), facts);
    const row = containerRow(e, now);
    expect(row.description).toMatch(/^Up since .* · ⚠ privileged, host network · /);
    expect(row.tooltip).toBe(containerTooltip(e, now));
  });

  it('a compose group counts the containers that are up', () => {
    expect(groupDescription([{ state: 'running' }, { state: 'exited' }, { state: 'paused' }])).toBe('compose · 2/3 up');
    expect(groupDescription([])).toBe('compose · 0/0 up');
  });
});
