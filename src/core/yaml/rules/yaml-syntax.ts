import type { Rule } from '../../rule';
import type { Range } from '../../text/range';
import type { YamlFile } from '../parse';

export const yamlSyntax: Rule<YamlFile> = {
  id: 'yaml-syntax',
  title: 'The file is valid YAML',
  category: 'correctness',
  defaultSeverity: 'error',
  topic: 'isolation-spectrum',
  equivalents: {},
  docs:
    'A compose file or Kubernetes manifest that is not valid YAML is rejected as a whole by `docker compose` and ' +
    '`kubectl`: nothing in it runs, hardened or not. This rule reports what the YAML parser could not read (bad ' +
    'indentation, a duplicate key, an unclosed quote or bracket) at the place it stopped. Duplicate keys deserve a ' +
    'second look: some tools keep the first value and some the last, so a `privileged: false` followed by ' +
    '`privileged: true` is a setting whose meaning depends on who reads it. Quick-fixes are not offered on a file ' +
    'with syntax errors.',
  check(yaml, report) {
    if (yaml.templated) return;
    for (const p of yaml.problems) {
      report({ range: widen(yaml, p.range), message: `YAML ${p.severity === 'warning' ? 'warning' : 'error'}: ${p.message.replace(/\s+/g, ' ').trim()}` });
    }
  },
};

/** The parser points at one character; a squiggle under the whole token (`image`, not `i`) reads better. */
function widen(yaml: YamlFile, r: Range): Range {
  if (r.start.line !== r.end.line || r.end.character - r.start.character > 1) return r;
  const line = yaml.lines.lineText(r.start.line);
  const m = /^[^\s:,[\]{}#]+/.exec(line.slice(r.start.character));
  return m ? { start: r.start, end: { line: r.start.line, character: r.start.character + m[0].length } } : r;
}
