/**
 * Explanation texts as data. Every hover, rule message "see also", the panel and the CLI
 * render from here. Texts are written for Container Lens from the facts in the project's
 * seed documents (see docs/knowledge.md, which says which claim comes from which source);
 * figures keep the ranges the sources give.
 */
export interface Topic {
  id: TopicId;
  title: string;
  /** One sentence. */
  summary: string;
  /** Markdown: the lesson, a few short paragraphs at most. */
  body: string;
  seeAlso: TopicId[];
}

export const TOPIC_IDS = [
  'layers',
  'build-cache',
  'writable-layer',
  'multi-stage',
  'metadata-instructions',
  'shared-kernel',
  'namespaces',
  'pid-namespace',
  'network-namespace',
  'mount-namespace',
  'uts-namespace',
  'ipc-namespace',
  'user-namespace',
  'cgroup-namespace',
  'cgroups',
  'capabilities',
  'seccomp',
  'lsm',
  'no-new-privileges',
  'non-root-user',
  'rootless',
  'privileged',
  'build-privileges',
  'secrets',
  'service-account-token',
  'tags-vs-digests',
  'package-pinning',
  'package-caches',
  'remote-code',
  'file-permissions',
  'pid1-signals',
  'healthcheck',
  'volumes',
  'expose',
  'ssh-in-containers',
  'hypervisors',
  'gvisor',
  'kata-firecracker',
  'vm-vs-container',
  'isolation-spectrum',
  'dockerfile-syntax',
  'build-args',
] as const;

export type TopicId = (typeof TOPIC_IDS)[number];

type TopicText = Omit<Topic, 'id'>;

/** Paragraphs (or a list, as one string of `- ` lines) joined into a Markdown body. */
function md(...blocks: string[]): string {
  return blocks.join('\n\n');
}

