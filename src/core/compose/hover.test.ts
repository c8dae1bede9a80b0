import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../text/range';
import type { Position } from '../text/range';
import { computeComposeHover } from './hover';
import type { YamlHover } from './hover';
import { parseCompose } from './parse';

const CORPUS = '/work/shared/corpus/compose';
/** Marks the hover position inside a test file (a character no compose file here uses). */
const MARK = '¦';

function at(src: string): { text: string; pos: Position } {
  const i = src.indexOf(MARK);
  if (i < 0) throw new Error(`no ${MARK} marker in ${src}`);
  const text = src.slice(0, i) + src.slice(i + MARK.length);
  return { text, pos: new LineIndex(text).positionAt(i) };
}

function hover(src: string): { h: YamlHover | undefined; text: string } {
  const { text, pos } = at(src);
  return { h: computeComposeHover(parseCompose(text, 'compose.yaml'), pos), text };
}

/** `services:\n  web:\n` + the service body (indented 4). */
function svc(body: string, name = 'web'): string {
  return `services:\n  ${name}:\n${body.replace(/^/gm, '    ')}\n`;
}

/** [compose text with ¦ at the hover position, substrings the hover must contain, text its range must cover] */
type Row = [string, string[], string?];

function check(rows: Row[]) {
  it.each(rows)('%j', (src, needles, covers) => {
    const { h, text } = hover(src);
    expect(h, 'a hover').toBeDefined();
    for (const n of needles) expect(h!.markdown).toContain(n);
    if (covers !== undefined) expect(new LineIndex(text).slice(h!.range)).toBe(covers);
  });
}

describe('namespaces', () => {
  check([
    [
      svc('image: nginx:1.27\n¦network_mode: host'),
      [
        "Service `web` shares the host's network namespace: it can bind the host's ports and see its interfaces.",
        '**Touches** the network namespace.',
        '**On the host:**',
        '**Behind a VM boundary:**',
        '**Network namespace**:',
        '**Isolation:** service `web`: weakened container',
        'shares host network',
        'See also:',
      ],
      'network_mode',
    ],
    [svc('network_mode: ho¦st'), ["shares the host's network namespace"], 'host'],
    [svc('network_mode: host\nports: ["80:80"]\n¦image: x'), []],
    [svc('¦network_mode: host\nports: ["80:80"]'), ['Its `ports:` are ignored']],
    [svc('¦network_mode: "service:db"'), ['joins the network namespace of service `db`', '**What it decides:**']],
    [svc('¦network_mode: none'), ['nothing but a loopback interface']],
    [svc('¦pid: host'), ["shares the host's PID namespace: it sees every process on the host and can signal them", 'PID namespace']],
    [svc('¦pid: host\ncap_add: [SYS_PTRACE]'), ['With SYS_PTRACE as well', 'privileged container']],
    [svc('¦ipc: host'), ["shares the host's IPC namespace", 'IPC namespace']],
    [svc('¦ipc: shareable'), ['its own IPC namespace, which other containers may join']],
    [svc('¦uts: host'), ["shares the host's UTS namespace"]],
    [svc('¦cgroup: host'), ["shares the host's cgroup namespace", 'Cgroup namespace']],
    [svc('¦userns_mode: host'), ["opts out of the daemon's user remapping", 'userns-remap']],
    [svc('¦pid: ${PID_MODE:-private}'), ['`${PID_MODE:-private}` decides when compose runs']],
  ]);
});

