/**
 * Which host paths hand a container power over the host when mounted into it.
 */
export type SensitiveHostPath =
  /** The Docker engine's API socket: whoever can write to it can start a privileged container. */
  | 'docker-socket'
  /** containerd, CRI-O or Podman sockets: the same power through another runtime. */
  | 'runtime-socket'
  /** The host's whole filesystem. */
  | 'root'
  | 'proc'
  | 'sys'
  | 'dev'
  | 'etc'
  | 'boot'
  /** `/run`, `/var/run`: the host's sockets and runtime state. */
  | 'var-run'
  /** `/var/lib/docker`, `/var/lib/containerd`, `/var/lib/kubelet`: other containers' files and secrets. */
  | 'runtime-state'
  /** `/usr`, `/lib`, `/bin`, `/sbin`: the host's programs. */
  | 'system'
  /** `/root`, `/home`, `~`: users' files, keys and credentials. */
  | 'home'
  /** `/var/log`: writable logs the kubelet follows (a known escape route). */
  | 'logs';

/** What mounting each kind of path means, in a phrase (for reasons and hovers). */
export const SENSITIVE_HOST_PATH_NOTES: Readonly<Record<SensitiveHostPath, string>> = {
  'docker-socket': "the Docker engine's socket: it can start a privileged container on the host, which is root on the host",
  'runtime-socket': "a container runtime's socket: it can start containers on the host with any privilege",
  root: "the host's whole filesystem",
  proc: "the host's /proc: its processes and kernel settings",
  sys: "the host's /sys: kernel and device settings",
  dev: "the host's devices",
  etc: "the host's configuration, including users and passwords",
  boot: "the host's kernel and boot loader",
  'var-run': "the host's /run: sockets of the services running there",
  'runtime-state': 'the files of the container runtime or kubelet: other containers and their secrets',
  system: "the host's programs and libraries",
  home: "users' home directories on the host: keys and credentials",
  logs: "the host's logs, which the kubelet reads and follows",
};

const SOCKETS: [RegExp, SensitiveHostPath][] = [
  [/(^|\/)docker\.sock$|^\/\/\.\/pipe\/docker_engine$/i, 'docker-socket'],
  [/(^|\/)(containerd|crio|podman|cri-dockerd|dockershim)\.sock$|^\/(var\/)?run\/(containerd|crio|podman)(\/|$)/i, 'runtime-socket'],
];

const PREFIXES: [string, SensitiveHostPath][] = [
  ['/proc', 'proc'],
  ['/sys', 'sys'],
  ['/dev', 'dev'],
  ['/etc', 'etc'],
  ['/boot', 'boot'],
  ['/var/lib/docker', 'runtime-state'],
  ['/var/lib/containerd', 'runtime-state'],
  ['/var/lib/kubelet', 'runtime-state'],
  ['/var/lib/crio', 'runtime-state'],
  ['/var/lib/containers', 'runtime-state'],
  ['/var/run', 'var-run'],
  ['/run', 'var-run'],
  ['/var/log', 'logs'],
  ['/usr', 'system'],
  ['/lib', 'system'],
  ['/lib64', 'system'],
  ['/bin', 'system'],
  ['/sbin', 'system'],
  ['/root', 'home'],
  ['/home', 'home'],
];

/** `//var/run//docker.sock/` → `/var/run/docker.sock`; Windows `C:\x` → `C:/x`. */
export function normalizeHostPath(path: string): string {
  let p = path.trim().replace(/\\/g, '/');
  // `\\.\pipe\docker_engine` (a Windows named pipe) keeps its leading `//./`.
  const pipe = p.startsWith('//./');
  p = (pipe ? '//./' : '') + (pipe ? p.slice(4) : p).replace(/\/{2,}/g, '/');
  if (p.length > 1) p = p.replace(/\/+$/, '');
  return p;
}

/**
 * Classify a host path mounted into a container; undefined when it is not one we know to be
 * sensitive (a project directory, a data directory).
 */
export function classifyHostPath(path: string): SensitiveHostPath | undefined {
  const p = normalizeHostPath(path);
  for (const [re, kind] of SOCKETS) if (re.test(p)) return kind;
  if (p === '/' || /^[A-Za-z]:\/?$/.test(p)) return 'root';
  if (p === '~' || p.startsWith('~/')) return 'home';
  for (const [prefix, kind] of PREFIXES) if (p === prefix || p.startsWith(prefix + '/')) return kind;
  return undefined;
}
