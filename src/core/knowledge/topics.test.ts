import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOPICS, TOPIC_IDS, isTopicId, renderTopic, seeAlsoLine, topic, topicLink } from './topics';
import type { TopicId } from './topics';

const SEEDS = '/work/shared/seeds';
const KNOWLEDGE_DOC = join(__dirname, '../../../docs/knowledge.md');

/** Text outside inline code spans. */
function prose(markdown: string): string {
  return markdown.replace(/(`+)[\s\S]*?\1/g, ' ');
}

describe('topics', () => {
  it.each(TOPIC_IDS.map((id) => [id]))('%s is written', (id) => {
    const t = topic(id);
    expect(t.id).toBe(id);
    expect(t.title.length).toBeGreaterThan(2);
    expect(t.title).not.toBe(id);
    // One sentence: ends with a period, no sentence break inside.
    expect(t.summary).toMatch(/\.$/);
    expect(t.summary).not.toMatch(/\n/);
    expect(prose(t.summary)).not.toMatch(/[.!?]\s+[A-Z]/);
    // 2–5 short paragraphs or lists.
    const blocks = t.body.split('\n\n');
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    expect(blocks.length).toBeLessThanOrEqual(5);
    for (const b of blocks) {
      expect(b.trim(), `${id}: empty block`).not.toBe('');
      expect((b.match(/`/g) ?? []).length % 2, `${id}: unbalanced backticks in ${b}`).toBe(0);
    }
    // No raw HTML outside code spans.
    expect(prose(t.body)).not.toMatch(/<[A-Za-z/]/);
    expect(t.seeAlso.length).toBeGreaterThan(0);
    expect(new Set(t.seeAlso).size).toBe(t.seeAlso.length);
    expect(t.seeAlso).not.toContain(id);
    for (const s of t.seeAlso) expect(isTopicId(s)).toBe(true);
  });

  it('has unique titles', () => {
    const titles = TOPIC_IDS.map((id) => TOPICS[id].title.toLowerCase());
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('keeps the ids rules rely on', () => {
    for (const id of ['non-root-user', 'multi-stage', 'expose', 'dockerfile-syntax', 'build-args', 'metadata-instructions']) {
      expect(isTopicId(id)).toBe(true);
    }
    expect(isTopicId('not-a-topic')).toBe(false);
    expect(isTopicId('constructor')).toBe(false);
  });

  it('says what the brief needs said', () => {
    const expectations: [TopicId, string[]][] = [
      ['shared-kernel', ['uname -r', "host's kernel"]],
      ['writable-layer', ['copy-on-write', 'thin writable layer']],
      ['cgroups', ['memory', 'pids', 'io', 'cpu']],
      ['hypervisors', ['Type 1', 'Type 2']],
      ['lsm', ['AppArmor', 'SELinux']],
      ['vm-vs-container', ['tens of seconds to minutes', 'milliseconds to a few seconds']],
      ['pid1-signals', ['exec form', '--init']],
      ['secrets', ['--mount=type=secret']],
      ['expose', ['127.0.0.1']],
    ];
    for (const [id, needles] of expectations) {
      const all = `${TOPICS[id].summary}\n${TOPICS[id].body}`;
      for (const n of needles) expect(all, `${id} mentions ${n}`).toContain(n);
    }
  });
});

describe('renderTopic', () => {
  it('renders title, summary, body and see also', () => {
    const md = renderTopic('layers');
    expect(md.startsWith('### Image layers\n\n*An image is')).toBe(true);
    expect(md).toContain(TOPICS.layers.body);
    expect(md).toContain('See also: Build cache · The writable container layer');
  });

  it('short and heading options', () => {
    const md = renderTopic('seccomp', { short: true, headingLevel: 0, noSeeAlso: true });
    expect(md).toBe(`**seccomp system-call filtering**\n\n*${TOPICS.seccomp.summary}*`);
    expect(renderTopic('seccomp', { headingLevel: 1 }).startsWith('# seccomp system-call filtering\n')).toBe(true);
  });

  it('links titles when asked', () => {
    const link = (id: TopicId) => (id === 'capabilities' ? `command:containerLens.topic?["${id}"] (x)` : undefined);
    expect(topicLink('capabilities', link)).toBe('[Linux capabilities](command:containerLens.topic?["capabilities"]%20%28x%29)');
    expect(topicLink('lsm', link)).toBe('AppArmor and SELinux');
    expect(seeAlsoLine([])).toBe('');
    expect(seeAlsoLine(['lsm', 'lsm', 'seccomp'])).toBe('See also: AppArmor and SELinux · seccomp system-call filtering');
  });

  it('renders as Markdown without stray HTML', async () => {
    let render: ((s: string) => string) | undefined;
    try {
      const name = 'markdown-it';
      const mod = await import(/* @vite-ignore */ name as string);
      const mdit = new mod.default({ html: false });
      render = (s) => mdit.render(s) as string;
    } catch {
      return void console.warn('markdown-it not installed: rendering check skipped');
    }
    for (const id of TOPIC_IDS) {
      const html = render(renderTopic(id));
      expect(html, id).toContain('<h3>');
      // Backtick spans closed properly: no literal backtick left in the output.
      expect(html.replace(/<code>[\s\S]*?<\/code>/g, ''), id).not.toContain('`');
    }
  });
});

describe('figures come from the seeds', () => {
  it('every number with a unit appears in a seed document', () => {
    if (!existsSync(SEEDS)) return void console.warn(`${SEEDS} absent: figure check skipped`);
    const seedText = readdirSync(SEEDS)
      .map((f) => readFileSync(join(SEEDS, f), 'utf8'))
      .join('\n')
      .replace(/,(?=\d{3}\b)/g, '');
    const unit = /(\d+(?:\.\d+)?)(?:\s*[–-]\s*(\d+(?:\.\d+)?))?\s*(ms|s|seconds|minutes|MB|GB|%|thousand|million)\b/g;
    const missing: string[] = [];
    for (const id of TOPIC_IDS) {
      const text = `${TOPICS[id].summary}\n${prose(TOPICS[id].body)}`;
      for (const m of text.matchAll(unit)) {
        for (const n of [m[1], m[2]].filter(Boolean)) {
          if (!new RegExp(`(^|[^\\d.])${n.replace('.', '\\.')}(?![\\d])`).test(seedText)) missing.push(`${id}: ${m[0]}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('docs/knowledge.md accounts for every topic', () => {
    if (!existsSync(KNOWLEDGE_DOC)) return void console.warn('docs/knowledge.md absent: check skipped');
    const doc = readFileSync(KNOWLEDGE_DOC, 'utf8');
    const missing = TOPIC_IDS.filter((id) => !doc.includes(`\`${id}\``));
    expect(missing).toEqual([]);
  });
});
