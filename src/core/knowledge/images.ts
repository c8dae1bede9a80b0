/**
 * Base-image facts as data: distro family, the user an image runs as, and how to create a user there.
 * Used by the "runs as root" rule (root by default or not?), the non-root quick-fix and FROM hovers.
 *
 * Two tables do the work: `IMAGES` (what an image is: its default user, the users it ships, the distro it is
 * built on when the tag does not say) and `TAG_DISTROS` (what a tag suffix such as `-alpine`, `-slim`,
 * `-ubi9-minimal` or `-nanoserver-ltsc2022` says about the distro underneath). Facts we could not justify stay
 * `'unknown'`: a silent rule is better than a wrong fix.
 */
export type DistroFamily =
  | 'alpine'
  | 'debian'
  | 'rhel'
  | 'busybox'
  | 'distroless'
  | 'wolfi'
  | 'scratch'
  | 'windows'
  | 'unknown';

/**
 * How to add a system user and group in that family.
 * - `adduser-busybox`: BusyBox `addgroup`/`adduser` (Alpine, BusyBox, Wolfi with a shell).
 * - `useradd`: shadow-utils `groupadd`/`useradd` are installed (Debian, Ubuntu, full RHEL-family images).
 * - `install-shadow-utils`: an RPM image whose package manager works but which lacks `useradd`
 *   (ubi-minimal, Oracle Linux slim, Amazon Linux, Azure Linux): install `shadow-utils` first.
 * - `none`: no shell or no tools (scratch, distroless, ubi-micro, Windows): only a numeric `USER` works.
 */
export type UserCreation = 'adduser-busybox' | 'useradd' | 'install-shadow-utils' | 'none';

export type PackageManager = 'apk' | 'apt' | 'dnf' | 'microdnf' | 'yum' | 'zypper' | 'tdnf' | 'none';

export interface ImageFacts {
  /** Which entry matched, for hovers ("official node image (Debian)"). */
  label: string;
  family: DistroFamily;
  /** Does a container of this image run as root when the Dockerfile says no USER? */
  runsAsRoot: boolean | 'unknown';
  /**
   * The user the image runs as by default, as its config says: `nonroot`, `1001`, `ContainerAdministrator`.
   * Set for non-root images, and for Windows images (whose "root" is `ContainerAdministrator`).
   */
  defaultUser?: string;
  /**
   * A non-root user the image ships that a Dockerfile can switch to, e.g. `node` (uid 1000).
   * `uid` is absent on Windows, which has no numeric users.
   */
  existingUser?: { name: string; uid?: number; gid?: number };
  userCreation: UserCreation;
  /** Package manager, for cache-cleanup and user-creation fixes. */
  packageManager?: PackageManager;
  note?: string;
}

