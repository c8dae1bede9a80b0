/**
 * Variable references and expansion in instruction arguments, following the builder's word expander
 * (BuildKit `shell.Lex`): single quotes are literal, the escape character protects the next character,
 * `$NAME`, `${NAME}` and `${NAME<modifier>word}` are expanded, and `$(`, `$1`, `$@` are left alone.
 * Used by the ARG/ENV rules; RUN commands are the shell's business, not this expander's.
 */
import type { Position, Range } from '../text/range';
import type { DockerfileModel, InstructionInfo } from './model';
import { memo } from './memo';

export interface VariableRef {
  name: string;
  /** Offsets in the scanned text: `$` up to the end of the reference (`}` included). */
  start: number;
  end: number;
  /** `:-`, `-`, `:+`, `+`, `:?`, `?`, `#`, `%`, ... when the reference has one. */
  modifier?: string;
  /** The reference sits inside another reference's modifier word (`${A:-$B}`). */
  nested: boolean;
}

export interface Expansion {
  value: string;
  refs: VariableRef[];
  /** Names looked up and not set (references with a modifier included). */
  unset: Set<string>;
  /** The builder would stop with this error (`${A:?}` unset, bad substitution, missing quote). */
  error?: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** `${v#pat}`, `${v##pat}`, `${v%pat}`, `${v%%pat}`: remove the shortest or longest matching prefix or suffix. */
function trim(value: string, word: string, modifier: string): string {
  const greedy = word.startsWith(modifier);
  const pattern = greedy ? word.slice(1) : word;
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
  const n = value.length;
  if (modifier === '#') {
    for (let k = greedy ? n : 0; greedy ? k >= 0 : k <= n; k += greedy ? -1 : 1) if (re.test(value.slice(0, k))) return value.slice(k);
  } else {
    for (let k = greedy ? 0 : n; greedy ? k <= n : k >= 0; k += greedy ? 1 : -1) if (re.test(value.slice(k))) return value.slice(0, k);
  }
  return value;
}

/** Expand `text` with `env` (names not in it are unset), recording every reference. */
export function expandWord(text: string, env: ReadonlyMap<string, string> = new Map(), escape = '\\'): Expansion {
  const s = text;
  let i = 0;
  let depth = 0;
  const refs: VariableRef[] = [];
  const unset = new Set<string>();
  let error: string | undefined;

  const lookup = (name: string, start: number, end: number, modifier?: string): string | undefined => {
    refs.push({ name, start, end, modifier, nested: depth > 0 });
    const v = env.get(name);
    if (v === undefined) unset.add(name);
    return v;
  };

  const dollar = (): string => {
    const start = i;
    i++;
    if (s[i] !== '{') {
      const m = NAME.exec(s.slice(i));
      if (!m) return '$';
      i += m[0].length;
      return lookup(m[0], start, i) ?? '';
    }
    i++;
    const m = NAME.exec(s.slice(i));
    if (!m) {
      error ??= 'bad substitution';
      const close = s.indexOf('}', i);
      i = close < 0 ? s.length : close + 1;
      return '';
    }
    const name = m[0];
    i += name.length;
    if (s[i] === '}') {
      i++;
      return lookup(name, start, i) ?? '';
    }
    let modifier = s[i] ?? '';
    i++;
    if (modifier === ':') {
      modifier += s[i] ?? '';
      i++;
    }
    depth++;
    const word = until('}');
    depth--;
    if (s[i] === '}') i++;
    else error ??= 'missing }';
    const v = lookup(name, start, i, modifier);
    switch (modifier) {
      case ':-':
        return v ? v : word;
      case '-':
        return v !== undefined ? v : word;
      case ':+':
        return v ? word : '';
      case '+':
        return v !== undefined ? word : '';
      case ':?':
      case '?':
        if (v === undefined || (modifier === ':?' && v === '')) error ??= `${name}: ${word || 'is not allowed to be unset'}`;
        return v ?? '';
      case '#':
      case '%':
        return trim(v ?? '', word, modifier);
      default:
        return v ?? '';
    }
  };

  /** Inside `${…}` words: variables, quotes and escapes, up to the closing brace. */
  const until = (stop: string): string => {
    let out = '';
    while (i < s.length && s[i] !== stop) {
      const c = s[i];
      if (c === '$') out += dollar();
      else if (c === "'") out += singleQuoted();
      else if (c === '"') out += doubleQuoted();
      else if (c === escape && i + 1 < s.length) {
        out += s[i + 1];
        i += 2;
      } else {
        out += c;
        i++;
      }
    }
    return out;
  };

  const singleQuoted = (): string => {
    const close = s.indexOf("'", i + 1);
    if (close < 0) {
      error ??= 'unterminated single quote';
      const rest = s.slice(i + 1);
      i = s.length;
      return rest;
    }
    const inner = s.slice(i + 1, close);
    i = close + 1;
    return inner;
  };

  const doubleQuoted = (): string => {
    let out = '';
    i++;
    while (i < s.length && s[i] !== '"') {
      const c = s[i];
      if (c === '$') out += dollar();
      else if (c === escape && i + 1 < s.length) {
        const n = s[i + 1];
        out += n === '"' || n === '$' || n === escape ? n : c + n;
        i += 2;
      } else {
        out += c;
        i++;
      }
    }
    if (s[i] === '"') i++;
    else error ??= 'unterminated double quote';
    return out;
  };

  let value = '';
  while (i < s.length) {
    const c = s[i];
    if (c === "'") value += singleQuoted();
    else if (c === '"') value += doubleQuoted();
    else if (c === '$') value += dollar();
    else if (c === escape && i + 1 < s.length) {
      value += s[i + 1];
      i += 2;
    } else {
      value += c;
      i++;
    }
  }
  return { value, refs, unset, error };
}

/**
 * Does this line continue on the next one? As in BuildKit's parser: it ends (blanks aside) in the escape
 * character, and that escape is not itself escaped (`foo \\\\` ends the instruction), or it is alone on its line.
 */
export function continuesOnNextLine(line: string, escape: string): boolean {
  const t = line.trim();
  if (!t.endsWith(escape)) return false;
  return t.length === 1 || t[t.length - 2] !== escape;
}

export interface HeaderText {
  /** The instruction's arguments as the builder joins them: continuations removed, comment lines dropped. */
  text: string;
  /** Document range of `[start, end)` offsets of `text`; an end offset stays on the line it closes. */
  rangeOf(start: number, end: number): Range;
}

/**
 * The arguments of an instruction from just after its keyword to the end of its last continued line.
 * Heredoc bodies that follow are not part of it.
 */
export function headerText(model: DockerfileModel, ins: InstructionInfo): HeaderText {
  // read by undefined-var for every instruction and by the RUN reader: once per instruction
  return memo(ins, 'headerText', () => readHeaderText(model, ins));
}

function readHeaderText(model: DockerfileModel, ins: InstructionInfo): HeaderText {
  const { lines } = model;
  const escape = model.directives.escape;
  const starts: { at: number; line: number; character: number }[] = [];
  let text = '';
  const first = ins.keywordRange.end.line;
  let line = first;
  let character = ins.keywordRange.end.character;
  while (line < lines.lineCount) {
    const raw = lines.lineText(line);
    // Comment lines inside a continued instruction are dropped and the instruction goes on.
    if (line > first && /^\s*#/.test(raw)) {
      line++;
      continue;
    }
    const trimmed = raw.replace(/[ \t]+$/, '');
    const continued = continuesOnNextLine(raw, escape) && trimmed.length > character;
    starts.push({ at: text.length, line, character });
    text += continued ? trimmed.slice(character, -1) : raw.slice(character);
    if (!continued) break;
    line++;
    character = 0;
  }
  const at = (offset: number, isEnd: boolean): Position => {
    let seg = starts[0];
    for (const s of starts) if (isEnd ? s.at < offset : s.at <= offset) seg = s;
    if (!seg) return ins.keywordRange.end;
    return { line: seg.line, character: seg.character + (offset - seg.at) };
  };
  return { text, rangeOf: (start, end) => ({ start: at(start, false), end: at(end, true) }) };
}

/** BuildKit's automatic platform arguments: defined in the global scope, visible in a stage only after `ARG NAME`. */
export const PLATFORM_ARGS = [
  'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT',
  'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT',
] as const;

/** Proxy build arguments the builder accepts without an ARG instruction. */
export const PROXY_ARGS = [
  'HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy',
  'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy',
] as const;

/** Placeholder values for the platform arguments, so expansion of FROM lines sees them as set. */
export const PLATFORM_DEFAULTS: ReadonlyMap<string, string> = new Map([
  ['TARGETPLATFORM', 'linux/amd64'], ['TARGETOS', 'linux'], ['TARGETARCH', 'amd64'], ['TARGETVARIANT', ''],
  ['BUILDPLATFORM', 'linux/amd64'], ['BUILDOS', 'linux'], ['BUILDARCH', 'amd64'], ['BUILDVARIANT', ''],
]);

/** Names a reference may have meant: same name in other case, or one edit (incl. a swap) away. */
export function suggestName(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const c of candidates) {
    if (c === name) return undefined;
    if (c.toLowerCase() === name.toLowerCase()) return c;
    if (!best && name.length >= 4 && editDistance(name, c) <= 1) best = c;
  }
  return best;
}

