/**
 * The isolation and layers rules over real Dockerfiles (the shared corpus: docker-library images, Windows
 * images, heredocs, ONBUILD, BuildKit's own files) and over deliberately bad input: nothing throws, every
 * range lies inside the file, and every offline fix applies, re-parses and removes the finding it was
 * offered for. Findings a reader checked by eye are pinned below, so a rule that drifts is noticed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../findings';
import { applyEdits } from '../../text/range';
import { runRules } from '../../run-rules';
import { parseDockerfile } from '../parse';
import { DOCKERFILE_RULES } from './index';

const DIR = '/work/shared/corpus/dockerfiles';
const present = existsSync(DIR);
if (!present && process.env.CI === 'true') throw new Error(`corpus folder ${DIR} is missing under CI`);
const files = present ? readdirSync(DIR).sort() : [];

export const ISOLATION_LAYERS_RULES = [
  'sudo-in-run', 'run-security-insecure', 'run-network-host', 'world-writable-permissions', 'secrets-in-arg-env',
  'pipe-to-shell', 'ssh-port-exposed', 'non-numeric-user', 'package-cache-not-cleaned', 'apt-no-install-recommends',
  'pip-no-cache-dir', 'update-without-install', 'copy-context-before-install', 'consecutive-run',
  'add-instead-of-copy', 'add-remote-url', 'copy-whole-stage-filesystem', 'apt-get-upgrade', 'use-apt-get-not-apt',
  'apt-get-missing-yes',
];
const RULES = new Set(ISOLATION_LAYERS_RULES);

// Only these rules run (not the whole registry), so re-checking after every fix stays cheap.
const SUBSET = DOCKERFILE_RULES.filter((r) => RULES.has(r.id));
const mine = (text: string) => {
  const m = parseDockerfile(text);
  return runRules(SUBSET, m, m.lines, {}, m.directives.check?.skip ?? []);
};
const countOf = (fs: Finding[], id: string) => fs.filter((f) => f.ruleId === id).length;

/** Lint, then check ranges and every fix. Returns the findings. */
function checkFile(text: string): Finding[] {
  const findings = mine(text);
  expect(findings.filter((f) => f.ruleId === 'internal-error')).toEqual([]);
  const lines = parseDockerfile(text).lines;
  for (const f of findings) {
    expect(f.range.start.line).toBeLessThan(lines.lineCount);
    expect(lines.offsetAt(f.range.start)).toBeLessThanOrEqual(lines.offsetAt(f.range.end));
    for (const fix of f.fixes) {
      const out = applyEdits(text, fix.edits);
      expect(() => parseDockerfile(out), `${f.ruleId}: ${fix.title}`).not.toThrow();
      const after = mine(out);
      expect(after.filter((x) => x.ruleId === 'internal-error')).toEqual([]);
      expect(countOf(after, f.ruleId), `${f.ruleId} at line ${f.range.start.line + 1}: ${fix.title}`).toBeLessThan(countOf(findings, f.ruleId));
    }
  }
  return findings;
}

