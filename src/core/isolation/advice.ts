/**
 * What to change, said in the words of the place where the change is made. The same step ("drop
 * every capability") is a `cap_drop:` key in a compose file, a `securityContext` field in a
 * Kubernetes manifest, a `docker run` flag for a container that already exists, and, where a
 * Dockerfile can do anything about it at all, an instruction; where it cannot, the text says where
 * the setting lives instead.
 *
 * Plain data, keyed by advice id and subject kind, so the spectrum's next-step actions, the profile
 * page, the Containers view and the comparison panel read one table. Texts are Markdown with
 * backticks around what a user types; `{name}` placeholders are filled by `adviceText`.
 */
import type { SubjectKind } from './profile';
import type { ProfileField } from './spectrum';

export type AdviceId =
  | 'host-path.engine-socket'
  | 'host-path.host-root'
  | 'host-path.sensitive'
  | 'privileged.remove'
  | 'capabilities.replace-all'
  | 'capabilities.remove-sys-module'
  | 'capabilities.remove-dangerous'
  | 'capabilities.drop-all'
  | 'host-pid.with-tracer'
  | 'host-pid.remove'
  | 'host-network.remove'
  | 'host-ipc.remove'
  | 'host-uts.remove'
  | 'host-user-namespace.remove'
  | 'host-cgroup-namespace.remove'
  | 'seccomp.unconfined'
  | 'seccomp.set'
  | 'apparmor.unconfined'
  | 'selinux.disabled'
  | 'devices.fewer'
  | 'proc.unmasked'
  | 'host-process.remove'
  | 'user.non-root'
  | 'no-new-privileges.set'
  | 'read-only-root.set'
  | 'limits.set'
  | 'runtime.gvisor'
  | 'runtime.microvm'
  | 'runtime.vm'
  | 'undo';

export interface AdviceEntry {
  /** The profile field the step changes. */
  field: ProfileField;
  /** The step, for each kind of workload. Placeholders: `{path}`, `{cap}`, `{caps}`, `{label}`. */
  text: Readonly<Record<SubjectKind, string>>;
}

/** Where a change for each subject kind is made, in a few words (for headings and tooltips). */
export const ADVICE_PLACE: Readonly<Record<SubjectKind, string>> = {
  'compose-service': 'the compose file',
  'k8s-container': 'the Kubernetes manifest',
  container: 'the `docker run` command that creates it',
  'dockerfile-stage': 'the Dockerfile',
};

