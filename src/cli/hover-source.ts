import type { ComputeHover } from './explain';

/**
 * The hover the editor shows, reused by `container-lens explain`. Kept in one line so the CLI builds
 * while `src/core/dockerfile/hover.ts` is still being written; `explain` says so when it is undefined.
 */
export const computeHover: ComputeHover | undefined = undefined;
