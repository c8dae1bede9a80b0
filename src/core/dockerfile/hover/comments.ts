/** Hovers on the comment lines that do something: parser directives and ignore pragmas. */
import type { Equivalents } from '../../findings';
import { equivalentIds } from '../../findings';
import { escapeProse, inlineCode, joinWords } from '../../markdown';
import type { Position, Range } from '../../text/range';
import type { DockerfileModel } from '../model';
import { cite } from './context';

/** What a pragma hover may say about rule ids; the editor and CLI pass the registry. */
export interface RuleInfo {
  id: string;
  title: string;
  equivalents: Equivalents;
}

export interface CommentHover {
  header: string;
  facts: string[];
  range: Range;
}

const DIRECTIVE = /^\s*#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.*?)\s*$/;

function lineRange(model: DockerfileModel, line: number): Range {
  const text = model.lines.lineText(line);
  const start = text.length - text.trimStart().length;
  return { start: { line, character: start }, end: { line, character: text.trimEnd().length } };
}

/** The directive on `line`, when that line is part of the leading directive block (BuildKit's rule, as in parse.ts). */
function directiveOn(model: DockerfileModel, line: number): { name: string; value: string } | undefined {
  const seen = new Set<string>();
  for (let l = 0; l < model.lines.lineCount && l <= line; l++) {
    const m = DIRECTIVE.exec(model.lines.lineText(l));
    if (!m) return undefined;
    const name = m[1].toLowerCase();
    if (seen.has(name)) return undefined;
    seen.add(name);
    if (l === line) return { name, value: m[2] };
  }
  return undefined;
}

function syntaxFacts(value: string): string[] {
  const facts = [
    `Selects the Dockerfile frontend ${inlineCode(value)}: BuildKit pulls that image and lets it read this file, so the features it knows (heredocs, \`RUN --mount\`, \`COPY --chmod\`, …) work whatever the engine's version. The classic builder ignores the line.`,
  ];
  const [name, digest] = value.split('@');
  const tag = /:([^/:]+)$/.exec(name)?.[1];
  if (digest) facts.push('Pinned by digest: every build uses exactly the same frontend.');
  else if (!tag) facts.push("Without a tag this is the frontend's `latest`, which changes with every release; `docker/dockerfile:1` follows the stable 1.x line.");
  else if (/^\d+$/.test(tag)) facts.push(`${inlineCode(`:${tag}`)} follows the newest ${tag}.x release; a full version or a digest freezes it.`);
  else if (/^\d+\.\d+(-labs)?$/.test(tag)) facts.push(`${inlineCode(`:${tag}`)} follows the newest patch release of ${tag.replace(/-labs$/, '')}; a digest freezes it.`);
  if (tag && /labs/.test(tag)) facts.push('The `labs` channel adds experimental instructions and flags, such as `RUN --security`.');
  return facts;
}

function escapeFacts(value: string): string[] {
  if (value === '\\') return ['Makes `\\` the escape and line-continuation character of this file, which is also the default.'];
  if (value === '`') {
    return [
      'Makes the backtick the escape and line-continuation character of this file, common in Windows Dockerfiles, where `\\` separates path segments (`C:\\app`).',
    ];
  }
  return [`Only \`\\\` and the backtick are accepted; ${inlineCode(value)} is not.`];
}

function checkFacts(model: DockerfileModel): string[] {
  const c = model.directives.check;
  if (!c) return ["Configures BuildKit's build checks."];
  const skip =
    c.skip === 'all' ? 'skips all of them' : c.skip.length > 0 ? `skips ${joinWords(c.skip.slice(0, 6).map((s) => inlineCode(s)))}${c.skip.length > 6 ? ' and more' : ''}` : 'skips none';
  const facts = [
    `Configures BuildKit's build checks (\`docker build --check\`, and the warnings of every build): ${skip}${c.error ? ', and any remaining finding fails the build (`error=true`)' : ''}.`,
  ];
  if (c.skip === 'all' || c.skip.length > 0) facts.push('Container Lens also silences its rules that correspond to the skipped checks.');
  return facts;
}