/** Optimal string alignment distance, capped early: only 0, 1 and "more" matter here. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 1) return 2;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

export interface Word {
  text: string;
  start: number;
  end: number;
}

/** Split on blanks outside quotes, as the builder splits `ARG`/`ENV`/`LABEL` arguments into `key=value` words. */
export function splitWords(text: string, escape = '\\'): Word[] {
  const out: Word[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (i >= text.length) break;
    const start = i;
    let quote: string | undefined;
    while (i < text.length && (quote || !isSpace(text.charCodeAt(i)))) {
      const c = text[i];
      if (c === escape && quote !== "'") i += 2;
      else {
        if (quote ? c === quote : c === '"' || c === "'") quote = quote ? undefined : c;
        i++;
      }
    }
    i = Math.min(i, text.length);
    out.push({ text: text.slice(start, i), start, end: i });
  }
  return out;
}

/** `/\s/.test(c)` by character code: the ASCII blanks and the Unicode spaces JavaScript's `\s` matches. */
export function isSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/** `ARG A=1 B` → the names and raw default words, with offsets into the header text. */
export function argDefinitions(text: string, escape = '\\'): { name: string; value?: string; valueStart: number; word: Word }[] {
  return splitWords(text, escape).map((word) => {
    const eq = word.text.indexOf('=');
    return eq < 0
      ? { name: word.text, valueStart: word.end, word }
      : { name: word.text.slice(0, eq), value: word.text.slice(eq + 1), valueStart: word.start + eq + 1, word };
  });
}

