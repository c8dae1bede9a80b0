import type { WorkloadProfile } from '../core/analyze';

/** What the code lens passes to `containerLens.compareWithVm`: plain data, so it survives serialisation. */
export interface WorkloadRef {
  /** The document's URI, as a string. */
  uri: string;
  /** Index in the file's workloads (compose services, or Kubernetes containers in file order). */
  index: number;
  /** The workload's name, to check the index still points at it after an edit. */
  name: string;
}

export function isWorkloadRef(arg: unknown): arg is WorkloadRef {
  const r = arg as Partial<WorkloadRef> | undefined;
  return !!r && typeof r === 'object' && typeof r.uri === 'string' && typeof r.index === 'number' && typeof r.name === 'string';
}

/** The workload a ref names, if the document still has it (by index, then by name). */
export function findWorkload(workloads: readonly WorkloadProfile[], ref: Pick<WorkloadRef, 'index' | 'name'>): WorkloadProfile | undefined {
  const at = workloads[ref.index];
  if (at && at.profile.subject.name === ref.name) return at;
  return workloads.find((w) => w.profile.subject.name === ref.name);
}

/** A code-lens title is rendered with `$(icon)` syntax: a file-derived `$(…)` must stay text. */
export function escapeIcons(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}

/** A readable, safe file name for the profile page's tab. */
export function pageName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'workload';
}

/** In a pick of a Dockerfile's stages, which one is the image that runs: `final stage · ` or `build stage · `. */
export function stageWord(subject: { kind: string; buildStage?: boolean }): string {
  if (subject.kind !== 'dockerfile-stage') return '';
  return subject.buildStage ? 'build stage · ' : 'final stage · ';
}