export const ADVICE: Readonly<Record<AdviceId, AdviceEntry>> = {
  'host-path.engine-socket': {
    field: 'hostPaths',
    text: {
      'compose-service': 'do not mount {path}; if it must talk to the engine, put a proxy in between that allows only the calls it needs',
      'k8s-container': 'do not mount {path}; if it must talk to the runtime, put a proxy in between that allows only the calls it needs',
      container: 'recreate it without the `-v {path}:…` bind; if it must talk to the engine, give it a proxy that allows only the calls it needs',
      'dockerfile-stage': 'do not expect {path} at run time: an image that needs the engine socket hands whoever runs it root on the host',
    },
  },
  'host-path.host-root': {
    field: 'hostPaths',
    text: {
      'compose-service': "do not mount the host's root; mount only the directory it needs, read-only",
      'k8s-container': "do not mount the node's root; mount only the directory it needs, read-only",
      container: "recreate it without `-v /:…`; bind only the directory it needs, read-only (`-v /srv/data:/data:ro`)",
      'dockerfile-stage': "do not expect the host's root at run time; `COPY` what the image needs into it instead",
    },
  },
  'host-path.sensitive': {
    field: 'hostPaths',
    text: {
      'compose-service': 'do not mount {path} from the host, or mount only the file it needs, read-only',
      'k8s-container': 'do not mount {path} from the node, or mount only the file it needs, read-only',
      container: 'recreate it without the `-v {path}:…` bind, or bind only the file it needs with `:ro`',
      'dockerfile-stage': 'do not expect {path} from the host at run time; `COPY` the files it needs into the image',
    },
  },
  'privileged.remove': {
    field: 'privileged',
    text: {
      'compose-service': 'remove `privileged: true`; add only the capabilities it needs with `cap_add`',
      'k8s-container': 'set `privileged: false`; add only the capabilities it needs',
      container: 'recreate it without `--privileged`; add only the capabilities it needs with `--cap-add`',
      'dockerfile-stage': 'build it so it runs unprivileged: no `RUN --security=insecure`, and nothing that needs `--privileged` where it runs',
    },
  },
  'capabilities.replace-all': {
    field: 'capabilities',
    text: {
      'compose-service': 'replace ALL in `cap_add` with the few capabilities it needs',
      'k8s-container': 'replace ALL in `capabilities.add` with the few capabilities it needs',
      container: 'recreate it with `--cap-add` naming only the few capabilities it needs, not `--cap-add ALL`',
      'dockerfile-stage': 'a Dockerfile cannot add capabilities: run the image without `--cap-add ALL`, naming only what it needs',
    },
  },
  'capabilities.remove-sys-module': {
    field: 'capabilities',
    text: {
      'compose-service': 'remove SYS_MODULE from `cap_add`',
      'k8s-container': 'remove SYS_MODULE from `capabilities.add`',
      container: 'recreate it without `--cap-add SYS_MODULE`',
      'dockerfile-stage': 'do not load kernel modules from the image; run it without `--cap-add SYS_MODULE`',
    },
  },
  'capabilities.remove-dangerous': {
    field: 'capabilities',
    text: {
      'compose-service': 'remove {caps} from `cap_add`',
      'k8s-container': 'remove {caps} from `capabilities.add`',
      container: 'recreate it without adding {caps} (`--cap-add`)',
      'dockerfile-stage': 'run the image without adding {caps} (`--cap-add`); a Dockerfile cannot grant capabilities',
    },
  },
  'capabilities.drop-all': {
    field: 'capabilities',
    text: {
      'compose-service': 'drop every capability (`cap_drop: [ALL]`) and add back only what it needs',
      'k8s-container': 'drop every capability (`capabilities: { drop: [ALL] }`) and add back only what it needs',
      container: 'recreate it with `--cap-drop ALL`, adding back only what it needs with `--cap-add`',
      'dockerfile-stage':
        'build an image that needs no capability (a port above 1024, files owned by its user), so it runs with `--cap-drop ALL`; the Dockerfile itself cannot drop them',
    },
  },
  'host-pid.with-tracer': {
    field: 'hostNamespaces.pid',
    text: {
      'compose-service': 'remove `pid: host` or {cap}',
      'k8s-container': 'remove `hostPID: true` or {cap}',
      container: 'recreate it without `--pid host` or without `--cap-add {cap}`',
      'dockerfile-stage': 'run the image without `--pid host` or without `--cap-add {cap}`',
    },
  },
  'host-pid.remove': {
    field: 'hostNamespaces.pid',
    text: {
      'compose-service': 'remove `pid: host`',
      'k8s-container': 'remove `hostPID: true`',
      container: 'recreate it without `--pid host`',
      'dockerfile-stage': 'run the image without `--pid host`',
    },
  },
  'host-network.remove': {
    field: 'hostNamespaces.network',
    text: {
      'compose-service': 'remove `network_mode: host` and publish the ports it needs',
      'k8s-container': 'remove `hostNetwork: true` and reach it through a Service',
      container: 'recreate it without `--network host`; publish the ports it needs (`-p 127.0.0.1:8080:8080`)',
      'dockerfile-stage': 'declare the ports it listens on with `EXPOSE` and run it without `--network host`',
    },
  },
  'host-ipc.remove': {
    field: 'hostNamespaces.ipc',
    text: {
      'compose-service': 'remove `ipc: host`',
      'k8s-container': 'remove `hostIPC: true`',
      container: 'recreate it without `--ipc host`',
      'dockerfile-stage': 'run the image without `--ipc host`',
    },
  },
  'host-uts.remove': {
    field: 'hostNamespaces.uts',
    text: {
      'compose-service': 'remove `uts: host`',
      'k8s-container': 'remove `hostNetwork: true`',
      container: 'recreate it without `--uts host`',
      'dockerfile-stage': 'run the image without `--uts host`',
    },
  },
  'host-user-namespace.remove': {
    field: 'hostNamespaces.user',
    text: {
      'compose-service': 'remove `userns_mode: host`',
      'k8s-container': 'set `hostUsers: false`',
      container: 'recreate it without `--userns host`',
      'dockerfile-stage': 'run the image without `--userns host`',
    },
  },
  'host-cgroup-namespace.remove': {
    field: 'hostNamespaces.cgroup',
    text: {
      'compose-service': 'remove `cgroup: host`',
      'k8s-container': 'remove the host cgroup setting',
      container: 'recreate it with `--cgroupns private`',
      'dockerfile-stage': 'run the image with `--cgroupns private`',
    },
  },
  'seccomp.unconfined': {
    field: 'seccomp',
    text: {
      'compose-service': 'remove `seccomp:unconfined` (or write a profile that allows just what it needs)',
      'k8s-container': 'set `seccompProfile: { type: RuntimeDefault }`',
      container: 'recreate it without `--security-opt seccomp=unconfined` (or with a profile that allows just what it needs)',
      'dockerfile-stage': 'run the image without `--security-opt seccomp=unconfined`; a Dockerfile cannot set a seccomp profile',
    },
  },
  'seccomp.set': {
    field: 'seccomp',
    text: {
      'compose-service': 'keep a seccomp profile (remove `seccomp:unconfined`)',
      'k8s-container': 'set `seccompProfile: { type: RuntimeDefault }`',
      container: "keep the engine's default seccomp profile: recreate it without `--security-opt seccomp=unconfined`",
      'dockerfile-stage': "run the image with the engine's default seccomp profile; a Dockerfile cannot set one",
    },
  },
  'apparmor.unconfined': {
    field: 'apparmor',
    text: {
      'compose-service': 'remove `apparmor:unconfined`',
      'k8s-container': 'set `appArmorProfile: { type: RuntimeDefault }`',
      container: 'recreate it without `--security-opt apparmor=unconfined`',
      'dockerfile-stage': 'run the image without `--security-opt apparmor=unconfined`',
    },
  },
  'selinux.disabled': {
    field: 'selinux',
    text: {
      'compose-service': 'remove `label:disable` / the spc_t type',
      'k8s-container': 'remove the spc_t type from `seLinuxOptions`',
      container: 'recreate it without `--security-opt label=disable` (or the spc_t type)',
      'dockerfile-stage': 'run the image without `--security-opt label=disable`',
    },
  },
  'devices.fewer': {
    field: 'devices',
    text: {
      'compose-service': 'pass in only the devices it needs',
      'k8s-container': 'request devices through a device plugin instead of privileges',
      container: 'recreate it with only the `--device` entries it needs',
      'dockerfile-stage': 'run the image with only the `--device` entries it needs',
    },
  },
  'proc.unmasked': {
    field: 'procUnmasked',
    text: {
      'compose-service': 'remove `systempaths=unconfined` from `security_opt`',
      'k8s-container': 'remove `procMount: Unmasked`',
      container: 'recreate it without `--security-opt systempaths=unconfined`',
      'dockerfile-stage': 'run the image without `--security-opt systempaths=unconfined`',
    },
  },
  'host-process.remove': {
    field: 'hostProcess',
    text: {
      'compose-service': 'run it as an ordinary Windows container, not a HostProcess one',
      'k8s-container': 'run it as an ordinary Windows container, not a HostProcess one',
      container: 'run it as an ordinary Windows container, not a HostProcess one',
      'dockerfile-stage': 'run the image as an ordinary Windows container, not a HostProcess one',
    },
  },
  'user.non-root': {
    field: 'user',
    text: {
      'compose-service': 'run it as a non-root user: `user: "10001:10001"` (or a USER in its Dockerfile)',
      'k8s-container': 'set `runAsNonRoot: true` and a `runAsUser` above 0',
      container: 'recreate it as a non-root user: `--user 10001:10001` (or a numeric USER in its image)',
      'dockerfile-stage': 'end the stage with a numeric non-root user (`USER 10001:10001`), created in an earlier `RUN`',
    },
  },
  'no-new-privileges.set': {
    field: 'noNewPrivileges',
    text: {
      'compose-service': 'add `security_opt: [no-new-privileges:true]`',
      'k8s-container': 'set `allowPrivilegeEscalation: false`',
      container: 'recreate it with `--security-opt no-new-privileges`',
      'dockerfile-stage':
        'clear the setuid and setgid bits in a `RUN` (`find / -xdev -perm /6000 -type f -exec chmod a-s {} +`), and run it with `--security-opt no-new-privileges`',
    },
  },
  'read-only-root.set': {
    field: 'readOnlyRootfs',
    text: {
      'compose-service': 'set `read_only: true` (with `tmpfs:` for the paths it writes)',
      'k8s-container': 'set `readOnlyRootFilesystem: true` (with an emptyDir for the paths it writes)',
      container: 'recreate it with `--read-only` (and `--tmpfs /tmp` for the paths it writes)',
      'dockerfile-stage': 'keep what it writes under a `VOLUME` or /tmp, so it can run with `--read-only`',
    },
  },
  'limits.set': {
    field: 'limits',
    text: {
      'compose-service': 'limit its memory and CPU (`mem_limit`, `cpus`) or processes (`pids_limit`)',
      'k8s-container': 'set `resources.limits.memory` and `resources.limits.cpu`',
      container:
        'limit its memory and CPU (`--memory 512m`, `--cpus 1`) or processes (`--pids-limit 256`); `docker update` sets them on the existing container',
      'dockerfile-stage': 'a Dockerfile cannot set limits: give them where it runs (`--memory`, `--cpus`, `--pids-limit`)',
    },
  },
  'runtime.gvisor': {
    field: 'runtime',
    text: {
      'compose-service': 'run it under gVisor: `runtime: runsc` (runsc must be installed and registered with the engine)',
      'k8s-container': 'run it under gVisor: `runtimeClassName:` a RuntimeClass whose handler is runsc',
      container: 'recreate it under gVisor: `--runtime runsc` (runsc must be installed and registered with the engine)',
      'dockerfile-stage': 'run the image under gVisor (`--runtime runsc`); the runtime is chosen where it runs, not in the Dockerfile',
    },
  },
  'runtime.microvm': {
    field: 'runtime',
    text: {
      'compose-service': 'run it in a micro-VM: Kata Containers (`runtime: kata-runtime`) or Firecracker',
      'k8s-container': 'run it in a micro-VM: a RuntimeClass for Kata Containers (or Kata with Firecracker)',
      container: 'recreate it in a micro-VM: `--runtime kata-runtime` (Kata Containers) or Firecracker',
      'dockerfile-stage': 'run the image in a micro-VM (Kata Containers, `--runtime kata-runtime`, or Firecracker)',
    },
  },
  'runtime.vm': {
    field: 'runtime',
    text: {
      'compose-service': 'give it a virtual machine (or a node) of its own when it must share neither a kernel nor a host with other workloads',
      'k8s-container': 'give it a virtual machine (or a node) of its own when it must share neither a kernel nor a host with other workloads',
      container: 'give it a virtual machine of its own when it must share neither a kernel nor a host with other workloads',
      'dockerfile-stage': 'run the image in a virtual machine of its own when it must share neither a kernel nor a host with other workloads',
    },
  },
  // The fallback for a reason no entry covers; the action built from it carries that reason's own field.
  undo: {
    field: 'runtime',
    text: {
      'compose-service': 'undo: {label}',
      'k8s-container': 'undo: {label}',
      container: 'undo: {label}',
      'dockerfile-stage': 'undo: {label}',
    },
  },
};

/** The advice for an id in the words of a subject kind, with its placeholders filled. */
export function adviceText(id: AdviceId, kind: SubjectKind, vars: Readonly<Record<string, string>> = {}): string {
  return ADVICE[id].text[kind].replace(/\{(path|cap|caps|label)\}/g, (whole, name: string) => vars[name] ?? whole);
}
