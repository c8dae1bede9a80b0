import type { Fix } from '../../findings';
import type { Rule } from '../../rule';
import type { TextEdit } from '../../text/range';
import type { DockerfileModel, Stage } from '../model';

export const stageNameCasing: Rule<DockerfileModel> = {
  id: 'stage-name-casing',
  title: 'Stage names are lower case',
  category: 'correctness',
  defaultSeverity: 'info',
  topic: 'multi-stage',
  equivalents: { buildkit: 'StageNameCasing' },
  docs:
    'BuildKit stores every stage name in lower case. `COPY --from=Build` still finds a stage named `build`, but ' +
    '`FROM Build` does not: it is looked up as an image on Docker Hub and fails because repository names must be ' +
    'lower case. Name stages in lower case; the quick fix renames the stage and the `FROM` and `COPY --from` ' +
    'references to it.',
  check(model, report) {
    for (const stage of model.stages) {
      if (!stage.name || !stage.nameRange || stage.name === stage.name.toLowerCase()) continue;
      const lower = stage.name.toLowerCase();
      report({
        range: stage.nameRange,
        message: `Stage name \`${stage.name}\` has upper-case letters; the builder knows it as \`${lower}\`, so name it that way.`,
        fixes: [renameFix(model, stage, lower)],
      });
    }
  },
};

function renameFix(model: DockerfileModel, stage: Stage, lower: string): Fix {
  const edits: TextEdit[] = [{ range: stage.nameRange!, newText: lower }];
  const name = stage.name!.toLowerCase();
  for (const later of model.stages.slice(stage.index + 1)) {
    // A later stage with the same name takes over the references after it.
    const raw = later.from.node.getArguments()[0];
    if (raw && later.imageRange && raw.getValue().toLowerCase() === name && raw.getValue() !== lower) {
      edits.push({ range: later.imageRange, newText: lower });
    }
    for (const ins of later.instructions) {
      if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
      const f = ins.flags.find((x) => x.name === 'from');
      if (f?.valueRange && f.value && f.value.toLowerCase() === name && f.value !== lower) {
        edits.push({ range: f.valueRange, newText: lower });
      }
    }
    if (later.name?.toLowerCase() === name) break;
  }
  return { title: `Rename the stage to ${lower}`, edits, preferred: true };
}