// Strings are double-quoted so Markdown backticks and apostrophes need no escaping.
const TEXTS: Record<TopicId, TopicText> = {
  layers: {
    title: 'Image layers',
    summary: "An image is a stack of read-only filesystem layers, and in a Dockerfile only RUN, COPY and ADD add one.",
    body: md(
      "Each RUN, COPY or ADD step records the files it created, changed or deleted as one layer. The other instructions (ENV, USER, CMD, EXPOSE, ...) only edit the image's configuration. Stacked in order on top of the base image's layers, the layers make up the filesystem a container starts with.",
      "Layers are addressed by a hash of their content, so an identical layer is stored once and shared: ten containers started from images on the same base keep a single copy of that base on disk.",
      "A later layer can hide a file but never shrink an earlier one. Deleting a download in the next RUN leaves its bytes in the previous layer and in every pull, so clean up inside the step that made the mess, or build in one stage and copy only the result into the final one.",
      "`docker history <image>` lists one row per instruction; metadata-only steps show a size of 0.",
    ),
    seeAlso: ['build-cache', 'writable-layer', 'multi-stage', 'metadata-instructions'],
  },
  'build-cache': {
    title: 'Build cache',
    summary: "The builder reuses a step's earlier result while that step and everything before it are unchanged, and re-runs every step after the first change.",
    body: md(
      "Before running a step, the builder looks for a stored result with the same starting point and the same inputs: the command text for RUN (along with the build arguments and environment it runs with), the checksums of the source files for COPY and ADD.",
      "The first miss ends the reuse: that step and all later steps of the stage run again, even when their own lines did not change. Put what changes rarely first, for example copy the dependency manifest and install dependencies before copying the rest of the source code.",
      "The cache knows nothing about the outside world: a cached `RUN apt-get update` keeps yesterday's package index until something above it changes. Pin versions, or invalidate on purpose with `--no-cache` or a build argument.",
      "A build argument with a new value invalidates the cache where it is first used, not where it is declared. A stage that copies from another stage is rebuilt from that COPY on when the copied files change.",
    ),
    seeAlso: ['layers', 'package-pinning', 'build-args', 'multi-stage'],
  },
  'writable-layer': {
    title: 'The writable container layer',
    summary: "Every container gets its own thin writable layer on top of the image's read-only layers, and that layer is thrown away with the container.",
    body: md(
      "When a container starts, the engine stacks the image's layers read-only through a union filesystem (OverlayFS on most Linux hosts) and puts one empty, writable layer on top that belongs to this container alone.",
      "Writes use copy-on-write: the first time the container modifies a file that comes from the image, the file is copied up into the writable layer and changed there. The image layer stays untouched, so other containers of the same image still see the original. A deletion is recorded as a marker that hides the file below.",
      "Removing the container removes its writable layer. Databases, uploads and anything else that must last belong in a volume or an outside service: treat the container's own filesystem as disposable, which also makes containers easy to replace and scale.",
      "`docker diff <container>` shows what the writable layer changed; `--read-only` turns it off so that only the volumes and tmpfs mounts you declare can be written.",
    ),
    seeAlso: ['layers', 'volumes', 'mount-namespace'],
  },
  'multi-stage': {
    title: 'Multi-stage builds',
    summary: "Every FROM starts a stage, only the last stage (or the one named by `--target`) becomes the image, and the others contribute just the files copied out of them.",
    body: md(
      "Each stage has a filesystem of its own. A stage can start from an earlier one (`FROM build AS test`) and then contains all of its layers, or pick single paths from it with `COPY --from=build`.",
      "The final image keeps the last stage's layers and nothing else: compilers, package caches and source code used in build stages stay behind. A smaller image is quicker to pull, costs less to store and leaves an intruder fewer tools to work with.",
      "BuildKit builds only the stages the target depends on; the others are skipped. `docker build --target <name>` stops at a named stage, handy for test or debug images.",
      "Name stages (`AS build`) and refer to them by name: numeric references such as `--from=0` silently point elsewhere once a stage is inserted above.",
    ),
    seeAlso: ['layers', 'build-cache', 'package-caches'],
  },
  'metadata-instructions': {
    title: 'Metadata instructions',
    summary: "ENV, LABEL, USER, WORKDIR, EXPOSE, CMD, ENTRYPOINT and their kin change the image's configuration, not its files.",
    body: md(
      "Only RUN, COPY and ADD produce filesystem layers. Everything else edits the configuration document stored beside the layers: environment variables, labels, the default user and working directory, exposed ports, the default command, the health check, the stop signal and declared volumes.",
      "Configuration adds no size but is inherited and public: an image built FROM yours starts with your ENV, USER and CMD, and `docker inspect` shows all of it to anyone who can pull the image. Nothing secret belongs there.",
      "With BuildKit, editing a LABEL, EXPOSE, CMD or ENTRYPOINT leaves the cached layers below it valid, while a change to ENV, ARG, WORKDIR, USER or SHELL re-runs the later steps, because those steps execute with these settings.",
      "WORKDIR creates its directory when it is missing, which can show up as a tiny layer.",
    ),
    seeAlso: ['layers', 'build-cache', 'secrets'],
  },
  'shared-kernel': {
    title: 'One kernel for host and containers',
    summary: "A container is a set of host processes whose system calls are all served by the host's kernel, so `uname -r` inside it prints the host's kernel version.",
    body: md(
      "An image holds user-space files only (libraries, a shell, your program) and no kernel. Starting a container starts a process on a kernel that is already running, which is why it takes milliseconds to a few seconds rather than a boot.",
      "The distribution in FROM picks the user space (`apk` or `apt`, musl or glibc), never the kernel: an Alpine container on an Ubuntu host runs on Ubuntu's kernel. Linux containers need a Linux kernel and Windows containers a Windows one; running the other kind takes a virtual machine underneath.",
      "Sharing is the trade-off. One kernel in memory and system calls at native speed, but the whole kernel is the attack surface: one of our sources compares roughly 30 million lines of Linux kernel code with roughly 100 thousand for a hypervisor. A kernel flaw reachable from one container is reachable from all of them, and namespaces and cgroups are features of that same kernel, not a wall around it.",
      "Try it: `uname -r` on the host and `docker run --rm alpine uname -r` print the same version.",
    ),
    seeAlso: ['vm-vs-container', 'namespaces', 'seccomp', 'isolation-spectrum'],
  },
  namespaces: {
    title: 'Linux namespaces',
    summary: "Namespaces decide what a process can see: its own process tree, network stack, mounts, host name, IPC objects and, when enabled, its own user IDs.",
    body: md(
      "A namespace wraps one kind of kernel resource so that the processes inside get a private instance of it. Container engines create a fresh set for each container: PID, network, mount, UTS and IPC, plus cgroup on cgroup v2 hosts. The user namespace is only used when you turn it on.",
      "Namespaces hide; they do not ration. A process that sees only its own PIDs can still eat all of the host's memory: limits are the job of cgroups.",
      "Each namespace can be shared back with the host (`--pid=host`, `--network=host`, `--ipc=host`, `--uts=host`, `--userns=host`) or with another container (`--network=container:<name>`), and every such flag removes one wall.",
      "`ls -l /proc/<pid>/ns` lists a process's namespaces; two processes share one when the links match. `lsns` lists them all.",
    ),
    seeAlso: ['pid-namespace', 'network-namespace', 'mount-namespace', 'user-namespace', 'cgroups', 'shared-kernel'],
  },
  'pid-namespace': {
    title: 'PID namespace',
    summary: "In its own PID namespace a container sees only its own processes, and its first process becomes PID 1.",
    body: md(
      "The kernel numbers processes separately inside the namespace: `docker run --rm alpine ps aux` lists little more than `ps` itself, while the host sees the same process under another, larger PID.",
      "PID 1 has duties other processes don't: it adopts orphaned processes and must reap them, and the kernel only delivers a signal to it when it has installed a handler for that signal.",
      "`--pid=host` (Compose `pid: host`, Kubernetes `hostPID: true`) puts the container into the host's PID namespace. It then sees every host process with its command line, and with enough privileges can signal or trace them.",
    ),
    seeAlso: ['pid1-signals', 'namespaces', 'privileged'],
  },
  'network-namespace': {
    title: 'Network namespace',
    summary: "A network namespace gives a container its own interfaces, IP addresses, routing table, firewall rules and port numbers.",
    body: md(
      "On a bridge network the container gets one end of a virtual Ethernet pair as its `eth0`, and the other end is plugged into a bridge on the host. Its port 80 has nothing to do with the host's port 80 until you publish it.",
      "Publishing (`-p 8080:80`) makes the engine forward a host port into the namespace, on all host addresses unless you name one (`-p 127.0.0.1:8080:80`). Docker does this with its own firewall rules, which can take effect before host firewall front-ends such as ufw.",
      "`--network=host` skips the namespace: the container binds directly on the host's interfaces and reaches services listening on the host's loopback. `--network=none` leaves only a loopback interface.",
      "A VM talks to the world through a virtual network card that the hypervisor emulates; a container's interfaces are objects of the one shared kernel.",
    ),
    seeAlso: ['expose', 'namespaces', 'isolation-spectrum'],
  },
  'mount-namespace': {
    title: 'Mount namespace',
    summary: "A mount namespace gives a container its own view of the filesystem tree, rooted at its image layers.",
    body: md(
      "The engine assembles the root from the image layers and the writable layer, switches the process's root to it, and adds only the mounts that were asked for: volumes, bind mounts and tmpfs, besides its own views of `/proc`, `/sys` and `/dev`.",
      "A bind mount of a host path opens a door in that wall: the container reads and writes the host files with its own UIDs, root included. Mounting the engine's socket (`/var/run/docker.sock`) amounts to root on the host, because whoever holds it can start a privileged container.",
      "Mount read-only (`:ro`) whatever the container only has to read, and never mount `/`, `/etc` or the engine socket into a workload.",
    ),
    seeAlso: ['volumes', 'writable-layer', 'privileged', 'namespaces'],
  },
  'uts-namespace': {
    title: 'UTS namespace',
    summary: "The UTS namespace gives a container its own host name and NIS domain name.",
    body: md(
      "`hostname` inside a container prints its ID or the name set with `--hostname`, and changing it leaves the host's name alone.",
      "The namespace covers names only: `uname -r` still reports the host's kernel release, because there is no other kernel.",
      "`--uts=host` shares the host's names; a container that also holds CAP_SYS_ADMIN could then rename the host.",
    ),
    seeAlso: ['namespaces', 'shared-kernel'],
  },
  'ipc-namespace': {
    title: 'IPC namespace',
    summary: "The IPC namespace separates System V IPC objects and POSIX message queues, so containers cannot attach to each other's shared memory.",
    body: md(
      "Shared memory segments, semaphores and message queues are kernel objects found by key; in two namespaces the same key names two different objects. `/dev/shm` is a separate tmpfs per container by default.",
      "`--ipc=host` or `--ipc=container:<name>` joins another namespace. Some tightly coupled programs need it, but it also lets the container read and write the other side's shared memory.",
    ),
    seeAlso: ['namespaces'],
  },
  'user-namespace': {
    title: 'User namespace',
    summary: "A user namespace maps user and group IDs, so UID 0 inside a container can be an unprivileged UID on the host.",
    body: md(
      "Docker does not use one by default. IDs then pass through unchanged: root in the container is UID 0 to the host kernel, and a file written as UID 1000 into a mounted host directory belongs to host UID 1000.",
      "With a user namespace the kernel translates a range of IDs, so container UID 0 might be host UID 100000. Capabilities then only count for resources that belong to the namespace, and a process that breaks out is an ordinary user on the host.",
      "Ways to get one: the engine setting `userns-remap`, a rootless engine, or Kubernetes `hostUsers: false`. The costs: files on volumes must be owned by the mapped IDs, and sharing the host's PID or network namespace needs the mapping turned off for that container.",
    ),
    seeAlso: ['rootless', 'non-root-user', 'capabilities', 'namespaces'],
  },
  'cgroup-namespace': {
    title: 'Cgroup namespace',
    summary: "The cgroup namespace makes a container see its own control group as the root of the cgroup tree.",
    body: md(
      "Without it, `/proc/self/cgroup` inside a container shows the host's cgroup paths, and with them details of how the host is laid out. With it, the container's own group appears as `/`.",
      "It changes the view, not the limits, which cgroups themselves enforce. Docker gives each container a private cgroup namespace by default on cgroup v2 hosts; `--cgroupns=host` shares the host's view.",
    ),
    seeAlso: ['cgroups', 'namespaces'],
  },
  cgroups: {
    title: 'Control groups (cgroups)',
    summary: "Cgroups decide how much a group of processes may use: CPU time, memory, number of processes and block I/O.",
    body: md(
      "Namespaces limit what a container sees; cgroups limit what it consumes. The engine puts each container's processes into a cgroup and writes there the limits you set with `--memory`, `--cpus`, `--pids-limit` and the block I/O options.",
      "- **memory**: past the limit the kernel reclaims what it can, then kills a process inside the container instead of letting it starve the host.\n- **cpu**: a hard quota (`--cpus=1.5`) or a relative weight.\n- **pids**: caps processes and threads, so a fork bomb stops at the container's edge.\n- **io**: throttles or weights reads and writes per block device.",
      "The default is no limit: a container may use all of the host's memory and CPU, and one runaway container can push the host into killing others. Set limits in production (Compose `deploy.resources`, Kubernetes `resources.limits`). A VM, by contrast, gets dedicated virtual CPUs and guest memory; containers share the host's, capped by cgroups.",
      "Some of our sources list network bandwidth among cgroup limits; cgroup v2 has no network controller, and bandwidth is shaped with traffic control (`tc`) or by the network plugin instead.",
    ),
    seeAlso: ['namespaces', 'cgroup-namespace', 'vm-vs-container'],
  },
  capabilities: {
    title: 'Linux capabilities',
    summary: "Capabilities split root's power into separate privileges, containers start with a reduced set, and `--cap-drop` and `--cap-add` adjust it.",
    body: md(
      "The kernel checks capabilities rather than the UID alone: binding a port below 1024 needs CAP_NET_BIND_SERVICE, changing file owners CAP_CHOWN, loading a kernel module CAP_SYS_MODULE.",
      "Docker hands containers a short default list (such as CHOWN, SETUID, KILL, NET_BIND_SERVICE) and withholds the dangerous ones, among them SYS_ADMIN, SYS_MODULE, NET_ADMIN and SYS_PTRACE. That is why root in a container is weaker than root on the host, though far from harmless.",
      "Drop everything and add back what the program needs (`--cap-drop=ALL --cap-add=NET_BIND_SERVICE`, Kubernetes `capabilities.drop: [ALL]`). Refuse CAP_SYS_ADMIN in particular: it covers mounting filesystems and a long list of other operations and shows up in most escapes.",
      "A process running as a non-root user normally has no capabilities in effect, one more reason to set USER.",
    ),
    seeAlso: ['privileged', 'non-root-user', 'seccomp', 'no-new-privileges'],
  },
  seccomp: {
    title: 'seccomp system-call filtering',
    summary: "A seccomp profile filters the system calls a container may make, shrinking the part of the shared kernel it can reach.",
    body: md(
      "A container reaches the host kernel only through system calls. A filter that refuses the calls an application never needs takes the kernel code behind them out of an attacker's reach.",
      "Docker applies a default profile that refuses rarely needed, risky calls such as `kexec_load`, `open_by_handle_at` or `add_key`. Kubernetes applies none by default; a pod asks for it with `seccompProfile: { type: RuntimeDefault }`.",
      "`--security-opt seccomp=unconfined` and `--privileged` switch the filter off. A custom JSON profile can tighten it further for a workload you know well.",
    ),
    seeAlso: ['capabilities', 'lsm', 'shared-kernel', 'gvisor'],
  },
  lsm: {
    title: 'AppArmor and SELinux',
    summary: "Linux security modules add mandatory access control: a policy the kernel enforces even against root inside the container.",
    body: md(
      "AppArmor (Ubuntu, Debian, SUSE) confines programs with path-based rules, and Docker loads a `docker-default` profile for containers when AppArmor is active. SELinux (Fedora, RHEL) labels every process and file; container processes run under a container type and, with per-container categories, cannot touch each other's files.",
      "They catch what namespaces miss: writes to sensitive files under `/proc` and `/sys`, mount attempts, access to host files that reached the container through a mount.",
      "`--privileged`, `--security-opt apparmor=unconfined` and `--security-opt label=disable` turn them off. On SELinux hosts, bind mounts need `:z` or `:Z` so the files get a label containers may use.",
    ),
    seeAlso: ['seccomp', 'capabilities', 'privileged'],
  },
  'no-new-privileges': {
    title: 'The no-new-privileges flag',
    summary: "With no-new-privileges set, no process in the container can gain privileges by executing a setuid binary or a file with capabilities.",
    body: md(
      "Normally, running a setuid-root program such as `su` or `sudo` makes a process root. With the flag (`--security-opt no-new-privileges`, Kubernetes `allowPrivilegeEscalation: false`) the kernel ignores setuid bits and file capabilities on exec, for that process and all its children.",
      "For a service that already starts as its final user it costs nothing, and it closes the usual road from a non-root user back to root.",
      "It does not take away privileges a process already holds: combine it with a non-root USER and dropped capabilities.",
    ),
    seeAlso: ['non-root-user', 'capabilities', 'privileged'],
  },
  'non-root-user': {
    title: 'Running as a non-root user',
    summary: "Unless a USER says otherwise, most images run their process as root, UID 0, and without a user namespace that is the host's UID 0.",
    body: md(
      "Root in a container is held back by namespaces, a reduced capability set, seccomp and the LSM policy, yet it is still the UID the host kernel trusts most. A kernel flaw, a writable host mount or one extra capability is enough to turn it into root on the host.",
      "Create a dedicated user in the image and switch to it with USER after the steps that need root, such as installing packages. Prefer a numeric UID (`USER 10001:10001`): Kubernetes `runAsNonRoot` can check a number but not a name.",
      "Files COPY takes from the build context belong to root unless you pass `--chown`. An application usually only needs to read its code, and to write into a few directories you create for it.",
      "Some base images ship a ready user: `node` in the official Node.js images, `nonroot` in distroless. Use it instead of creating another.",
    ),
    seeAlso: ['user-namespace', 'rootless', 'capabilities', 'file-permissions', 'no-new-privileges'],
  },
  rootless: {
    title: 'Rootless containers',
    summary: "A rootless engine runs the daemon and its containers inside a user namespace owned by an ordinary user, so no part of it is real root.",
    body: md(
      "Rootless Docker and Podman map UID 0 in the container to the user who runs the engine, and other container UIDs to that user's subordinate range (`/etc/subuid`). A process that breaks out lands as that user.",
      "Trade-offs: host ports below 1024 need extra setup, traffic passes through a user-space network helper, and resource limits need cgroup v2 with delegation.",
      "Rootless describes the engine, not the image: a Dockerfile should still switch to a non-root USER, which helps under any engine.",
    ),
    seeAlso: ['user-namespace', 'non-root-user', 'isolation-spectrum'],
  },
  privileged: {
    title: 'Privileged containers',
    summary: "`--privileged` turns off nearly all container isolation: every capability, every device, no seccomp filter and no LSM confinement.",
    body: md(
      "A privileged container can mount the host's disks, load kernel modules and write to `/sys`; taking over the host from there is routine. Treat it as a process running directly on the host.",
      "Other settings carry the same class of risk: mounting `/var/run/docker.sock`, sharing the host's PID namespace together with ptrace, adding CAP_SYS_ADMIN.",
      "When a workload needs one device or one capability, grant exactly that (`--device`, `--cap-add`) instead.",
    ),
    seeAlso: ['capabilities', 'seccomp', 'lsm', 'mount-namespace', 'isolation-spectrum'],
  },
  'build-privileges': {
    title: 'Privileges during the build',
    summary: "RUN steps execute in a sandbox as well, and `RUN --network=host` or `RUN --security=insecure` loosen it only when the builder has been granted the matching entitlement.",
    body: md(
      "Each RUN executes in a temporary container with the same kinds of namespaces and default restrictions as `docker run`. It gets the default build network unless it says `--network=none` or `--network=host`.",
      "`RUN --security=insecure` (labs syntax) runs the step like a privileged container, and `--network=host` shares the builder host's network. BuildKit refuses both unless the builder allows the `security.insecure` or `network.host` entitlement and the build requests it with `--allow`.",
      "Build steps run code fetched from package registries and the internet. Giving them host networking or privileges gives that code the build machine, often a CI runner with credentials. `--network=none` suits steps that download nothing.",
    ),
    seeAlso: ['privileged', 'remote-code', 'secrets'],
  },
  secrets: {
    title: 'Secrets in builds and images',
    summary: "Anything written into a layer, an ENV or a build argument can be read by whoever can pull the image, so build secrets belong in secret mounts.",
    body: md(
      "Layers are archives: a key copied in and deleted a step later is still inside the earlier layer. ENV values and labels sit in the image configuration, shown by `docker inspect`, and build argument values used by RUN steps appear in `docker history`.",
      "`RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci` makes the file exist for that one step only (under `/run/secrets/<id>` unless a target is given); it is never written to a layer. Pass it with `docker build --secret id=npmrc,src=$HOME/.npmrc`. For SSH keys use `--mount=type=ssh`.",
      "At run time, let the orchestrator inject secrets as files or variables (Compose secrets, Kubernetes Secrets) rather than baking them into the image.",
    ),
    seeAlso: ['build-args', 'layers', 'metadata-instructions'],
  },
  'service-account-token': {
    title: 'Service-account tokens',
    summary: "Unless a pod opts out, Kubernetes mounts a token of the pod's service account into every container, and whoever holds it can call the cluster's API with that account's permissions.",
    body: md(
      "The kubelet mounts the token, the cluster's CA certificate and the namespace name under `/var/run/secrets/kubernetes.io/serviceaccount`. Client libraries look there first and authenticate as `system:serviceaccount:<namespace>:<name>`.",
      "It is a credential, not a kernel feature: code that runs in the container can use it without escaping anything. What it can do is whatever the RBAC rules bound to the account allow; the `default` account usually has little, accounts made for operators or CI often have a lot.",
      "Most workloads never call the API. Set `automountServiceAccountToken: false` on the pod or on the ServiceAccount, and give the workloads that do need it an account of their own with only the verbs and resources they use.",
    ),
    seeAlso: ['secrets', 'isolation-spectrum'],
  },
  'tags-vs-digests': {
    title: 'Tags and digests',
    summary: "A tag is a movable name its publisher can point at a different image tomorrow, while a digest (`@sha256:…`) names one exact content.",
    body: md(
      "`node:20` today and `node:20` next month are different images: publishers move tags to ship fixes. That is welcome for patches and unwelcome for repeatable builds, the classic 'it worked yesterday'. No tag at all means `latest`, the most mobile tag there is.",
      "A digest is the hash of the image manifest; pulling by digest returns those exact bytes or fails. `FROM node:20@sha256:…` keeps the tag as a note for readers and for update bots, and the builder uses the digest.",
      "Pinning makes updates your decision, so make that decision regularly: let a bot propose new digests, or rebuild on a schedule, so a pinned base does not quietly grow old.",
    ),
    seeAlso: ['package-pinning', 'build-cache', 'remote-code'],
  },
  'package-pinning': {
    title: 'Pinning packages',
    summary: "Installing packages without versions makes every build take whatever the mirror offers on that day.",
    body: md(
      "`apt-get install curl` installs the version that is current when the step runs, which may differ after the next cache miss. Pin versions (`curl=<version>`, `apk add curl=<version>`, `pip install name==<version>`) or install from lock files (`npm ci`, hashed requirements).",
      "Distributions drop old package versions, so OS-level pins eventually break the build. Pin the base image by digest as well and move both forward together, on purpose.",
    ),
    seeAlso: ['tags-vs-digests', 'build-cache', 'package-caches'],
  },
  'package-caches': {
    title: 'Package manager caches',
    summary: "Package indexes and downloaded archives left in a layer make every pull bigger and no later build faster.",
    body: md(
      "`apt-get update` writes indexes under `/var/lib/apt/lists`, and pip or npm keep downloads in the home directory. Unless the same RUN removes them they are frozen into its layer; deleting them in a later RUN changes nothing.",
      "Clean up in the same step (`rm -rf /var/lib/apt/lists/*`, `apk add --no-cache`, `pip install --no-cache-dir`), or keep the cache on the builder with `RUN --mount=type=cache,target=/root/.cache/pip`, which speeds up rebuilds and never reaches the image.",
      "Run `apt-get update` and `apt-get install` in the same RUN: a cached update step paired with a changed install line installs from stale indexes.",
    ),
    seeAlso: ['layers', 'build-cache', 'multi-stage'],
  },
  'remote-code': {
    title: 'Remote code in builds',
    summary: "`curl … | sh`, `ADD https://…` and unpinned downloads run or embed whatever the server returns at build time.",
    body: md(
      "The build trusts the network at that moment. A changed or compromised server changes your image without any change to the Dockerfile, and the build cache hides it until the next miss.",
      "Check what you download: a checksum (`ADD --checksum=sha256:… https://…`, or `sha256sum -c` after `curl`), a signature, or a package from a signed repository, always over HTTPS.",
      "ADD also unpacks local tar archives on its own; use COPY unless that is what you want.",
    ),
    seeAlso: ['package-pinning', 'tags-vs-digests', 'build-privileges'],
  },
  'file-permissions': {
    title: 'File ownership and permissions',
    summary: "Files that COPY and ADD take from the build context belong to root unless `--chown` says otherwise, and the mode bits decide what a non-root process can change.",
    body: md(
      "A sound pattern: the application runs as a non-root user, and its code is owned by root and only readable to it, so a compromised process cannot rewrite itself. Grant write access only to the directories it must write to.",
      "`COPY --chown=app:app` sets the owner in the same layer. A separate `RUN chown -R` copies every touched file into a new layer (copy-on-write) and doubles their size in the image.",
      "`COPY --chmod=0755` sets modes while copying. Avoid `chmod 777`: world-writable files can be changed by any user in the container, and by any host user with the same UID when they sit on a shared mount.",
      "`COPY --from` is the exception to root ownership: files copied from another stage or image keep the owners they had there.",
    ),
    seeAlso: ['non-root-user', 'writable-layer', 'layers'],
  },
  'pid1-signals': {
    title: 'PID 1 and signals',
    summary: "The container's first process is PID 1: it receives the SIGTERM of `docker stop`, must handle it itself, and must reap orphaned children.",
    body: md(
      "The kernel applies no default signal action to PID 1 of a namespace. A program without a SIGTERM handler ignores SIGTERM, so `docker stop` waits out its grace period and then sends SIGKILL: no clean shutdown.",
      "The shell form (`CMD node server.js`) makes `/bin/sh -c` PID 1 with your program as its child. A shell does not pass SIGTERM on to its child, so unless it happens to replace itself with the program (some shells do for a single simple command), the app never hears it. Use the exec form (`CMD [\"node\", \"server.js\"]`), or `exec` the program at the end of an entrypoint script.",
      "PID 1 also inherits orphans, and a program that never waits for them collects zombies. `docker run --init` (Compose `init: true`) puts a tiny init process in front that forwards signals and reaps children.",
      "`STOPSIGNAL` changes the first signal sent on stop, for programs that shut down gracefully on another one.",
    ),
    seeAlso: ['pid-namespace', 'healthcheck'],
  },
  healthcheck: {
    title: 'Health checks',
    summary: "HEALTHCHECK tells the engine how to test whether the application still works, beyond the mere existence of its process.",
    body: md(
      "The engine runs the command inside the container, in its namespaces and as its user, at every interval, and marks the container `unhealthy` after the configured number of failures in a row. `docker ps` shows the state, Compose can wait on it (`condition: service_healthy`) and Swarm replaces unhealthy tasks.",
      "A plain `docker run` does not restart an unhealthy container, and Kubernetes ignores HEALTHCHECK altogether in favour of its own probes.",
      "The command must exist in the image: there is no `curl` in a distroless image. A tiny probe binary or the application's own health subcommand avoids adding tools, and with them attack surface.",
    ),
    seeAlso: ['pid1-signals', 'metadata-instructions'],
  },
  volumes: {
    title: 'Volumes and bind mounts',
    summary: "Volumes keep data outside the container's writable layer so it outlives the container, and bind mounts expose a host path inside it.",
    body: md(
      "Named volumes are managed by the engine; bind mounts map a host directory, a deliberate opening in the mount namespace where the container acts on host files with its own UIDs; tmpfs mounts live in memory.",
      "`VOLUME /data` in a Dockerfile only declares a mount point. At run time the engine then creates an anonymous volume there unless you mount one, and those pile up unnoticed. Under the classic builder, later build steps that change that path lose their changes; BuildKit keeps them.",
      "Writes to a volume bypass the overlay's copy-on-write, so data directories belong on volumes for speed as well as for survival.",
    ),
    seeAlso: ['writable-layer', 'mount-namespace', 'file-permissions'],
  },
  expose: {
    title: 'EXPOSE and published ports',
    summary: "EXPOSE records which ports the application listens on but opens nothing, since only publishing with `-p` opens a port on the host.",
    body: md(
      "Each container has its own network namespace, so its ports are private to it. EXPOSE writes the port into the image configuration, where `docker run -P` (publish all to random host ports) and people reading the image find it.",
      "`-p 8080:80` listens on every host address and can be reached from the network; `-p 127.0.0.1:8080:80` keeps it on the host's loopback. Containers on the same user-defined network reach each other's ports without publishing anything.",
      "Inside the container the application must listen on `0.0.0.0` (or `::`): the container's `127.0.0.1` is its own loopback, unreachable from outside its namespace.",
    ),
    seeAlso: ['network-namespace', 'metadata-instructions'],
  },
  'ssh-in-containers': {
    title: 'SSH servers in containers',
    summary: "A container should run one service, and getting a shell in it is the engine's job (`docker exec`), not an SSH daemon's.",
    body: md(
      "An SSH server adds a long-running daemon that starts as root, host keys baked into the image and shared by every container made from it, passwords or keys to manage, and port 22 to expose.",
      "`docker exec -it <container> sh`, `kubectl exec` or an ephemeral debug container join the container's namespaces on demand, behind the engine's own access control.",
      "Images are meant to be immutable: change them by rebuilding, not by logging in and editing.",
    ),
    seeAlso: ['expose', 'non-root-user'],
  },
  hypervisors: {
    title: 'Hypervisors: type 1 and type 2',
    summary: "A hypervisor runs virtual machines, each with virtual hardware and a kernel of its own; type 1 runs on the bare hardware and type 2 runs as an application on a host OS.",
    body: md(
      "- **Type 1 (bare metal)**: VMware ESXi, Microsoft Hyper-V, Xen, and KVM inside Linux. Cloud instances such as EC2 are VMs on type 1 hypervisors.\n- **Type 2 (hosted)**: VirtualBox, VMware Workstation, Parallels, used for development and testing on desktops.",
      "Each guest gets virtual CPUs, its own memory, virtual disks and network cards, and boots a full operating system with its own kernel. CPU extensions (Intel VT-x, AMD-V) let guest code run at near-native speed, and the hypervisor, a much smaller code base than a kernel, is the boundary.",
      "The price per VM: our sources put the guest OS's own memory use between about 256 MB and 2 GB, images from hundreds of megabytes to tens of gigabytes, and boot times from tens of seconds to several minutes.",
    ),
    seeAlso: ['vm-vs-container', 'kata-firecracker', 'isolation-spectrum'],
  },
  gvisor: {
    title: 'gVisor',
    summary: "gVisor runs containers against a kernel implemented in user space that intercepts their system calls, so far less of the host kernel is exposed to them.",
    body: md(
      "Its runtime, `runsc`, is an OCI runtime: `docker run --runtime=runsc`, or a RuntimeClass in Kubernetes. The application's system calls are handled by gVisor's own kernel, which in turn uses a narrow set of host system calls.",
      "A kernel bug the application can reach is then mostly gVisor's bug, not the host's. The costs are slower system calls and I/O and some kernel features it does not implement. Google Cloud's GKE Sandbox uses it to run untrusted workloads next to trusted ones.",
    ),
    seeAlso: ['kata-firecracker', 'seccomp', 'isolation-spectrum'],
  },
  'kata-firecracker': {
    title: 'Kata Containers and Firecracker',
    summary: "Kata Containers and Firecracker put each container or function into a lightweight VM, so it gets a guest kernel of its own behind a hypervisor.",
    body: md(
      "Kata is an OCI runtime: each pod gets a micro-VM on KVM with its own guest kernel, and the containers run inside it from the same images, driven by the same tools.",
      "Firecracker is a minimal virtual machine monitor built for micro-VMs; AWS runs Lambda functions on it.",
      "One of our sources prices Kata at about 30–50 ms of extra start-up and about 100 MB of memory per pod. In exchange, a kernel exploit inside the workload only reaches the guest kernel and still has to get past the hypervisor.",
    ),
    seeAlso: ['hypervisors', 'gvisor', 'isolation-spectrum'],
  },
  'vm-vs-container': {
    title: 'Virtual machines and containers',
    summary: "A VM virtualizes hardware and boots its own kernel, while a container is an isolated process on the host's kernel.",
    body: md(
      "- **Boundary**: a VM sits behind a hypervisor with a separate guest kernel; a container sits behind namespaces, cgroups and security filters inside the one shared kernel.\n- **Start**: a VM boots in tens of seconds to minutes (our sources say 30–60 s, 30–120 s, up to 5 minutes); a container starts in milliseconds to a few seconds (100 ms to 2 s, 1–3 s).\n- **Size**: VM images run from about 500 MB to tens of GB (10–20 GB for a web server in one source); container images from a few MB (Alpine is 5–7 MB) to around 1 GB, 50–200 MB for a typical web server.\n- **Memory per instance**: 256 MB to 2 GB for a guest OS, around 10 MB of overhead for a container.\n- **Density**: per host, our sources count from 5–10 up to hundreds of VMs, against 50–100 up to thousands of containers, roughly ten times more.\n- **Operating system**: a VM can run any OS and kernel version; a container needs a host kernel of its own kind.",
      "Neither replaces the other. In the cloud, containers usually run inside VMs (EC2, GCE or Azure instances, managed Kubernetes nodes): the VM separates tenants and the containers pack services densely inside it.",
      "For your own services, container isolation is usually enough when it is hardened. Untrusted code or several tenants on one host call for a VM boundary, or a runtime that adds one.",
    ),
    seeAlso: ['shared-kernel', 'hypervisors', 'isolation-spectrum', 'kata-firecracker'],
  },
  'isolation-spectrum': {
    title: 'The isolation spectrum',
    summary: "Between a plain process and a separate machine there are several steps, each adding a boundary and costing some speed or density.",
    body: md(
      "1. **A process on the host**: shares everything.\n2. **A privileged container or host namespaces**: little more than a process.\n3. **A default container**: namespaces, cgroups, a trimmed capability set, seccomp and an LSM profile, on one shared kernel.\n4. **A hardened container**: non-root user, user namespace or rootless engine, all capabilities dropped, read-only root filesystem, no-new-privileges.\n5. **A sandboxed runtime** (gVisor): a user-space kernel between the application and the host's.\n6. **A micro-VM** (Kata, Firecracker): its own guest kernel behind a hypervisor.\n7. **A full VM**, and beyond it, a separate physical machine.",
      "Choose by trust. Your own services are usually well served by step 4; code from strangers and multiple tenants belong at step 5 or beyond. Container Lens points out where a file moves a workload down this list.",
    ),
    seeAlso: ['vm-vs-container', 'privileged', 'non-root-user', 'gvisor', 'kata-firecracker'],
  },
  'dockerfile-syntax': {
    title: 'Dockerfile syntax and parser directives',
    summary: "Parser directives on the first lines (`# syntax=`, `# escape=`, `# check=`) change how the whole Dockerfile is read, and everything after them is instructions and comments.",
    body: md(
      "- `# syntax=docker/dockerfile:1` picks the Dockerfile frontend BuildKit runs, so newer features (heredocs, `RUN --mount`, `COPY --chmod`) work whatever the engine's version. Pin a major version.\n- `# escape=` followed by a backtick makes the backtick the escape and line-continuation character, common in Windows Dockerfiles where the backslash separates paths.\n- `# check=skip=<names>;error=true` configures BuildKit's build checks (`docker build --check`): skip some of them, or fail the build on any finding. Container Lens honours the skip list too.",
      "Directives must come before everything else, blank lines and comments included; further down, `# key=value` is an ordinary comment.",
      "Keywords are case-insensitive but written in upper case by convention. A backslash (or the chosen escape character) at the end of a line continues the instruction, and a heredoc (`<<EOF`) embeds a multi-line script or file.",
    ),
    seeAlso: ['build-args', 'layers'],
  },
  'build-args': {
    title: 'Build arguments (ARG)',
    summary: "ARG declares a variable that exists only during the build, yet its values can still surface in the image history, so it is no place for secrets.",
    body: md(
      "An ARG before the first FROM is global and usable only in FROM lines; a stage that needs its value declares `ARG NAME` again, without a default. Inside a stage, an ARG is visible from its line to the end of that stage.",
      "Values come from `docker build --build-arg NAME=value` or the default. They are not part of the final environment, but RUN steps see them as environment variables, and BuildKit records the values a RUN used in the image history.",
      "A new value invalidates the cache at the first step that uses the argument, and every step after it.",
      "BuildKit predefines platform arguments such as `TARGETARCH` and `BUILDPLATFORM`; declare them with a bare `ARG TARGETARCH` inside a stage to use them there.",
    ),
    seeAlso: ['secrets', 'build-cache', 'dockerfile-syntax'],
  },
};

