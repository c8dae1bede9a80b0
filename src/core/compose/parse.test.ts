import { describe, expect, it } from 'vitest';
import type { Range } from '../text/range';
import { hasInterpolation, isComposeFile, parseCompose, splitShortPort, splitShortVolume } from './parse';
import type { ComposeModel, ComposeService } from './model';

const covered = (m: ComposeModel, r: Range | undefined) => (r ? m.lines.slice(r) : undefined);

function service(text: string, name?: string): { m: ComposeModel; s: ComposeService } {
  const m = parseCompose(text, 'compose.yaml');
  const s = name ? m.services.find((x) => x.name === name) : m.services[0];
  if (!s) throw new Error(`no service ${name ?? ''} in ${JSON.stringify(m.services.map((x) => x.name))}`);
  return { m, s };
}

describe('parseCompose: isolation keys with their ranges', () => {
  const text = `services:
  web:
    image: nginx:1.27
    user: "0:0"
    privileged: true
    pid: host
    ipc: host
    network_mode: host
    uts: host
    userns_mode: host
    cgroup: host
    cgroup_parent: m-executor
    cap_add: [SYS_ADMIN, NET_ADMIN]
    cap_drop:
      - ALL
    security_opt:
      - seccomp:unconfined
      - no-new-privileges:true
    read_only: "true"
    tmpfs: /run
    devices:
      - /dev/fuse:/dev/fuse:rwm
      - source: /dev/ttyUSB0
        target: /dev/ttyUSB0
    mem_limit: 512m
    memswap_limit: 1g
    cpus: 0.5
    cpu_quota: 50000
    pids_limit: 100
    deploy:
      resources:
        limits:
          memory: 256M
          cpus: '0.25'
          pids: 50
    sysctls:
      - net.core.somaxconn=1024
    runtime: runsc
    init: true
`;
  const { m, s } = service(text);
  const cases: [string, Range | undefined, string][] = [
    ['service key', s.keyRange, 'web'],
    ['image', s.image?.range, 'nginx:1.27'],
    ['user', s.user?.range, '"0:0"'],
    ['privileged pair', s.privileged?.pairRange, 'privileged: true'],
    ['pid', s.pid?.range, 'host'],
    ['ipc key', s.ipc?.keyRange, 'ipc'],
    ['network_mode', s.networkMode?.pairRange, 'network_mode: host'],
    ['uts', s.uts?.pairRange, 'uts: host'],
    ['userns_mode', s.usernsMode?.pairRange, 'userns_mode: host'],
    ['cgroup', s.cgroup?.pairRange, 'cgroup: host'],
    ['cgroup_parent', s.cgroupParent?.range, 'm-executor'],
    ['cap_add[1]', s.capAdd[1]?.range, 'NET_ADMIN'],
    ['cap_drop[0]', s.capDrop[0]?.range, 'ALL'],
    ['security_opt[0]', s.securityOpt[0]?.range, 'seccomp:unconfined'],
    ['read_only', s.readOnly?.range, '"true"'],
    ['tmpfs', s.tmpfs[0]?.range, '/run'],
    ['device short', s.devices[0]?.range, '/dev/fuse:/dev/fuse:rwm'],
    ['mem_limit', s.memLimit?.range, '512m'],
    ['memswap_limit', s.memswapLimit?.range, '1g'],
    ['cpus', s.cpus?.range, '0.5'],
    ['cpu_quota', s.cpuQuota?.range, '50000'],
    ['pids_limit', s.pidsLimit?.range, '100'],
    ['deploy memory', s.deployLimits.memory?.pairRange, 'memory: 256M'],
    ['deploy cpus', s.deployLimits.cpus?.range, "'0.25'"],
    ['deploy pids', s.deployLimits.pids?.range, '50'],
    ['sysctl', s.sysctls[0]?.range, 'net.core.somaxconn=1024'],
    ['runtime', s.runtime?.range, 'runsc'],
    ['init', s.init?.pairRange, 'init: true'],
  ];
  it.each(cases)('%s', (_name, r, text) => {
    expect(covered(m, r)).toBe(text);
  });

  it('reads values', () => {
    expect(s.privileged?.value).toBe(true);
    expect(s.readOnly?.value).toBe(true);
    expect(s.user?.value).toBe('0:0');
    expect(s.capAdd.map((c) => c.value)).toEqual(['SYS_ADMIN', 'NET_ADMIN']);
    expect(s.devices[1]).toMatchObject({ source: '/dev/ttyUSB0', target: '/dev/ttyUSB0', syntax: 'long' });
    expect(s.sysctls[0]).toMatchObject({ name: 'net.core.somaxconn', value: '1024' });
    expect(s.cpus?.value).toBe('0.5');
    expect(s.deployLimits.pids?.value).toBe('50');
    expect(m.documentErrors).toEqual([]);
  });
});

