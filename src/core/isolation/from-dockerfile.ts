import type { Stage } from '../dockerfile/model';
import { defaultProfile } from './profile';
import type { IsolationProfile } from './profile';

/**
 * The isolation profile of a container started from a Dockerfile stage with plain `docker run`:
 * a Dockerfile decides only the user (and what the image holds); namespaces, capabilities, seccomp,
 * limits and the runtime are decided where the image runs, so Docker's defaults fill them.
 */
export function profileFromDockerfileStage(stage: Stage, final = true): IsolationProfile {
  const p = defaultProfile(
    {
      kind: 'dockerfile-stage',
      name: stage.name ?? `stage ${stage.index + 1}`,
      range: stage.from.range,
      ...(stage.image.raw ? { image: stage.image.raw } : {}),
      ...(final ? {} : { buildStage: true }),
      ...(stage.name ? { target: stage.name } : {}),
    },
    'docker',
  );
  const u = stage.effectiveUser;
  const range = u.instruction?.range;
  p.user = {
    kind: u.kind,
    ...(u.name !== undefined ? { value: u.name } : {}),
    why: u.why,
    explicit: u.instruction !== undefined,
    ...(range ? { range } : {}),
  };
  return p;
}
