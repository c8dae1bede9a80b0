import type { Rule } from '../../rule';
import type { Range } from '../../text/range';
import type { DockerfileModel, InstructionInfo } from '../model';
import { continuesOnNextLine } from '../variables';

export const copyMultipleSourcesDestSlash: Rule<DockerfileModel> = {
  id: 'copy-multiple-sources-dest-slash',
  title: 'COPY/ADD with several sources copies into a directory ending in /',
  category: 'correctness',
  defaultSeverity: 'error',
  topic: 'dockerfile-syntax',
  equivalents: { hadolint: 'DL3021', trivy: 'DS-0011' },
  docs:
    'With more than one source, `COPY` and `ADD` need a destination directory, written with a trailing slash ' +
    '(`COPY a.txt b.txt /app/`); without it the build stops with an error. The quick fix adds the slash. (A single ' +
    'source whose wildcard matches several files needs the slash too, which only the build can tell.)',
  check(model, report) {
    for (const stage of model.stages) {
      // Windows paths may end in a backslash; a backtick escape is the usual sign of a Windows Dockerfile.
      const windows = model.directives.escape === '`' || stage.baseFacts.family === 'windows';
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
        const words = ins.jsonForm ? jsonWords(model, ins) : shellWords(model, ins);
        if (!words || words.length < 3) continue;
        const dest = words[words.length - 1];
        if (dest.value.includes('$') || dest.value.endsWith('/') || (windows && dest.value.endsWith('\\'))) continue;
        const sources = words.length - 1;
        report({
          range: dest.range,
          message: `${ins.keyword} has ${sources} sources, so the destination must be a directory written with a trailing slash: \`${dest.value}/\`. Without it the build fails.`,
          fixes: [{ title: `Add a trailing slash: ${dest.value}/`, edits: [{ range: dest.insertAt, newText: '/' }], preferred: true }],
        });
      }
    }
  },
};

interface Word {
  value: string;
  range: Range;
  /** Where a trailing slash goes (inside a JSON string's quotes). */
  insertAt: Range;
}

/** Arguments on the instruction's own lines; heredoc bodies that follow are content, not arguments. */
function shellWords(model: DockerfileModel, ins: InstructionInfo): Word[] {
  const last = headerEndLine(model, ins);
  return ins.node
    .getArguments()
    .filter((a) => a.getRange().start.line <= last)
    .map((a) => ({ value: a.getValue(), range: a.getRange(), insertAt: { start: a.getRange().end, end: a.getRange().end } }));
}

function jsonWords(model: DockerfileModel, ins: InstructionInfo): Word[] | undefined {
  const strings = (ins.node as unknown as { getJSONStrings?: () => { getRange(): Range }[] }).getJSONStrings?.();
  if (!strings) return undefined;
  const out: Word[] = [];
  for (const s of strings) {
    const r = s.getRange();
    let value: unknown;
    try {
      value = JSON.parse(model.lines.slice(r));
    } catch {
      return undefined;
    }
    if (typeof value !== 'string') return undefined;
    const close = { line: r.end.line, character: r.end.character - 1 };
    out.push({ value, range: r, insertAt: { start: close, end: close } });
  }
  return out;
}

/** Last line of the instruction itself: its first line plus continuation lines (comment lines included). */
function headerEndLine(model: DockerfileModel, ins: InstructionInfo): number {
  const escape = model.directives.escape;
  let line = ins.range.start.line;
  while (line < ins.range.end.line) {
    const text = model.lines.lineText(line);
    const comment = line > ins.range.start.line && /^\s*#/.test(text);
    if (!comment && !continuesOnNextLine(text, escape)) break;
    line++;
  }
  return line;
}
