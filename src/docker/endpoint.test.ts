import { describe, expect, it } from 'vitest';
import { contextDirName, describeEndpoint, parseHost, resolveEndpoint } from './endpoint';
import type { ResolveDeps } from './endpoint';
import { EngineError } from './errors';

const HOME = '/home/ada';

/** A fake machine: env, files (path → text) and paths that exist. */
function machine(opts: { env?: Record<string, string>; files?: Record<string, string>; exist?: string[]; platform?: string; uid?: number } = {}): ResolveDeps {
  const files = opts.files ?? {};
  const exist = new Set([...(opts.exist ?? []), ...Object.keys(files)]);
  return {
    env: opts.env ?? {},
    homeDir: opts.platform === 'win32' ? 'C:\\Users\\ada' : HOME,
    platform: opts.platform ?? 'linux',
    uid: opts.uid ?? 1000,
    readFile: (f) => files[f],
    exists: (f) => exist.has(f),
  };
}

function context(name: string, host: string, extra: Record<string, unknown> = {}): Record<string, string> {
  const dir = contextDirName(name);
  return {
    [`${HOME}/.docker/contexts/meta/${dir}/meta.json`]: JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, ...extra } } }),
  };
}

function badHost(f: () => unknown): EngineError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    expect((e as EngineError).kind).toBe('bad-host');
    return e as EngineError;
  }
  throw new Error('expected a bad-host EngineError');
}

describe('parseHost', () => {
  it.each([
    ['unix:///var/run/docker.sock', 'unix:///var/run/docker.sock', { kind: 'unix', socketPath: '/var/run/docker.sock' }],
    ['npipe:////./pipe/docker_engine', 'npipe:////./pipe/docker_engine', { kind: 'npipe', socketPath: '\\\\.\\pipe\\docker_engine' }],
    ['tcp://10.0.0.2:2375', 'tcp://10.0.0.2:2375', { kind: 'tcp', host: '10.0.0.2', port: 2375 }],
    ['tcp://docker.example', 'tcp://docker.example:2375', { kind: 'tcp', host: 'docker.example', port: 2375 }],
    ['tcp://:2375', 'tcp://127.0.0.1:2375', { kind: 'tcp', host: '127.0.0.1', port: 2375 }],
    ['tcp://[::1]:2375', 'tcp://[::1]:2375', { kind: 'tcp', host: '::1', port: 2375 }],
    ['10.0.0.2:2375', 'tcp://10.0.0.2:2375', { kind: 'tcp', host: '10.0.0.2', port: 2375 }],
    ['http://box:80', 'tcp://box:80', { kind: 'tcp', host: 'box', port: 80 }],
    ['ssh://me@box', 'ssh://me@box', { kind: 'ssh', host: 'box', user: 'me' }],
    ['ssh://box:2222/run/user/1000/docker.sock', 'ssh://box:2222/run/user/1000/docker.sock', { kind: 'ssh', host: 'box', port: 2222, socketPath: '/run/user/1000/docker.sock' }],
  ])('%s', (raw, host, transport) => {
    const parsed = parseHost(raw, undefined);
    expect(parsed.host).toBe(host);
    expect(parsed.transport).toEqual(transport);
  });

  it('takes TLS for tcp with the TLS port as default, and https:// always as TLS', () => {
    expect(parseHost('tcp://box', { verify: true, caFile: '/c/ca.pem' }).transport).toEqual({
      kind: 'tcp',
      host: 'box',
      port: 2376,
      tls: { verify: true, caFile: '/c/ca.pem' },
    });
    expect(parseHost('https://box', undefined).transport).toEqual({ kind: 'tcp', host: 'box', port: 2376, tls: { verify: true } });
    // TLS settings do not turn a socket into anything else.
    expect(parseHost('unix:///s', { verify: true }).transport).toEqual({ kind: 'unix', socketPath: '/s' });
  });

  it.each([
    ['unix://', 'socket path'],
    ['fd://', 'systemd'],
    ['gopher://box', 'unsupported scheme'],
    ['tcp://box:99999', 'not a port number'],
    ['tcp://box:abc', 'not a port number'],
    ['tcp://::1:2375', 'brackets'],
    ['tcp://box:2375/api', 'path'],
    ['ssh://me:secret@box', 'password'],
    ['ssh://-oProxyCommand=evil', 'cannot start with "-"'],
    ['ssh://', 'host'],
  ])('refuses %s (%s)', (raw, why) => {
    const err = badHost(() => parseHost(raw, undefined, 'DOCKER_HOST'));
    expect(err.message).toContain(why);
    expect(err.message).toContain(`DOCKER_HOST is "${raw}"`);
  });
});

