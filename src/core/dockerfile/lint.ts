import type { Finding } from '../findings';
import { runRules } from '../run-rules';
import type { AnalyzeSettings } from '../settings';
import type { DockerfileModel } from './model';
import { parseDockerfile } from './parse';
import { DOCKERFILE_RULES } from './rules';

export function lintDockerfile(text: string, settings: AnalyzeSettings = {}, model?: DockerfileModel): Finding[] {
  const m = model ?? parseDockerfile(text);
  return runRules(DOCKERFILE_RULES, m, m.lines, settings, m.directives.check?.skip ?? []);
}
