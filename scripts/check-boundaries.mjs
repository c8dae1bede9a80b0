#!/usr/bin/env node
// Architecture boundaries, checked on the source text (`npm run lint`):
// - nothing under src/core, src/docker, src/registry, src/cli, src/shared, src/webview imports `vscode`;
// - src/core imports no Node built-ins and nothing of ours outside src/core, and uses no timers
//   (it is pure: text in, plain data out). Tests beside core code may read fixtures, so *.test.ts files
//   are held only to the `vscode` rule.
// Usage: node scripts/check-boundaries.mjs [--root <dir>]   exit 1 listing file:line when a boundary is crossed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const NO_VSCODE = ['src/core', 'src/docker', 'src/registry', 'src/cli', 'src/shared', 'src/webview'];
const PURE = 'src/core';
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
const TEST = /\.test\.(ts|tsx|mts|js|mjs)$/;
const BUILTINS = new Set(builtinModules.map((m) => m.replace(/^node:/, '').split('/')[0]));
const TIMERS = /\b(setTimeout|setInterval|setImmediate)\s*\(/;

/**
 * Replace comments and string contents with spaces (keeping line breaks, so line numbers hold), except a
 * string right after `from`, `import`, `require(` or `import(`: that is a module specifier and stays.
 */
export function blankCommentsAndStrings(src) {
  let out = '';
  let i = 0;
  const blank = (s) => s.replace(/[^\n]/g, ' ');
  while (i < src.length) {
    const c = src[i];
    const n = src[i + 1];
    if (c === '/' && n === '/') {
      const end = src.indexOf('\n', i);
      const stop = end < 0 ? src.length : end;
      out += blank(src.slice(i, stop));
      i = stop;
    } else if (c === '/' && n === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      out += blank(src.slice(i, stop));
      i = stop;
    } else if (c === '/' && startsRegex(out)) {
      // a regex literal: skip to its closing slash (not inside a [class]) so its quotes start no string
      let j = i + 1;
      let inClass = false;
      while (j < src.length && src[j] !== '\n' && (inClass || src[j] !== '/')) {
        if (src[j] === '\\') j++;
        else if (src[j] === '[') inClass = true;
        else if (src[j] === ']') inClass = false;
        j++;
      }
      out += '/' + blank(src.slice(i + 1, j)) + (src[j] === '/' ? '/' : '');
      i = src[j] === '/' ? j + 1 : j;
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\') j++;
        else if (c !== '`' && src[j] === '\n') break;
        j++;
      }
      const literal = src.slice(i, Math.min(j + 1, src.length));
      const specifier = c !== '`' && /(\bfrom|\bimport|\brequire\s*\(|\bimport\s*\()\s*$/.test(out.slice(-64));
      out += specifier ? literal : c + blank(literal.slice(1, -1)) + (literal.length > 1 ? literal.slice(-1) : '');
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** A `/` starts a regex literal (not a division) after an operator, a bracket, or return/typeof. */
function startsRegex(before) {
  const tail = before.slice(-16).trimEnd();
  if (tail === '') return true;
  return /[(,=:[!&|?{};+\-*%<>~^]$/.test(tail) || /\b(return|typeof|case|in|of|void|yield|await)$/.test(tail);
}

/** Module specifiers with their 1-based line: import/export ... from, bare import, require(), import(). */
export function findImports(src) {
  const code = blankCommentsAndStrings(src);
  const found = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^;'"`]*?\bfrom\s*(['"])([^'"\n]+)\1/g,
    /\bimport\s*(['"])([^'"\n]+)\1/g,
    /\brequire\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g,
    /\bimport\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g,
  ];
  for (const re of patterns) {
    for (const m of code.matchAll(re)) {
      const at = m.index + m[0].lastIndexOf(m[2]);
      found.push({ specifier: m[2], line: code.slice(0, at).split('\n').length });
    }
  }
  return found.sort((a, b) => a.line - b.line);
}

/** Lines that call a timer, outside comments and strings. */
function findTimers(src) {
  const code = blankCommentsAndStrings(src);
  const out = [];
  code.split('\n').forEach((text, i) => {
    const m = TIMERS.exec(text);
    if (m) out.push({ line: i + 1, name: m[1] });
  });
  return out;
}

function walk(dir, files = []) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return files;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules') walk(p, files);
    } else if (e.isFile() && SOURCE.test(e.name) && !e.name.endsWith('.d.ts')) files.push(p);
  }
  return files;
}

const posix = (p) => p.split(sep).join('/');

/** All boundary violations under `root`, as `{ file, line, message }` with repo-relative POSIX paths. */
export function checkBoundaries(root) {
  const problems = [];
  const pureDir = resolve(root, PURE);
  for (const area of NO_VSCODE) {
    for (const file of walk(resolve(root, area))) {
      const rel = posix(relative(root, file));
      const src = readFileSync(file, 'utf8');
      const isPure = rel.startsWith(`${PURE}/`);
      const isTest = TEST.test(rel);
      for (const { specifier, line } of findImports(src)) {
        if (specifier === 'vscode' || specifier.startsWith('vscode/')) {
          problems.push({ file: rel, line, message: `imports "${specifier}": ${area} must not depend on the editor` });
          continue;
        }
        if (!isPure || isTest) continue;
        const bare = specifier.replace(/^node:/, '').split('/')[0];
        if (specifier.startsWith('node:') || (!specifier.startsWith('.') && BUILTINS.has(bare))) {
          problems.push({ file: rel, line, message: `imports the Node built-in "${specifier}": src/core is pure (no fs, net, processes)` });
        } else if (specifier.startsWith('.')) {
          const target = resolve(dirname(file), specifier);
          if (target !== pureDir && !target.startsWith(pureDir + sep)) {
            problems.push({ file: rel, line, message: `imports "${specifier}" from outside src/core` });
          }
        } else if (specifier.startsWith('/')) {
          problems.push({ file: rel, line, message: `imports the absolute path "${specifier}"` });
        }
      }
      if (isPure && !isTest) {
        for (const t of findTimers(src)) {
          problems.push({ file: rel, line: t.line, message: `calls ${t.name}: src/core has no timers (the caller decides when to run)` });
        }
      }
    }
  }
  return problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const i = process.argv.indexOf('--root');
  const root = resolve(i >= 0 ? process.argv[i + 1] : join(dirname(fileURLToPath(import.meta.url)), '..'));
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) {
    console.error(`check-boundaries: no such directory ${root}`);
    process.exit(2);
  }
  const problems = checkBoundaries(root);
  for (const p of problems) console.error(`${p.file}:${p.line}: ${p.message}`);
  if (problems.length > 0) {
    console.error(`\n${problems.length} boundary violation${problems.length === 1 ? '' : 's'}.`);
    process.exit(1);
  }
  console.log('check-boundaries: ok');
}
