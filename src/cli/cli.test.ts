import { describe, expect, it } from 'vitest';
import type { Finding, Fix } from '../core/findings';
import { LineIndex, applyEdits } from '../core/text/range';
import { UsageError, parseArgs } from './args';
import { parseLocation } from './explain';
import { isLintableName } from './files';
import { chooseFix, fixText, MAX_FIX_PASSES } from './fix';
import type { SarifLog } from './format-sarif';
import { artifactLocation, pascalCase, sarifRegion, truncate } from './format-sarif';
import { RULE_CATALOG } from './rules';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, runCli } from './run';
import { memoryIo } from './test-io';

const ROOT = 'final-stage-runs-as-root';
const ROOT_DOCKERFILE = 'FROM alpine:3.20\nRUN echo hi\nCMD ["sh"]\n';

/** `--rule-severity` turning every other rule off, so these tests do not depend on the size of the registry. */
function onlyRule(id: string): string[] {
  const others = RULE_CATALOG.filter((e) => e.rule.id !== id).map((e) => `${e.rule.id}=off`);
  return others.length > 0 ? ['--rule-severity', others.join(',')] : [];
}

async function run(argv: string[], tree: Record<string, string | Uint8Array> = {}) {
  const io = memoryIo(tree);
  const code = await runCli(argv, io);
  return { code, io, out: io.stdoutText, err: io.stderrText };
}

async function lintJson(argv: string[], tree: Record<string, string | Uint8Array>) {
  const r = await run(['lint', '--format', 'json', ...argv], tree);
  return { ...r, json: JSON.parse(r.out) };
}

describe('argument parsing', () => {
  it.each([
    [['--format', 'json', 'a'], { format: ['json'] }, ['a']],
    [['--format=json', 'a', 'b'], { format: ['json'] }, ['a', 'b']],
    [['--rule', 'x', '--rule=y', '--', '--not-a-flag'], { rule: ['x', 'y'] }, ['--not-a-flag']],
    [['-h'], { help: [''] }, []],
  ])('%j', (argv, options, positionals) => {
    const parsed = parseArgs(argv, [{ name: 'format', value: true }, { name: 'rule', value: true, repeat: true }, { name: 'help', short: 'h' }]);
    expect(Object.fromEntries(parsed.options)).toEqual(options);
    expect(parsed.positionals).toEqual(positionals);
  });

  it.each([[['--nope']], [['--format']], [['--format', 'a', '--format', 'b']], [['-x']], [['--help=1']]])('rejects %j', (argv) => {
    expect(() => parseArgs(argv, [{ name: 'format', value: true }, { name: 'help' }])).toThrow(UsageError);
  });

  it.each([
    ['Dockerfile:3:4', { path: 'Dockerfile', line: 3, column: 4 }],
    ['a/b/Dockerfile:12', { path: 'a/b/Dockerfile', line: 12 }],
    ['C:\\x\\Dockerfile:3:4', { path: 'C:\\x\\Dockerfile', line: 3, column: 4 }],
    ['odd:name:7:2', { path: 'odd:name', line: 7, column: 2 }],
    ['Dockerfile', undefined],
    ['Dockerfile:0:1', undefined],
  ])('location %s', (arg, expected) => {
    expect(parseLocation(arg)).toEqual(expected);
  });
});

