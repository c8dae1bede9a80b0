import type { From } from 'dockerfile-ast';
import type { Rule } from '../../rule';
import type { DockerfileModel } from '../model';
import { PLATFORM_ARGS, defaultGlobalArgs, expandWord, isValidImageReference } from '../variables';

const PREDEFINED = new Set<string>(PLATFORM_ARGS);

export const invalidDefaultArgInFrom: Rule<DockerfileModel> = {
  id: 'invalid-default-arg-in-from',
  title: 'FROM works with the default values of its build arguments',
  category: 'correctness',
  defaultSeverity: 'warning',
  topic: 'build-args',
  equivalents: { buildkit: 'InvalidDefaultArgInFrom' },
  docs:
    'When `FROM` is built from global ARGs, their defaults should already give a valid image: `ARG TAG` with no ' +
    'default makes `FROM node:$TAG` expand to `node:`, so a plain `docker build` fails and tools that read the ' +
    'Dockerfile without your build arguments cannot tell which image it uses. Give each such ARG a default ' +
    '(`ARG TAG=20`); `--build-arg` still overrides it.',
  check(model, report) {
    const env = defaultGlobalArgs(model);
    for (const stage of model.stages) {
      const written = (stage.from.node as From).getImage() ?? '';
      if (!written.includes('$') || !stage.imageRange) continue;
      const result = expandWord(written, env, model.directives.escape);
      // Undeclared names are undefined-arg-in-from's finding; this rule is about declared ones.
      if (result.refs.some((r) => !model.globalArgs.has(r.name) && !PREDEFINED.has(r.name))) continue;
      if (!result.error && isValidImageReference(result.value)) continue;
      if (result.value.toLowerCase() === 'scratch') continue;
      const empty = [...new Set(result.refs.map((r) => r.name).filter((n) => !env.get(n)))];
      const which = empty.length ? empty.map((n) => `\`${n}\``).join(', ') : 'its build arguments';
      const becomes = result.error
        ? `stops the build (${result.error})`
        : result.value === ''
          ? 'is empty'
          : `becomes \`${result.value}\`, which is not a valid image reference`;
      report({
        range: stage.imageRange,
        message: `With the defaults in this file, \`${written}\` ${becomes}; a build without \`--build-arg\` fails here. Give ${which} a default.`,
      });
    }
  },
};