describe('privileges and capabilities', () => {
  check([
    [svc('¦privileged: true'), ['Service `web` is privileged', '**Privileged containers**', 'privileged container'], 'privileged'],
    [svc('privileged: ¦false'), ['explicitly not privileged'], 'false'],
    [svc('¦cap_add: [SYS_ADMIN, NET_ADMIN]'), ['adds `SYS_ADMIN`, `NET_ADMIN`', 'power over the shared kernel', '**Linux capabilities**']],
    [svc('cap_add: [¦SYS_ADMIN]'), ['`CAP_SYS_ADMIN` lets a process mount filesystems', 'not in Docker\'s default set: this line gives it'], 'SYS_ADMIN'],
    [svc('cap_add:\n  - ¦CAP_NET_RAW'), ['`CAP_NET_RAW` lets a process open raw and packet sockets', "already in Docker's default set"], 'CAP_NET_RAW'],
    [svc('cap_add: [A¦LL]'), ['adds every capability the kernel has']],
    [svc('cap_drop: [A¦LL]\ncap_add: [NET_BIND_SERVICE]'), ['drops every capability, then gets back only what `cap_add` lists (`NET_BIND_SERVICE`)']],
    [svc('cap_drop: [¦NET_RAW]'), ['Dropping it takes that away from service `web`']],
    [svc('¦cap_drop: [ALL]'), ['With `cap_drop: [ALL]` it keeps only none']],
    [svc('privileged: true\ncap_add: [¦SYS_ADMIN]'), ['`privileged: true` gives it every capability anyway']],
    [svc('security_opt:\n  - ¦seccomp:unconfined'), ['runs without a seccomp filter', '**seccomp system-call filtering**'], 'seccomp:unconfined'],
    [svc('security_opt:\n  - apparmor=unconfi¦ned'), ['runs without an AppArmor profile', '**AppArmor and SELinux**']],
    [svc('security_opt: [¦"label:disable"]'), ['runs without SELinux separation']],
    [svc('security_opt: [¦"label=type:spc_t"]'), ['`spc_t`']],
    [svc('security_opt: [¦no-new-privileges:true]'), ['sets no-new-privileges', '**The no-new-privileges flag**']],
    [svc('security_opt: [¦"no-new-privileges:false"]'), ['switches no-new-privileges off']],
    [svc('security_opt: [¦systempaths=unconfined]'), ["without the runtime's masks"]],
    [svc('¦security_opt: [seccomp:unconfined]'), ['runs without a seccomp filter', 'It does not set `no-new-privileges:true`.']],
  ]);
});

describe('user, filesystem, devices, volumes', () => {
  check([
    [svc('¦user: root'), ['runs as root (`root`)', 'UID 0 on the host', '**Running as a non-root user**'], 'user'],
    [svc('user: "¦0:0"'), ['runs as root']],
    [svc('¦user: "10001:10001"'), ['runs as `10001:10001`, not root', '**What it decides:**']],
    [svc('¦user: app'), ['A name must exist in the image']],
    [svc('¦user: ${UID}'), ['`${UID}` decides when compose runs']],
    [svc('¦read_only: true\ntmpfs: [/tmp]'), ['read-only root filesystem', 'Writable in memory: `/tmp`', 'The writable container layer']],
    [svc('¦read_only: true'), ['It declares no `tmpfs:`']],
    [svc('¦read_only: false'), ['can write anywhere in its own root filesystem']],
    [svc('devices:\n  - ¦/dev/kvm:/dev/kvm'), ['gets the host device `/dev/kvm`', 'KVM hypervisor interface'], '/dev/kvm:/dev/kvm'],
    [svc('devices:\n  - /dev/sda:/dev/xvda:¦rwm'), ['`/dev/sda` as `/dev/xvda`', 'raw access to the disk', 'Permissions: `rwm`']],
    [svc('¦devices: [/dev/fuse]'), ['gets 1 host device: `/dev/fuse`']],
    [
      svc('volumes:\n  - ¦/var/run/docker.sock:/var/run/docker.sock'),
      ["mounts the Docker engine's socket `/var/run/docker.sock` at `/var/run/docker.sock`", 'root on the host, read-only mount or not', '**Privileged containers**', 'privileged container'],
      '/var/run/docker.sock:/var/run/docker.sock',
    ],
    [
      svc('volumes:\n  - type: bind\n    source: /var/run/docker.so¦ck\n    target: /sock'),
      ["mounts the Docker engine's socket `/var/run/docker.sock` at `/sock`"],
      '/var/run/docker.sock',
    ],
    [svc('volumes:\n  - ¦/:/host'), ["mounts `/` from the host at `/host`, read-write: the host's whole filesystem", 'Writable, it can change anything on the host']],
    [svc('volumes:\n  - ¦/:/host:ro'), ['read-only', 'Read-only, it can still read every secret on the host']],
    [svc('volumes:\n  - ¦/etc/passwd:/etc/passwd:ro'), ["the host's configuration, including users and passwords"]],
    [svc('volumes:\n  - ¦./src:/app'), ['mounts the host path `./src` at `/app`, read-write']],
    [svc('volumes:\n  - ¦data:/data'), ['mounts the named volume `data` at `/data`']],
    [svc('volumes:\n  - ¦/data'), ['anonymous volume at `/data`']],
    [svc('¦volumes:\n  - /var/run/docker.sock:/s\n  - data:/d'), ['has 2 mounts, 1 host path among them', 'Sensitive: `/var/run/docker.sock`']],
  ]);
});

