import type { Rule } from '../../rule';
import type { DockerfileModel } from '../model';

export const fromAsCasing: Rule<DockerfileModel> = {
  id: 'from-as-casing',
  title: 'The AS of a FROM matches the casing of FROM',
  category: 'correctness',
  defaultSeverity: 'info',
  topic: 'dockerfile-syntax',
  equivalents: { buildkit: 'FromAsCasing' },
  docs:
    'In `FROM image AS name` the `AS` keyword is case-insensitive, but `FROM node as build` reads as if `as` were ' +
    'part of the image name. Write `AS` in the same case as `FROM`. A `FROM` keyword that mixes cases itself is ' +
    'left to `consistent-instruction-casing`, as BuildKit does.',
  check(model, report) {
    for (const stage of model.stages) {
      const from = stage.from;
      const args = from.node.getArguments();
      if (args.length !== 3 || args[1].getValue().toLowerCase() !== 'as') continue;
      const keyword = from.keywordText;
      const lower = keyword === keyword.toLowerCase();
      const upper = keyword === keyword.toUpperCase();
      if (!lower && !upper) continue;
      const as = args[1].getValue();
      const want = lower ? 'as' : 'AS';
      if (as === want) continue;
      report({
        range: args[1].getRange(),
        message: `\`${as}\` does not match the casing of \`${keyword}\` on this line; write \`${want}\` so the stage name reads as a name.`,
        fixes: [{ title: `Write it as ${want}`, edits: [{ range: args[1].getRange(), newText: want }], preferred: true }],
      });
    }
  },
};
