import { SENSITIVE_HOST_PATH_NOTES, classifyHostPath } from '../../isolation/host-paths';
import type { Rule } from '../../rule';
import type { KubernetesModel } from '../model';
import { at, mountersOf, podOf } from './support';

export const k8sDockerSocket: Rule<KubernetesModel> = {
  id: 'k8s-docker-socket',
  title: "Pods do not mount the container runtime's socket",
  category: 'isolation',
  defaultSeverity: 'error',
  topic: 'volumes',
  equivalents: { kubeLinter: 'docker-sock', trivy: 'KSV-0006' },
  docs:
    'A `hostPath` volume of `/var/run/docker.sock`, `/run/containerd/containerd.sock`, the CRI-O or Podman socket ' +
    'hands the pod the node\'s container runtime: it can start a privileged container that mounts the node\'s `/`, ' +
    'read every other pod\'s files and secrets, and stop them. Read-only mounts do not help, because API calls are ' +
    'writes on an open socket. Build jobs and monitoring agents are the usual reasons; use a rootless builder ' +
    '(BuildKit rootless, Kaniko) or the kubelet\'s metrics instead. Reported once per volume at its `path`, with ' +
    'the containers that mount it. No quick fix.',
  check(model, report) {
    for (const pod of model.podSpecs) {
      for (const v of pod.volumes) {
        const path = v.hostPath?.path;
        if (!path?.value) continue;
        const kind = classifyHostPath(path.value);
        if (kind !== 'docker-socket' && kind !== 'runtime-socket') continue;
        report({
          range: at(path),
          message: `${podOf(pod)} mounts ${path.value} from the node (volume \`${v.name}\`, used by ${mountersOf(pod, v.name)}): ${SENSITIVE_HOST_PATH_NOTES[kind]}.`,
        });
      }
    }
  },
};