describe('volumes', () => {
  const text = `services:
  app:
    image: app
    volumes:
      - /var/lib/anonymous
      - /var/run/docker.sock:/var/run/docker.sock
      - ./src:/app/src:ro
      - ~/configs:/etc/configs:ro,z
      - data:/data
      - C:\\data:/data2
      - \${PWD}:/work
      - type: bind
        source: /etc
        target: /host-etc
        read_only: true
      - type: volume
        source: cache
        target: /cache
      - type: tmpfs
        target: /tmp
`;
  const { m, s } = service(text);
  it('reads short and long syntax', () => {
    expect(s.volumes.map((v) => [v.syntax, v.type, v.source, v.target, v.readOnly])).toEqual([
      ['short', 'anonymous', undefined, '/var/lib/anonymous', false],
      ['short', 'bind', '/var/run/docker.sock', '/var/run/docker.sock', false],
      ['short', 'bind', './src', '/app/src', true],
      ['short', 'bind', '~/configs', '/etc/configs', true],
      ['short', 'volume', 'data', '/data', false],
      ['short', 'bind', 'C:\\data', '/data2', false],
      ['short', 'bind', '${PWD}', '/work', false],
      ['long', 'bind', '/etc', '/host-etc', true],
      ['long', 'volume', 'cache', '/cache', false],
      ['long', 'tmpfs', undefined, '/tmp', false],
    ]);
  });
  it('points at the entry and the long-syntax source', () => {
    expect(covered(m, s.volumes[1].range)).toBe('/var/run/docker.sock:/var/run/docker.sock');
    expect(covered(m, s.volumes[7].sourceRange)).toBe('/etc');
  });
});

describe('ports', () => {
  const cases: [string, ReturnType<typeof splitShortPort>][] = [
    ['3000', { target: '3000' }],
    ['8000:8000', { published: '8000', target: '8000' }],
    ['127.0.0.1:8001:8001', { hostIp: '127.0.0.1', published: '8001', target: '8001' }],
    ['127.0.0.1::5000', { hostIp: '127.0.0.1', target: '5000' }],
    ['[::1]:6001:6001/udp', { hostIp: '::1', published: '6001', target: '6001', protocol: 'udp' }],
    ['9090-9091:8080-8081', { published: '9090-9091', target: '8080-8081' }],
  ];
  it.each(cases)('short %s', (spec, expected) => {
    const got = splitShortPort(spec);
    expect(Object.fromEntries(Object.entries(got).filter(([, v]) => v !== undefined))).toEqual(expected);
  });

  it('reads short (numbers and strings) and long syntax', () => {
    const { m, s } = service(`services:
  a:
    image: a
    ports:
      - 3000
      - "127.0.0.1:8080:80"
      - target: 443
        published: "8443"
        host_ip: 0.0.0.0
        protocol: tcp
        mode: host
`);
    expect(s.ports.map((p) => [p.syntax, p.hostIp, p.published, p.target])).toEqual([
      ['short', undefined, undefined, '3000'],
      ['short', '127.0.0.1', '8080', '80'],
      ['long', '0.0.0.0', '8443', '443'],
    ]);
    expect(covered(m, s.ports[1].range)).toBe('"127.0.0.1:8080:80"');
  });
});

