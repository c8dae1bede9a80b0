/**
 * The reproducibility and correctness rules over real Dockerfiles (the shared corpus: docker-library images,
 * Windows images, heredocs, ONBUILD, BuildKit's own files): nothing throws, every range lies inside the file,
 * and every offline fix applies, re-parses and removes the finding it was offered for.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRules } from '../../run-rules';
import { applyEdits } from '../../text/range';
import { parseDockerfile } from '../parse';
import { DOCKERFILE_RULES } from '.';

const DIR = '/work/shared/corpus/dockerfiles';
const present = existsSync(DIR);
if (!present && process.env.CI === 'true') throw new Error(`corpus folder ${DIR} is missing under CI`);
const files = present ? readdirSync(DIR).sort() : [];

const RULES = new Set([
  'base-image-latest', 'base-image-not-pinned', 'unpinned-os-packages', 'unpinned-language-packages',
  'consistent-instruction-casing', 'from-as-casing', 'stage-name-casing', 'json-args-recommended',
  'undefined-arg-in-from', 'invalid-default-arg-in-from', 'undefined-var', 'workdir-relative-path',
  'duplicate-stage-name', 'reserved-stage-name', 'multiple-instructions-disallowed', 'legacy-key-value-format',
  'maintainer-deprecated', 'expose-invalid-format', 'expose-proto-casing', 'no-empty-continuation',
  'redundant-target-platform', 'from-platform-flag-const-disallowed', 'cd-in-run', 'missing-pipefail',
  'copy-multiple-sources-dest-slash',
]);

const counts = new Map<string, number>();
const rules = DOCKERFILE_RULES.filter((r) => RULES.has(r.id));
/** Findings of these rules (and internal errors, which the runner reports instead of throwing). */
const lint = (text: string, only = rules) => {
  const m = parseDockerfile(text);
  return runRules(only, m, m.lines, {});
};