describe('cgroup limits, sysctls, runtime, image, ports', () => {
  check([
    [svc('¦mem_limit: 512m'), ['may use at most `512m` of memory', 'memory cgroup controller', '**Control groups (cgroups)**', 'It has no limit on CPU and processes.']],
    [svc('mem_limit: 512m\ncpus: "1.5"\n¦pids_limit: 100'), ['may have at most `100` processes and threads', 'pids cgroup controller']],
    [svc('¦pids_limit: -1'), ['`-1` means no limit']],
    [svc('¦cpus: 0.5'), ["at most `0.5` CPUs' worth of time"]],
    [svc('¦cpu_shares: 512'), ['a share when CPUs are busy, not a cap']],
    [svc('deploy:\n  resources:\n    limits:\n      ¦memory: 256M'), ['may use at most `256M` of memory'], 'memory'],
    [svc('deploy:\n  resources:\n    limits:\n      pids: ¦50'), ['at most `50` processes']],
    [svc('deploy:\n  resources:\n    reservations:\n      ¦memory: 64M'), ['reserves `64M`: a floor for scheduling, not a cap']],
    [svc('¦deploy:\n  resources:\n    limits:\n      memory: 256M'), ['is limited to memory `256M`']],
    [svc('deploy:\n  ¦resources: {}'), ['has no cgroup limits']],
    [svc('sysctls:\n  ¦net.core.somaxconn: 1024'), ['sets the kernel parameter `net.core.somaxconn` to `1024`', 'network namespace, so it changes'], 'net.core.somaxconn'],
    [svc('sysctls:\n  - ¦kernel.shmmax=1000'), ['IPC namespace']],
    [svc('sysctls:\n  - ¦vm.swappiness=10'), ['not a per-namespace parameter: Docker refuses it']],
    [svc('network_mode: host\nsysctls:\n  ¦net.ipv4.ip_forward: 1'), ["Docker refuses it, because it would change the host's setting"]],
    [svc('¦runtime: runsc'), ['runs under gVisor', '**gVisor**', 'sandboxed container']],
    [svc('¦runtime: kata-runtime'), ['Kata Containers micro-VM', '**Kata Containers and Firecracker**', 'micro-VM']],
    [svc('¦runtime: runc'), ['an ordinary OCI runtime']],
    [svc('¦image: nginx:1.27'), ['tag `1.27`, which the registry can move', 'official nginx image', 'runs as root unless told otherwise, and service `web` does not say otherwise', '**Tags and digests**']],
    [svc('image: ¦nginx'), ["which means `:latest`"]],
    [svc(`image: nginx@sha256:${'a'.repeat(64)}\n¦user: "1"`), ['not root']],
    [svc(`¦image: nginx@sha256:${'a'.repeat(64)}`), ['pinned by digest']],
    [svc('¦image: gcr.io/distroless/static:nonroot'), ['by default']],
    [svc('¦image: ${IMAGE}'), ['is decided when the file is used']],
    [svc('ports:\n  - ¦"8080:80"'), ['forwards host port `8080` on every host interface to its port `80`', 'Give a host address']],
    [svc('ports:\n  - ¦"127.0.0.1:8080:80"'), ['on `127.0.0.1` only']],
    [svc('network_mode: host\nports:\n  - ¦"80:80"'), ["Ignored: service `web` uses the host's network"]],
  ]);
});