const OWN = /^\s*#\s*container-lens-ignore\s*[=:]\s*(.*)$/i;
const HADOLINT = /^\s*#\s*hadolint\s+ignore\s*=\s*(.*)$/i;

function describeIds(ids: string[], rules: readonly RuleInfo[] | undefined): string | undefined {
  if (!rules) return undefined;
  const out: string[] = [];
  for (const id of ids.slice(0, 6)) {
    const lower = id.toLowerCase();
    if (lower === 'all') continue;
    const own = rules.find((r) => r.id.toLowerCase() === lower);
    if (own) {
      out.push(`${inlineCode(id)}: ${escapeProse(own.title)}`);
      continue;
    }
    const mapped = rules.filter((r) => equivalentIds(r.equivalents).some((e) => e.toLowerCase() === lower));
    if (mapped.length > 0) out.push(`${inlineCode(id)} → ${joinWords(mapped.map((r) => inlineCode(r.id)))}`);
    else out.push(`${inlineCode(id)}: no Container Lens rule has or maps to this id`);
  }
  return out.length > 0 ? out.join('; ') : undefined;
}

/** The first line after `line` that is neither blank nor a comment (the line a pragma applies to). */
function targetLine(model: DockerfileModel, line: number): number | undefined {
  for (let l = line + 1; l < model.lines.lineCount; l++) {
    if (!/^\s*(#.*)?$/.test(model.lines.lineText(l))) return l;
  }
  return undefined;
}

/** Hover for a directive or pragma line at `p`, or undefined when the line is neither. */
export function commentHover(model: DockerfileModel, p: Position, rules?: readonly RuleInfo[]): CommentHover | undefined {
  const text = model.lines.lineText(p.line);
  if (!/^\s*#/.test(text)) return undefined;
  const range = lineRange(model, p.line);
  if (p.character < range.start.character || p.character >= range.end.character) return undefined;

  const d = directiveOn(model, p.line);
  if (d) {
    if (d.name === 'syntax') return { header: '**Parser directive** `syntax`', facts: syntaxFacts(d.value), range };
    if (d.name === 'escape') return { header: '**Parser directive** `escape`', facts: escapeFacts(d.value), range };
    if (d.name === 'check') return { header: '**Parser directive** `check`', facts: checkFacts(model), range };
    return undefined;
  }

  // Inside a heredoc body a `#` line belongs to the script or file, not to the Dockerfile.
  const ins = model.instructionAt(p);
  if (ins && ins.heredocs.length > 0 && p.line > ins.range.start.line) return undefined;

  const own = OWN.exec(text);
  const hadolint = own ? null : HADOLINT.exec(text);
  const m = own ?? hadolint;
  if (!m) return undefined;
  const ids = m[1].split(/[,\s]+/).map((s) => s.trim()).filter(Boolean);
  const target = targetLine(model, p.line);
  const targetIns = target !== undefined ? model.instructions.find((i) => i.range.start.line === target) : undefined;
  const where = targetIns ? `line ${target! + 1}, ${cite(model, targetIns).replace(/ \(line \d+\)$/, '')}` : target !== undefined ? `line ${target + 1}` : undefined;
  const facts: string[] = [];
  const idText = ids.some((i) => i.toLowerCase() === 'all') ? 'every rule' : joinWords(ids.slice(0, 8).map((i) => inlineCode(i)));
  if (!where) {
    facts.push('No instruction follows, so it silences nothing.');
  } else if (own) {
    facts.push(`Container Lens skips ${idText} on ${where}: the next line that is not a comment.`);
    facts.push("Peer ids (hadolint's `DL…`, BuildKit check names) work here too and silence the rules that map to them.");
  } else {
    facts.push(`hadolint skips ${idText} on ${where}: the next line that is not a comment.`);
    facts.push('Container Lens honours it for its rules that map to these ids.');
  }
  const mapping = describeIds(ids, rules);
  if (mapping) facts.push(mapping);
  return { header: own ? '**Ignore pragma** (Container Lens)' : '**Ignore pragma** (hadolint)', facts, range };
}
