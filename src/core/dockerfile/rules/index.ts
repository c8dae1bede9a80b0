import type { Rule } from '../../rule';
import type { DockerfileModel } from '../model';
import { finalStageRunsAsRoot } from './final-stage-runs-as-root';

/** The only list of Dockerfile rules. Keep it sorted by category, then id. */
export const DOCKERFILE_RULES: Rule<DockerfileModel>[] = [
  finalStageRunsAsRoot,
];