describe('usage and exit codes', () => {
  it.each([
    [['lint', '--bogus', 'Dockerfile']],
    [['lint']],
    [['lint', '--format', 'xml', 'Dockerfile']],
    [['lint', '--severity-threshold', 'fatal', 'Dockerfile']],
    [['lint', '--rule-severity', 'no-such-rule=off', 'Dockerfile']],
    [['lint', '--rule-severity', `${ROOT}=loud`, 'Dockerfile']],
    [['frobnicate']],
    [[]],
    [['--bogus']],
    [['fix', '--rule', 'no-such-rule', 'Dockerfile']],
    [['explain', 'Dockerfile']],
  ])('%j is a usage error (exit 2, usage on stderr)', async (argv) => {
    const r = await run(argv, { Dockerfile: ROOT_DOCKERFILE });
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.err).toContain('Usage: container-lens');
    expect(r.out).toBe('');
  });

  it.each([[['--help']], [['-h']], [['help']], [['lint', '--help']]])('%j prints usage to stdout', async (argv) => {
    const r = await run(argv);
    expect(r.code).toBe(EXIT_OK);
    expect(r.out).toContain('Usage: container-lens');
  });

  it('--version prints the package version', async () => {
    const r = await run(['--version']);
    expect(r.code).toBe(EXIT_OK);
    expect(r.out).toMatch(/^\d+\.\d+\.\d+\S*\n$/);
  });

  it.each([
    ['finding at the default threshold (warning)', [], ROOT_DOCKERFILE, EXIT_FINDINGS],
    ['clean file', [], 'FROM alpine:3.20\nUSER 10001\n', EXIT_OK],
    ['finding below the threshold', ['--severity-threshold', 'error'], ROOT_DOCKERFILE, EXIT_OK],
    ['rule raised to error', ['--severity-threshold', 'error', '--rule-severity', `${ROOT}=error`], ROOT_DOCKERFILE, EXIT_FINDINGS],
    ['rule turned off', ['--rule-severity', `${ROOT}=off`], ROOT_DOCKERFILE, EXIT_OK],
    ['threshold hint counts info findings', ['--severity-threshold', 'hint', '--rule-severity', `${ROOT}=info`], ROOT_DOCKERFILE, EXIT_FINDINGS],
  ])('%s', async (_name, flags, text, code) => {
    const r = await run(['lint', ...onlyRule(ROOT), ...flags, 'Dockerfile'], { Dockerfile: text });
    expect(r.code).toBe(code);
  });

  it('a missing path is exit 2 even with findings elsewhere, and is listed', async () => {
    const r = await lintJson([...onlyRule(ROOT), 'Dockerfile', 'nope/Dockerfile'], { Dockerfile: ROOT_DOCKERFILE });
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.json.files.map((f: { path: string; error?: string }) => [f.path, f.error])).toEqual([
      ['nope/Dockerfile', 'no such file or directory'],
      ['Dockerfile', undefined],
    ]);
    expect(r.err).toContain('nope/Dockerfile: no such file or directory');
  });

  it('binary and oversized files get an error entry without changing the exit code', async () => {
    const big = `FROM alpine:3.20\nUSER 1\n${'#'.repeat(3 * 1024 * 1024)}\n`;
    const r = await lintJson(['bin/Dockerfile', 'big/Dockerfile'], {
      'bin/Dockerfile': new Uint8Array([0x46, 0x52, 0, 1, 2, 3]),
      'big/Dockerfile': big,
    });
    expect(r.code).toBe(EXIT_OK);
    expect(r.json.files).toEqual([
      { path: 'bin/Dockerfile', kind: 'dockerfile', findings: [], error: 'binary file: not analysed' },
      { path: 'big/Dockerfile', kind: 'dockerfile', findings: [], error: 'file is larger than 2 MB: not analysed' },
    ]);
  });
});

