import { computeDockerfileHover } from '../core/dockerfile/hover';
import type { ComputeHover } from './explain';
import { RULE_CATALOG } from './rules';

/**
 * The hover the editor shows, reused by `container-lens explain`. Topic titles stay plain text (a terminal
 * has no `command:` links); the registry lets pragma hovers name the rules they silence.
 */
export const computeHover: ComputeHover = (model, position) =>
  computeDockerfileHover(model, position, { rules: RULE_CATALOG.map((e) => e.rule) });
