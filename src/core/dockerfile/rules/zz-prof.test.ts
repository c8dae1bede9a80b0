import { readdirSync, readFileSync } from 'node:fs';
import { it } from 'vitest';
import { parseDockerfile } from '../parse';
import { DOCKERFILE_RULES } from './index';
it('prof', () => {
  const DIR = '/work/shared/corpus/dockerfiles';
  const t: Record<string, number> = {};
  let parse = 0;
  const big: [number, string][] = [];
  for (const f of readdirSync(DIR).sort()) {
    const text = readFileSync(`${DIR}/${f}`, 'utf8');
    let s = performance.now();
    const m = parseDockerfile(text);
    parse += performance.now() - s;
    const s0 = performance.now();
    for (const r of DOCKERFILE_RULES) {
      s = performance.now();
      try { r.check(m, () => {}); } catch {}
      t[r.id] = (t[r.id] ?? 0) + performance.now() - s;
    }
    big.push([performance.now() - s0, f]);
  }
  console.log('parse', parse.toFixed(0));
  console.log(Object.entries(t).sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${k} ${v.toFixed(0)}`).join('\n'));
  console.log(big.sort((a,b)=>b[0]-a[0]).slice(0,5).map(([v,f])=>`${v.toFixed(0)} ${f}`).join('\n'));
}, 120000);
