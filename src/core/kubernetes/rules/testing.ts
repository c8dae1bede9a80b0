/** Test helpers for Kubernetes rule tables: findings as the text they cover, fixes applied and checked. */
import { ruleTableHelpers } from '../../yaml/testing';
import { lintKubernetes } from '../lint';
import { parseKubernetes } from '../parse';

export const { findings, covered, fixOf, fixed, tree } = ruleTableHelpers(lintKubernetes, (text) => parseKubernetes(text).lines);

const indent = (lines: string[], n: number) => lines.map((l) => `${' '.repeat(n)}${l}\n`).join('');

/**
 * A Pod named `p` with one container `app` (image nginx:1.27) and the given extra lines, already
 * written relative to the container map and the pod spec.
 */
export function pod(containerLines: string[] = [], podLines: string[] = [], image = 'nginx:1.27'): string {
  return (
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n' +
    indent(podLines, 2) +
    '  containers:\n' +
    `    - name: app\n      image: ${image}\n` +
    indent(containerLines, 6)
  );
}

/** A hardened container: no finding of the securityContext rules. */
export const HARDENED = [
  'securityContext:',
  '  runAsNonRoot: true',
  '  runAsUser: 10001',
  '  allowPrivilegeEscalation: false',
  '  readOnlyRootFilesystem: true',
  '  capabilities:',
  '    drop: [ALL]',
  '  seccompProfile:',
  '    type: RuntimeDefault',
];
