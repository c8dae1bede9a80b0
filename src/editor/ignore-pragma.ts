import type { DockerfileModel } from '../core/dockerfile/model';
import type { LineIndex, TextEdit } from '../core/text/range';
import { isInsideScalar } from '../core/yaml/inside-scalar';
import type { YamlFile } from '../core/yaml/parse';

/** Our own inline suppression; `src/core/suppress.ts` reads it from the line(s) above a finding. */
export const IGNORE_PRAGMA = 'container-lens-ignore';

const OWN_PRAGMA_LINE = /^(\s*#\s*container-lens-ignore\s*[=:]\s*)([A-Za-z0-9_,\- ]*?)(\s*)$/i;

/**
 * The edit that silences `ruleId` on `line`: a `# container-lens-ignore=<id>` comment inserted directly
 * above it, indented like it and ending with the text's own line break. When the line above already is
 * our pragma, the id is appended to it instead (`=a,b`) so repeated use does not stack comment lines.
 */
export function ignorePragmaEdit(lines: LineIndex, line: number, ruleId: string): TextEdit {
  if (line > 0) {
    const above = lines.lineText(line - 1);
    const m = OWN_PRAGMA_LINE.exec(above);
    if (m) {
      const ids = m[2].split(/[,\s]+/).filter(Boolean);
      if (ids.some((id) => id.toLowerCase() === ruleId.toLowerCase())) {
        // Already there: a no-op edit keeps the action harmless.
        const end = { line: line - 1, character: above.length };
        return { range: { start: end, end }, newText: '' };
      }
      const start = { line: line - 1, character: m[1].length };
      const end = { line: line - 1, character: m[1].length + m[2].length };
      return { range: { start, end }, newText: [...ids, ruleId].join(',') };
    }
  }
  const target = lines.lineText(line);
  const indent = /^[ \t]*/.exec(target)?.[0] ?? '';
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `${indent}# ${IGNORE_PRAGMA}=${ruleId}${lines.eol}` };
}

/**
 * Whether a comment may be inserted above `line` without changing what gets built: not above or
 * among the parser directives (they must stay the first lines), not inside a heredoc body (the
 * comment would become part of the script or file).
 */
export function canInsertPragmaAbove(model: DockerfileModel, line: number): boolean {
  if (line < 0 || line >= model.lines.lineCount) return false;
  if (line <= lastDirectiveLine(model.lines)) return false;
  for (const ins of model.instructions) {
    // An instruction's range covers its heredoc bodies and closing delimiters: only its first line is safe.
    if (ins.heredocs.length > 0 && line > ins.range.start.line && line <= ins.range.end.line) return false;
  }
  return true;
}

/** Last line of the leading `# key=value` directive block (-1 when there is none). */
function lastDirectiveLine(lines: LineIndex): number {
  let last = -1;
  const seen = new Set<string>();
  for (let line = 0; line < lines.lineCount; line++) {
    const m = /^\s*#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=/.exec(lines.lineText(line));
    if (!m || seen.has(m[1].toLowerCase())) break;
    seen.add(m[1].toLowerCase());
    last = line;
  }
  return last;
}

/**
 * Whether a `# container-lens-ignore=` comment may be inserted above `line` of a YAML file: anywhere
 * except inside a scalar that spans lines (a block scalar `|`, a multi-line quoted or plain string),
 * where the comment would become part of the value.
 */
export function canInsertYamlPragmaAbove(yaml: YamlFile, line: number): boolean {
  if (line < 0 || line >= yaml.lines.lineCount) return false;
  return !isInsideScalar(yaml, yaml.lines.lineStarts[line]);
}