describe('resolveEndpoint: precedence as the docker CLI', () => {
  const cfg = (currentContext: string) => ({ [`${HOME}/.docker/config.json`]: JSON.stringify({ auths: {}, currentContext }) });

  it('a setting host wins over everything', () => {
    const e = resolveEndpoint(machine({ env: { DOCKER_HOST: 'unix:///env.sock', DOCKER_CONTEXT: 'x' } }), { host: 'unix:///setting.sock' });
    expect([e.host, e.source]).toEqual(['unix:///setting.sock', 'setting']);
  });

  it('a setting context comes next, then DOCKER_HOST, then DOCKER_CONTEXT, then config.json', () => {
    const files = { ...context('remote', 'tcp://10.1.1.1:2375'), ...context('other', 'unix:///other.sock'), ...cfg('other') };
    expect(resolveEndpoint(machine({ env: { DOCKER_HOST: 'unix:///env.sock' }, files }), { context: 'remote' })).toMatchObject({
      host: 'tcp://10.1.1.1:2375',
      source: 'setting-context',
      contextName: 'remote',
    });
    // DOCKER_HOST beats DOCKER_CONTEXT when both are set (the CLI does the same).
    expect(resolveEndpoint(machine({ env: { DOCKER_HOST: 'unix:///env.sock', DOCKER_CONTEXT: 'remote' }, files }))).toMatchObject({
      host: 'unix:///env.sock',
      source: 'DOCKER_HOST',
    });
    expect(resolveEndpoint(machine({ env: { DOCKER_CONTEXT: 'remote' }, files }))).toMatchObject({ host: 'tcp://10.1.1.1:2375', source: 'DOCKER_CONTEXT' });
    expect(resolveEndpoint(machine({ files }))).toMatchObject({ host: 'unix:///other.sock', source: 'config-context', contextName: 'other' });
  });

  it('an empty or blank variable counts as unset', () => {
    const e = resolveEndpoint(machine({ env: { DOCKER_HOST: '  ', DOCKER_CONTEXT: '' }, exist: ['/var/run/docker.sock'] }), { host: '' });
    expect(e.source).toBe('well-known-socket');
  });

  it('the "default" context means: no context, fall through to the sockets', () => {
    const e = resolveEndpoint(machine({ env: { DOCKER_CONTEXT: 'default' }, files: cfg('remote'), exist: ['/var/run/docker.sock'] }));
    expect([e.host, e.source]).toEqual(['unix:///var/run/docker.sock', 'well-known-socket']);
    expect(resolveEndpoint(machine({ files: cfg('default'), exist: ['/var/run/docker.sock'] })).source).toBe('well-known-socket');
  });

  it('DOCKER_CONFIG moves config.json and the context store', () => {
    const dir = contextDirName('ci');
    const e = resolveEndpoint(
      machine({
        env: { DOCKER_CONFIG: '/etc/dockercfg' },
        files: {
          '/etc/dockercfg/config.json': '{"currentContext":"ci"}',
          [`/etc/dockercfg/contexts/meta/${dir}/meta.json`]: '{"Endpoints":{"docker":{"Host":"ssh://ci@builder"}}}',
        },
      }),
    );
    expect(e).toMatchObject({ host: 'ssh://ci@builder', source: 'config-context', transport: { kind: 'ssh', user: 'ci', host: 'builder' } });
  });

  it('a context with TLS material gets TLS, verified unless SkipTLSVerify', () => {
    const dir = contextDirName('secure');
    const tls = `${HOME}/.docker/contexts/tls/${dir}/docker`;
    const exist = [`${tls}/ca.pem`, `${tls}/cert.pem`, `${tls}/key.pem`];
    const verified = resolveEndpoint(machine({ env: { DOCKER_CONTEXT: 'secure' }, files: context('secure', 'tcp://box:2376'), exist }));
    expect(verified.transport).toEqual({
      kind: 'tcp',
      host: 'box',
      port: 2376,
      tls: { verify: true, caFile: `${tls}/ca.pem`, certFile: `${tls}/cert.pem`, keyFile: `${tls}/key.pem` },
    });
    const skipped = resolveEndpoint(machine({ env: { DOCKER_CONTEXT: 'secure' }, files: context('secure', 'tcp://box:2376', { SkipTLSVerify: true }), exist }));
    expect(skipped.transport).toMatchObject({ tls: { verify: false } });
    // No TLS files: plain TCP, as the CLI does.
    const plain = resolveEndpoint(machine({ env: { DOCKER_CONTEXT: 'secure' }, files: context('secure', 'tcp://box:2375') }));
    expect(plain.transport).toEqual({ kind: 'tcp', host: 'box', port: 2375 });
  });

  it('DOCKER_TLS_VERIFY and DOCKER_CERT_PATH make tcp:// TLS with the files that exist', () => {
    const e = resolveEndpoint(
      machine({ env: { DOCKER_HOST: 'tcp://box', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' }, exist: ['/certs/ca.pem', '/certs/cert.pem'] }),
    );
    expect(e.transport).toEqual({ kind: 'tcp', host: 'box', port: 2376, tls: { verify: true, caFile: '/certs/ca.pem', certFile: '/certs/cert.pem' } });
    // Without DOCKER_CERT_PATH the files come from ~/.docker; DOCKER_TLS alone encrypts without checking (no CA loaded).
    const e2 = resolveEndpoint(machine({ env: { DOCKER_HOST: 'tcp://box', DOCKER_TLS: '1' }, exist: [`${HOME}/.docker/ca.pem`, `${HOME}/.docker/key.pem`] }));
    expect(e2.transport).toEqual({ kind: 'tcp', host: 'box', port: 2376, tls: { verify: false, keyFile: `${HOME}/.docker/key.pem` } });
  });

  it('an unknown or broken context is a bad-host error naming where the name came from', () => {
    expect(badHost(() => resolveEndpoint(machine({ env: { DOCKER_CONTEXT: 'gone' } }))).message).toMatch(/context "gone" \(from DOCKER_CONTEXT\) does not exist/);
    const dir = contextDirName('broken');
    const files = { [`${HOME}/.docker/contexts/meta/${dir}/meta.json`]: '{not json' };
    expect(badHost(() => resolveEndpoint(machine({ env: { DOCKER_CONTEXT: 'broken' }, files }))).message).toMatch(/not valid JSON/);
    const noHost = { [`${HOME}/.docker/contexts/meta/${dir}/meta.json`]: '{"Endpoints":{}}' };
    expect(badHost(() => resolveEndpoint(machine({ env: { DOCKER_CONTEXT: 'broken' }, files: noHost }))).message).toMatch(/no docker endpoint host/);
  });

  it('a broken config.json names no context (the sockets decide)', () => {
    const e = resolveEndpoint(machine({ files: { [`${HOME}/.docker/config.json`]: '{oops' }, exist: ['/var/run/docker.sock'] }));
    expect(e.source).toBe('well-known-socket');
  });
});

describe('resolveEndpoint: well-known sockets', () => {
  it('takes the first that exists, in the documented order, and lists all of them', () => {
    const e = resolveEndpoint(
      machine({ env: { XDG_RUNTIME_DIR: '/run/user/1000' }, exist: ['/run/user/1000/podman/podman.sock', `${HOME}/.colima/default/docker.sock`] }),
    );
    expect(e).toMatchObject({ host: 'unix:///run/user/1000/podman/podman.sock', source: 'well-known-socket', label: 'Podman (rootless)' });
    expect(e.candidates.map((c) => c.host)).toEqual([
      'unix:///var/run/docker.sock',
      'unix:///run/user/1000/docker.sock',
      `unix://${HOME}/.docker/run/docker.sock`,
      `unix://${HOME}/.docker/desktop/docker.sock`,
      'unix:///run/user/1000/podman/podman.sock',
      'unix:///run/podman/podman.sock',
      `unix://${HOME}/.colima/default/docker.sock`,
      `unix://${HOME}/.colima/docker.sock`,
      `unix://${HOME}/.orbstack/run/docker.sock`,
      `unix://${HOME}/.rd/docker.sock`,
    ]);
    expect(e.candidates.filter((c) => c.exists).map((c) => c.label)).toEqual(['Podman (rootless)', 'Colima']);
  });

  it('rootless paths fall back to /run/user/<uid> without XDG_RUNTIME_DIR, and are skipped for root', () => {
    expect(resolveEndpoint(machine({ uid: 1001, exist: ['/run/user/1001/docker.sock'] })).host).toBe('unix:///run/user/1001/docker.sock');
    expect(resolveEndpoint(machine({ uid: 0 })).candidates.some((c) => c.host.includes('/run/user/'))).toBe(false);
  });

  it('with nothing found: the default socket, marked as such, every candidate "not found"', () => {
    const e = resolveEndpoint(machine());
    expect([e.host, e.source]).toEqual(['unix:///var/run/docker.sock', 'default']);
    expect(e.candidates.every((c) => !c.exists)).toBe(true);
    expect(describeEndpoint(e)).toBe('unix:///var/run/docker.sock (default; no engine socket found)');
  });

  it('Windows: named pipes, Docker Desktop first', () => {
    const none = resolveEndpoint(machine({ platform: 'win32' }));
    expect(none).toMatchObject({ host: 'npipe:////./pipe/docker_engine', source: 'default', transport: { kind: 'npipe', socketPath: '\\\\.\\pipe\\docker_engine' } });
    const podman = resolveEndpoint(machine({ platform: 'win32', exist: ['\\\\.\\pipe\\podman-machine-default'] }));
    expect(podman).toMatchObject({ host: 'npipe:////./pipe/podman-machine-default', label: 'Podman machine' });
  });

  it('candidates are reported even when DOCKER_HOST decided (for "DOCKER_HOST is wrong, but X exists")', () => {
    const e = resolveEndpoint(machine({ env: { DOCKER_HOST: 'unix:///nowhere.sock' }, exist: ['/var/run/docker.sock'] }));
    expect(e.source).toBe('DOCKER_HOST');
    expect(e.candidates.find((c) => c.exists)?.host).toBe('unix:///var/run/docker.sock');
  });
});