describe.skipIf(!present)('reproducibility + correctness rules on the corpus', () => {
  it('has the corpus', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it.each(files)('%s', (file) => {
    const text = readFileSync(join(DIR, file), 'utf8');
    const findings = lint(text);
    expect(findings.filter((f) => f.ruleId === 'internal-error')).toEqual([]);
    const lines = parseDockerfile(text).lines;
    for (const f of findings) {
      counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
      expect(f.range.start.line).toBeLessThan(lines.lineCount);
      expect(lines.offsetAt(f.range.start)).toBeLessThanOrEqual(lines.offsetAt(f.range.end));
      for (const fix of f.fixes) {
        if (fix.edits.length === 0) continue;
        const out = applyEdits(text, fix.edits);
        expect(() => parseDockerfile(out), `${f.ruleId}: ${fix.title}`).not.toThrow();
        const rule = rules.filter((r) => r.id === f.ruleId);
        const after = lint(out, rule);
        expect(after.filter((x) => x.ruleId === 'internal-error')).toEqual([]);
        const before = findings.filter((x) => x.ruleId === f.ruleId).length;
        expect(after.length, `${f.ruleId} at line ${f.range.start.line + 1}: ${fix.title}`).toBeLessThan(before);
      }
    }
  });

  // Known contents of the corpus (see FEATURES.tsv): legacy `ENV k v` in docker-library images, untagged
  // images in compose fixtures, apt/apk installs, pipes, `as` in awesome-compose. A rule that goes silent
  // on all of them has broken.
  it.each([
    ['legacy-key-value-format'],
    ['base-image-latest'],
    ['base-image-not-pinned'],
    ['unpinned-os-packages'],
    ['unpinned-language-packages'],
    ['missing-pipefail'],
    ['from-as-casing'],
    ['cd-in-run'],
    ['json-args-recommended'],
  ])('%s finds something', (id) => {
    expect(counts.get(id) ?? 0).toBeGreaterThan(0);
  });
});

if (!present) {
  describe('reproducibility + correctness rules on the corpus', () => {
    it.skip(`skipped: corpus folder ${DIR} is absent`, () => {});
  });
}

describe('reproducibility + correctness rules on odd input', () => {
  const long = `FROM debian:12\n${'RUN apt-get install -y curl | tee -a log && cd /x \\\n\n'.repeat(400)}ENV A b\n`;
  it.each([
    ['empty', ''],
    ['BOM', '\uFEFFFROM alpine\nRUN echo $X | cat\n'],
    ['keyword only', 'FROM\nRUN\nCMD\nENV\nLABEL\nEXPOSE\nCOPY\nADD\nWORKDIR\nUSER\nARG\nONBUILD\nSHELL\nHEALTHCHECK\nMAINTAINER\n'],
    ['dangling syntax', 'FROM a AS\nFROM $\nFROM ${\nENV A=${B\nLABEL "x\nCMD [\nEXPOSE :/\nCOPY ["a"\nRUN "unterminated\n'],
    ['backtick escape', '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n  C:\\ | findstr x\nWORKDIR app\n'],
    ['unterminated heredoc', 'FROM a\nRUN <<EOF\napt-get install -y x\n'],
    ['escape at end of file', 'FROM a\nRUN a \\'],
    ['control characters', 'FROM a\u0001\nRUN \u0000 | \u0002\n'],
    ['CR only line breaks', 'FROM a\rRUN cd /x && b | c\rENV A b\r'],
    ['long file', long],
  ])('%s', (_name, text) => {
    const m = parseDockerfile(text);
    const found = runRules(rules, m, m.lines, {});
    expect(found.filter((f) => f.ruleId === 'internal-error')).toEqual([]);
    for (const f of found) expect(m.lines.offsetAt(f.range.start)).toBeLessThanOrEqual(m.lines.offsetAt(f.range.end));
  });

  it('the long file is linted completely', () => {
    const m = parseDockerfile(long);
    const found = runRules(rules, m, m.lines, {});
    expect(found.filter((f) => f.ruleId === 'no-empty-continuation').length).toBeGreaterThan(100);
  });
});

/** One small file per rule that triggers it, to check that peers' ignore syntax reaches every rule. */
const EXAMPLES: Record<string, string> = {
  'base-image-latest': 'FROM node\n',
  'base-image-not-pinned': 'FROM node:20\n',
  'unpinned-os-packages': 'FROM debian:12\nRUN apt-get install -y curl\n',
  'unpinned-language-packages': 'FROM python:3.12\nRUN pip install requests\n',
  'consistent-instruction-casing': 'FROM a:1\nRUN x\nrun y\n',
  'from-as-casing': 'FROM a:1 as b\n',
  'stage-name-casing': 'FROM a:1 AS Build\n',
  'json-args-recommended': 'FROM a:1\nCMD node server.js\n',
  'undefined-arg-in-from': 'FROM node:$V\n',
  'invalid-default-arg-in-from': 'ARG V\nFROM node:$V\n',
  'undefined-var': 'ARG G=1\nFROM a:1\nLABEL g=$G\n',
  'workdir-relative-path': 'FROM a:1\nWORKDIR app\n',
  'duplicate-stage-name': 'FROM a:1 AS x\nFROM b:1 AS x\n',
  'reserved-stage-name': 'FROM a:1 AS scratch\n',
  'multiple-instructions-disallowed': 'FROM a:1\nCMD ["a"]\nCMD ["b"]\n',
  'legacy-key-value-format': 'FROM a:1\nENV A b\n',
  'maintainer-deprecated': 'FROM a:1\nMAINTAINER me\n',
  'expose-invalid-format': 'FROM a:1\nEXPOSE 80:80\n',
  'expose-proto-casing': 'FROM a:1\nEXPOSE 80/TCP\n',
  'no-empty-continuation': 'FROM a:1\nRUN a \\\n\n  b\n',
  'redundant-target-platform': 'FROM --platform=$TARGETPLATFORM a:1\n',
  'from-platform-flag-const-disallowed': 'FROM --platform=linux/amd64 a:1\n',
  'cd-in-run': 'FROM a:1\nRUN cd /x && make\n',
  'missing-pipefail': 'FROM debian:12\nRUN curl x | sh\n',
  'copy-multiple-sources-dest-slash': 'FROM a:1\nCOPY a b /dest\n',
};

describe('ignore pragmas of peers reach every rule', () => {
  it('every rule has an example', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual([...RULES].sort());
  });

  const byId = new Map(rules.map((r) => [r.id, r]));
  const firing = (text: string, id: string) => {
    const m = parseDockerfile(text);
    return runRules([byId.get(id)!], m, m.lines, {}, m.directives.check?.skip ?? []);
  };
  const ids = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

  it.each(Object.entries(EXAMPLES))('%s fires on its example', (id, text) => {
    expect(firing(text, id).length).toBeGreaterThan(0);
  });

  it.each(Object.entries(EXAMPLES).filter(([id]) => byId.get(id)?.equivalents.buildkit))(
    '%s: BuildKit # check=skip= silences it',
    (id, text) => {
      const [name] = ids(byId.get(id)!.equivalents.buildkit);
      expect(firing(`# check=skip=${name}\n${text}`, id)).toEqual([]);
      expect(firing(`# check=skip=SomethingElse\n${text}`, id).length).toBeGreaterThan(0);
    },
  );

  it.each(Object.entries(EXAMPLES).flatMap(([id, text]) => ids(byId.get(id)?.equivalents.hadolint).map((dl) => [id, dl, text] as const)))(
    '%s: # hadolint ignore=%s silences it',
    (id, dl, text) => {
      const line = firing(text, id)[0].range.start.line;
      const lines = text.split('\n');
      lines.splice(line, 0, `# hadolint ignore=${dl}`);
      expect(firing(lines.join('\n'), id)).toEqual([]);
    },
  );
});
