import type { Fix } from '../../findings';
import type { Rule } from '../../rule';
import type { Range } from '../../text/range';
import type { DockerfileModel } from '../model';
import { continuesOnNextLine } from '../variables';

const KEYWORD = /^\s*(FROM|RUN|CMD|LABEL|MAINTAINER|EXPOSE|ENV|ADD|COPY|ENTRYPOINT|VOLUME|USER|WORKDIR|ARG|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL)(\s|$)/i;

export const noEmptyContinuation: Rule<DockerfileModel> = {
  id: 'no-empty-continuation',
  title: 'No empty lines inside a continued instruction',
  category: 'correctness',
  defaultSeverity: 'warning',
  topic: 'dockerfile-syntax',
  equivalents: { buildkit: 'NoEmptyContinuation' },
  docs:
    'After a line that ends with the escape character (`\\`, or `` ` `` under `# escape=`), the builder skips empty ' +
    'lines and keeps joining: an empty line does not end the instruction. So `RUN a \\`, an empty line, then ' +
    '`RUN b` runs the single command `a RUN b`. Empty continuation lines are deprecated and planned to become an ' +
    'error. Remove them, or remove the trailing escape if the instruction was meant to end there.',
  check(model, report) {
    const { lines } = model;
    const escape = model.directives.escape;
    const continues = (text: string) => continuesOnNextLine(text, escape);
    // Walks of neighbouring instructions may overlap when the parser splits differently; report each run once.
    const seen = new Set<number>();
    for (const ins of model.instructions) {
      let line = ins.range.start.line;
      if (!continues(lines.lineText(line))) continue;
      let lastContinued = line;
      line++;
      while (line < lines.lineCount) {
        const text = lines.lineText(line);
        if (/^\s*#/.test(text)) {
          line++;
          continue;
        }
        if (text.trim() === '') {
          const first = line;
          while (line < lines.lineCount && lines.lineText(line).trim() === '') line++;
          if (!seen.has(first)) reportRun(model, report, lastContinued, first, line);
          seen.add(first);
          continue;
        }
        if (!continues(text)) break;
        lastContinued = line;
        line++;
      }
    }
  },
};

/** One finding per run of empty lines `[first, next)`, anchored on the escape that leads into it. */
function reportRun(
  model: DockerfileModel,
  report: (r: { range: Range; message: string; fixes: Fix[] }) => void,
  continued: number,
  first: number,
  next: number,
) {
  const { lines } = model;
  const prev = lines.lineText(continued).replace(/[ \t]+$/, '');
  const escapeRange: Range = { start: { line: continued, character: prev.length - 1 }, end: { line: continued, character: prev.length } };
  const removeBlank: Fix = {
    title: next - first > 1 ? 'Remove the empty lines' : 'Remove the empty line',
    edits: [{ range: { start: { line: first, character: 0 }, end: next < lines.lineCount ? { line: next, character: 0 } : { line: next - 1, character: lines.lineText(next - 1).length } }, newText: '' }],
  };
  const endHere: Fix = { title: `End the instruction on line ${continued + 1}`, edits: [{ range: escapeRange, newText: '' }] };
  const following = next < lines.lineCount ? lines.lineText(next).trim() : '';
  const looksLikeNewInstruction = KEYWORD.test(following);
  if (looksLikeNewInstruction) endHere.preferred = true;
  else removeBlank.preferred = true;
  const what = next - first > 1 ? `lines ${first + 1}-${next}` : `line ${first + 1}`;
  const consequence = looksLikeNewInstruction
    ? `, so \`${following.split(/\s+/)[0]}\` on line ${next + 1} becomes part of this instruction instead of starting a new one`
    : following
      ? '; the instruction goes on after it'
      : '';
  report({
    range: escapeRange,
    message: `The line continues into the empty ${what}, which the builder skips${consequence}. Empty continuation lines are deprecated.`,
    fixes: looksLikeNewInstruction ? [endHere, removeBlank] : [removeBlank, endHere],
  });
}