describe('anchors, merge keys and !reset / !override', () => {
  const text = `x-hardening: &hardening
  read_only: true
  cap_drop: [ALL]
  security_opt:
    - no-new-privileges:true
x-base: &base
  image: base:1
  privileged: true
services:
  a:
    <<: [*hardening, *base]
    image: a:1
  b:
    <<: *base
    privileged: !reset null
    cap_add: !override
      - NET_BIND_SERVICE
`;
  const m = parseCompose(text, 'compose.yaml');
  it('resolves merge keys and records where they came from', () => {
    const a = m.services.find((s) => s.name === 'a')!;
    expect(a.image?.value).toBe('a:1');
    expect(a.privileged?.value).toBe(true);
    expect(covered(m, a.privileged?.pairRange)).toBe('privileged: true');
    expect(covered(m, a.privileged?.mergedVia)).toBe('*base');
    expect(a.readOnly?.value).toBe(true);
    expect(a.capDrop.map((c) => c.value)).toEqual(['ALL']);
    expect(covered(m, a.capDrop[0].mergedVia)).toBe('*hardening');
  });
  it('`!reset` removes a merged key', () => {
    const b = m.services.find((s) => s.name === 'b')!;
    expect(b.privileged).toBeUndefined();
    expect(b.resets).toEqual(['privileged']);
    expect(b.image?.value).toBe('base:1');
    expect(b.capAdd.map((c) => c.value)).toEqual(['NET_BIND_SERVICE']);
  });
  it('records x- extensions', () => {
    expect(m.extensions.map((e) => e.key)).toEqual(['x-hardening', 'x-base']);
    expect(m.documentErrors).toEqual([]);
  });
});

describe('extends, include, build', () => {
  const text = `name: demo
version: "3.9"
include:
  - other/compose.yaml
  - path: [a.yaml, b.yaml]
services:
  base:
    image: base:1
    pid: host
    cap_add: [NET_ADMIN]
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock
  child:
    extends:
      service: base
    cap_add: [SYS_TIME]
    pid: !reset
  grandchild:
    extends: child
    user: app
  remote:
    extends:
      file: common.yaml
      service: web
  loop1:
    extends: loop2
  loop2:
    extends: loop1
  built:
    build:
      context: ./app
      dockerfile: Dockerfile.prod
      network: host
      privileged: true
      entitlements: [network.host, security.insecure]
  short-build:
    build: ./dir
`;
  const m = parseCompose(text, 'compose.yaml');
  const get = (n: string) => m.services.find((s) => s.name === n)!;
  it('inherits from a service of the same file', () => {
    const child = get('child');
    expect(child.image?.value).toBe('base:1');
    expect(covered(m, child.image?.range)).toBe('base:1');
    expect(child.pid).toBeUndefined();
    expect(child.capAdd.map((c) => c.value)).toEqual(['NET_ADMIN', 'SYS_TIME']);
    expect(child.volumes.map((v) => v.source)).toEqual(['/var/run/docker.sock']);
    expect(child.inherited.sort()).toEqual(['cap_add', 'image', 'volumes']);
    const grandchild = get('grandchild');
    expect(grandchild.image?.value).toBe('base:1');
    expect(grandchild.capAdd.map((c) => c.value)).toEqual(['NET_ADMIN', 'SYS_TIME']);
    expect(grandchild.user?.value).toBe('app');
  });
  it('records extends of another file without following it', () => {
    const remote = get('remote');
    expect(remote.extends?.file?.value).toBe('common.yaml');
    expect(remote.extends?.service?.value).toBe('web');
    expect(remote.image).toBeUndefined();
  });
  it('survives an extends cycle', () => {
    expect(get('loop1').extends?.service?.value).toBe('loop2');
  });
  it('reads build', () => {
    const b = get('built').build!;
    expect(b.context?.value).toBe('./app');
    expect(b.dockerfile?.value).toBe('Dockerfile.prod');
    expect(b.network?.value).toBe('host');
    expect(b.privileged?.value).toBe(true);
    expect(b.entitlements.map((e) => e.value)).toEqual(['network.host', 'security.insecure']);
    expect(covered(m, b.keyRange)).toBe('build');
    expect(get('short-build').build?.context?.value).toBe('./dir');
  });
  it('records top-level name, version and include', () => {
    expect(m.name?.value).toBe('demo');
    expect(covered(m, m.version?.pairRange)).toBe('version: "3.9"');
    expect(m.includes.map((i) => i.paths.map((p) => p.value))).toEqual([['other/compose.yaml'], ['a.yaml', 'b.yaml']]);
  });
});