describe('isolation + layers rules on bad input', () => {
  it.each([
    ['byte order mark', '\uFEFFFROM debian:12\nRUN sudo apt-get update && apt-get install curl\n'],
    ['lone CR line ends', 'FROM debian:12\rRUN apt-get update\rRUN apt-get install -y x\r'],
    ['NUL bytes', 'FROM debian:12\nRUN chmod 777 /a\u0000\u0000 && curl x | sh\n'],
    ['unterminated heredoc', 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y x\n'],
    ['unterminated JSON', 'FROM debian:12\nRUN ["sh", "-c", "apt-get install x\nADD ["https://x\n'],
    ['unterminated quotes and substitutions', 'FROM debian:12\nRUN echo "$(curl https://x | sh\nRUN bash <(wget -O- x\n'],
    ['dangling operators', 'FROM debian:12\nRUN apt-get update &&\nRUN && | ; apt-get install\nRUN apt-get install x |\n'],
    ['flags without values', 'FROM debian:12\nRUN --network --security --mount apt-get update\nCOPY --chmod --from / /\n'],
    ['ONBUILD everything', 'FROM debian:12\nONBUILD RUN sudo curl x | sh\nONBUILD ADD https://x /x\nONBUILD ENV TOKEN=1\n'],
    ['escape directive with Linux commands', '# escape=`\nFROM debian:12\nRUN apt-get update && `\n  apt-get install curl\n'],
    ['no FROM at all', 'RUN sudo x\nEXPOSE 22\nUSER app\nADD . /app\n'],
    ['empty', ''],
    ['only comments', '# hello\n# world\n'],
  ])('%s', (_name, text) => {
    expect(() => checkFile(text)).not.toThrow();
  });

  it('handles a very long RUN line', () => {
    const text = `FROM debian:12\nRUN ${'apt-get install -y x && '.repeat(2000)}chmod 777 /x\n`;
    const findings = mine(text);
    expect(findings.filter((f) => f.ruleId === 'apt-no-install-recommends')).toHaveLength(2000);
    expect(findings.filter((f) => f.ruleId === 'world-writable-permissions')).toHaveLength(1);
  });

  it('stays fast on a huge file', () => {
    const text = `FROM debian:12\n${'RUN apt-get update && apt-get install -y curl\nRUN chmod 777 /x\n'.repeat(2500)}`;
    const start = performance.now();
    const findings = mine(text);
    expect(findings.length).toBeGreaterThan(2500);
    expect(performance.now() - start).toBeLessThan(20000);
  }, 60000);
});

const counts = new Map<string, number>();

if (!present) {
  describe.skip(`isolation + layers rules on the corpus: skipped, ${DIR} is absent`, () => {
    it('needs the corpus', () => {});
  });
}

describe.skipIf(!present)('isolation + layers rules on the corpus', () => {
  it('runs every rule of this group', () => {
    expect(SUBSET.map((r) => r.id).sort()).toEqual([...ISOLATION_LAYERS_RULES].sort());
  });

  it('has the corpus', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it.each(files)('%s', (file) => {
    const text = readFileSync(join(DIR, file), 'utf8');
    for (const f of checkFile(text)) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  });

  const at = (file: string) => {
    const text = readFileSync(join(DIR, file), 'utf8');
    const m = parseDockerfile(text);
    return mine(text).map((f) => `${f.ruleId} ${f.range.start.line + 1} ${m.lines.slice(f.range)}`);
  };

  // Findings checked by eye.
  it.each([
    ['docker__compose__pkg_e2e_fixtures_build-test_privileged_Dockerfile', 'run-security-insecure 19 --security=insecure'],
    ['moby__buildkit__hack_dockerfiles_lint.Dockerfile', 'pipe-to-shell 37 wget -O- -nv https://raw.githubusercontent.com/golangci/golangci-lint/${GOLANGCI_LINT_VERSION}/install.sh | sh'],
    ['kubernetes__examples___archived_phabricator_php-phabricator_Dockerfile', 'sudo-in-run 28 sudo'],
    ['kubernetes__examples___archived_storage_mysql-galera_image_Dockerfile', 'update-without-install 25 apt-get update'],
    ['docker__awesome-compose__django_app_Dockerfile', 'package-cache-not-cleaned 14 apk update'],
    ['docker__awesome-compose__vuejs_vuejs_Dockerfile', 'copy-context-before-install 7 .'],
    ['kubernetes__examples__web_guestbook-go_Dockerfile', 'add-instead-of-copy 20 ADD'],
  ])('%s has %s', (file, expected) => {
    expect(at(file)).toContain(expected);
  });

  // Patterns that looked like findings and are not (each was a false positive once).
  it.each([
    // `chmod 777 "$tempDir"` on a mktemp directory the same RUN deletes
    ['nginxinc__docker-nginx__mainline_debian_Dockerfile', 'world-writable-permissions'],
    // `chmod -R 1777 "$GOPATH"`: sticky, like /tmp
    ['docker-library__golang__1.26_bookworm_Dockerfile', 'world-writable-permissions'],
    // `apt-get install -s` is a dry run used as a test
    ['docker-library__postgres__18_bookworm_Dockerfile', 'apt-get-missing-yes'],
    // `xargs apk add --no-network` downloads no index
    ['docker-library__python__3.12_alpine3.23_Dockerfile', 'package-cache-not-cleaned'],
    // `ENV GPG_KEY <fingerprint>` is public
    ['docker-library__python__3.12_bookworm_Dockerfile', 'secrets-in-arg-env'],
    // long RUNs under their own comment headers are split on purpose
    ['docker-library__redis__7.2_debian_Dockerfile', 'consecutive-run'],
    // `COPY --from=<stage FROM scratch> / /` and images of bare binaries
    ['moby__buildkit__Dockerfile', 'copy-whole-stage-filesystem'],
    // PowerShell is not a POSIX shell
    ['docker-library__golang__1.26_windows_windowsservercore-ltsc2022_Dockerfile', 'pipe-to-shell'],
  ])('%s has no %s', (file, rule) => {
    expect(at(file).filter((x) => x.startsWith(`${rule} `))).toEqual([]);
  });

  afterAll(() => {
    if (counts.size === 0) return;
    const lines = ISOLATION_LAYERS_RULES.map((id) => `${id.padEnd(30)} ${counts.get(id) ?? 0}`);
    console.log(`findings per rule over ${files.length} corpus Dockerfiles:\n${lines.join('\n')}`);
  });
});
