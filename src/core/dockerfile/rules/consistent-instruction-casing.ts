import type { Rule } from '../../rule';
import type { DockerfileModel, InstructionInfo } from '../model';

/** Instructions the builder knows; an unknown word fails the build anyway and says nothing about style. */
const KNOWN = new Set([
  'FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT',
  'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL',
]);

type Casing = 'lower' | 'upper' | 'mixed';

function casingOf(word: string): Casing {
  if (word === word.toLowerCase()) return 'lower';
  if (word === word.toUpperCase()) return 'upper';
  return 'mixed';
}

export const consistentInstructionCasing: Rule<DockerfileModel> = {
  id: 'consistent-instruction-casing',
  title: 'Instruction keywords use one casing throughout the file',
  category: 'correctness',
  defaultSeverity: 'info',
  topic: 'dockerfile-syntax',
  equivalents: { buildkit: 'ConsistentInstructionCasing' },
  docs:
    'The builder accepts `RUN`, `run` and even `Run`, but a file that mixes them is harder to scan and to grep. ' +
    'This rule counts the keywords written all in upper case against those written all in lower case and asks ' +
    'every other keyword to follow the majority (upper case wins a tie, like BuildKit). A keyword such as `Run` ' +
    'that mixes cases within itself is always reported. The quick fix rewrites the keyword.',
  check(model, report) {
    const known = model.instructions.filter((i) => KNOWN.has(i.keyword));
    let lower = 0;
    let upper = 0;
    for (const ins of known) {
      const c = casingOf(ins.keywordText);
      if (c === 'lower') lower++;
      else if (c === 'upper') upper++;
    }
    const majority: Casing = lower > upper ? 'lower' : 'upper';
    for (const ins of known) {
      const c = casingOf(ins.keywordText);
      if (c === majority) continue;
      const want = majority === 'lower' ? ins.keywordText.toLowerCase() : ins.keywordText.toUpperCase();
      report({
        range: ins.keywordRange,
        message: describe(ins, c, majority, lower, upper, want),
        fixes: [{ title: `Write it as ${want}`, edits: [{ range: ins.keywordRange, newText: want }], preferred: true }],
      });
    }
  },
};

function describe(ins: InstructionInfo, c: Casing, majority: Casing, lower: number, upper: number, want: string): string {
  const total = lower + upper;
  const count = majority === 'lower' ? lower : upper;
  const style = majority === 'lower' ? 'lower case' : 'upper case';
  if (c === 'mixed') {
    return `\`${ins.keywordText}\` mixes upper and lower case; this file writes its instructions in ${style} (${count} of ${total}), so write \`${want}\`.`;
  }
  return `\`${ins.keywordText}\` does not match the rest of this file, which writes instructions in ${style} (${count} of ${total}); write \`${want}\`.`;
}
