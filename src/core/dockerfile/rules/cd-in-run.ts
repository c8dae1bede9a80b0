import type { Rule } from '../../rule';
import type { DockerfileModel } from '../model';
import { programName, runScriptOf } from '../run-commands';

export const cdInRun: Rule<DockerfileModel> = {
  id: 'cd-in-run',
  title: 'Use WORKDIR rather than cd in RUN',
  category: 'correctness',
  defaultSeverity: 'info',
  topic: 'dockerfile-syntax',
  equivalents: { hadolint: 'DL3003', trivy: 'DS-0013' },
  docs:
    'Each `RUN` starts a new shell in the working directory set by `WORKDIR`, so a `cd` lasts only until the end ' +
    'of its own `RUN`. Files end up where the reader does not expect them, and the same `cd` gets repeated in every ' +
    '`RUN`. `WORKDIR /src` sets the directory once, for `RUN`, `COPY`, `ADD`, `CMD` and `ENTRYPOINT` alike, and ' +
    'creates it if needed. A `cd` inside a subshell `( cd x && make )` is deliberate and not reported. There is no ' +
    'automatic fix: a `WORKDIR` also changes where the following instructions run.',
  check(model, report) {
    for (const stage of model.stages) {
      for (const ins of stage.instructions) {
        const run = runScriptOf(model, ins);
        if (!run) continue;
        const cd = run.script.commands.find((c) => c.depth === 0 && programName(c) === 'cd' && c.words[1]?.value !== '-');
        if (!cd) continue;
        const target = cd.words[1];
        const end = target ? target.end : cd.words[0].end;
        const where = target && !target.dynamic ? target.value : undefined;
        report({
          range: run.rangeOf(cd.start, end),
          message: where?.startsWith('/')
            ? `\`cd ${where}\` only lasts until the end of this RUN; set \`WORKDIR ${where}\` instead so every later instruction runs there and readers can see it.`
            : `\`${where ? `cd ${where}` : 'cd'}\` only lasts until the end of this RUN; set the directory with an absolute \`WORKDIR\` instead.`,
        });
      }
    }
  },
};
