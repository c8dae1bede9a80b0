import type { Rule } from '../../rule';
import type { ComposeModel } from '../model';
import { composeApparmorUnconfined } from './compose-apparmor-unconfined';
import { composeBuildPrivileged } from './compose-build-privileged';
import { composeCapabilitiesNotDropped } from './compose-capabilities-not-dropped';
import { composeDangerousCapabilities } from './compose-dangerous-capabilities';
import { composeDevices } from './compose-devices';
import { composeDockerSocket } from './compose-docker-socket';
import { composeHostCgroupns } from './compose-host-cgroupns';
import { composeHostIpc } from './compose-host-ipc';
import { composeHostNetwork } from './compose-host-network';
import { composeHostPid } from './compose-host-pid';
import { composeHostUserns } from './compose-host-userns';
import { composeHostUts } from './compose-host-uts';
import { composeImageLatest } from './compose-image-latest';
import { composeImageNotPinned } from './compose-image-not-pinned';
import { composeNoNewPrivileges } from './compose-no-new-privileges';
import { composePidsLimitMissing } from './compose-pids-limit-missing';
import { composePortAllInterfaces } from './compose-port-all-interfaces';
import { composePrivileged } from './compose-privileged';
import { composeResourceLimitsMissing } from './compose-resource-limits-missing';
import { composeRunsAsRoot } from './compose-runs-as-root';
import { composeSeccompUnconfined } from './compose-seccomp-unconfined';
import { composeSelinuxUnconfined } from './compose-selinux-unconfined';
import { composeSensitiveHostPath } from './compose-sensitive-host-path';
import { composeUnsafeSysctls } from './compose-unsafe-sysctls';
import { composeWritableRootFilesystem } from './compose-writable-root-filesystem';

/** The only list of compose rules: host takeovers first, then weakened isolation, hardening, resources, images. */
export const COMPOSE_RULES: Rule<ComposeModel>[] = [
  composePrivileged,
  composeDockerSocket,
  composeHostPid,
  composeHostNetwork,
  composeHostIpc,
  composeHostUts,
  composeHostUserns,
  composeHostCgroupns,
  composeDangerousCapabilities,
  composeSeccompUnconfined,
  composeApparmorUnconfined,
  composeSelinuxUnconfined,
  composeSensitiveHostPath,
  composeDevices,
  composeUnsafeSysctls,
  composeBuildPrivileged,
  composeRunsAsRoot,
  composeNoNewPrivileges,
  composeCapabilitiesNotDropped,
  composeWritableRootFilesystem,
  composePortAllInterfaces,
  composeResourceLimitsMissing,
  composePidsLimitMissing,
  composeImageLatest,
  composeImageNotPinned,
];