describe('JSON contract', () => {
  it('has exactly the documented shape', async () => {
    const { json, code } = await lintJson([...onlyRule(ROOT), 'Dockerfile'], { Dockerfile: ROOT_DOCKERFILE });
    expect(code).toBe(EXIT_FINDINGS);
    expect(Object.keys(json)).toEqual(['version', 'files']);
    expect(json.version).toBe(1);
    expect(json.files).toHaveLength(1);
    const file = json.files[0];
    expect(Object.keys(file)).toEqual(['path', 'kind', 'findings']);
    expect(file).toMatchObject({ path: 'Dockerfile', kind: 'dockerfile' });
    expect(file.findings).toHaveLength(1);
    const f = file.findings[0];
    expect(Object.keys(f)).toEqual(['ruleId', 'category', 'severity', 'message', 'range', 'equivalents', 'fixes']);
    expect(f).toMatchObject({ ruleId: ROOT, category: 'isolation', severity: 'warning' });
    expect(f.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 16 } });
    expect(f.equivalents).toEqual({ hadolint: 'DL3002', trivy: 'DS-0002' });
    expect(f.fixes.length).toBeGreaterThan(0);
    for (const fix of f.fixes) {
      expect(Object.keys(fix)).toEqual(['title', 'edits']);
      for (const e of fix.edits) {
        expect(Object.keys(e)).toEqual(['range', 'newText']);
        expect(Object.keys(e.range)).toEqual(['start', 'end']);
        expect(Object.keys(e.range.start)).toEqual(['line', 'character']);
      }
    }
    // the edits of the first fix, applied, remove the finding
    const fixedText = applyEdits(ROOT_DOCKERFILE, f.fixes[0].edits);
    const again = await lintJson([...onlyRule(ROOT), 'Dockerfile'], { Dockerfile: fixedText });
    expect(again.json.files[0].findings).toEqual([]);
  });

  it('kinds and equivalents only use the documented vocabularies', async () => {
    const { json } = await lintJson(['.'], { Dockerfile: ROOT_DOCKERFILE, 'a/Containerfile': 'FROM scratch\n' });
    const keys = new Set(['hadolint', 'buildkit', 'trivy', 'kubeLinter', 'polaris', 'kubeScore', 'kics', 'dclint']);
    for (const file of json.files) {
      expect(['dockerfile', 'compose', 'kubernetes', 'unknown']).toContain(file.kind);
      for (const f of file.findings) {
        for (const [k, v] of Object.entries(f.equivalents)) {
          expect(keys).toContain(k);
          expect(typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))).toBe(true);
        }
        expect(['error', 'warning', 'info', 'hint']).toContain(f.severity);
      }
    }
  });

  it('strips a BOM before analysis (positions are not shifted)', async () => {
    const { json } = await lintJson([...onlyRule(ROOT), 'Dockerfile'], { Dockerfile: `\uFEFF${ROOT_DOCKERFILE}` });
    expect(json.files[0].findings[0].range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 16 } });
  });

  it('a named file is linted whatever its name', async () => {
    const { json } = await lintJson([...onlyRule(ROOT), 'build/image.txt'], { 'build/image.txt': ROOT_DOCKERFILE });
    expect(json.files[0]).toMatchObject({ path: 'build/image.txt', kind: 'dockerfile' });
    expect(json.files[0].findings.map((f: { ruleId: string }) => f.ruleId)).toEqual([ROOT]);
  });
});

describe('directory walking', () => {
  const tree = {
    'Dockerfile': 'FROM alpine:3.20\n',
    'svc/api/Dockerfile.dev': 'FROM alpine:3.20\n',
    'svc/web/Containerfile': 'FROM alpine:3.20\n',
    'svc/web/app.dockerfile': 'FROM alpine:3.20\n',
    'svc/web/Dockerfile.dockerignore': 'node_modules\n',
    'svc/web/README.md': '# hi\n',
    'svc/web/values.yaml': 'replicas: 1\n',
    'svc/web/huge.yml': `a: ${'x'.repeat(3 * 1024 * 1024)}\n`,
    'node_modules/pkg/Dockerfile': 'FROM alpine:3.20\n',
    '.git/Dockerfile': 'FROM alpine:3.20\n',
  };

  it('finds Dockerfiles by name, sorted, skipping node_modules and .git and YAML that is not ours', async () => {
    const { json } = await lintJson(['.'], tree);
    expect(json.files.map((f: { path: string }) => f.path)).toEqual([
      'Dockerfile',
      'svc/api/Dockerfile.dev',
      'svc/web/Containerfile',
      'svc/web/app.dockerfile',
    ]);
  });

  it('does not list a file twice when named and walked', async () => {
    const { json } = await lintJson(['svc', 'svc/web/Containerfile'], tree);
    expect(json.files.map((f: { path: string }) => f.path)).toEqual(['svc/api/Dockerfile.dev', 'svc/web/Containerfile', 'svc/web/app.dockerfile']);
  });

  it('says so on stderr when nothing is found', async () => {
    const r = await run(['lint', 'empty'], { 'empty/x.md': '' });
    expect(r.err).toContain('no Dockerfiles, compose files or Kubernetes manifests found in empty');
    expect(r.code).toBe(EXIT_OK);
  });

  it.each([
    ['Dockerfile', true],
    ['Dockerfile.prod', true],
    ['Containerfile', true],
    ['api.Dockerfile', true],
    ['Dockerfile.dockerignore', false],
    ['docker-compose.yml', true],
    ['deploy.yaml', false],
    ['README.md', false],
  ])('%s is picked up: %s', (name, expected) => {
    expect(isLintableName(name)).toBe(expected);
  });
});

