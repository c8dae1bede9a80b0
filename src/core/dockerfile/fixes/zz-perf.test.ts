import { it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { parseDockerfile } from '../parse';
import { nonRootFixes, planFixesForPerf } from './non-root';
it('perf', () => {
  const dir = '/work/shared/corpus/dockerfiles';
  const texts = readdirSync(dir).map((f) => readFileSync(`${dir}/${f}`, 'utf8'));
  const models = texts.map((t) => parseDockerfile(t));
  for (let k = 0; k < 2; k++) {
  let t0 = performance.now();
  let c = 0;
  for (const m of models) if (m.finalStage) c += planFixesForPerf(m, m.finalStage).length;
  console.log('plan', performance.now() - t0, c);
  t0 = performance.now();
  for (const m of models) if (m.finalStage) nonRootFixes(m, m.finalStage);
  console.log('fixes', performance.now() - t0);
  }
}, 120000);
