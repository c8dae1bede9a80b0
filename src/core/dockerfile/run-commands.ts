/**
 * A small reader for the shell commands of a RUN instruction: enough structure for rules that ask
 * "which programs run, with which words, joined by which operators" (package installs, `cd`, pipes).
 * It is not a shell: it never expands, and anything it does not understand stays inside a word.
 * Offsets refer to the text given to `parseRunScript`; `runScriptOf` pairs them with a way back to the document.
 */
import type { Range } from '../text/range';
import type { DockerfileModel, InstructionInfo } from './model';
import { memo } from './memo';
import { headerText, isSpace, splitWords } from './variables';

export interface ShellWord {
  /** The word with quotes removed and escapes resolved; `$…` and `` `…` `` kept as written. */
  value: string;
  start: number;
  end: number;
  /** Contains a parameter expansion, command substitution or glob: its real value is decided at run time. */
  dynamic: boolean;
}

export interface SimpleCommand {
  /** Program and arguments, without leading `VAR=value` assignments, redirections, `sudo`/`env` wrappers. */
  words: ShellWord[];
  /** Nesting in `( … )` subshells; 0 is the RUN's own shell. */
  depth: number;
  /** The operator that joins this command to the next one: `&&`, `||`, `|`, `;`, `&`, newline, or undefined at the end. */
  next?: string;
  start: number;
  end: number;
}

export interface RunScript {
  commands: SimpleCommand[];
  /** `|` and `|&` operators (not `||`), with the commands on each side. */
  pipes: { start: number; end: number; left: SimpleCommand; right?: SimpleCommand }[];
}

/** Words that only structure the script; the command proper starts after them. */
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '!', '{', '}', 'time']);
const WRAPPERS = new Set(['sudo', 'env', 'exec', 'nice', 'nohup', 'command']);
const OPERATORS = ['&&', '||', '|&', ';;', '|', ';', '&', '(', ')'];
const REDIRECT = /(?:\d*|&)(?:>>|>&|<&|<<<|<<-|<<|<>|>\||>|<)/y;

