import type { Rule } from '../../rule';
import type { DockerfileModel, InstructionInfo } from '../model';

/** Instructions that set one value of the image config: a later one replaces an earlier one. */
const SINGLE = ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'];

export const multipleInstructionsDisallowed: Rule<DockerfileModel> = {
  id: 'multiple-instructions-disallowed',
  title: 'At most one CMD, ENTRYPOINT and HEALTHCHECK per stage',
  category: 'correctness',
  defaultSeverity: 'warning',
  topic: 'metadata-instructions',
  equivalents: {
    buildkit: 'MultipleInstructionsDisallowed',
    hadolint: ['DL4003', 'DL4004', 'DL3012'],
    trivy: ['DS-0016', 'DS-0007', 'DS-0023'],
  },
  docs:
    '`CMD`, `ENTRYPOINT` and `HEALTHCHECK` each set a single field of the image configuration, so within one stage ' +
    'only the last of each kind counts and the earlier ones do nothing. That usually means a leftover from editing, ' +
    'or an attempt to run two processes (a container runs one command; use a process supervisor or two containers). ' +
    'The finding sits on the ineffective instruction; the quick fix removes it.',
  check(model, report) {
    for (const stage of model.stages) {
      for (const keyword of SINGLE) {
        const all = stage.instructions.filter((i) => i.keyword === keyword);
        const last = all[all.length - 1];
        for (const earlier of all.slice(0, -1)) {
          report({
            range: earlier.range,
            message: `This ${keyword} has no effect: the ${keyword} on line ${last.range.start.line + 1} replaces it, because a stage keeps only its last ${keyword}.`,
            related: [{ range: last.keywordRange, message: `The ${keyword} that takes effect` }],
            fixes: [{ title: `Remove this ineffective ${keyword}`, edits: [{ range: wholeLines(model, earlier), newText: '' }], preferred: true }],
          });
        }
      }
    }
  },
};

function wholeLines(model: DockerfileModel, ins: InstructionInfo) {
  const endLine = ins.range.end.line + 1;
  return {
    start: { line: ins.range.start.line, character: 0 },
    end: endLine < model.lines.lineCount ? { line: endLine, character: 0 } : { line: ins.range.end.line, character: model.lines.lineText(ins.range.end.line).length },
  };
}
