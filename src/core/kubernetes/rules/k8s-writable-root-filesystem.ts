import type { Rule } from '../../rule';
import { fixes, hardenFix, securityContextFix } from '../fixes';
import type { KubernetesModel } from '../model';
import { anchorOf, ctr } from './support';

export const k8sWritableRootFilesystem: Rule<KubernetesModel> = {
  id: 'k8s-writable-root-filesystem',
  title: 'Containers mount their root filesystem read-only',
  category: 'isolation',
  defaultSeverity: 'info',
  topic: 'writable-layer',
  equivalents: {
    kubeLinter: 'no-read-only-root-fs',
    trivy: 'KSV-0014',
    polaris: 'notReadOnlyRootFilesystem',
    kubeScore: 'container-security-context-readonlyrootfilesystem',
  },
  docs:
    'Each container gets a writable layer over its image, so by default an intruder can replace the binaries the ' +
    'container runs, drop tools and keep state until the pod is deleted. `readOnlyRootFilesystem: true` makes the ' +
    'image\'s files immutable at run time; what the application really writes goes to an `emptyDir` (memory-backed ' +
    'with `medium: Memory` for `/tmp`) or a persistent volume, which also documents where state lives. The quick ' +
    'fixes set it (alone, or with the whole hardened securityContext); add an `emptyDir` mount for `/tmp` if the ' +
    'program needs scratch space.',
  check(model, report) {
    for (const c of model.containers) {
      const ro = c.effective.readOnlyRootFilesystem;
      if (ro.value === true) continue;
      report({
        range: (ro.value === false && ro.range) || anchorOf(c),
        message: `${ctr(c)} has a writable root filesystem: a process in it can replace the programs it runs. Set readOnlyRootFilesystem: true and mount volumes for what it writes.`,
        fixes: fixes(
          securityContextFix(model, c, ['readOnlyRootFilesystem'], 'Set readOnlyRootFilesystem: true', true),
          hardenFix(model, c),
        ),
      });
    }
  },
};
