import { describe, expect, it } from 'vitest';
import { codeBlock, escapeMarkdown, inlineCode, joinWords, plural, truncate } from './markdown';

type Render = (md: string) => string;

/** markdown-it (present through @vscode/vsce) with HTML and linkify on: the most permissive renderer. */
async function loadRenderer(): Promise<Render | undefined> {
  try {
    const name = 'markdown-it';
    const mod = await import(/* @vite-ignore */ name as string);
    const md = new mod.default({ html: true, linkify: true });
    return (s: string) => md.render(s) as string;
  } catch {
    return undefined;
  }
}

const HOSTILE: string[] = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '**bold** and _em_ and *em*',
  '[link](javascript:alert(1))',
  '![img](http://x/y.png)',
  'a`b``c',
  '`start and end`',
  'https://example.com/path',
  'www.example.com',
  'user@example.com',
  '&lt;entity&gt; &amp;',
  '# heading',
  '| a | b |',
  '~~strike~~',
  'line1\nline2\r\nline3',
  'back\\slash\\',
];

describe('escapeMarkdown', () => {
  it.each([
    ['plain', 'plain'],
    ['a*b', 'a\\*b'],
    ['my_app', 'my\\_app'],
    ['<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert\\(1\\)\\>'],
    ['a\nb', 'a b'],
    ['`x`', '\\`x\\`'],
  ])('%j -> %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('renders hostile text literally', async () => {
    const render = await loadRenderer();
    if (!render) return void console.warn('markdown-it not installed: rendering check skipped');
    for (const s of HOSTILE) {
      const html = render(`x ${escapeMarkdown(s)} y`);
      expect(html, s).not.toMatch(/<(img|script|a|em|strong|del|h1|table|code)\b/);
    }
  });
});

describe('inlineCode', () => {
  it.each([
    ['node:20', '`node:20`'],
    ['a`b', '``a`b``'],
    ['a``b`', '``` a``b` ```'],
    ['`x', '`` `x ``'],
    ['', '*(empty)*'],
    ['a\nb', '`a b`'],
  ])('%j -> %j', (input, expected) => {
    expect(inlineCode(input)).toBe(expected);
  });

  it('renders hostile text as one literal code span', async () => {
    const render = await loadRenderer();
    if (!render) return void console.warn('markdown-it not installed: rendering check skipped');
    for (const s of HOSTILE) {
      const html = render(`x ${inlineCode(s)} y`);
      expect(html, s).not.toMatch(/<(img|script|a|em|strong|del|h1|table)\b/);
      expect(html.match(/<code>/g)?.length, s).toBe(1);
      // The code span shows the characters themselves (HTML-escaped by the renderer).
      const shown = /<code>([\s\S]*)<\/code>/.exec(html)?.[1] ?? '';
      const decoded = shown.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
      expect(decoded, s).toBe(s.replace(/\r\n|\n/g, ' '));
    }
  });
});

describe('codeBlock', () => {
  it('uses a fence longer than any inside', () => {
    expect(codeBlock('a\n```\nb', 'sh')).toBe('````sh\na\n```\nb\n````');
    expect(codeBlock('x', 'bad lang!')).toBe('```badlang\nx\n```');
  });
});

describe('helpers', () => {
  it('truncates without splitting surrogate pairs', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    const s = `ab${'\u{1F600}'}cd`;
    expect(truncate(s, 4)).toBe('ab…');
  });
  it('joins words and counts', () => {
    expect(joinWords([])).toBe('');
    expect(joinWords(['a'])).toBe('a');
    expect(joinWords(['a', 'b'])).toBe('a and b');
    expect(joinWords(['a', 'b', 'c'], 'or')).toBe('a, b or c');
    expect(plural(1, 'instruction')).toBe('1 instruction');
    expect(plural(3, 'instruction')).toBe('3 instructions');
    expect(plural(2, 'child', 'children')).toBe('2 children');
  });
});
