/**
 * What a RUN step executes, as simple commands (`apt-get install -y curl`) with document ranges.
 *
 * This is a small POSIX-shell lexer, not a shell: it splits on `&&`, `||`, `;`, `|`, `&`, newlines and
 * subshell parentheses, removes quotes, keeps `$VAR`, `$(...)` and backquotes inside the word they belong
 * to, drops redirections and comments, and looks through wrappers such as `sudo`, `env` and `xargs` to the
 * program that really runs. Rules use it to find a program and its arguments without caring whether the
 * RUN is shell form, a heredoc script, or exec form with `sh -c`.
 */
import type { Range, TextEdit } from '../text/range';
import type { DockerfileModel, Flag, Heredoc, InstructionInfo, ShellCommand, Stage } from './model';
import { memo } from './memo';

/** How a command is joined to the one before it (`''` for the first of a script). */
export type Operator = '' | '&&' | '||' | ';' | ';;' | '|' | '&' | '\n' | '(' | ')';

export interface Word {
  /** After quote removal: `"a b"` → `a b`. Expansions (`$X`, `$(...)`) are kept as written. */
  value: string;
  /** As written. */
  raw: string;
  /** `[start, end)` offsets in the script text. */
  start: number;
  end: number;
}

export interface Redirect {
  /** `>`, `>>`, `2>&1`, `<<`, `<<-`, ... (file descriptor included). */
  op: string;
  target?: Word;
}

export interface SimpleCommand {
  /** Unquoted words from the program on; leading `VAR=x` assignments and wrappers (sudo, env, ...) removed. */
  argv: string[];
  /** The words behind `argv`, index for index. */
  words: Word[];
  /** Leading `VAR=value` words (including those after `env`/`sudo`). */
  assignments: Word[];
  /** Wrapper programs and their options that came before the program, e.g. `sudo -E`. */
  wrappers: Word[];
  redirects: Redirect[];
  /** Delimiters of `<<EOF` redirections on this command. */
  heredocs: string[];
  /** The operator before this command (`''` for the first) and after it (`''` for the last). */
  before: Operator;
  after: Operator;
  /** Commands joined by `|` share a pipeline number. */
  pipeline: number;
  /** Base name of the program (`/usr/bin/apt-get` → `apt-get`), `''` when there is none. */
  name: string;
  script: Script;
  /** Document range of `argv[i]`, or of `argv[i]` through `argv[j]`. */
  range(i: number, j?: number): Range;
  /** Document range of the whole command, assignments and wrappers included. */
  wholeRange(): Range;
}

export type ScriptKind =
  /** Shell form: the RUN arguments as the builder passes them to `/bin/sh -c`. */
  | 'shell'
  /** The body of a heredoc that a shell runs. */
  | 'heredoc'
  /** The line of a heredoc RUN around the `<<EOF` markers. */
  | 'heredoc-head'
  /** Exec form without a shell: one command, the JSON array. */
  | 'exec'
  /** The `-c` string of an exec-form `["sh", "-c", "..."]`. */
  | 'exec-c';

export interface Script {
  kind: ScriptKind;
  source: ShellCommand;
  commands: SimpleCommand[];
  /** Offset just after the last token (word or operator), before any trailing comment. */
  end: number;
  /** The last token was an operator (`;`, `&`, `&&`, ...) rather than a word. */
  endsWithOperator: Operator | undefined;
  /** The RUN it came from (undefined for a bare `simpleCommands` call). */
  instruction?: InstructionInfo;
  /** For heredoc bodies: which heredoc. */
  heredoc?: Heredoc;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);

/** Tokenise one shell script into simple commands. Never throws. */
export function simpleCommands(shell: ShellCommand): SimpleCommand[] {
  return tokenize(shell, 'shell').commands;
}

/**
 * The shell scripts a RUN executes, tokenised. Empty for anything the builder does not run as a POSIX
 * shell in this build: non-RUN instructions (ONBUILD triggers included), stages on Windows or with a
 * PowerShell/cmd `SHELL`, heredoc bodies that are data for another program (`python3 <<EOF`,
 * `cat > file <<EOF`), and exec-form arrays that start a shell without `-c`.
 */
export function runScripts(model: DockerfileModel, ins: InstructionInfo): Script[] {
  // Twenty-odd rules ask for the same RUN; an InstructionInfo belongs to one model, so it is a safe key.
  // Callers get their own array (some `pop()` the last script), never the cached one.
  if (ins.keyword !== 'RUN') return [];
  return memo(ins, 'runScripts', () => readRunScripts(model, ins)).slice();
}