describe('text format', () => {
  it('prints compiler-style 1-based lines and a summary, without colour when not a TTY', async () => {
    const r = await run(['lint', ...onlyRule(ROOT), 'x/Dockerfile'], { 'x/Dockerfile': `# comment\n${ROOT_DOCKERFILE}` });
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^x\/Dockerfile:2:1: warning \[final-stage-runs-as-root\] The final image runs as root/);
    expect(lines[lines.length - 1]).toBe('1 finding (1 warning) in 1 file; 1 at or above the threshold "warning".');
    expect(r.out).not.toContain('\u001b[');
  });

  it('uses colours on a TTY', async () => {
    const io = memoryIo({ Dockerfile: ROOT_DOCKERFILE });
    io.color = true;
    await runCli(['lint', 'Dockerfile'], io);
    expect(io.stdoutText).toContain('\u001b[33mwarning\u001b[39m');
  });

  it('reports a clean run and unreadable files', async () => {
    const r = await run(['lint', ...onlyRule(ROOT), 'Dockerfile', 'missing'], { Dockerfile: 'FROM alpine:3.20\nUSER app\n' });
    expect(r.out).toBe('missing: error no such file or directory\nNo findings in 1 file. 1 file could not be analysed.\n');
  });
});

describe('SARIF', () => {
  async function sarif(tree: Record<string, string>, argv: string[] = ['.']): Promise<{ log: SarifLog; code: number }> {
    const r = await run(['lint', '--format', 'sarif', ...argv], tree);
    return { log: JSON.parse(r.out), code: r.code };
  }

  it('is a valid SARIF 2.1.0 log as GitHub code scanning reads it', async () => {
    const { log, code } = await sarif({ 'svc/my app/Dockerfile': `FROM alpine:3.20\nUSER root\n`, Dockerfile: ROOT_DOCKERFILE });
    expect(code).toBe(EXIT_FINDINGS);
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const run0 = log.runs[0];
    const driver = run0.tool.driver;
    expect(driver.name).toBe('container-lens');
    expect(driver.informationUri).toMatch(/^https:\/\//);
    expect(driver.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(driver.rules.map((r) => r.id)).toEqual(RULE_CATALOG.map((e) => e.rule.id));
    for (const rule of driver.rules) {
      expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(rule.shortDescription.text.length).toBeLessThanOrEqual(1024);
      expect(rule.fullDescription.text.length).toBeGreaterThan(0);
      expect(rule.fullDescription.text.length).toBeLessThanOrEqual(1024);
      expect(rule.properties.tags.length).toBeLessThanOrEqual(20);
      expect(rule.help.text.length).toBeGreaterThan(0);
      expect(rule.help.markdown.length).toBeGreaterThan(0);
      expect(rule.helpUri).toMatch(new RegExp(`^https://.*rules\\.md#${rule.id}$`));
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
      expect(rule.properties.tags).toContain(rule.properties.category);
    }
    expect(run0.results.length).toBeGreaterThanOrEqual(2);
    for (const res of run0.results) {
      expect(driver.rules[res.ruleIndex].id).toBe(res.ruleId);
      expect(['error', 'warning', 'note']).toContain(res.level);
      expect(res.message.text.length).toBeGreaterThan(0);
      const loc = res.locations[0].physicalLocation;
      expect(loc.artifactLocation.uri).not.toMatch(/^\/|^file:|\\/);
      expect(loc.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(loc.region.startLine).toBeGreaterThanOrEqual(1);
      expect(loc.region.startColumn).toBeGreaterThanOrEqual(1);
      expect(loc.region.endLine).toBeGreaterThanOrEqual(loc.region.startLine);
      expect(loc.region.endColumn).toBeGreaterThanOrEqual(1);
      for (const fix of res.fixes ?? []) {
        expect(fix.description.text.length).toBeGreaterThan(0);
        for (const change of fix.artifactChanges) {
          expect(change.artifactLocation.uri).toBe(loc.artifactLocation.uri);
          for (const rep of change.replacements) {
            expect(rep.deletedRegion.startLine).toBeGreaterThanOrEqual(1);
            expect(rep.deletedRegion.startColumn).toBeGreaterThanOrEqual(1);
            expect(typeof rep.insertedContent.text).toBe('string');
          }
        }
      }
    }
    const rootResults = run0.results.filter((r) => r.ruleId === ROOT);
    const uris = rootResults.map((r) => r.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris).toEqual(['Dockerfile', 'svc/my%20app/Dockerfile']);
    // USER root on line 2, columns 1..10 (1-based, end-exclusive like the LSP range)
    expect(rootResults[1].locations[0].physicalLocation.region).toEqual({ startLine: 2, startColumn: 1, endLine: 2, endColumn: 10 });
    expect(run0.invocations[0].executionSuccessful).toBe(true);
    expect(run0.columnKind).toBe('utf16CodeUnits');
    expect(run0.originalUriBaseIds['%SRCROOT%'].uri).toBe('file:///work/');
  });

  it('reports unreadable paths as tool notifications', async () => {
    const { log, code } = await sarif({ Dockerfile: ROOT_DOCKERFILE }, ['Dockerfile', 'gone']);
    expect(code).toBe(EXIT_USAGE);
    expect(log.runs[0].invocations[0].executionSuccessful).toBe(false);
    expect(log.runs[0].invocations[0].toolExecutionNotifications[0].message.text).toBe('gone: no such file or directory');
  });

  it.each([
    ['Dockerfile', { uri: 'Dockerfile', uriBaseId: '%SRCROOT%' }],
    ['./a/b/Dockerfile', { uri: 'a/b/Dockerfile', uriBaseId: '%SRCROOT%' }],
    ['../other/Dockerfile', { uri: 'file:///other/Dockerfile' }],
    ['/abs/Dockerfile', { uri: 'file:///abs/Dockerfile' }],
  ])('artifact location of %s', (p, expected) => {
    expect(artifactLocation('/work', p)).toEqual(expected);
  });

  it('regions are 1-based and clamped into the text', () => {
    const lines = new LineIndex('FROM a\nUSER b\n');
    expect(sarifRegion({ start: { line: 1, character: 0 }, end: { line: 1, character: 6 } }, lines)).toEqual({
      startLine: 2,
      startColumn: 1,
      endLine: 2,
      endColumn: 7,
    });
    // an insertion "after the last line" lands at the end of the text
    expect(sarifRegion({ start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, lines)).toEqual({
      startLine: 3,
      startColumn: 1,
      endLine: 3,
      endColumn: 1,
    });
  });

  it('truncates long descriptions at a word', () => {
    const long = 'word '.repeat(400);
    const t = truncate(long);
    expect(t.length).toBeLessThanOrEqual(1024);
    expect(t.endsWith('word…')).toBe(true);
    expect(truncate('short')).toBe('short');
  });

  it('names rules in PascalCase', () => {
    expect(pascalCase('final-stage-runs-as-root')).toBe('FinalStageRunsAsRoot');
  });
});

describe('fix', () => {
  it('never writes a placeholder that needs a human (FROM without a tag stays as written)', async () => {
    const r = await run(['fix', 'Dockerfile'], { Dockerfile: 'FROM alpine\nCMD ["sh"]\n' });
    expect(r.out).toContain('FROM alpine');
    expect(r.out).not.toContain('<tag>');
  });

  it('chooseFix skips fixes that need input', () => {
    const f = { fixes: [{ title: 'placeholder', edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: ':<tag>' }], needsInput: true }] } as unknown as Finding;
    expect(chooseFix(f)).toBeUndefined();
  });

  it('prints the fixed text to stdout and a summary to stderr', async () => {
    const r = await run(['fix', '--rule', ROOT, 'Dockerfile'], { Dockerfile: ROOT_DOCKERFILE });
    expect(r.code).toBe(EXIT_OK);
    // the fix's own text belongs to the rule (it may extend a RUN); here: a USER line comes before CMD
    expect(r.out.startsWith('FROM alpine:3.20\nRUN echo hi')).toBe(true);
    expect(r.out).toMatch(/\nUSER [^\n]+\nCMD \["sh"\]\n$/);
    expect(r.err).toBe('Dockerfile: 1 fix applied, 0 findings left\n');
  });

  it('--write round trip keeps the BOM and CRLF line endings', async () => {
    const original = '\uFEFFFROM alpine:3.20\r\nRUN echo hi\r\nCMD ["sh"]\r\n';
    const io = memoryIo({ 'app/Dockerfile': original });
    const code = await runCli(['fix', '--write', '--rule', ROOT, 'app/Dockerfile'], io);
    expect(code).toBe(EXIT_OK);
    const written = io.text('app/Dockerfile');
    expect(written.startsWith('\uFEFFFROM alpine:3.20\r\nRUN echo hi')).toBe(true);
    expect(written).toMatch(/\r\nUSER [^\r\n]+\r\nCMD \["sh"\]\r\n$/);
    expect(written.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(written.indexOf('\uFEFF', 1)).toBe(-1);
    expect(io.stdoutText).toBe('app/Dockerfile: 1 fix applied, 0 findings left\n');
    // and the result lints clean for that rule
    const again = memoryIo({ 'app/Dockerfile': io.files.get('/work/app/Dockerfile') as Uint8Array });
    await runCli(['lint', '--format', 'json', ...onlyRule(ROOT), 'app/Dockerfile'], again);
    expect(JSON.parse(again.stdoutText).files[0].findings).toEqual([]);
  });

  it('--write leaves unchanged files alone and walks directories', async () => {
    const clean = 'FROM alpine:3.20\nUSER app\n';
    const io = memoryIo({ 'a/Dockerfile': ROOT_DOCKERFILE, 'b/Dockerfile': clean });
    const before = io.files.get('/work/b/Dockerfile');
    expect(await runCli(['fix', '--write', '--rule', ROOT, '.'], io)).toBe(EXIT_OK);
    expect(io.files.get('/work/b/Dockerfile')).toBe(before);
    expect(io.text('a/Dockerfile')).toMatch(/\nUSER /);
  });

  it('without --write wants exactly one file', async () => {
    const r = await run(['fix', '.'], { 'a/Dockerfile': ROOT_DOCKERFILE, 'b/Dockerfile': ROOT_DOCKERFILE });
    expect(r.code).toBe(EXIT_USAGE);
  });

  it('a missing file is exit 2', async () => {
    const r = await run(['fix', 'nope'], {});
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.err).toContain('nope: no such file or directory');
  });

  const R = (l: number, c: number, l2 = l, c2 = c) => ({ start: { line: l, character: c }, end: { line: l2, character: c2 } });
  const finding = (ruleId: string, fixes: Fix[]): Finding => ({
    ruleId,
    category: 'correctness',
    severity: 'warning',
    message: ruleId,
    range: R(0, 0),
    topic: 'layers',
    equivalents: {},
    fixes,
  });

  it.each([
    ['preferred wins', [{ title: 'a', edits: [{ range: R(0, 0), newText: 'a' }] }, { title: 'b', preferred: true, edits: [{ range: R(0, 0), newText: 'b' }] }], 'b'],
    ['first when none preferred', [{ title: 'a', edits: [{ range: R(0, 0), newText: 'a' }] }, { title: 'b', edits: [{ range: R(0, 0), newText: 'b' }] }], 'a'],
    ['pin-digest hooks are skipped', [{ title: 'pin', kind: 'pin-digest' as const, preferred: true, edits: [] }, { title: 'b', edits: [{ range: R(0, 0), newText: 'b' }] }], 'b'],
    ['nothing usable', [{ title: 'empty', edits: [] }], undefined],
  ])('chooseFix: %s', (_name, fixes, expected) => {
    expect(chooseFix(finding('x', fixes as Fix[]))?.title).toBe(expected);
  });

  it('overlapping fixes wait for the next pass and are recomputed', () => {
    // "abc": rule x upper-cases "ab", rule y upper-cases "bc"; they overlap, so y runs in pass 2.
    const findings = (text: string): Finding[] => {
      const out: Finding[] = [];
      if (text.slice(0, 2) === 'ab') out.push(finding('x', [{ title: 'x', edits: [{ range: R(0, 0, 0, 2), newText: 'AB' }] }]));
      if (text.slice(1, 3).toLowerCase() === 'bc' && text.slice(1, 3) !== 'BC') out.push(finding('y', [{ title: 'y', edits: [{ range: R(0, 1, 0, 3), newText: 'BC' }] }]));
      return out;
    };
    const r = fixText('abc', 'Dockerfile', { findings });
    expect(r.text).toBe('ABC');
    expect(r.applied.map((a) => a.ruleId)).toEqual(['x', 'y']);
    expect(r.remaining).toEqual([]);
  });

  it('stops after a capped number of passes when a fix never settles', () => {
    const findings = (text: string): Finding[] => [finding('grow', [{ title: 'grow', edits: [{ range: R(0, text.length), newText: '+' }] }])];
    const r = fixText('', 'Dockerfile', { findings });
    expect(r.text).toBe('+'.repeat(MAX_FIX_PASSES));
    expect(r.remaining).toHaveLength(1);
  });

  it('converts inserted line breaks to the file’s CRLF', () => {
    const findings = (text: string): Finding[] =>
      text.includes('X') ? [] : [finding('x', [{ title: 'x', edits: [{ range: R(1, 0), newText: 'X\n' }] }])];
    expect(fixText('a\r\nb\r\n', 'Dockerfile', { findings }).text).toBe('a\r\nX\r\nb\r\n');
  });
});

describe('explain', () => {
  const hover = (_m: unknown, p: { line: number; character: number }) =>
    p.line === 1 ? { markdown: `**line ${p.line} char ${p.character}**`, range: R0 } : undefined;
  const R0 = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

  it('prints the hover Markdown at a 1-based location', async () => {
    const io = memoryIo({ Dockerfile: ROOT_DOCKERFILE });
    expect(await runCli(['explain', 'Dockerfile:2:3'], io, { computeHover: hover })).toBe(EXIT_OK);
    expect(io.stdoutText).toBe('**line 1 char 2**\n');
  });

  it('exit 1 with a message when there is no hover', async () => {
    const io = memoryIo({ Dockerfile: ROOT_DOCKERFILE });
    expect(await runCli(['explain', 'Dockerfile:1:1'], io, { computeHover: hover })).toBe(EXIT_FINDINGS);
    expect(io.stderrText).toContain('nothing to explain at Dockerfile:1:1');
    expect(await runCli(['explain', 'Dockerfile:99:1'], io, { computeHover: hover })).toBe(EXIT_FINDINGS);
  });

  it('fails gracefully without a hover provider, and on a missing file', async () => {
    const io = memoryIo({ Dockerfile: ROOT_DOCKERFILE });
    expect(await runCli(['explain', 'Dockerfile:1:1'], io)).toBe(EXIT_FINDINGS);
    expect(await runCli(['explain', 'gone:1:1'], io, { computeHover: hover })).toBe(EXIT_USAGE);
  });
});

describe('profile', () => {
  it('prints stage facts as JSON', async () => {
    const r = await run(['profile', 'Dockerfile'], {
      Dockerfile: 'FROM alpine:3.20 AS build\nRUN make\nFROM example.com/base:1@sha256:abc\nUSER app\nCOPY --from=build /out /out\n',
    });
    expect(r.code).toBe(EXIT_OK);
    const json = JSON.parse(r.out);
    expect(json.version).toBe(1);
    const [build, final] = json.files[0].stages;
    expect(build).toMatchObject({ index: 0, name: 'build', final: false, reachesFinal: true, user: { kind: 'root' }, filesystemLayers: 1 });
    expect(build.baseImage).toMatchObject({ family: 'alpine', runsAsRoot: true });
    expect(final).toMatchObject({
      index: 1,
      name: null,
      final: true,
      from: { image: 'example.com/base:1@sha256:abc', registry: 'example.com', path: 'base', tag: '1', digest: 'sha256:abc', line: 3 },
      user: { kind: 'non-root', name: 'app', line: 4 },
    });
  });

  it('lists unreadable paths and exits 2', async () => {
    const r = await run(['profile', 'gone'], {});
    expect(r.code).toBe(EXIT_USAGE);
    expect(JSON.parse(r.out).files[0]).toEqual({ path: 'gone', kind: 'unknown', stages: [], error: 'no such file or directory' });
  });
});