describe('interpolation is left as text', () => {
  it('keeps ${VAR:-default} and marks booleans undecided', () => {
    const { s } = service('services:\n  a:\n    image: "${IMAGE:-nginx}:${TAG:-1}"\n    privileged: ${PRIV:-false}\n');
    expect(s.image?.value).toBe('${IMAGE:-nginx}:${TAG:-1}');
    expect(s.privileged?.value).toBeUndefined();
    expect(s.privileged?.text).toBe('${PRIV:-false}');
  });
  it.each([
    ['${A}', true],
    ['$A', true],
    ['$$A', false],
    ['a:b', false],
    ['${A:-x}', true],
  ])('hasInterpolation(%s) = %s', (t, expected) => {
    expect(hasInterpolation(t)).toBe(expected);
  });
});

describe('splitShortVolume', () => {
  it.each([
    ['/data', { target: '/data' }],
    ['./a:/b', { source: './a', target: '/b' }],
    ['C:\\x:/y:ro', { source: 'C:\\x', target: '/y', mode: 'ro' }],
    ['vol:/y:rw,z', { source: 'vol', target: '/y', mode: 'rw,z' }],
  ])('%s', (spec, expected) => {
    expect(splitShortVolume(spec)).toEqual(expected);
  });
});

describe('isComposeFile', () => {
  const cases: [string, string, boolean][] = [
    ['compose.yaml', '', true],
    ['/p/docker-compose.yml', '', true],
    ['/p/docker-compose.prod.yml', '', true],
    ['/p/compose.override.yaml', '', true],
    ['/p/app.compose.yaml', '', true],
    ['/p/stack.yml', 'services:\n  web:\n    image: nginx\n', true],
    ['/p/stack.yml', 'services:\n  web:\n', true],
    ['/p/stack.yml', 'services:\n  - web\n', false],
    ['/p/k8s.yaml', 'apiVersion: v1\nkind: Foo\nservices:\n  web:\n    image: x\n', false],
    ['/p/config.yaml', 'server:\n  port: 80\n', false],
    ['/p/services.json', 'services:\n  web: {}\n', false],
    // A compose file with a syntax error is still a compose file (its errors are shown).
    ['/p/broken.yaml', 'services:\n  web:\n    image: [\n', true],
  ];
  it.each(cases)('%s %j → %s', (name, text, expected) => {
    expect(isComposeFile(name, text)).toBe(expected);
  });
});

describe('robustness', () => {
  it.each([
    '',
    'services:',
    'services: []',
    'services:\n  a: 1\n  b:\n',
    'services:\n  a:\n    volumes: /x\n    ports: {a: 1}\n    cap_add: {x: 1}\n    devices: 3\n    deploy: []\n    build: [1]\n    extends: [1]\n',
    '- a\n- b\n',
    'services:\n  a: &a\n    <<: *a\n',
    'services:\n  a:\n    image: x\n---\nb: [\n',
  ])('does not throw on %j', (text) => {
    expect(() => parseCompose(text, 'compose.yaml')).not.toThrow();
  });

  it('a templated compose file gives one info note and no services', () => {
    const m = parseCompose('services:\n  web:\n    image: {{ .Values.image }}\n', 'compose.yaml');
    expect(m.templated).toBe(true);
    expect(m.services).toEqual([]);
    expect(m.documentErrors.map((e) => e.severity)).toEqual(['info']);
  });
});