export const TOPICS: Record<TopicId, Topic> = Object.fromEntries(
  TOPIC_IDS.map((id) => [id, { id, ...TEXTS[id] }]),
) as Record<TopicId, Topic>;

export function topic(id: TopicId): Topic {
  return TOPICS[id];
}

export function isTopicId(id: string): id is TopicId {
  return Object.prototype.hasOwnProperty.call(TOPICS, id);
}

export interface RenderTopicOptions {
  /** Heading level of the title: 1–6, or 0 for a bold line (default 3, suits hovers). */
  headingLevel?: number;
  /**
   * Where a topic title links to: an anchor in docs, a `command:` URI in the editor. Without it
   * (or when it returns undefined) titles are plain text, as in the terminal.
   */
  link?: (id: TopicId) => string | undefined;
  /** Leave the body out: title, summary and see also only. */
  short?: boolean;
  /** Leave the "See also" line out. */
  noSeeAlso?: boolean;
}

/** A topic's title, as a link when `link` gives one. */
export function topicLink(id: TopicId, link?: (id: TopicId) => string | undefined): string {
  const t = TOPICS[id];
  const target = link?.(id);
  if (!target) return t.title;
  // Keep the link destination one token: spaces and parentheses would end it early.
  const dest = target.replace(/ /g, '%20').replace(/\(/g, '%28').replace(/\)/g, '%29');
  return `[${t.title}](${dest})`;
}

/** "See also: Image layers · Build cache", or '' for no ids. */
export function seeAlsoLine(ids: readonly TopicId[], link?: (id: TopicId) => string | undefined): string {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return '';
  return `See also: ${unique.map((id) => topicLink(id, link)).join(' · ')}`;
}

/** Markdown for a topic: title, summary, body and a "See also" line (for hovers, the CLI and docs). */
export function renderTopic(id: TopicId, opts: RenderTopicOptions = {}): string {
  const t = TOPICS[id];
  const level = Math.max(0, Math.min(6, opts.headingLevel ?? 3));
  const title = level === 0 ? `**${t.title}**` : `${'#'.repeat(level)} ${t.title}`;
  const parts = [title, `*${t.summary}*`];
  if (!opts.short) parts.push(t.body);
  if (!opts.noSeeAlso && t.seeAlso.length > 0) parts.push(seeAlsoLine(t.seeAlso, opts.link));
  return parts.join('\n\n');
}
