/**
 * Where in its file each workload is: for picking the workload under the cursor and for telling
 * which findings (and so which quick-fixes) are about it.
 */
import type { ComposeModel } from '../compose/model';
import type { DockerfileModel } from '../dockerfile/model';
import type { KubernetesModel } from '../kubernetes/model';
import { comparePositions } from '../text/range';
import type { Position, Range } from '../text/range';
import type { WorkloadScope } from './fix-match';

const END_OF_FILE: Position = { line: Number.MAX_SAFE_INTEGER, character: 0 };

/** A compose service: its whole map, key included. */
export function composeScope(model: ComposeModel, index: number): WorkloadScope | undefined {
  const s = model.services[index];
  return s ? { within: [s.range], exclude: [] } : undefined;
}

/**
 * A Kubernetes container: its own map, plus the object it belongs to (pod-level keys such as
 * `hostNetwork` or `volumes` are about every container of the pod) minus its sibling containers.
 */
export function kubernetesScope(model: KubernetesModel, index: number): WorkloadScope | undefined {
  const c = model.containers[index];
  if (!c) return undefined;
  const siblings = c.pod.containers.filter((o) => o !== c).map((o) => o.range);
  return { within: [c.range, c.pod.owner.range], exclude: siblings };
}

/**
 * A stage of a Dockerfile: from its FROM to the end of the line before the next FROM (the last stage: to the end
 * of the file), so that a cursor on a FROM line is in the stage that line starts.
 */
export function stageScope(model: DockerfileModel, index: number): WorkloadScope | undefined {
  const stage = model.stages[index];
  if (!stage) return undefined;
  const next = model.stages[index + 1];
  const start = stage.from.range.start;
  const end = next && next.from.range.start.line > start.line ? { line: next.from.range.start.line - 1, character: Number.MAX_SAFE_INTEGER } : END_OF_FILE;
  return { within: [{ start, end }], exclude: [] };
}

/** The final stage of a Dockerfile: from its FROM to the end of the file. */
export function finalStageScope(model: DockerfileModel): WorkloadScope | undefined {
  const stage = model.finalStage;
  return stage ? stageScope(model, stage.index) : undefined;
}

/**
 * The workload whose scope holds `p` (the innermost, when one holds another), else the last one that
 * starts at or above `p`, else undefined. `scopes` are in file order.
 */
export function workloadAt(scopes: readonly (WorkloadScope | undefined)[], p: Position): number | undefined {
  let best: { index: number; size: number } | undefined;
  scopes.forEach((s, index) => {
    if (!s) return;
    const hit = s.within.find((r) => comparePositions(p, r.start) >= 0 && comparePositions(p, r.end) <= 0);
    if (!hit || s.exclude.some((r) => comparePositions(p, r.start) >= 0 && comparePositions(p, r.end) <= 0)) return;
    const size = hit.end.line - hit.start.line;
    if (!best || size < best.size) best = { index, size };
  });
  if (best) return best.index;
  let above: number | undefined;
  scopes.forEach((s, index) => {
    const start = s?.within[0]?.start;
    if (start && comparePositions(start, p) <= 0) above = index;
  });
  return above;
}
