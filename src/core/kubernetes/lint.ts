import type { Finding } from '../findings';
import { comparePositions, containsPosition } from '../text/range';
import { runRules } from '../run-rules';
import type { AnalyzeSettings } from '../settings';
import { YAML_RULES } from '../yaml/rules';
import type { K8sObject, KubernetesModel } from './model';
import { kubeLinterIgnores, parseKubernetes } from './parse';
import { KUBERNETES_RULES } from './rules';

/**
 * Lint a Kubernetes manifest: the YAML rules (syntax, templates), then the Kubernetes rules.
 * Besides the comment pragmas (`# container-lens-ignore=<id>`), kube-linter's object annotations
 * are honoured: `ignore-check.kube-linter.io/<check>` silences our rules whose kube-linter
 * equivalent is `<check>` (or whose own id is), and `kube-linter.io/ignore-all` silences them all,
 * for that object. On a file with YAML errors the findings keep no fixes.
 */
export function lintKubernetes(text: string, settings: AnalyzeSettings = {}, model?: KubernetesModel, fileName?: string): Finding[] {
  const m = model ?? parseKubernetes(text, fileName);
  const findings = [...runRules(YAML_RULES, m.yaml, m.lines, settings), ...runRules(KUBERNETES_RULES, m, m.lines, settings)];
  const kept = findings.filter((f) => !ignoredByAnnotation(m, f));
  const broken = !m.templated && m.yaml.problems.some((p) => p.severity === 'error');
  if (broken) for (const f of kept) f.fixes = [];
  return kept.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** The innermost object (a List item before its List) whose map contains the finding's start. */
function objectAt(model: KubernetesModel, f: Finding): K8sObject | undefined {
  let best: K8sObject | undefined;
  for (const o of model.objects) {
    if (!containsPosition(o.range, f.range.start)) continue;
    if (!best || comparePositions(o.range.start, best.range.start) >= 0) best = o;
  }
  return best;
}

function ignoredByAnnotation(model: KubernetesModel, f: Finding): boolean {
  if (!f.ruleId.startsWith('k8s-')) return false;
  const obj = objectAt(model, f);
  if (!obj || obj.annotations.length === 0) return false;
  if (obj.annotations.some((a) => a.key === 'kube-linter.io/ignore-all')) return true;
  const ignored = kubeLinterIgnores(obj);
  if (ignored.size === 0) return false;
  const kl = f.equivalents.kubeLinter;
  const names = [f.ruleId, ...(kl === undefined ? [] : Array.isArray(kl) ? kl : [kl])];
  return names.some((n) => ignored.has(n));
}
