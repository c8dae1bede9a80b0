import type { Property } from 'dockerfile-ast';
import type { Fix } from '../../findings';
import type { Rule } from '../../rule';
import type { DockerfileModel } from '../model';

export const legacyKeyValueFormat: Rule<DockerfileModel> = {
  id: 'legacy-key-value-format',
  title: 'ENV and LABEL use key=value',
  category: 'correctness',
  defaultSeverity: 'info',
  topic: 'dockerfile-syntax',
  equivalents: { buildkit: 'LegacyKeyValueFormat' },
  docs:
    '`ENV key value` is an old form that takes everything after the first space as the value, so ' +
    '`ENV PATH /app:$PATH LANG C.UTF-8` sets one variable with a surprising value instead of two. `key=value` ' +
    'pairs say exactly where each value ends, allow several pairs per instruction, and are the form the Dockerfile ' +
    'reference recommends. The quick fix rewrites the pair, quoting values that contain spaces.',
  check(model, report) {
    for (const stage of model.stages) {
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'ENV' && ins.keyword !== 'LABEL') continue;
        const props = (ins.node as unknown as { getProperties(): Property[] }).getProperties();
        if (props.length !== 1) continue;
        const p = props[0];
        if (p.getAssignmentOperator() !== null || p.getValue() === null || !p.getValueRange()) continue;
        const fix = rewrite(model, p);
        report({
          range: p.getRange(),
          message: `\`${ins.keyword} ${p.getName()} …\` uses the legacy space-separated form; write \`${ins.keyword} ${p.getName()}=…\` so it is clear where the value ends.`,
          fixes: fix ? [fix] : [],
        });
      }
    }
  },
};

/**
 * `key value` → `key=value`. The legacy value is expanded as one word, so the result must expand the same:
 * a value without quotes or escapes is safe to wrap in double quotes; anything subtler is left to the author.
 */
function rewrite(model: DockerfileModel, p: Property): Fix | undefined {
  const valueRange = p.getValueRange()!;
  if (valueRange.start.line !== valueRange.end.line) return undefined;
  const between = model.lines.slice({ start: p.getNameRange().end, end: valueRange.start });
  if (!/^[\s\\`]*$/.test(between)) return undefined;
  const raw = model.lines.slice(valueRange);
  if (raw.includes('\\') || raw.includes('`')) return undefined;
  let value: string;
  if (!/\s/.test(raw)) value = raw;
  else if (/^"[^"]*"$/.test(raw) || /^'[^']*'$/.test(raw)) value = raw;
  else if (!/["']/.test(raw)) value = `"${raw}"`;
  else return undefined;
  const text = `${p.getName()}=${value}`;
  return { title: `Rewrite as ${text}`, edits: [{ range: p.getRange(), newText: text }], preferred: true };
}
