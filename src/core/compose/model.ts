import type { YAMLMap } from 'yaml';
import type { LineIndex, Range } from '../text/range';
import type { YamlFile, YamlNode, YamlProblem } from '../yaml/parse';
import type { Located } from '../yaml/read';

/**
 * The compose model: every service with the keys that decide its isolation, each with its YAML
 * node so rules can point at it and fixes can edit next to it. Values are as written:
 * interpolation (`${VAR:-default}`) is left as text (see `hasInterpolation`).
 */
export interface ComposeModel {
  text: string;
  lines: LineIndex;
  /** The parsed YAML (all documents; compose reads the first). */
  yaml: YamlFile;
  /** The top-level map, null when the file is empty, not a map, or templated. */
  root: YAMLMap.Parsed | null;
  services: ComposeService[];
  /** The `services` key, when present. */
  servicesKey?: Range;
  /** YAML problems (syntax, duplicate keys), or the single info note of a templated file. */
  documentErrors: YamlProblem[];
  templated: boolean;
  /** Top-level `name:`. */
  name?: Located<string | undefined>;
  /** Top-level `version:` (obsolete; compose ignores it). */
  version?: Located<string | undefined>;
  /** `include:` entries: recorded, never followed. */
  includes: ComposeInclude[];
  /** Top-level `x-*` keys. */
  extensions: { key: string; keyRange: Range; node: YamlNode | null }[];
}

export interface ComposeInclude {
  /** One path or several (`path: [a.yaml, b.yaml]`). */
  paths: Located<string>[];
  range: Range;
  node: YamlNode;
}

export interface ComposeBuild {
  /** `build: ./dir` gives a context only. */
  context?: Located<string | undefined>;
  dockerfile?: Located<string | undefined>;
  dockerfileInline?: Located<string | undefined>;
  target?: Located<string | undefined>;
  /** `build.network: host` runs RUN steps in the host's network namespace. */
  network?: Located<string | undefined>;
  privileged?: Located<boolean | undefined>;
  /** `network.host`, `security.insecure`. */
  entitlements: Located<string>[];
  node: YamlNode;
  keyRange: Range;
}

export type ComposeVolumeType = 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'cluster' | 'image' | 'anonymous' | string;

export interface ComposeVolume {
  syntax: 'short' | 'long';
  /**
   * `bind` for host paths (`/x`, `./x`, `~/x`, `C:\x`), `volume` for named volumes,
   * `anonymous` for a short entry with only a container path.
   */
  type: ComposeVolumeType;
  /** Host path or volume name, as written. */
  source?: string;
  target?: string;
  readOnly: boolean;
  /** Short syntax mode part (`ro`, `rw,z`, `cached`). */
  mode?: string;
  /** The whole entry. */
  range: Range;
  node: YamlNode;
  /** Long syntax: the `source:` value; short syntax: the entry. */
  sourceRange?: Range;
  mergedVia?: Range;
}

export interface ComposePort {
  syntax: 'short' | 'long';
  /** Host address as written (`127.0.0.1`, `::1`); undefined means all interfaces. */
  hostIp?: string;
  /** Host port or range (`8000`, `5000-5010`); undefined when the engine picks one. */
  published?: string;
  /** Container port or range. */
  target?: string;
  protocol?: string;
  /** Long syntax `mode: host` (swarm); short syntax has none. */
  mode?: string;
  /** The entry as written. */
  text: string;
  range: Range;
  node: YamlNode;
  mergedVia?: Range;
}

export interface ComposeDevice {
  source: string;
  target?: string;
  permissions?: string;
  syntax: 'short' | 'long';
  range: Range;
  node: YamlNode;
}

export interface ComposeSysctl {
  name: string;
  value?: string;
  range: Range;
  node: YamlNode;
}

export interface ComposeExtends {
  service?: Located<string | undefined>;
  /** Set when it extends a service of another file: recorded, never followed. */
  file?: Located<string | undefined>;
  node: YamlNode;
  keyRange: Range;
}

/**
 * A compose service. Fields a service does not set are undefined (lists are empty).
 * When a service `extends:` another service of the same file, fields it does not set itself are
 * taken from that service (their ranges point into the base service) and listed in `inherited`.
 */
export interface ComposeService {
  name: string;
  keyRange: Range;
  /** Key start to the end of the service's map. */
  range: Range;
  node: YAMLMap.Parsed;
  image?: Located<string | undefined>;
  build?: ComposeBuild;
  user?: Located<string | undefined>;
  privileged?: Located<boolean | undefined>;
  pid?: Located<string | undefined>;
  ipc?: Located<string | undefined>;
  networkMode?: Located<string | undefined>;
  uts?: Located<string | undefined>;
  usernsMode?: Located<string | undefined>;
  cgroup?: Located<string | undefined>;
  cgroupParent?: Located<string | undefined>;
  capAdd: Located<string>[];
  capDrop: Located<string>[];
  securityOpt: Located<string>[];
  readOnly?: Located<boolean | undefined>;
  tmpfs: Located<string>[];
  devices: ComposeDevice[];
  volumes: ComposeVolume[];
  ports: ComposePort[];
  memLimit?: Located<string | undefined>;
  memswapLimit?: Located<string | undefined>;
  cpus?: Located<string | undefined>;
  cpuQuota?: Located<string | undefined>;
  pidsLimit?: Located<string | undefined>;
  /** `deploy.resources.limits`. */
  deployLimits: {
    memory?: Located<string | undefined>;
    cpus?: Located<string | undefined>;
    pids?: Located<string | undefined>;
  };
  sysctls: ComposeSysctl[];
  runtime?: Located<string | undefined>;
  init?: Located<boolean | undefined>;
  extends?: ComposeExtends;
  /** Keys whose value comes from the extended service (same file). */
  inherited: string[];
  /** Keys the service resets with `!reset`. */
  resets: string[];
}
