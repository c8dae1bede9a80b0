import type { From } from 'dockerfile-ast';
import type { Fix } from '../../findings';
import type { Rule } from '../../rule';
import type { Range } from '../../text/range';
import type { DockerfileModel } from '../model';
import { PLATFORM_ARGS, expandWord, suggestName } from '../variables';

const PREDEFINED = new Set<string>(PLATFORM_ARGS);

export const undefinedArgInFrom: Rule<DockerfileModel> = {
  id: 'undefined-arg-in-from',
  title: 'Variables in FROM are declared by an ARG before the first FROM',
  category: 'correctness',
  defaultSeverity: 'warning',
  topic: 'build-args',
  equivalents: { buildkit: 'UndefinedArgInFrom' },
  docs:
    'A `FROM` line can only use build arguments declared before the first `FROM` (global ARGs) and the platform ' +
    'arguments the builder predefines (`BUILDPLATFORM`, `TARGETARCH`, ...). Any other variable expands to an empty ' +
    'string, and `--build-arg` cannot set it because only declared arguments accept values. Declare it with ' +
    '`ARG NAME=default` at the top of the file, or fix the name if it is a typo.',
  check(model, report) {
    const declared = [...model.globalArgs.keys()];
    for (const stage of model.stages) {
      const from = stage.from.node as From;
      const places: { text: string; range: Range | null }[] = [{ text: from.getImage() ?? '', range: stage.imageRange }];
      const platform = stage.from.flags.find((f) => f.name === 'platform');
      if (platform?.value && platform.valueRange) places.push({ text: platform.value, range: platform.valueRange });
      const seen = new Set<string>();
      for (const place of places) {
        if (!place.range || !place.text.includes('$') || place.range.start.line !== place.range.end.line) continue;
        for (const ref of expandWord(place.text, new Map(), model.directives.escape).refs) {
          if (model.globalArgs.has(ref.name) || PREDEFINED.has(ref.name) || seen.has(ref.name)) continue;
          seen.add(ref.name);
          const line = place.range.start.line;
          const at = place.range.start.character;
          const range: Range = { start: { line, character: at + ref.start }, end: { line, character: at + ref.end } };
          const nameStart = at + ref.start + (place.text[ref.start + 1] === '{' ? 2 : 1);
          const suggestion = suggestName(ref.name, declared);
          const fixes: Fix[] = [];
          if (suggestion) {
            fixes.push({
              title: `Change to $${suggestion}`,
              edits: [{ range: { start: { line, character: nameStart }, end: { line, character: nameStart + ref.name.length } }, newText: suggestion }],
              preferred: true,
            });
          }
          fixes.push(declareFix(model, ref.name));
          report({
            range,
            message:
              `\`$${ref.name}\` is not declared by an ARG before the first FROM, so it is empty here and \`--build-arg ${ref.name}=…\` cannot set it` +
              (suggestion ? `; did you mean \`$${suggestion}\`?` : '.'),
            fixes,
          });
        }
      }
    }
  },
};

function declareFix(model: DockerfileModel, name: string): Fix {
  const first = model.stages[0].from;
  const at = { line: first.range.start.line, character: 0 };
  const keyword = first.keywordText === first.keywordText.toLowerCase() ? 'arg' : 'ARG';
  return {
    title: `Declare ${keyword} ${name} before the first FROM`,
    edits: [{ range: { start: at, end: at }, newText: `${keyword} ${name}${model.lines.eol}` }],
  };
}
