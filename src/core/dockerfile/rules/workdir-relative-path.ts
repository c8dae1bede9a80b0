import type { Rule } from '../../rule';
import type { DockerfileModel, InstructionInfo, Stage } from '../model';

export const workdirRelativePath: Rule<DockerfileModel> = {
  id: 'workdir-relative-path',
  title: 'The first WORKDIR of a stage is an absolute path',
  category: 'correctness',
  defaultSeverity: 'warning',
  topic: 'dockerfile-syntax',
  equivalents: { buildkit: 'WorkdirRelativePath', hadolint: 'DL3000', trivy: 'DS-0009' },
  docs:
    'A relative `WORKDIR app` is resolved against whatever working directory the base image happens to set, so a ' +
    'new base image version can move your files without any change to this Dockerfile. Make the first `WORKDIR` of ' +
    'each stage absolute; later relative ones are then anchored to it and are fine. The quick fix prefixes `/`, which ' +
    'keeps the meaning only if the base image works in `/`, so check before applying it.',
  check(model, report) {
    for (const stage of model.stages) {
      if (hasWorkdir(model, stage.parentStage)) continue;
      const first = stage.instructions.find((i) => i.keyword === 'WORKDIR');
      if (!first) continue;
      const arg = first.node.getArguments()[0];
      if (!arg) continue;
      const raw = arg.getValue();
      const quote = /^["']/.test(raw) ? 1 : 0;
      const path = quote ? raw.slice(1, raw.endsWith(raw[0]) ? -1 : undefined) : raw;
      if (!path || path.includes('$') || isAbsolute(path)) continue;
      const at = { line: arg.getRange().start.line, character: arg.getRange().start.character + quote };
      report({
        range: arg.getRange(),
        message: relativeMessage(path, stage),
        fixes: [{ title: `Make it absolute: /${path} (assumes the base image works in /)`, edits: [{ range: { start: at, end: at }, newText: '/' }] }],
      });
    }
  },
};

/** Does this stage, or a stage it is built from, set a WORKDIR? Then later relative paths are anchored. */
function hasWorkdir(model: DockerfileModel, index: number | undefined): boolean {
  const seen = new Set<number>();
  while (index !== undefined && !seen.has(index)) {
    seen.add(index);
    const s: Stage | undefined = model.stages[index];
    if (!s) return false;
    if (s.instructions.some((i: InstructionInfo) => i.keyword === 'WORKDIR')) return true;
    index = s.parentStage;
  }
  return false;
}

/** Absolute on Linux (`/x`) or Windows (`C:\x`, `\x`); the builder accepts both forms for Windows images. */
function isAbsolute(path: string): boolean {
  return path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:/.test(path);
}

function relativeMessage(path: string, stage: Stage): string {
  const base = stage.image.raw || 'the base image';
  return `\`WORKDIR ${path}\` is relative to the working directory that ${base} sets, which can change with the image; start this stage from an absolute path.`;
}