/**
 * The global ARGs with the values the build sees when no `--build-arg` is passed, in declaration order
 * (a default may use an earlier one). The platform arguments are set, as the builder sets them.
 */
export function defaultGlobalArgs(model: DockerfileModel): Map<string, string> {
  const env = new Map(PLATFORM_DEFAULTS);
  for (const ins of model.instructions) {
    if (ins.stage >= 0) break;
    if (ins.keyword !== 'ARG') continue;
    for (const d of argDefinitions(headerText(model, ins).text, model.directives.escape)) {
      if (d.value !== undefined) env.set(d.name, expandWord(d.value, env, model.directives.escape).value);
    }
  }
  return env;
}

const HOST_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = new RegExp(`^(?:${HOST_PART}(?:\\.${HOST_PART})*|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]+)?$`);
const PATH_PART = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const NAME_TAG_DIGEST = new RegExp(
  `^${PATH_PART}(?:/${PATH_PART})*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`,
);

/** Is this a reference the engine can parse: `[host[:port]/]path[:tag][@digest]`, with a lower-case path? */
export function isValidImageReference(ref: string): boolean {
  const slash = ref.indexOf('/');
  const first = slash > 0 ? ref.slice(0, slash) : '';
  // The engine reads the first component as a registry host when it looks like one (or has upper case).
  const isHost = first !== '' && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
  if (isHost && !HOST.test(first)) return false;
  return NAME_TAG_DIGEST.test(isHost ? ref.slice(slash + 1) : ref);
}