export interface ImageRefLike {
  /** Repository path, e.g. `node`, `library/node`, `distroless/static-debian12` (a registry prefix is tolerated). */
  path: string;
  /** `gcr.io`, `docker.io`, ...; undefined means Docker Hub. */
  registry?: string;
  tag?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Operating-system layers: what the distro underneath gives a Dockerfile.

interface Os {
  name: string;
  family: DistroFamily;
  userCreation: UserCreation;
  packageManager?: PackageManager;
}

const OS = {
  debian: { name: 'Debian', family: 'debian', userCreation: 'useradd', packageManager: 'apt' },
  ubuntu: { name: 'Ubuntu', family: 'debian', userCreation: 'useradd', packageManager: 'apt' },
  alpine: { name: 'Alpine', family: 'alpine', userCreation: 'adduser-busybox', packageManager: 'apk' },
  busybox: { name: 'BusyBox', family: 'busybox', userCreation: 'adduser-busybox', packageManager: 'none' },
  wolfi: { name: 'Wolfi', family: 'wolfi', userCreation: 'adduser-busybox', packageManager: 'apk' },
  wolfiNoShell: { name: 'Wolfi, no shell', family: 'wolfi', userCreation: 'none', packageManager: 'none' },
  ubi: { name: 'Red Hat UBI', family: 'rhel', userCreation: 'useradd', packageManager: 'dnf' },
  ubiMinimal: { name: 'Red Hat UBI minimal', family: 'rhel', userCreation: 'install-shadow-utils', packageManager: 'microdnf' },
  ubiMicro: { name: 'Red Hat UBI micro', family: 'rhel', userCreation: 'none', packageManager: 'none' },
  fedora: { name: 'Fedora', family: 'rhel', userCreation: 'useradd', packageManager: 'dnf' },
  centos: { name: 'CentOS', family: 'rhel', userCreation: 'useradd', packageManager: 'yum' },
  centosStream: { name: 'CentOS Stream', family: 'rhel', userCreation: 'useradd', packageManager: 'dnf' },
  rocky: { name: 'Rocky Linux', family: 'rhel', userCreation: 'useradd', packageManager: 'dnf' },
  rockyMinimal: { name: 'Rocky Linux minimal', family: 'rhel', userCreation: 'install-shadow-utils', packageManager: 'microdnf' },
  alma: { name: 'AlmaLinux', family: 'rhel', userCreation: 'useradd', packageManager: 'dnf' },
  almaMinimal: { name: 'AlmaLinux minimal', family: 'rhel', userCreation: 'install-shadow-utils', packageManager: 'microdnf' },
  oracle: { name: 'Oracle Linux', family: 'rhel', userCreation: 'useradd', packageManager: 'dnf' },
  oracleSlim: { name: 'Oracle Linux slim', family: 'rhel', userCreation: 'install-shadow-utils', packageManager: 'microdnf' },
  amazon2: { name: 'Amazon Linux 2', family: 'rhel', userCreation: 'install-shadow-utils', packageManager: 'yum' },
  amazon2023: { name: 'Amazon Linux 2023', family: 'rhel', userCreation: 'install-shadow-utils', packageManager: 'dnf' },
  azure: { name: 'Azure Linux', family: 'rhel', userCreation: 'install-shadow-utils', packageManager: 'tdnf' },
  distroless: { name: 'distroless', family: 'distroless', userCreation: 'none', packageManager: 'none' },
  chiseled: { name: 'Ubuntu chiseled', family: 'distroless', userCreation: 'none', packageManager: 'none' },
  scratch: { name: 'empty', family: 'scratch', userCreation: 'none', packageManager: 'none' },
  windows: { name: 'Windows', family: 'windows', userCreation: 'none' },
  unknown: { name: 'unknown', family: 'unknown', userCreation: 'none' },
} satisfies Record<string, Os>;

type OsId = keyof typeof OS;

/**
 * What a tag says about the distro underneath, checked in order against the tag's `-`-separated words.
 * First match wins, so the specific (`ubi9-minimal`, `oraclelinux8`) come before the general (`slim`).
 */
const TAG_DISTROS: { pattern: RegExp; os: OsId }[] = [
  { pattern: /(^|-)(windowsservercore|nanoserver|ltsc\d{4}|windows)(-|$)/, os: 'windows' },
  { pattern: /(^|-)alpine/, os: 'alpine' },
  { pattern: /(^|-)chiseled(-|$)/, os: 'chiseled' },
  { pattern: /(^|-)distroless(-|$)/, os: 'distroless' },
  { pattern: /(^|-)ubi\d*-micro(-|$)/, os: 'ubiMicro' },
  { pattern: /(^|-)ubi\d*-minimal(-|$)/, os: 'ubiMinimal' },
  { pattern: /(^|-)ubi\d*(-|$)/, os: 'ubi' },
  { pattern: /(^|-)(oraclelinux\d*|oracle)(-|$)/, os: 'oracleSlim' },
  { pattern: /(^|-)(al2023|amazonlinux2023)(-|$)/, os: 'amazon2023' },
  { pattern: /(^|-)(al2|amazonlinux2?|amazonlinux)(-|$)/, os: 'amazon2' },
  { pattern: /(^|-)(azurelinux[\d.]*|cbl-mariner[\d.]*|mariner[\d.]*)(-|$)/, os: 'azure' },
  { pattern: /(^|-)(trusty|xenial|bionic|focal|jammy|noble|oracular|plucky|questing|resolute|ubuntu)(-|$)/, os: 'ubuntu' },
  { pattern: /(^|-)(wheezy|jessie|stretch|buster|bullseye|bookworm|trixie|forky|sid|slim|debian)(-|$)/, os: 'debian' },
  // maven/gradle on Corretto: Amazon Linux underneath unless a later word said otherwise
  { pattern: /(^|-)(amazoncorretto|corretto)(-|$)/, os: 'amazon2' },
];

function osFromTag(tag: string): OsId | undefined {
  for (const t of TAG_DISTROS) if (t.pattern.test(tag)) return t.os;
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Images.

interface ImageEntry {
  /**
   * Normalised names (Docker Hub without `docker.io/` and `library/`; others with their registry).
   * A trailing `/*` matches everything under that path; a trailing `*` matches any rest of the name.
   */
  names: string[];
  label: string;
  /** Only when the tag matches (tested on the lower-cased tag, `latest` when absent). */
  tag?: RegExp;
  /** Only when the tag's leading version is at least this (tags without a version count as the newest). */
  minVersion?: number[];
  /** Only when the tag's leading version is below this. */
  belowVersion?: number[];
  /**
   * The distro when the tag does not name one. `variants: false` means the tag never changes it
   * (an OS image such as `oraclelinux:9-slim` is matched by `tag` instead).
   */
  os: OsId;
  variants?: boolean;
  runsAsRoot: boolean | 'unknown';
  defaultUser?: string;
  existingUser?: { name: string; uid?: number; gid?: number };
  /** Override the OS's way of creating users (e.g. an image that adds shadow-utils). */
  userCreation?: UserCreation;
  note?: string;
}

const DROPS_PRIVILEGES = (user: string) =>
  `Starts as root and its entrypoint switches to the "${user}" user for the server process; your own commands still run as root.`;

/** Official images built on Debian (their `-alpine` and Windows tags are recognised by the tag). */
const DEBIAN_OFFICIAL: { name: string; existingUser?: { name: string; uid: number; gid: number }; note?: string }[] = [
  { name: 'python' },
  { name: 'ruby' },
  { name: 'golang' },
  { name: 'php', existingUser: { name: 'www-data', uid: 33, gid: 33 }, note: 'PHP-FPM and Apache workers run as www-data; the container itself starts as root.' },
  { name: 'perl' },
  { name: 'rust' },
  { name: 'buildpack-deps' },
  { name: 'nginx', note: 'The master process runs as root and workers as "nginx" (uid 101); nginxinc/nginx-unprivileged runs entirely as uid 101.' },
  { name: 'httpd', note: 'The parent process runs as root and children as "www-data" (Debian) or "daemon".' },
  { name: 'redis', note: DROPS_PRIVILEGES('redis') },
  { name: 'postgres', note: DROPS_PRIVILEGES('postgres') },
  { name: 'wordpress', existingUser: { name: 'www-data', uid: 33, gid: 33 } },
  { name: 'drupal' },
  { name: 'nextcloud', existingUser: { name: 'www-data', uid: 33, gid: 33 } },
  { name: 'influxdb', note: DROPS_PRIVILEGES('influxdb') },
  { name: 'haproxy' },
  { name: 'docker' },
  { name: 'composer' },
  { name: 'julia' },
  { name: 'r-base' },
  { name: 'gcc' },
  { name: 'clojure' },
  { name: 'erlang' },
  { name: 'elixir' },
  { name: 'haskell' },
  { name: 'swift' },
  { name: 'ghost', note: 'Built on the node image; its entrypoint switches to the "node" user.' },
];

/** Official images built on Ubuntu. */
const UBUNTU_OFFICIAL: { name: string; note?: string }[] = [
  { name: 'eclipse-temurin' },
  { name: 'tomcat' },
  { name: 'maven' },
  { name: 'gradle' },
  { name: 'mongo', note: DROPS_PRIVILEGES('mongodb') },
  { name: 'rabbitmq', note: DROPS_PRIVILEGES('rabbitmq') },
  { name: 'mariadb', note: DROPS_PRIVILEGES('mysql') },
  { name: 'cassandra', note: DROPS_PRIVILEGES('cassandra') },
  { name: 'sapmachine' },
  { name: 'ibm-semeru-runtimes' },
  { name: 'ibmjava' },
];

const IMAGES: ImageEntry[] = [
  // --- nothing at all
  { names: ['scratch'], label: 'scratch (empty image)', os: 'scratch', variants: false, runsAsRoot: true,
    note: 'No files, so no /etc/passwd: USER must be numeric unless you copy a passwd file in.' },

  // --- operating-system images: the tag picks the variant, never another distro
  { names: ['alpine'], label: 'Alpine Linux', os: 'alpine', variants: false, runsAsRoot: true },
  { names: ['busybox'], label: 'BusyBox', os: 'busybox', variants: false, runsAsRoot: true },
  { names: ['debian', 'registry.k8s.io/debian-base*', 'k8s.gcr.io/debian-base*', 'bitnami/minideb'], label: 'Debian', os: 'debian', variants: false, runsAsRoot: true },
  { names: ['ubuntu'], label: 'Ubuntu', os: 'ubuntu', variants: false, runsAsRoot: true },
  { names: ['registry.access.redhat.com/ubi*-micro', 'registry.redhat.io/ubi*-micro', 'redhat/ubi*-micro'],
    label: 'Red Hat UBI micro', os: 'ubiMicro', variants: false, runsAsRoot: true,
    note: 'No package manager and no useradd: switch to a numeric user.' },
  { names: ['registry.access.redhat.com/ubi*-minimal', 'registry.redhat.io/ubi*-minimal', 'redhat/ubi*-minimal'],
    label: 'Red Hat UBI minimal', os: 'ubiMinimal', variants: false, runsAsRoot: true,
    note: 'microdnf only; useradd comes with the shadow-utils package.' },
  { names: ['registry.access.redhat.com/ubi*', 'registry.redhat.io/ubi*', 'redhat/ubi*'], label: 'Red Hat UBI', os: 'ubi', variants: false, runsAsRoot: true },
  { names: ['fedora', 'registry.fedoraproject.org/fedora*', 'quay.io/fedora/fedora*'], label: 'Fedora', os: 'fedora', variants: false, runsAsRoot: true },
  { names: ['centos', 'quay.io/centos/centos*'], tag: /stream/, label: 'CentOS Stream', os: 'centosStream', variants: false, runsAsRoot: true },
  { names: ['centos'], label: 'CentOS', os: 'centos', variants: false, runsAsRoot: true },
  { names: ['quay.io/centos/centos*'], label: 'CentOS Stream', os: 'centosStream', variants: false, runsAsRoot: true },
  { names: ['rockylinux', 'rockylinux/rockylinux', 'quay.io/rockylinux/rockylinux'], tag: /minimal/, label: 'Rocky Linux minimal', os: 'rockyMinimal', variants: false, runsAsRoot: true },
  { names: ['rockylinux', 'rockylinux/rockylinux', 'quay.io/rockylinux/rockylinux'], label: 'Rocky Linux', os: 'rocky', variants: false, runsAsRoot: true },
  { names: ['almalinux', 'almalinux/*', 'quay.io/almalinuxorg/*'], tag: /minimal|micro/, label: 'AlmaLinux minimal', os: 'almaMinimal', variants: false, runsAsRoot: true },
  { names: ['almalinux', 'almalinux/*', 'quay.io/almalinuxorg/*'], label: 'AlmaLinux', os: 'alma', variants: false, runsAsRoot: true },
  { names: ['oraclelinux', 'container-registry.oracle.com/os/oraclelinux'], tag: /slim/, label: 'Oracle Linux slim', os: 'oracleSlim', variants: false, runsAsRoot: true },
  { names: ['oraclelinux', 'container-registry.oracle.com/os/oraclelinux'], label: 'Oracle Linux', os: 'oracle', variants: false, runsAsRoot: true },
  { names: ['amazonlinux', 'public.ecr.aws/amazonlinux/amazonlinux'], tag: /^(2|2\.\d.*|2-.*)$/, label: 'Amazon Linux 2', os: 'amazon2', variants: false, runsAsRoot: true,
    note: 'No useradd until the shadow-utils package is installed.' },
  { names: ['amazonlinux', 'public.ecr.aws/amazonlinux/amazonlinux'], label: 'Amazon Linux', os: 'amazon2023', variants: false, runsAsRoot: true,
    note: 'No useradd until the shadow-utils package is installed.' },
  { names: ['mcr.microsoft.com/azurelinux/*', 'mcr.microsoft.com/cbl-mariner/*'], tag: /distroless/, label: 'Azure Linux distroless', os: 'distroless', variants: false, runsAsRoot: 'unknown' },
  { names: ['mcr.microsoft.com/azurelinux/*', 'mcr.microsoft.com/cbl-mariner/*'], label: 'Azure Linux', os: 'azure', variants: false, runsAsRoot: true },

  // --- distroless and friends
  { names: ['gcr.io/distroless/*'], tag: /(^|-)nonroot(-|$)/, label: 'distroless (nonroot)', os: 'distroless', variants: false, runsAsRoot: false,
    defaultUser: 'nonroot', existingUser: { name: 'nonroot', uid: 65532, gid: 65532 },
    note: 'No shell and no package manager; runs as "nonroot" (uid 65532).' },
  { names: ['gcr.io/distroless/*'], label: 'distroless', os: 'distroless', variants: false, runsAsRoot: true,
    existingUser: { name: 'nonroot', uid: 65532, gid: 65532 },
    note: 'No shell and no package manager, so no useradd; every variant ships the "nonroot" user (uid 65532), and the :nonroot tags use it by default.' },
  { names: ['cgr.dev/chainguard/wolfi-base', 'cgr.dev/chainguard/chainguard-base'], label: 'Wolfi base (Chainguard)', os: 'wolfi', variants: false, runsAsRoot: true,
    note: 'Has apk and BusyBox, so addgroup/adduser work.' },
  { names: ['cgr.dev/chainguard/static'], label: 'Chainguard static', os: 'wolfiNoShell', variants: false, runsAsRoot: false,
    defaultUser: '65532', existingUser: { name: 'nonroot', uid: 65532, gid: 65532 } },
  { names: ['cgr.dev/*'], tag: /(^|-)dev(-|$)/, label: 'Chainguard image (-dev variant)', os: 'wolfi', variants: false, runsAsRoot: 'unknown',
    note: 'Most Chainguard images run as a non-root user (often uid 65532); the user is set per image. -dev variants add BusyBox and apk.' },
  { names: ['cgr.dev/*'], label: 'Chainguard image', os: 'wolfiNoShell', variants: false, runsAsRoot: 'unknown',
    note: 'Most Chainguard images run as a non-root user (often uid 65532); the user is set per image. No shell or package manager outside -dev tags.' },

  // --- Windows
  { names: ['mcr.microsoft.com/windows/nanoserver', 'microsoft/nanoserver'], label: 'Windows Nano Server', os: 'windows', variants: false,
    runsAsRoot: false, defaultUser: 'ContainerUser', existingUser: { name: 'ContainerUser' } },
  { names: ['mcr.microsoft.com/windows/servercore*', 'mcr.microsoft.com/windows/server', 'mcr.microsoft.com/windows', 'microsoft/windowsservercore', 'mcr.microsoft.com/dotnet/framework/*', 'microsoft/dotnet-framework', 'microsoft/iis', 'microsoft/aspnet'],
    label: 'Windows Server Core', os: 'windows', variants: false,
    runsAsRoot: true, defaultUser: 'ContainerAdministrator', existingUser: { name: 'ContainerUser' },
    note: 'Runs as ContainerAdministrator by default; ContainerUser is the unprivileged account.' },

  // --- .NET: an `app` user (uid 1654) since .NET 8; chiseled/distroless tags run as it
  { names: ['mcr.microsoft.com/dotnet/*'], tag: /(^|-)(chiseled|distroless)(-|$)/, minVersion: [8], label: '.NET (chiseled/distroless)', os: 'chiseled', variants: false,
    runsAsRoot: false, defaultUser: '1654', existingUser: { name: 'app', uid: 1654, gid: 1654 },
    note: 'No shell and no package manager; runs as "app" (uid 1654).' },
  { names: ['mcr.microsoft.com/dotnet/*'], minVersion: [8], label: '.NET', os: 'debian', runsAsRoot: true,
    existingUser: { name: 'app', uid: 1654, gid: 1654 },
    note: 'Ships the non-root "app" user (uid 1654, also in $APP_UID) but starts as root.' },
  { names: ['mcr.microsoft.com/dotnet/*', 'microsoft/dotnet', 'microsoft/aspnetcore*'], label: '.NET', os: 'debian', runsAsRoot: true },

  // --- images that run as a non-root user by default
  { names: ['nginxinc/nginx-unprivileged', 'ghcr.io/nginxinc/nginx-unprivileged'], label: 'nginx-unprivileged', os: 'debian', runsAsRoot: false,
    defaultUser: '101', existingUser: { name: 'nginx', uid: 101, gid: 101 } },
  { names: ['bitnami/*', 'docker.io/bitnami/*', 'public.ecr.aws/bitnami/*'], label: 'Bitnami image', os: 'debian', variants: false, runsAsRoot: false,
    defaultUser: '1001', note: 'Most Bitnami images run as uid 1001, often without a passwd entry.' },
  { names: ['haproxy'], minVersion: [2, 4], label: 'official haproxy image', os: 'debian', runsAsRoot: false,
    defaultUser: 'haproxy', existingUser: { name: 'haproxy', uid: 99, gid: 99 } },
  { names: ['memcached'], label: 'official memcached image', os: 'debian', runsAsRoot: false,
    defaultUser: 'memcache', existingUser: { name: 'memcache', uid: 11211, gid: 11211 } },
  { names: ['elasticsearch', 'docker.elastic.co/elasticsearch/elasticsearch'], label: 'Elasticsearch', os: 'ubuntu', variants: false, runsAsRoot: false,
    defaultUser: '1000', existingUser: { name: 'elasticsearch', uid: 1000, gid: 0 } },
  { names: ['jenkins/jenkins'], label: 'Jenkins', os: 'debian', runsAsRoot: false, defaultUser: 'jenkins', existingUser: { name: 'jenkins', uid: 1000, gid: 1000 } },
  { names: ['grafana/grafana', 'grafana/grafana-oss'], label: 'Grafana', os: 'alpine', runsAsRoot: false, defaultUser: '472' },
  { names: ['prom/prometheus', 'prom/alertmanager', 'prom/node-exporter', 'quay.io/prometheus/*'], label: 'Prometheus', os: 'busybox', variants: false,
    runsAsRoot: false, defaultUser: 'nobody', existingUser: { name: 'nobody', uid: 65534, gid: 65534 } },

  // --- official images with a non-root user to switch to
  { names: ['node'], label: 'official node image', os: 'debian', runsAsRoot: true, existingUser: { name: 'node', uid: 1000, gid: 1000 } },
  { names: ['mysql'], label: 'official mysql image', os: 'oracleSlim', runsAsRoot: true, note: DROPS_PRIVILEGES('mysql') },
  // openjdk (deprecated) moved its default tags from Debian to Oracle Linux with version 12
  { names: ['openjdk'], minVersion: [12], label: 'official openjdk image', os: 'oracleSlim', runsAsRoot: true },
  { names: ['openjdk'], label: 'official openjdk image', os: 'debian', runsAsRoot: true },
  { names: ['amazoncorretto'], label: 'Amazon Corretto', os: 'amazon2', runsAsRoot: true },
  { names: ['traefik'], label: 'official traefik image', os: 'alpine', runsAsRoot: true },
  { names: ['caddy'], label: 'official caddy image', os: 'alpine', runsAsRoot: true },
  { names: ['registry'], label: 'official registry image', os: 'alpine', runsAsRoot: true },
  { names: ['vault', 'hashicorp/vault'], label: 'Vault', os: 'alpine', runsAsRoot: true, note: DROPS_PRIVILEGES('vault') },
  { names: ['consul', 'hashicorp/consul'], label: 'Consul', os: 'alpine', runsAsRoot: true, note: DROPS_PRIVILEGES('consul') },
  { names: ['eclipse-mosquitto'], label: 'Eclipse Mosquitto', os: 'alpine', runsAsRoot: true },
  { names: ['solr'], label: 'official solr image', os: 'ubuntu', runsAsRoot: false, defaultUser: 'solr', existingUser: { name: 'solr', uid: 8983, gid: 8983 } },
  { names: ['sonarqube'], label: 'SonarQube', os: 'ubuntu', runsAsRoot: false, defaultUser: 'sonarqube' },
  { names: ['neo4j'], label: 'Neo4j', os: 'debian', runsAsRoot: true, note: DROPS_PRIVILEGES('neo4j') },

  // --- official images built on Debian/Ubuntu; the tag can say -alpine, -slim, a codename or Windows
  ...DEBIAN_OFFICIAL.map((i): ImageEntry => ({
    names: [i.name],
    label: `official ${i.name} image`,
    os: 'debian',
    runsAsRoot: true,
    ...(i.existingUser ? { existingUser: i.existingUser } : {}),
    ...(i.note ? { note: i.note } : {}),
  })),
  ...UBUNTU_OFFICIAL.map((i): ImageEntry => ({
    names: [i.name],
    label: `official ${i.name} image`,
    os: 'ubuntu',
    runsAsRoot: true,
    ...(i.note ? { note: i.note } : {}),
  })),
];

// ---------------------------------------------------------------------------------------------------------------
// Matching.

/** Registries that serve Docker Hub's namespace: `docker.io/library/node` is `node`. */
const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com', 'mirror.gcr.io']);
/** Docker Hub's per-architecture copies of the official images (`amd64/node` is `node`). */
const ARCH_NAMESPACES = new Set(['amd64', 'arm32v5', 'arm32v6', 'arm32v7', 'arm64v8', 'i386', 'ppc64le', 's390x', 'riscv64', 'mips64le', 'winamd64']);

/**
 * The name the tables use: Docker Hub images without registry and `library/`, others as `registry/path`.
 * All lower case.
 */
export function normalizeImageName(ref: ImageRefLike): string {
  let registry = ref.registry?.toLowerCase();
  let path = (ref.path ?? '').toLowerCase().replace(/^\/+|\/+$/g, '');
  if (!registry) {
    const slash = path.indexOf('/');
    const first = slash > 0 ? path.slice(0, slash) : '';
    if (first && (first.includes('.') || first.includes(':') || first === 'localhost')) {
      registry = first;
      path = path.slice(slash + 1);
    }
  }
  if (registry && DOCKER_HUB.has(registry)) registry = undefined;
  if (registry === 'public.ecr.aws' && path.startsWith('docker/library/')) {
    registry = undefined;
    path = path.slice('docker/'.length);
  }
  if (!registry) {
    if (path.startsWith('library/')) path = path.slice('library/'.length);
    const slash = path.indexOf('/');
    if (slash > 0 && ARCH_NAMESPACES.has(path.slice(0, slash)) && !path.slice(slash + 1).includes('/')) {
      path = path.slice(slash + 1);
    }
  }
  return registry ? `${registry}/${path}` : path;
}

const globs = new Map<string, RegExp>();

/** `*` matches any run of characters, `/` included: `registry.access.redhat.com/ubi*-minimal`. */
function nameMatches(pattern: string, name: string): boolean {
  if (!pattern.includes('*')) return name === pattern;
  let re = globs.get(pattern);
  if (!re) {
    re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    globs.set(pattern, re);
  }
  return re.test(name);
}

/** Leading version of a tag: `2.4.1-alpine` → [2, 4, 1]; `v3` → [3]; `latest` → undefined. */
export function tagVersion(tag: string): number[] | undefined {
  const m = /^v?(\d+(?:\.\d+)*)/.exec(tag);
  if (!m) return undefined;
  return m[1].split('.').map(Number);
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function entryMatches(e: ImageEntry, name: string, tag: string): boolean {
  if (!e.names.some((p) => nameMatches(p, name))) return false;
  if (e.tag && !e.tag.test(tag)) return false;
  if (e.minVersion || e.belowVersion) {
    const v = tagVersion(tag);
    // a tag without a version (latest, lts, alpine) is the newest
    if (e.minVersion && v && compareVersions(v, e.minVersion) < 0) return false;
    if (e.belowVersion && (!v || compareVersions(v, e.belowVersion) >= 0)) return false;
  }
  return true;
}

const UNKNOWN: ImageFacts = { label: 'unknown image', family: 'unknown', runsAsRoot: 'unknown', userCreation: 'none' };

/**
 * Look up what Container Lens knows about a base image. Never throws; unknown images get `family: 'unknown'`
 * and `runsAsRoot: 'unknown'`. An unresolved `$VAR` in the name gives unknown; in the tag, only the words
 * around it count.
 */
export function lookupImage(ref: ImageRefLike): ImageFacts {
  try {
    return lookup(ref);
  } catch {
    return { ...UNKNOWN };
  }
}

function lookup(ref: ImageRefLike): ImageFacts {
  const name = normalizeImageName(ref);
  if (!name || name.includes('$')) return { ...UNKNOWN };
  const tag = (ref.tag ?? 'latest').toLowerCase();
  const entry = IMAGES.find((e) => entryMatches(e, name, tag));
  if (!entry) return { ...UNKNOWN };

  let osId: OsId = entry.os;
  if (entry.variants !== false) osId = osFromTag(tag) ?? entry.os;
  const os: Os = OS[osId];

  // a Windows tag of a Linux image (golang:1.22-windowsservercore) changes who the default user is
  if (os.family === 'windows' && OS[entry.os].family !== 'windows') return windowsVariant(entry.label, tag);

  const facts: ImageFacts = {
    label: entry.variants === false || osId === 'unknown' ? entry.label : `${entry.label} (${os.name})`,
    family: os.family,
    runsAsRoot: entry.runsAsRoot,
    userCreation: entry.userCreation ?? os.userCreation,
  };
  if (os.packageManager) facts.packageManager = os.packageManager;
  if (entry.defaultUser) facts.defaultUser = entry.defaultUser;
  if (entry.existingUser) facts.existingUser = { ...entry.existingUser };
  if (entry.note) facts.note = entry.note;
  return facts;
}

function windowsVariant(label: string, tag: string): ImageFacts {
  const nano = /nanoserver/.test(tag);
  return {
    label: `${label} (Windows ${nano ? 'Nano Server' : 'Server Core'})`,
    family: 'windows',
    runsAsRoot: !nano,
    defaultUser: nano ? 'ContainerUser' : 'ContainerAdministrator',
    existingUser: { name: 'ContainerUser' },
    userCreation: 'none',
  };
}

/** `ContainerAdministrator` is Windows' root inside a container. */
export function isWindowsAdministrator(user: string | undefined): boolean {
  return (user ?? '').trim().toLowerCase() === 'containeradministrator';
}