export function parseRunScript(text: string): RunScript {
  const commands: SimpleCommand[] = [];
  const pipes: RunScript['pipes'] = [];
  let words: ShellWord[] = [];
  let depth = 0;
  let i = 0;
  let pendingPipe = false;
  let skipNextWord = false;
  /** Delimiters of `<<X` here-documents opened on the current line: their bodies start on the next line. */
  let heredocs: { delimiter: string; strip: boolean }[] = [];
  let heredocOpen: { strip: boolean } | undefined;
  // Inside `case … in`: the words before `)` are patterns, where `|` separates alternatives, not commands.
  let caseDepth = 0;
  let inPattern = false;

  const finish = (op: string | undefined) => {
    const cmd = toCommand(words, depth);
    words = [];
    if (cmd) {
      cmd.next = op;
      if (pendingPipe) {
        const p = pipes[pipes.length - 1];
        if (p && !p.right) p.right = cmd;
        pendingPipe = false;
      }
      commands.push(cmd);
    }
    return cmd;
  };

  while (i < text.length) {
    const c = text[i];
    // every blank but the newline, the non-ASCII ones too (a no-break space pasted from a web page): `readWord`
    // stops at all of them, so one left here would never be read past
    if (c !== '\n' && isSpace(text.charCodeAt(i))) {
      i++;
      continue;
    }
    if (c === '\\' && text[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '\n') {
      finish('\n');
      i++;
      // Here-document bodies are data for the command that opened them, not commands.
      for (const h of heredocs) {
        while (i < text.length) {
          const eol = text.indexOf('\n', i);
          const line = text.slice(i, eol < 0 ? text.length : eol);
          i = eol < 0 ? text.length : eol + 1;
          if ((h.strip ? line.replace(/^\t+/, '') : line) === h.delimiter) break;
        }
      }
      heredocs = [];
      continue;
    }
    if (c === '#' && (i === 0 || /\s|[;&|()]/.test(text[i - 1]))) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (inPattern) {
      const word = readWord(text, i);
      if (word.value === 'esac') {
        caseDepth--;
        inPattern = false;
        i = word.end;
        continue;
      }
      while (i < text.length && text[i] !== ')') {
        if (text[i] === '\\') i++;
        else if (text[i] === "'" || text[i] === '"') {
          const close = text.indexOf(text[i], i + 1);
          i = close < 0 ? text.length : close;
        }
        i++;
      }
      i++;
      inPattern = false;
      continue;
    }
    if (caseDepth > 0 && (text.startsWith(';;', i) || text.startsWith(';&', i))) {
      finish(';;');
      i += text.startsWith(';;&', i) ? 3 : 2;
      inPattern = true;
      continue;
    }
    const op = c === '&' || c === '|' || c === ';' || c === '(' || c === ')' ? OPERATORS.find((o) => text.startsWith(o, i)) : undefined;
    if (op) {
      if (op === '(') {
        if (words.length === 0) depth++;
        i++;
        continue;
      }
      if (op === ')') {
        finish(')');
        depth = Math.max(0, depth - 1);
        i++;
        continue;
      }
      const cmd = finish(op);
      if ((op === '|' || op === '|&') && cmd) {
        pipes.push({ start: i, end: i + op.length, left: cmd });
        pendingPipe = true;
      }
      i += op.length;
      continue;
    }
    // a redirection starts with a file descriptor, `&`, `<` or `>`
    let redirect: RegExpExecArray | null = null;
    if ((c >= '0' && c <= '9') || c === '&' || c === '<' || c === '>') {
      REDIRECT.lastIndex = i;
      redirect = REDIRECT.exec(text);
    }
    if (redirect && redirect[0].length > 0) {
      i += redirect[0].length;
      // The next word is the redirection's target (a file, or a here-document's delimiter), not an argument.
      skipNextWord = true;
      if (/(^|[^<])<<-?$/.test(redirect[0])) heredocOpen = { strip: redirect[0].endsWith('-') };
      continue;
    }
    const word = readWord(text, i);
    i = word.end;
    if (skipNextWord) {
      skipNextWord = false;
      if (heredocOpen) heredocs.push({ delimiter: word.value, ...heredocOpen });
      heredocOpen = undefined;
      continue;
    }
    if (word.value === 'in' && words.length === 2 && words[0].value === 'case') {
      words = [];
      caseDepth++;
      inPattern = true;
      continue;
    }
    if (word.value === 'esac' && caseDepth > 0 && words.length === 0) {
      caseDepth--;
      continue;
    }
    words.push(word);
  }
  finish(undefined);
  return { commands, pipes };
}

function toCommand(all: ShellWord[], depth: number): SimpleCommand | undefined {
  let k = 0;
  while (k < all.length && RESERVED.has(all[k].value)) k++;
  if (all[k]?.value === 'for' || all[k]?.value === 'case') return undefined;
  // Leading assignments (`DEBIAN_FRONTEND=noninteractive apt-get …`) and wrappers do not change which program runs.
  for (;;) {
    while (k < all.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(all[k].value)) k++;
    if (k < all.length && WRAPPERS.has(all[k].value)) {
      k++;
      while (k < all.length && all[k].value.startsWith('-')) k++;
      continue;
    }
    break;
  }
  const words = all.slice(k);
  if (words.length === 0) return undefined;
  return { words, depth, start: words[0].start, end: words[words.length - 1].end };
}

function readWord(text: string, start: number): ShellWord {
  let i = start;
  let value = '';
  let dynamic = false;
  while (i < text.length) {
    const c = text[i];
    if (isSpace(text.charCodeAt(i)) || c === ';' || c === '&' || c === '|' || c === '(' || c === ')') break;
    if ((c === '<' || c === '>') && i > start) break;
    if (c === '\\') {
      if (text[i + 1] === '\n') {
        i += 2;
        continue;
      }
      value += text[i + 1] ?? '';
      i += 2;
      continue;
    }
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      const end = close < 0 ? text.length : close;
      value += text.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1])) {
          value += text[i + 1];
          i += 2;
          continue;
        }
        if (text[i] === '$' || text[i] === '`') dynamic = true;
        if (text[i] === '$' && text[i + 1] === '(') {
          const end = matchParen(text, i + 1);
          value += text.slice(i, end);
          i = end;
          continue;
        }
        value += text[i];
        i++;
      }
      i++;
      continue;
    }
    if (c === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) {
      dynamic = true;
      const end = text[i + 1] === '(' ? matchParen(text, i + 1) : matchBrace(text, i + 1);
      value += text.slice(i, end);
      i = end;
      continue;
    }
    if (c === '`') {
      dynamic = true;
      const close = text.indexOf('`', i + 1);
      const end = close < 0 ? text.length : close + 1;
      value += text.slice(i, end);
      i = end;
      continue;
    }
    if (c === '$' || c === '*' || c === '?' || c === '[') dynamic = true;
    // the characters up to the next one the cases above handle go into the word as they are
    let j = i + 1;
    while (j < text.length && isPlain(text.charCodeAt(j))) j++;
    value += text.slice(i, j);
    i = j;
  }
  return { value, start, end: Math.min(i, text.length), dynamic };
}

