/**
 * Turning untrusted text (image names, paths, user names, labels from a file or a container) into
 * Markdown that renders as the same characters and nothing more: no emphasis, no links, no HTML.
 * Hovers, the CLI and the panel all go through these helpers; VS Code renders hovers as untrusted
 * `MarkdownString`s as a second line of defence, not the first.
 */

/** Longest untrusted value shown inline before it is shortened with an ellipsis. */
export const MAX_INLINE = 120;

// Every ASCII punctuation character may be backslash-escaped in CommonMark; these are the ones that can
// start or end inline syntax (emphasis, code, links, images, HTML, entities, tables, strike), plus `:`
// and `@`, which GitHub-flavoured renderers use to turn bare URLs and e-mail addresses into links.
const SPECIAL = /[\\`*_{}[\]()<>#+\-.!|~&:@]/g;

/** Collapse line breaks and control characters: inline text must stay on one line. */
function flatten(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\uFFFD');
}

/** Shorten to `max` UTF-16 units without splitting a surrogate pair. */
export function truncate(text: string, max = MAX_INLINE): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const c = text.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  return `${text.slice(0, cut)}…`;
}

/**
 * Escape text so it renders literally inside running Markdown text (one line).
 * `<img src=x onerror=alert(1)>` becomes `\<img src=x onerror=alert\(1\)\>`.
 */
export function escapeMarkdown(text: string, max = MAX_INLINE): string {
  return truncate(flatten(text), max).replace(SPECIAL, (c) => `\\${c}`);
}

/**
 * Lighter escaping for prose we wrote ourselves but keep as data (knowledge notes): only the characters
 * that would change its rendering are escaped, so the terminal output stays readable.
 */
export function escapeProse(text: string, max = 400): string {
  return truncate(flatten(text), max).replace(/[\\`*_<>[\]|]/g, (c) => `\\${c}`);
}

/**
 * An inline code span holding `text` literally, whatever backticks it contains. Code spans do not
 * interpret Markdown or HTML, so this is the preferred way to show a file's value.
 */
export function inlineCode(text: string, max = MAX_INLINE): string {
  const flat = truncate(flatten(text), max);
  if (flat.trim() === '') return flat === '' ? '*(empty)*' : '`\u00a0`';
  let longest = 0;
  for (const m of flat.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  // A space on both sides keeps a leading or trailing backtick from merging with the fence;
  // CommonMark strips exactly one such space on each side.
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A fenced code block; the fence is longer than any backtick run inside. */
export function codeBlock(text: string, language = ''): string {
  let longest = 2;
  for (const m of text.matchAll(/`{3,}/g)) longest = Math.max(longest, m[0].length);
  const fence = '`'.repeat(longest + 1);
  const lang = language.replace(/[^A-Za-z0-9_+-]/g, '');
  return `${fence}${lang}\n${text.replace(/\r\n?/g, '\n')}\n${fence}`;
}

/** "a", "a and b", "a, b and c". */
export function joinWords(items: readonly string[], last = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}

/** "1 instruction", "3 instructions". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
