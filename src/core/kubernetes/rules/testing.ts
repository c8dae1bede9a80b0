/** Test helpers for Kubernetes rule tables: findings as the text they cover, fixes applied and checked. */
import { parseAllDocuments } from 'yaml';
import type { Finding, Fix } from '../../findings';
import { applyYamlFix } from '../../yaml/testing';
import { lintKubernetes } from '../lint';
import { parseKubernetes } from '../parse';

export function findings(text: string, ruleId: string): Finding[] {
  return lintKubernetes(text).filter((f) => f.ruleId === ruleId);
}

/** The text each finding of `ruleId` covers. */
export function covered(text: string, ruleId: string): string[] {
  const m = parseKubernetes(text);
  return findings(text, ruleId).map((f) => m.lines.slice(f.range));
}

export function fixOf(text: string, ruleId: string, titleIncludes?: string, index = 0): Fix {
  const f = findings(text, ruleId)[index];
  if (!f) throw new Error(`no finding of ${ruleId}`);
  const fix = titleIncludes ? f.fixes.find((x) => x.title.includes(titleIncludes)) : f.fixes[0];
  if (!fix) throw new Error(`no fix on ${ruleId}: ${f.fixes.map((x) => x.title).join(', ')}`);
  return fix;
}

/**
 * Apply a fix of the `index`th finding of `ruleId` and check what every fix must do: valid YAML,
 * other documents byte-identical, one finding fewer of the rule.
 */
export function fixed(text: string, ruleId: string, titleIncludes?: string, index = 0): string {
  const before = findings(text, ruleId).length;
  const { out, problems } = applyYamlFix(text, fixOf(text, ruleId, titleIncludes, index));
  if (problems.length) throw new Error(`${problems.join('\n')}\n${out}`);
  const after = findings(out, ruleId).length;
  if (after !== before - 1) throw new Error(`fix left ${after} of ${before} findings of ${ruleId}:\n${out}`);
  return out;
}

/** The JSON value of the `index`th document. */
export function tree(text: string, index = 0): unknown {
  return parseAllDocuments(text)[index]?.toJS();
}

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