/** Characters `readWord` copies without looking at them: not blank, not an operator, quote, escape or expansion. */
function isPlain(code: number): boolean {
  return code < 128 ? PLAIN_ASCII[code] === 1 : !isSpace(code);
}

const PLAIN_ASCII = (() => {
  const t = new Uint8Array(128);
  for (let code = 0; code < 128; code++) t[code] = isSpace(code) ? 0 : 1;
  for (const ch of ';&|()<>\\\'"`$*?[') t[ch.charCodeAt(0)] = 0;
  return t;
})();

/** Index just past the `)` that closes the `(` at `open`, honouring quotes and nesting. */
function matchParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === "'" || c === '"') {
      const close = text.indexOf(c, i + 1);
      if (close < 0) return text.length;
      i = close;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return text.length;
}

function matchBrace(text: string, open: number): number {
  const close = text.indexOf('}', open);
  return close < 0 ? text.length : close + 1;
}

/** The program a command runs, without a directory (`/usr/bin/pip3` → `pip3`). */
export function programName(cmd: SimpleCommand): string {
  const first = cmd.words[0]?.value ?? '';
  return first.slice(first.lastIndexOf('/') + 1);
}

/** A RUN's script with the way back to document ranges. */
export interface RunScriptOf {
  script: RunScript;
  rangeOf(start: number, end: number): Range;
  /** The script is a heredoc body (`RUN <<EOF`), not a command line. */
  heredoc: boolean;
}

const MARKER = /^<<-?(["']?)[A-Za-z0-9_.-]+\1$/;

/**
 * The shell script of an executed RUN, or undefined for exec form and non-shell heredoc scripts.
 * With `RUN <<EOF` the body is the script; with `RUN cat <<EOF > file` the body is data and only the command
 * line is shell.
 */
export function runScriptOf(model: DockerfileModel, ins: InstructionInfo): RunScriptOf | undefined {
  // Several rules read the same RUN; parse it once per instruction object.
  return memo(ins, 'runScriptOf', () => readRunScript(model, ins));
}

function readRunScript(model: DockerfileModel, ins: InstructionInfo): RunScriptOf | undefined {
  if (ins.keyword !== 'RUN' || !ins.shell || ins.jsonForm) return undefined;
  const escape = model.directives.escape;
  // The command line as written (escapes intact, `--mount` and other flags left out): the model's joined
  // arguments have the builder's escapes already removed, which would turn `\(` into a subshell.
  const header = headerText(model, ins);
  const words = splitWords(header.text, escape);
  const firstCommandWord = words.find((w) => !w.text.startsWith('--'));
  const from = firstCommandWord ? firstCommandWord.start : header.text.length;
  const commandLine: RunScriptOf = {
    script: parseRunScript(header.text.slice(from)),
    rangeOf: (start, end) => header.rangeOf(start + from, end + from),
    heredoc: false,
  };
  if (ins.heredocs.length === 0) return commandLine;
  const markersOnly = words.slice(words.indexOf(firstCommandWord!)).every((w) => MARKER.test(w.text));
  if (!firstCommandWord || !markersOnly) return commandLine;
  // `RUN <<EOF`: the body is the script, unless its shebang names another interpreter.
  const shell = ins.shell;
  const first = shell.text.split('\n', 1)[0];
  if (first.startsWith('#!') && !/\b(sh|bash|ash|dash|zsh|ksh)\b/.test(first)) return undefined;
  return { script: parseRunScript(shell.text), rangeOf: shell.rangeOf, heredoc: true };
}

/**
 * Operands of a command from word `from` on: words that are not options and not the value of an option
 * listed in `withValue` (`-o x`, `--target-release x`). `--opt=value` forms carry their value themselves.
 */
export function operands(cmd: SimpleCommand, from: number, withValue: ReadonlySet<string>): ShellWord[] {
  const out: ShellWord[] = [];
  let afterDoubleDash = false;
  for (let k = from; k < cmd.words.length; k++) {
    const w = cmd.words[k];
    if (!afterDoubleDash && w.value === '--') {
      afterDoubleDash = true;
      continue;
    }
    if (!afterDoubleDash && w.value.startsWith('-') && w.value.length > 1) {
      if (withValue.has(w.value)) k++;
      continue;
    }
    out.push(w);
  }
  return out;
}

/** Index of the first operand (the subcommand) after the program and its global options, or -1. */
export function subcommandIndex(cmd: SimpleCommand, withValue: ReadonlySet<string>, from = 1): number {
  for (let k = from; k < cmd.words.length; k++) {
    const v = cmd.words[k].value;
    if (v.startsWith('-')) {
      if (withValue.has(v)) k++;
      continue;
    }
    return k;
  }
  return -1;
}
