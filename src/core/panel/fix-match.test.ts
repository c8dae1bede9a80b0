import { describe, expect, it } from 'vitest';
import { COMPOSE_RULES } from '../compose/rules';
import { DOCKERFILE_RULES } from '../dockerfile/rules';
import { ADVICE } from '../isolation/advice';
import { KUBERNETES_RULES } from '../kubernetes/rules';
import { ADVICE_RULES, FIELD_RULES, inScope } from './fix-match';
import type { Finding } from '../findings';

const ALL = new Set([...COMPOSE_RULES, ...KUBERNETES_RULES, ...DOCKERFILE_RULES].map((r) => r.id));

/** Isolation rules whose fix is not a step on the spectrum (ports, sysctls, build-time settings). */
const NOT_A_STEP = new Set(['compose-build-privileged', 'compose-unsafe-sysctls', 'k8s-unsafe-sysctls']);

describe('the advice → rule table', () => {
  it('names only rules that exist', () => {
    const named = [...Object.values(ADVICE_RULES), ...Object.values(FIELD_RULES)].flat();
    expect(named.filter((id) => !ALL.has(id!))).toEqual([]);
  });

  it('names only advice that exists, for the field the advice is about', () => {
    for (const id of Object.keys(ADVICE_RULES)) expect(ADVICE).toHaveProperty(id);
  });

  it('covers every compose and Kubernetes isolation rule', () => {
    const mapped = new Set(Object.values(FIELD_RULES).flat());
    const missing = [...COMPOSE_RULES, ...KUBERNETES_RULES]
      .filter((r) => r.category === 'isolation' && !mapped.has(r.id) && !NOT_A_STEP.has(r.id))
      .map((r) => r.id);
    expect(missing).toEqual([]);
  });
});

describe('inScope', () => {
  const f = (line: number) => ({ range: { start: { line, character: 2 }, end: { line, character: 9 } } }) as Finding;
  const r = (a: number, b: number) => ({ start: { line: a, character: 0 }, end: { line: b, character: 0 } });
  it('inside within and outside exclude', () => {
    const scope = { within: [r(2, 10)], exclude: [r(5, 7)] };
    expect([1, 2, 4, 6, 8, 11].map((l) => inScope(f(l), scope))).toEqual([false, true, true, false, true, false]);
  });
});