describe('the service name', () => {
  check([
    [
      'services:\n  ¦web:\n    image: nginx\n    network_mode: host\n',
      ['**web** · compose service', 'Service `web` is a **weakened container** on the isolation spectrum.', "▼ shares the host's network namespace", 'To become a default container:', '**The isolation spectrum**'],
      'web',
    ],
    [
      'services:\n  ¦api:\n    image: x\n    user: "1000"\n    cap_drop: [ALL]\n    read_only: true\n    security_opt: [no-new-privileges:true]\n    mem_limit: 1g\n    pids_limit: 10\n',
      ['**hardened container**', 'To become a sandboxed container:', 'runsc'],
    ],
  ]);
});

describe('where there is nothing to teach', () => {
  it.each([
    [svc('¦command: ["npm", "start"]')],
    [svc('image: nginx\n¦\nuser: root')],
    ['¦services:\n  web:\n    image: x\n'],
    ['x-base: &base\n  ¦privileged: true\nservices:\n  web:\n    <<: *base\n'],
    ['# a comment ¦here\nservices:\n  web:\n    image: x\n'],
    ['name: ¦demo\nservices:\n  web:\n    image: x\n'],
    [svc('deploy:\n  ¦replicas: 2')],
  ])('%j', (src) => {
    expect(hover(src).h).toBeUndefined();
  });

  it('is undefined outside the document and on templated files', () => {
    const model = parseCompose(svc('privileged: true'), 'compose.yaml');
    expect(computeComposeHover(model, { line: 99, character: 0 })).toBeUndefined();
    expect(computeComposeHover(model, { line: -1, character: 0 })).toBeUndefined();
    const helm = parseCompose('services:\n  web:\n    image: {{ .Values.image }}\n', 'templates/compose.yaml');
    expect(computeComposeHover(helm, { line: 2, character: 6 })).toBeUndefined();
  });
});

describe('escaping', () => {
  it('escapes service names, values and paths taken from the file', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const { h } = hover(`services:\n  "${evil}":\n    ¦user: "[x](javascript:alert(1))"\n`);
    expect(h).toBeDefined();
    // Raw HTML only ever inside code spans, where it renders as text.
    expect(h!.markdown.replace(/(`+)[\s\S]*?\1/g, ' ')).not.toMatch(/<[A-Za-z/]/);
    expect(h!.markdown).toContain('`<img src=x onerror=alert(1)>`');
    expect(h!.markdown).toContain('runs as `[x](javascript:alert(1))`, not root');
    const name = hover(`services:\n  "¦*bold* [a](b)":\n    image: x\n`).h!;
    expect(name.markdown.split('\n')[0]).toBe('**\\*bold\\* \\[a\\]\\(b\\)** · compose service');
  });

  it('keeps paths from the file out of Markdown syntax in the placement line', () => {
    const { h } = hover(svc('volumes:\n  - "/run/[x](y)/docker.sock:/s"\n¦user: root'));
    const line = h!.markdown.split('\n').find((l) => l.startsWith('**Isolation:**'))!;
    expect(line).toContain('mounts docker\\.sock');
  });
});

describe('corpus', () => {
  it('never throws on the keys and values of the corpus files', () => {
    if (!existsSync(CORPUS)) return void console.warn(`${CORPUS} absent: corpus hover test skipped`);
    let hovers = 0;
    for (const f of readdirSync(CORPUS).filter((n) => /\.ya?ml$/.test(n))) {
      const text = readFileSync(join(CORPUS, f), 'utf8');
      const model = parseCompose(text, f);
      const lines = new LineIndex(text);
      for (let line = 0; line < lines.lineCount; line++) {
        // Where keys and values start: the first word of the line and the word after `: `.
        const t = lines.lineText(line);
        const colon = t.indexOf(': ');
        const starts = [t.search(/[^\s-]/), colon >= 0 ? colon + 2 : -1].filter((c) => c >= 0);
        for (const character of starts) {
          const h = computeComposeHover(model, { line, character });
          if (h) {
            hovers++;
            expect(h.markdown.length).toBeGreaterThan(20);
            expect(h.range.start.line).toBe(line);
          }
        }
      }
    }
    expect(hovers).toBeGreaterThan(100);
  }, 30_000);
});
