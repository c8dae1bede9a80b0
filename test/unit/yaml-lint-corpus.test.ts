/**
 * The compose and Kubernetes rules over the shared corpus: no throw and no internal error on any
 * file, Helm templates reduced to their one note, counts per rule printed, and spot checks on files
 * whose properties a reader can see: the privileged daemonsets of kubernetes/examples,
 * awesome-compose's portainer (docker.sock) and compose-go's full example.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze';
import type { AnalysisResult } from '../../src/core/analyze';
import type { FileKind } from '../../src/core/findings';
import { LineIndex } from '../../src/core/text/range';

const ROOT = process.env.CONTAINER_LENS_CORPUS ?? '/work/shared/corpus';
const present = ['compose', 'k8s', 'helm'].every((d) => existsSync(join(ROOT, d)));
if (!present && process.env.CI === 'true') throw new Error(`corpus folders under ${ROOT} are missing under CI`);
if (!present) console.warn(`YAML lint corpus test skipped: ${ROOT}/{compose,k8s,helm} not found`);

const list = (dir: string) => (present ? readdirSync(join(ROOT, dir)).filter((f) => /\.ya?ml$/i.test(f)).sort() : []);
const read = (dir: string, f: string) => readFileSync(join(ROOT, dir, f), 'utf8');

const counts = new Map<string, number>();
const tally = (r: AnalysisResult) => {
  for (const f of r.findings) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
};
const run = (dir: string, file: string, kind?: FileKind) => {
  const r = analyze(read(dir, file), file, {}, kind);
  expect(r.error).toBeUndefined();
  expect(r.findings.filter((f) => f.ruleId === 'internal-error')).toEqual([]);
  tally(r);
  return r;
};

describe.skipIf(!present)('YAML lint corpus', () => {
  afterAll(() => {
    const rows = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    console.log(`findings per rule over ${ROOT}/{compose,k8s,helm}:\n${rows.map(([id, n]) => `  ${String(n).padStart(5)}  ${id}`).join('\n')}`);
  });

  it.each(list('compose'))('compose/%s', (file) => {
    run('compose', file, 'compose');
  });

  it.each(list('k8s'))('k8s/%s', (file) => {
    run('k8s', file, 'kubernetes');
  });

  it.each(list('helm'))('helm/%s yields the template note and nothing else', (file) => {
    const r = run('helm', file);
    expect(r.findings.every((f) => f.ruleId === 'helm-template-skipped')).toBe(true);
    expect(r.findings.length).toBeLessThanOrEqual(1);
    if (r.kind === 'kubernetes' || r.kind === 'compose') expect(r.findings).toHaveLength(1);
  });

  const covered = (dir: string, file: string, ruleId: string) => {
    const text = read(dir, file);
    const lines = new LineIndex(text);
    return analyze(text, file, {}, dir === 'compose' ? 'compose' : 'kubernetes')
      .findings.filter((f) => f.ruleId === ruleId)
      .map((f) => lines.slice(f.range));
  };

  it.each([
    'kubernetes__examples___archived_newrelic-infrastructure_newrelic-infra-daemonset.yaml',
    'kubernetes__examples___archived_newrelic_newrelic-daemonset.yaml',
    'kubernetes__examples___archived_sysdig-cloud_sysdig-daemonset.yaml',
  ])('the privileged daemonset %s', (file) => {
    expect(covered('k8s', file, 'k8s-privileged')).toEqual(['privileged: true']);
    expect(covered('k8s', file, 'k8s-host-pid')).toEqual(['hostPID: true']);
    expect(covered('k8s', file, 'k8s-host-network')).toEqual(['hostNetwork: true']);
    expect(covered('k8s', file, 'k8s-docker-socket').length).toBe(1);
    expect(covered('k8s', file, 'k8s-docker-socket')[0]).toMatch(/^path: .*docker\.sock$/);
  });

  it('awesome-compose portainer mounts the Docker socket', () => {
    expect(covered('compose', 'docker__awesome-compose__portainer_compose.yaml', 'compose-docker-socket')).toEqual([
      '"/var/run/docker.sock:/var/run/docker.sock"',
    ]);
  });

  it("compose-go's full example shares host namespaces, adds ALL capabilities, passes devices and sets sysctls", () => {
    const file = 'compose-spec__compose-go__loader_full-example.yml';
    expect(covered('compose', file, 'compose-privileged')).toEqual(['privileged: true']);
    expect(covered('compose', file, 'compose-host-pid')).toEqual(['pid: "host"']);
    expect(covered('compose', file, 'compose-host-ipc')).toEqual(['ipc: host']);
    expect(covered('compose', file, 'compose-host-uts')).toEqual(['uts: host']);
    expect(covered('compose', file, 'compose-devices').length).toBeGreaterThan(0);
    // privileged makes the capability and sysctl findings moot for `foo`, but devices stay listed
  });
});
