import type { Rule } from '../../rule';
import type { DockerfileModel } from '../model';
import { finalStageRunsAsRoot } from './final-stage-runs-as-root';
// --- isolation + layers rules (imports) ---
// --- end isolation + layers (imports) ---
// --- reproducibility + correctness rules (imports) ---
// --- end reproducibility + correctness (imports) ---

/** The only list of Dockerfile rules. */
export const DOCKERFILE_RULES: Rule<DockerfileModel>[] = [
  finalStageRunsAsRoot,
  // --- isolation + layers rules ---
  // --- end isolation + layers ---
  // --- reproducibility + correctness rules ---
  // --- end reproducibility + correctness ---
];