function readRunScripts(model: DockerfileModel, ins: InstructionInfo): Script[] {
  if (ins.keyword !== 'RUN' || !ins.shell || ins.stage < 0) return [];
  const stage = model.stages[ins.stage];
  if (!stage || !posixShellAt(model, stage, ins)) return [];
  const scripts = isExecForm(model, ins)
    ? execScripts(model, ins)
    : ins.heredocs.length > 0
      ? heredocScripts(model, ins)
      : [tokenize(ins.shell, 'shell')];
  for (const s of scripts) s.instruction = ins;
  return scripts;
}

/** All simple commands a RUN executes (see `runScripts`), in order. */
export function runCommands(model: DockerfileModel, ins: InstructionInfo): SimpleCommand[] {
  if (ins.keyword !== 'RUN') return [];
  // asked for by a dozen rules per RUN: flatten once, hand out copies
  return memo(ins, 'runCommands', () => runScripts(model, ins).flatMap((s) => s.commands)).slice();
}

/**
 * The first argument after the program that is not an option: the subcommand of `apt-get -y install x`.
 * `valued` lists options that take the next word as their value (`-o Dpkg::X=y`).
 */
export function subcommand(cmd: SimpleCommand, valued: readonly string[] = []): { index: number; value: string } | undefined {
  for (let i = 1; i < cmd.argv.length; i++) {
    const a = cmd.argv[i];
    if (a === '--') return i + 1 < cmd.argv.length ? { index: i + 1, value: cmd.argv[i + 1] } : undefined;
    if (a.startsWith('-') && a.length > 1) {
      if (valued.includes(a)) i++;
      continue;
    }
    return { index: i, value: a };
  }
  return undefined;
}

/**
 * Does the command carry one of these options? Long options match `--name` and `--name=value`; a
 * one-letter option `-y` also matches inside a cluster such as `-qy`.
 */
export function hasOption(cmd: SimpleCommand, ...names: string[]): boolean {
  return optionIndex(cmd, ...names) >= 0;
}

/** Index in `argv` of the first of these options (see `hasOption`), or -1. */
export function optionIndex(cmd: SimpleCommand, ...names: string[]): number {
  for (let i = 1; i < cmd.argv.length; i++) {
    const a = cmd.argv[i];
    if (a === '--') return -1;
    for (const n of names) {
      if (n.startsWith('--')) {
        if (a === n || a.startsWith(`${n}=`)) return i;
      } else if (n.length === 2 && n.startsWith('-')) {
        if (a === n) return i;
        if (/^-[A-Za-z0-9]{2,}$/.test(a) && a.includes(n[1])) return i;
      } else if (a === n) {
        return i;
      }
    }
  }
  return -1;
}

/** The stage's Dockerfile is for Windows containers (by its base image), so RUN is not a POSIX shell. */
export function isWindowsStage(model: DockerfileModel, stage: Stage): boolean {
  let root = stage;
  const seen = new Set<number>();
  while (root.parentStage !== undefined && !seen.has(root.index)) {
    seen.add(root.index);
    root = model.stages[root.parentStage] ?? root;
  }
  if (root.baseFacts.family === 'windows') return true;
  const image = `${root.image.registry ?? ''}/${root.image.path}:${root.image.tag ?? ''}`.toLowerCase();
  if (/windows|nanoserver|servercore|ltsc20\d\d/.test(image)) return true;
  // An unresolved `FROM $BASE` in a file that uses the PowerShell-friendly escape is almost always Windows.
  return root.image.unresolved && model.directives.escape === '`';
}

/**
 * Does this RUN go to a POSIX shell? No for Windows stages and after a `SHELL` that selects PowerShell
 * or cmd (in this stage or a parent stage it builds on).
 */
export function posixShellAt(model: DockerfileModel, stage: Stage, ins: InstructionInfo): boolean {
  if (isWindowsStage(model, stage)) return false;
  let s: Stage | undefined = stage;
  let limit = ins;
  const seen = new Set<number>();
  while (s && !seen.has(s.index)) {
    seen.add(s.index);
    const shells = s.instructions.filter(
      (i) => i.keyword === 'SHELL' && (i === limit || i.range.start.line < limit.range.start.line),
    );
    const last = shells[shells.length - 1];
    if (last) {
      const first = /^\s*\[\s*"([^"]*)"/.exec(last.argsText)?.[1] ?? '';
      const prog = basename(first).toLowerCase().replace(/\.exe$/, '');
      return !['powershell', 'pwsh', 'cmd'].includes(prog);
    }
    const parent: Stage | undefined = s.parentStage !== undefined ? model.stages[s.parentStage] : undefined;
    if (parent) limit = parent.instructions[parent.instructions.length - 1] ?? parent.from;
    s = parent;
  }
  return true;
}

