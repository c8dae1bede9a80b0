import type { Fix } from '../../findings';
import type { Rule } from '../../rule';
import type { DockerfileModel, InstructionInfo, Stage } from '../model';

export const jsonArgsRecommended: Rule<DockerfileModel> = {
  id: 'json-args-recommended',
  title: 'CMD and ENTRYPOINT use the JSON (exec) form',
  category: 'correctness',
  defaultSeverity: 'warning',
  topic: 'pid1-signals',
  equivalents: { buildkit: 'JSONArgsRecommended', hadolint: 'DL3025' },
  docs:
    'In shell form, `CMD node server.js` really runs `/bin/sh -c "node server.js"`. Unless that shell happens to ' +
    'replace itself with the program, the shell is PID 1, and it does not pass SIGTERM on: `docker stop` waits out ' +
    'the grace period and then kills the app without a clean shutdown. The JSON form `CMD ["node", "server.js"]` ' +
    'starts the program itself as PID 1. The quick fix converts commands that use no shell features. Not reported ' +
    'when the stage sets `SHELL` (the shell is then a deliberate choice), for Windows images, or when the command ' +
    'starts with `exec` (the shell replaces itself, which solves the same problem).',
  check(model, report) {
    for (const stage of model.stages) {
      if (isWindows(model, stage)) continue;
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'CMD' && ins.keyword !== 'ENTRYPOINT') continue;
        if (!ins.argsRange || ins.argsText.trim() === '') continue;
        if (shellSetBefore(model, stage, ins)) continue;
        const text = ins.argsText.trim();
        if (ins.jsonForm && isJsonArray(text)) continue;
        if (/^exec(\s|$)/.test(text)) continue;
        report({ range: ins.argsRange, message: message(ins, text), fixes: fixes(stage, ins, text) });
      }
    }
  },
};

function message(ins: InstructionInfo, text: string): string {
  if (text.startsWith('[')) {
    return `This ${ins.keyword} looks like the exec form but is not valid JSON (JSON needs double quotes), so the builder runs it through \`/bin/sh -c\` as a string.`;
  }
  // The program is the first word after any `NAME=value` assignments, without its quotes.
  const words = text.split(/\s+/);
  const program = (words.find((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) ?? words[0]).replace(/^["']|["']$/g, '');
  return `\`${ins.keyword} ${text.length > 40 ? `${text.slice(0, 40)}…` : text}\` runs under \`/bin/sh -c\`; the shell can end up as PID 1 and does not pass SIGTERM on to \`${program}\`, so \`docker stop\` may have to kill it. Use the JSON form.`;
}

function fixes(stage: Stage, ins: InstructionInfo, text: string): Fix[] {
  // An exec-form ENTRYPOINT receives CMD as arguments while a shell-form one ignores it: converting would change
  // what runs when this stage also has a CMD.
  if (ins.keyword === 'ENTRYPOINT' && stage.instructions.some((i) => i.keyword === 'CMD')) return [];
  const words = text.startsWith('[') ? singleQuotedArray(text) : plainWords(text);
  if (!words || words.length === 0) return [];
  const json = `[${words.map((w) => JSON.stringify(w)).join(', ')}]`;
  return [{ title: `Use the exec form: ${json}`, edits: [{ range: ins.argsRange!, newText: json }], preferred: true }];
}

/** Words of a command that uses no shell feature (no variables, globs, operators, escapes); undefined otherwise. */
export function plainWords(text: string): string[] | undefined {
  const words: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (i >= text.length) break;
    let word = '';
    let started = false;
    while (i < text.length && !/\s/.test(text[i])) {
      const c = text[i];
      if (c === '"' || c === "'") {
        const close = text.indexOf(c, i + 1);
        if (close < 0) return undefined;
        const inner = text.slice(i + 1, close);
        if (c === '"' && /[$`\\!]/.test(inner)) return undefined;
        word += inner;
        i = close + 1;
      } else if (/[A-Za-z0-9_./:=@%+,-]/.test(c)) {
        word += c;
        i++;
      } else {
        return undefined;
      }
      started = true;
    }
    if (started) words.push(word);
  }
  // `FOO=bar cmd` sets a variable for the command: shell syntax.
  if (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) return undefined;
  return words;
}

/** `['a', 'b']` → [a, b] when every element is a simple single-quoted string. */
function singleQuotedArray(text: string): string[] | undefined {
  const m = /^\[\s*(.*?)\s*\]$/.exec(text);
  if (!m) return undefined;
  if (m[1] === '') return [];
  const out: string[] = [];
  for (const part of m[1].split(',')) {
    const p = /^\s*'([^'"\\]*)'\s*$/.exec(part);
    if (!p) return undefined;
    out.push(p[1]);
  }
  return out;
}

function isJsonArray(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) && v.every((x) => typeof x === 'string');
  } catch {
    return false;
  }
}

/** A SHELL earlier in this stage or in a stage it is built from sets the shell that shell forms run under. */
function shellSetBefore(model: DockerfileModel, stage: Stage, ins: InstructionInfo): boolean {
  if (stage.instructions.some((i) => i.keyword === 'SHELL' && i.range.start.line < ins.range.start.line)) return true;
  const seen = new Set<number>();
  let parent = stage.parentStage;
  while (parent !== undefined && !seen.has(parent)) {
    seen.add(parent);
    const p = model.stages[parent];
    if (!p) break;
    if (p.instructions.some((i) => i.keyword === 'SHELL')) return true;
    parent = p.parentStage;
  }
  return false;
}

/** Windows containers have no POSIX signals to forward; a backtick escape is the usual sign of a Windows Dockerfile. */
function isWindows(model: DockerfileModel, stage: Stage): boolean {
  if (stage.baseFacts.family === 'windows' || model.directives.escape === '`') return true;
  let s: Stage | undefined = stage;
  const seen = new Set<number>();
  while (s && !seen.has(s.index)) {
    seen.add(s.index);
    if (/(^|\/)(windows|servercore|nanoserver)([/:]|$)|windowsservercore|nanoserver/i.test(s.image.raw)) return true;
    s = s.parentStage !== undefined ? model.stages[s.parentStage] : undefined;
  }
  return false;
}
