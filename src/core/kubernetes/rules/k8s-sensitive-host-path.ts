import { SENSITIVE_HOST_PATH_NOTES, classifyHostPath } from '../../isolation/host-paths';
import type { Rule } from '../../rule';
import type { KubernetesModel } from '../model';
import { at, mountersOf, podOf } from './support';

export const k8sSensitiveHostPath: Rule<KubernetesModel> = {
  id: 'k8s-sensitive-host-path',
  title: 'Pods do not mount sensitive node directories',
  category: 'isolation',
  defaultSeverity: 'warning',
  topic: 'volumes',
  equivalents: { kubeLinter: 'sensitive-host-mounts', trivy: 'KSV-0023', polaris: 'hostPathSet' },
  docs:
    'A `hostPath` volume puts part of the node\'s filesystem in the pod, past every namespace. Some paths hand over ' +
    'the node: `/` itself, `/etc` (users, kubelet configuration), `/proc` and `/sys` (kernel settings, every ' +
    'process), `/dev`, `/boot`, `/var/run` and `/run` (sockets of the node\'s services), `/var/lib/kubelet` and ' +
    '`/var/lib/containerd` (other pods\' volumes and secrets), `/usr` and `/lib` (the node\'s programs), home ' +
    'directories and `/var/log` (which the kubelet follows: a known escape route when writable). Prefer a ' +
    'ConfigMap, Secret, `emptyDir`, a CSI volume or a narrower path mounted `readOnly`. Runtime sockets are ' +
    'reported by `k8s-docker-socket`. No quick fix.',
  check(model, report) {
    for (const pod of model.podSpecs) {
      for (const v of pod.volumes) {
        const path = v.hostPath?.path;
        if (!path?.value) continue;
        const kind = classifyHostPath(path.value);
        if (!kind || kind === 'docker-socket' || kind === 'runtime-socket') continue;
        const writable = pod.containers.some((c) => c.volumeMounts.some((m) => m.name === v.name && !m.readOnly));
        report({
          range: at(path),
          message: `${podOf(pod)} mounts ${path.value} from the node${writable ? ' writable' : ''} (volume \`${v.name}\`, used by ${mountersOf(pod, v.name)}): ${SENSITIVE_HOST_PATH_NOTES[kind]}.`,
        });
      }
    }
  },
};
