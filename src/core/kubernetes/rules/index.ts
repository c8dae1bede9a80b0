import type { Rule } from '../../rule';
import type { KubernetesModel } from '../model';
import { k8sApparmorUnconfined } from './k8s-apparmor-unconfined';
import { k8sCapabilitiesNotDropped } from './k8s-capabilities-not-dropped';
import { k8sDangerousCapabilities } from './k8s-dangerous-capabilities';
import { k8sDockerSocket } from './k8s-docker-socket';
import { k8sHostIpc } from './k8s-host-ipc';
import { k8sHostNetwork } from './k8s-host-network';
import { k8sHostPid } from './k8s-host-pid';
import { k8sHostPort } from './k8s-host-port';
import { k8sHostProcess } from './k8s-host-process';
import { k8sHostUsers } from './k8s-host-users';
import { k8sImageLatest } from './k8s-image-latest';
import { k8sImageNotPinned } from './k8s-image-not-pinned';
import { k8sImagePullPolicy } from './k8s-image-pull-policy';
import { k8sPrivilegeEscalationAllowed } from './k8s-privilege-escalation-allowed';
import { k8sPrivileged } from './k8s-privileged';
import { k8sResourceLimitsMissing } from './k8s-resource-limits-missing';
import { k8sRunsAsRoot } from './k8s-runs-as-root';
import { k8sSeccompProfileMissing } from './k8s-seccomp-profile-missing';
import { k8sSeccompUnconfined } from './k8s-seccomp-unconfined';
import { k8sSelinuxUnconfined } from './k8s-selinux-unconfined';
import { k8sSensitiveHostPath } from './k8s-sensitive-host-path';
import { k8sServiceAccountToken } from './k8s-service-account-token';
import { k8sUnmaskedProcMount } from './k8s-unmasked-proc-mount';
import { k8sUnsafeSysctls } from './k8s-unsafe-sysctls';
import { k8sWritableRootFilesystem } from './k8s-writable-root-filesystem';

/** The only list of Kubernetes rules: node takeovers first, then weakened isolation, hardening, resources, images. */
export const KUBERNETES_RULES: Rule<KubernetesModel>[] = [
  k8sPrivileged,
  k8sHostProcess,
  k8sDockerSocket,
  k8sHostPid,
  k8sHostNetwork,
  k8sHostIpc,
  k8sHostUsers,
  k8sDangerousCapabilities,
  k8sSeccompUnconfined,
  k8sApparmorUnconfined,
  k8sSelinuxUnconfined,
  k8sUnmaskedProcMount,
  k8sSensitiveHostPath,
  k8sHostPort,
  k8sUnsafeSysctls,
  k8sRunsAsRoot,
  k8sPrivilegeEscalationAllowed,
  k8sCapabilitiesNotDropped,
  k8sWritableRootFilesystem,
  k8sSeccompProfileMissing,
  k8sServiceAccountToken,
  k8sResourceLimitsMissing,
  k8sImageLatest,
  k8sImagePullPolicy,
  k8sImageNotPinned,
];