/**
 * Document range from offset `start` up to where offset `end` begins: for deleting a word together with
 * the blank space after it (`rangeOf` would end at the previous word, since script text joins words with
 * one space where the document may have several, or a line continuation).
 */
export function rangeUpTo(source: ShellCommand, start: number, end: number): Range {
  return { start: source.rangeOf(start, start).start, end: source.rangeOf(end, end).start };
}

export function basename(p: string): string {
  const i = p.lastIndexOf('/');
  return i >= 0 ? p.slice(i + 1) : p;
}

export function isShellProgram(name: string): boolean {
  return SHELLS.has(name);
}

// ---------------------------------------------------------------------------------------------------
// Edits on RUN scripts

/**
 * An edit that runs `command` after everything else in this script, in the same RUN (same layer):
 * ` && command` on one-line RUNs, a continuation line in the file's style on multi-line RUNs, a new line
 * before the terminator of a heredoc, or inside the `-c` string of exec form. Undefined when there is no
 * safe place (exec form without a shell, a script ending in a dangling operator).
 */
export function appendCommandEdit(model: DockerfileModel, script: Script, command: string): TextEdit | undefined {
  const ins = script.instruction;
  if (!ins) return undefined;
  const eol = model.lines.eol;
  const esc = model.directives.escape;
  const op = script.endsWithOperator;
  if (op && op !== ';' && op !== '\n') return undefined;
  if (script.kind === 'heredoc') {
    const body = script.heredoc?.contentRange;
    if (!body) return undefined;
    const last = model.lines.lineText(body.end.line);
    if (/\\\s*$/.test(last)) return undefined;
    const indent = /^[ \t]*/.exec(last)?.[0] ?? '';
    const at = { line: body.end.line + 1, character: 0 };
    return { range: { start: at, end: at }, newText: `${indent}${command}${eol}` };
  }
  if (script.kind === 'exec-c') {
    if (/["\\]/.test(command)) return undefined;
    const at = script.source.rangeOf(script.end, script.end).end;
    return { range: { start: at, end: at }, newText: op === ';' ? ` ${command}` : ` && ${command}` };
  }
  if (script.kind !== 'shell') return undefined;
  const at = script.source.rangeOf(script.end, script.end).end;
  const joiner = op === ';' ? '' : '&& ';
  if (at.line === ins.range.start.line) {
    return { range: { start: at, end: at }, newText: ` ${joiner}${command}` };
  }
  const lastLine = model.lines.lineText(at.line);
  const indent = /^[ \t]*/.exec(lastLine)?.[0] || '    ';
  const trimmed = lastLine.trimStart();
  if (/^(&&|\|\||;|\|)/.test(trimmed)) {
    // operator-first style: `\` at the end of lines, `&& cmd` at the start of the next
    return { range: { start: at, end: at }, newText: ` ${esc}${eol}${indent}${op === ';' ? '' : '&& '}${command}` };
  }
  const previous = model.lines.lineText(at.line - 1).trimEnd();
  const sep = op === ';' ? '' : /;\s*\\$/.test(previous) || previous.endsWith(`;${esc}`) ? ';' : ' &&';
  return { range: { start: at, end: at }, newText: `${sep} ${esc}${eol}${indent}${command}` };
}

/** Insert text right after `argv[i]` of a command (an option after a subcommand). Undefined for exec form. */
export function insertAfterWordEdit(cmd: SimpleCommand, i: number, text: string): TextEdit | undefined {
  if (cmd.script.kind === 'exec') return undefined;
  if (cmd.script.kind === 'exec-c' && /["\\]/.test(text)) return undefined;
  const at = cmd.range(i).end;
  return { range: { start: at, end: at }, newText: text };
}

/**
 * An edit that joins RUN `b` onto RUN `a` (`a && \ b`), for two shell-form RUNs with the same flags
 * and nothing but blank space between them. Undefined when joining would change what runs or lose text.
 */
export function joinRunsEdit(model: DockerfileModel, a: InstructionInfo, b: InstructionInfo): TextEdit | undefined {
  const sa = runScripts(model, a);
  const sb = runScripts(model, b);
  if (sa.length !== 1 || sb.length !== 1 || sa[0].kind !== 'shell' || sb[0].kind !== 'shell') return undefined;
  if (sa[0].commands.length === 0 || sb[0].commands.length === 0) return undefined;
  if (sa[0].endsWithOperator && sa[0].endsWithOperator !== '\n') return undefined;
  if (!sameFlags(a, b) || !b.argsRange) return undefined;
  // Commands that change the shell's state would leak into the second RUN's commands once joined.
  const stateful = new Set(['cd', 'pushd', 'popd', 'export', 'set', 'source', '.', 'unset', 'umask', 'alias', 'shopt', 'trap', 'exit', 'exec', 'readonly', 'declare', 'local']);
  if (sa[0].commands.some((c) => stateful.has(c.name) || (c.argv.length === 0 && c.assignments.length > 0))) return undefined;
  const lines = model.lines;
  const from = sa[0].source.rangeOf(sa[0].end, sa[0].end).end;
  // Anything after the last token of `a` (a trailing comment) or between the two (comments, pragmas) stays.
  const between = model.text.slice(lines.offsetAt(from), lines.offsetAt(b.range.start));
  if (between.trim() !== '') return undefined;
  const head = lines.lineText(a.range.start.line);
  const cont = a.range.end.line > a.range.start.line ? /^[ \t]*/.exec(lines.lineText(a.range.end.line))?.[0] : '';
  const indent = cont || ' '.repeat(Math.max(4, head.length - head.trimStart().length + 4));
  return {
    range: { start: from, end: b.argsRange.start },
    newText: ` && ${model.directives.escape}${lines.eol}${indent}`,
  };
}

/** Delete a flag such as `--network=host` together with the blanks after it on its line. */
export function removeFlagEdit(model: DockerfileModel, flag: Flag): TextEdit {
  const line = model.lines.lineText(flag.range.end.line);
  let end = flag.range.end.character;
  while (end < line.length && (line[end] === ' ' || line[end] === '\t')) end++;
  return { range: { start: flag.range.start, end: { line: flag.range.end.line, character: end } }, newText: '' };
}

/** Same flags, in any order (`--mount`, `--network`, `--security`). */
export function sameFlags(a: InstructionInfo, b: InstructionInfo): boolean {
  const key = (i: InstructionInfo) =>
    i.flags
      .map((f) => `${f.name}=${f.value ?? ''}`)
      .sort()
      .join('\u0000');
  return key(a) === key(b);
}

// ---------------------------------------------------------------------------------------------------
// Tokeniser

interface Token {
  kind: 'word' | 'op' | 'redirect';
  word?: Word;
  op?: Operator;
  redirect?: Redirect;
  start: number;
  end: number;
}

const RESERVED_PREFIX = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'time']);
const RESERVED_ALONE = new Set(['fi', 'done', 'esac', '}', 'then', 'else', 'do']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;

function tokenize(source: ShellCommand, kind: ScriptKind): Script {
  const script: Script = { kind, source, commands: [], end: 0, endsWithOperator: undefined };
  const tokens = lex(source.text);
  const last = tokens[tokens.length - 1];
  if (last) {
    script.end = last.end;
    script.endsWithOperator = last.kind === 'op' ? last.op : undefined;
  }
  let current: Token[] = [];
  let before: Operator = '';
  let pipeline = 0;
  const flush = (after: Operator) => {
    const cmd = buildCommand(current, script, before, after, pipeline);
    if (cmd) script.commands.push(cmd);
    current = [];
  };
  for (const t of tokens) {
    if (t.kind === 'op') {
      flush(t.op as Operator);
      before = t.op as Operator;
      if (before !== '|') pipeline++;
      continue;
    }
    current.push(t);
  }
  flush('');
  // number pipelines densely so `a | b` share one and the next command gets the next
  let n = -1;
  let prev: SimpleCommand | undefined;
  for (const c of script.commands) {
    if (!prev || c.before !== '|') n++;
    c.pipeline = n;
    prev = c;
  }
  return script;
}

function buildCommand(tokens: Token[], script: Script, before: Operator, after: Operator, pipeline: number): SimpleCommand | undefined {
  const redirects: Redirect[] = [];
  let words: Word[] = [];
  for (const t of tokens) {
    if (t.kind === 'redirect' && t.redirect) redirects.push(t.redirect);
    else if (t.word) words.push(t.word);
  }
  const heredocs = redirects.filter((r) => r.op.replace(/^\d+/, '').startsWith('<<') && !r.op.endsWith('<<<')).map((r) => r.target?.value ?? '');
  while (words.length > 0 && RESERVED_PREFIX.has(words[0].raw)) words = words.slice(1);
  if (words.length === 1 && RESERVED_ALONE.has(words[0].raw)) words = [];
  if (words.length === 0 && heredocs.length === 0) return undefined;
  const assignments: Word[] = [];
  const wrappers: Word[] = [];
  let i = 0;
  while (i < words.length && ASSIGNMENT.test(words[i].raw)) assignments.push(words[i++]);
  i = unwrap(words, i, assignments, wrappers);
  const rest = words.slice(i);
  const src = script.source;
  const all = words;
  const cmd: SimpleCommand = {
    argv: rest.map((w) => w.value),
    words: rest,
    assignments,
    wrappers,
    redirects,
    heredocs,
    before,
    after,
    pipeline,
    name: rest.length > 0 ? basename(rest[0].value) : '',
    script,
    range(a: number, b = a) {
      const s = rest[Math.max(0, Math.min(a, rest.length - 1))];
      const e = rest[Math.max(0, Math.min(b, rest.length - 1))];
      if (!s || !e) return src.rangeOf(0, 0);
      return src.rangeOf(s.start, e.end);
    },
    wholeRange() {
      if (all.length === 0) {
        const t = tokens[0];
        return src.rangeOf(t?.start ?? 0, tokens[tokens.length - 1]?.end ?? 0);
      }
      return src.rangeOf(all[0].start, all[all.length - 1].end);
    },
  };
  return cmd;
}

/** Options (of wrappers) that take the next word as their value. */
const WRAPPER_VALUED: Record<string, string[]> = {
  sudo: ['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U', '-T', '--user', '--group', '--host', '--prompt', '--chdir', '--role', '--type', '--other-user', '--command-timeout', '--close-from'],
  env: ['-u', '-C', '--unset', '--chdir'],
  nice: ['-n', '--adjustment'],
  xargs: ['-n', '-I', '-L', '-P', '-d', '-a', '-E', '-s', '--max-args', '--max-lines', '--max-procs', '--delimiter', '--arg-file', '--eof', '--max-chars', '--replace'],
  timeout: ['-s', '-k', '--signal', '--kill-after'],
  exec: ['-a'],
  stdbuf: ['-i', '-o', '-e'],
  command: [],
  nohup: [],
  time: [],
  eatmydata: [],
  fakeroot: [],
  unbuffer: [],
  chronic: [],
};

/** Skip wrapper programs (sudo, env, xargs, ...) and their options; returns the index of the real program. */
function unwrap(words: Word[], start: number, assignments: Word[], wrappers: Word[]): number {
  let i = start;
  for (let guard = 0; guard < 8 && i < words.length; guard++) {
    const name = basename(words[i].value);
    if (name === 'gosu' || name === 'su-exec') {
      // `gosu user cmd`: the user is the wrapper's only argument
      if (i + 2 >= words.length) return i;
      wrappers.push(words[i], words[i + 1]);
      i += 2;
      continue;
    }
    const valued = WRAPPER_VALUED[name];
    if (!valued) return i;
    // `command -v x` looks a program up instead of running it
    if (name === 'command' && words[i + 1] && /^-[vV]$/.test(words[i + 1].value)) return i;
    let j = i + 1;
    while (j < words.length) {
      const a = words[j].value;
      if (a === '--') {
        j++;
        break;
      }
      if (!a.startsWith('-') || a === '-') break;
      j += valued.includes(a) ? 2 : 1;
    }
    if (name === 'timeout' && j < words.length) j++; // the duration
    while ((name === 'env' || name === 'sudo') && j < words.length && ASSIGNMENT.test(words[j].raw)) assignments.push(words[j++]);
    if (j >= words.length) return i;
    wrappers.push(...words.slice(i, j));
    i = j;
  }
  return i;
}

function lex(t: string): Token[] {
  const tokens: Token[] = [];
  const n = t.length;
  let i = 0;
  const isBlank = (c: string) => c === ' ' || c === '\t' || c === '\r';
  while (i < n) {
    const c = t[i];
    if (isBlank(c)) {
      i++;
      continue;
    }
    if (c === '\\' && (t[i + 1] === '\n' || (t[i + 1] === '\r' && t[i + 2] === '\n'))) {
      i += t[i + 1] === '\n' ? 2 : 3;
      continue;
    }
    if (c === '#') {
      while (i < n && t[i] !== '\n') i++;
      continue;
    }
    const start = i;
    const c2 = t[i + 1];
    if (c === '\n') {
      tokens.push({ kind: 'op', op: '\n', start, end: ++i });
      continue;
    }
    if ((c === '&' && c2 === '&') || (c === '|' && c2 === '|') || (c === ';' && c2 === ';')) {
      i += 2;
      tokens.push({ kind: 'op', op: (c + c2) as Operator, start, end: i });
      continue;
    }
    if (c === '|' && c2 === '&') {
      i += 2;
      tokens.push({ kind: 'op', op: '|', start, end: i });
      continue;
    }
    if (c === '&' && t[i + 1] === '>') {
      i = lexRedirect(t, i, '', tokens);
      continue;
    }
    if (c === ';' || c === '|' || c === '&' || c === '(' || c === ')') {
      tokens.push({ kind: 'op', op: c as Operator, start, end: ++i });
      continue;
    }
    if ((c === '<' || c === '>') && t[i + 1] !== '(') {
      i = lexRedirect(t, i, '', tokens);
      continue;
    }
    // `2>&1`, `2>/dev/null`: a number directly before a redirection is its file descriptor
    const fd = c >= '0' && c <= '9' ? /^\d+(?=[<>])/.exec(t.slice(i, i + 12)) : null;
    if (fd && t[i + fd[0].length + 1] !== '(') {
      i = lexRedirect(t, i + fd[0].length, fd[0], tokens, start);
      continue;
    }
    const w = readWord(t, i);
    tokens.push({ kind: 'word', word: w, start: w.start, end: w.end });
    i = w.end;
  }
  return tokens;
}

function lexRedirect(t: string, i: number, fd: string, tokens: Token[], start = i): number {
  const m = /^(<<<|<<-|<<|>>|>&|<&|>\||<>|&>>|&>|<|>)/.exec(t.slice(i, i + 3));
  const op = m ? m[1] : t[i];
  let j = i + op.length;
  while (j < t.length && (t[j] === ' ' || t[j] === '\t')) j++;
  let target: Word | undefined;
  if (j < t.length && !/[\n;&|()<>]/.test(t[j])) {
    target = readWord(t, j);
    j = target.end;
  }
  tokens.push({ kind: 'redirect', redirect: { op: fd + op, target }, start, end: j });
  return j;
}

/** Read one word starting at `i`: quotes, escapes, `$(...)`, `${...}`, backquotes and `<(...)` stay inside it. */
function readWord(t: string, i: number): Word {
  const start = i;
  const n = t.length;
  let value = '';
  while (i < n) {
    const c = t[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === ';' || c === '&' || c === '|' || c === ')') break;
    if (c === '(' && i > start && !/[$<>=]/.test(t[i - 1])) break;
    if ((c === '<' || c === '>') && t[i + 1] !== '(') break;
    if (c === '\\') {
      if (t[i + 1] === '\n') {
        i += 2;
        continue;
      }
      if (t[i + 1] === '\r' && t[i + 2] === '\n') {
        i += 3;
        continue;
      }
      if (i + 1 < n) value += t[i + 1];
      i += 2;
      continue;
    }
    if (c === "'") {
      const close = t.indexOf("'", i + 1);
      const end = close < 0 ? n : close;
      value += t.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < n && t[i] !== '"') {
        if (t[i] === '\\' && i + 1 < n) {
          const next = t[i + 1];
          if (next === '\n') {
            i += 2;
            continue;
          }
          value += '"\\$`'.includes(next) ? next : `\\${next}`;
          i += 2;
          continue;
        }
        if (t[i] === '$' && t[i + 1] === '(') {
          const e = skipBalanced(t, i + 1, '(', ')');
          value += t.slice(i, e);
          i = e;
          continue;
        }
        if (t[i] === '`') {
          const e = skipBackquote(t, i);
          value += t.slice(i, e);
          i = e;
          continue;
        }
        value += t[i++];
      }
      i++;
      continue;
    }
    if (c === '`') {
      const e = skipBackquote(t, i);
      value += t.slice(i, e);
      i = e;
      continue;
    }
    if ((c === '$' || c === '<' || c === '>') && t[i + 1] === '(') {
      const e = skipBalanced(t, i + 1, '(', ')');
      value += t.slice(i, e);
      i = e;
      continue;
    }
    if (c === '$' && t[i + 1] === '{') {
      const e = skipBalanced(t, i + 1, '{', '}');
      value += t.slice(i, e);
      i = e;
      continue;
    }
    // the characters up to the next one the cases above handle go into the word as they are
    let j = i + 1;
    while (j < n) {
      const code = t.charCodeAt(j);
      if (code < 128 && PLAIN_ASCII[code] === 0) break;
      j++;
    }
    value += t.slice(i, j);
    i = j;
  }
  if (i === start) {
    // a lone character the caller could not classify; consume it so lexing always advances
    i++;
    value = t[start];
  }
  const end = Math.min(i, n);
  return { value, raw: t.slice(start, end), start, end };
}

/** ASCII characters `readWord` copies without a second look (0: it has a case for them). */
const PLAIN_ASCII = (() => {
  const table = new Uint8Array(128).fill(1);
  for (const ch of ' \t\r\n;&|()<>\\\'"`$') table[ch.charCodeAt(0)] = 0;
  return table;
})();

/** From an opening bracket at `i`, the offset after its matching close (quotes respected). */
function skipBalanced(t: string, i: number, open: string, close: string): number {
  let depth = 0;
  const n = t.length;
  while (i < n) {
    const c = t[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === "'") {
      const e = t.indexOf("'", i + 1);
      i = e < 0 ? n : e + 1;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < n && t[i] !== '"') i += t[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (c === open) depth++;
    else if (c === close) {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return n;
}

function skipBackquote(t: string, i: number): number {
  let j = i + 1;
  while (j < t.length && t[j] !== '`') j += t[j] === '\\' ? 2 : 1;
  return Math.min(j + 1, t.length);
}

// ---------------------------------------------------------------------------------------------------
// Heredoc and exec-form RUNs

/** A ShellCommand over a stretch of the document: offsets map one to one. */
function documentSlice(model: DockerfileModel, start: number, end: number): ShellCommand {
  const lines = model.lines;
  return {
    text: model.text.slice(start, end),
    rangeOf(s: number, e: number): Range {
      return { start: lines.positionAt(start + s), end: lines.positionAt(start + e) };
    },
  };
}

function heredocScripts(model: DockerfileModel, ins: InstructionInfo): Script[] {
  const shell = ins.shell as ShellCommand;
  const bodies = ins.heredocs.filter((h) => h.contentRange);
  if (bodies.length === 0 || !ins.argsRange) return [tokenize(shell, 'shell')];
  const lines = model.lines;
  const firstBodyLine = Math.min(...bodies.map((h) => (h.contentRange as Range).start.line));
  const headStart = lines.offsetAt(ins.argsRange.start);
  const headEnd = firstBodyLine - 1 >= ins.argsRange.start.line ? lines.lineEndOffset(firstBodyLine - 1) : headStart;
  const head = tokenize(documentSlice(model, headStart, Math.max(headStart, headEnd)), 'heredoc-head');
  // The builder feeds the n-th `<<NAME` of the line with the n-th body.
  const consumers: (SimpleCommand | undefined)[] = [];
  for (const c of head.commands) for (let k = 0; k < c.heredocs.length; k++) consumers.push(c);
  const out: Script[] = [];
  const headCommands = head.commands.filter((c) => c.argv.length > 0);
  if (headCommands.length > 0) out.push({ ...head, commands: headCommands });
  ins.heredocs.forEach((h, k) => {
    if (!h.contentRange) return;
    const consumer = consumers[k];
    const r = h.contentRange;
    const body = documentSlice(model, lines.offsetAt(r.start), lines.offsetAt(r.end));
    if (!bodyIsShell(consumer, body.text)) return;
    const s = tokenize(body, 'heredoc');
    s.heredoc = h;
    out.push(s);
  });
  return out;
}

/**
 * A heredoc body is a shell script when it is the whole command (`RUN <<EOF`, unless its shebang names
 * another interpreter) or the standard input of a shell started without `-c`.
 */
function bodyIsShell(consumer: SimpleCommand | undefined, text: string): boolean {
  if (!consumer) return false;
  if (consumer.argv.length === 0) {
    const shebang = /^\s*#!\s*(\S+)(?:\s+(\S+))?/.exec(text);
    if (!shebang) return true;
    const prog = basename(shebang[1]) === 'env' ? (shebang[2] ?? '') : basename(shebang[1]);
    return SHELLS.has(basename(prog));
  }
  return SHELLS.has(consumer.name) && !hasOption(consumer, '-c');
}

interface JsonElement {
  value: string;
  /** Offsets (in the raw text) of each decoded character, plus one for the closing quote. */
  map: number[];
  start: number;
  end: number;
}

/** Parse a JSON array of strings, keeping where each decoded character came from. Undefined if it is not one. */
export function parseJsonStrings(raw: string, escape = '\\'): JsonElement[] | undefined {
  const out: JsonElement[] = [];
  let i = 0;
  const n = raw.length;
  const skipSpace = () => {
    for (;;) {
      while (i < n && /\s/.test(raw[i])) i++;
      // a Dockerfile line continuation between elements
      if (raw[i] === escape && /^\r?\n/.test(raw.slice(i + 1, i + 3))) {
        i += raw[i + 1] === '\r' ? 3 : 2;
        continue;
      }
      return;
    }
  };
  skipSpace();
  if (raw[i] !== '[') return undefined;
  i++;
  skipSpace();
  if (raw[i] === ']') return out;
  for (;;) {
    skipSpace();
    if (raw[i] !== '"') return undefined;
    const start = ++i;
    let value = '';
    const map: number[] = [];
    while (i < n && raw[i] !== '"') {
      map.push(i);
      if (raw[i] === '\\') {
        const e = raw[i + 1];
        if (e === 'u') {
          value += String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16) || 0);
          i += 6;
        } else {
          value += ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e ?? '';
          i += 2;
        }
        continue;
      }
      if (raw[i] === '\n') return undefined;
      value += raw[i++];
    }
    if (i >= n) return undefined;
    map.push(i);
    out.push({ value, map, start, end: i });
    i++;
    skipSpace();
    if (raw[i] === ',') {
      i++;
      continue;
    }
    if (raw[i] === ']') return out;
    return undefined;
  }
}

/** The instruction's arguments as written in the document, and where they start. */
function rawArguments(model: DockerfileModel, ins: InstructionInfo): { raw: string; base: number } | undefined {
  if (!ins.argsRange) return undefined;
  const base = model.lines.offsetAt(ins.argsRange.start);
  return { raw: model.text.slice(base, model.lines.offsetAt(ins.argsRange.end)), base };
}

/**
 * Exec form, judged on the text as written: `argsText` has escapes such as `\"` already removed, so a valid
 * JSON array with an escaped quote inside would not parse from it.
 */
export function isExecForm(model: DockerfileModel, ins: InstructionInfo): boolean {
  if (ins.jsonForm) return true;
  if (ins.heredocs.length > 0 || !/^\s*\[/.test(ins.argsText)) return false;
  const a = rawArguments(model, ins);
  return !!a && parseJsonStrings(a.raw, model.directives.escape) !== undefined;
}

function execScripts(model: DockerfileModel, ins: InstructionInfo): Script[] {
  const a = rawArguments(model, ins);
  if (!a) return [];
  const lines = model.lines;
  const { raw, base } = a;
  const elements = parseJsonStrings(raw, model.directives.escape);
  if (!elements || elements.length === 0) return [];
  const rawSource = documentSlice(model, base, base + raw.length);
  let k = 0;
  if (basename(elements[0].value) === 'env' && elements.length > 1) k = 1;
  if (SHELLS.has(basename(elements[k].value))) {
    // `["sh", "-c", "script"]`, `["/bin/bash", "-o", "pipefail", "-c", "script"]`
    for (let j = k + 1; j < elements.length - 1; j++) {
      const v = elements[j].value;
      if (v === '-o' || v === '+o' || v === '-O') {
        j++;
        continue;
      }
      if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(v)) {
        const el = elements[j + 1];
        const src: ShellCommand = {
          text: el.value,
          rangeOf(s: number, e: number): Range {
            const at = (o: number) => base + el.map[Math.max(0, Math.min(o, el.map.length - 1))];
            return { start: lines.positionAt(at(s)), end: lines.positionAt(at(e)) };
          },
        };
        return [tokenize(src, 'exec-c')];
      }
      if (!v.startsWith('-')) break;
    }
    // a shell without `-c` runs a script file we cannot see
    return [];
  }
  // No shell: the array is one command. Rebuild it as words over the raw JSON text.
  const script: Script = { kind: 'exec', source: rawSource, commands: [], end: raw.length, endsWithOperator: undefined };
  const tokens: Token[] = elements.map((e) => ({
    kind: 'word',
    word: { value: e.value, raw: raw.slice(e.start, e.end), start: e.start, end: e.end },
    start: e.start,
    end: e.end,
  }));
  const cmd = buildCommand(tokens, script, '', '', 0);
  if (cmd) script.commands.push(cmd);
  return [script];
}
