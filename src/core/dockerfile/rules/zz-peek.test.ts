import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { lintDockerfile } from '../lint';
import { parseDockerfile } from '../parse';
const MINE = new Set(['sudo-in-run','run-security-insecure','run-network-host','world-writable-permissions','secrets-in-arg-env','pipe-to-shell','ssh-port-exposed','non-numeric-user','package-cache-not-cleaned','apt-no-install-recommends','pip-no-cache-dir','update-without-install','copy-context-before-install','consecutive-run','add-instead-of-copy','add-remote-url','copy-whole-stage-filesystem','apt-get-upgrade','use-apt-get-not-apt','apt-get-missing-yes','internal-error']);
it('peek', () => {
  const DIR = '/work/shared/corpus/dockerfiles';
  const out: string[] = [];
  const counts: Record<string, number> = {};
  for (const f of readdirSync(DIR).sort()) {
    const text = readFileSync(`${DIR}/${f}`, 'utf8');
    const m = parseDockerfile(text);
    for (const x of lintDockerfile(text).filter((x) => MINE.has(x.ruleId))) {
      counts[x.ruleId] = (counts[x.ruleId] ?? 0) + 1;
      out.push(`${x.ruleId}\t${f}:${x.range.start.line + 1}\t[${m.lines.slice(x.range).replace(/\n/g, '⏎')}]\t${x.message}\t${x.fixes.map(f=>f.title).join('|')}`);
    }
  }
  writeFileSync('/tmp/h/peek.tsv', out.join('\n'));
  console.log(JSON.stringify(counts, null, 1));
});
