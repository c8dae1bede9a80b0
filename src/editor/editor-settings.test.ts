import { describe, expect, it } from 'vitest';
import { DEFAULT_DEBOUNCE_MS, MAX_DEBOUNCE_MS, readEditorSettings } from './editor-settings';

const from = (o: Record<string, unknown>) => (key: string) => o[key];

describe('readEditorSettings', () => {
  it('defaults', () => {
    expect(readEditorSettings(from({}))).toEqual({ enable: true, debounceMs: DEFAULT_DEBOUNCE_MS, analyze: {} });
  });

  it.each([
    [{ enable: false }, { enable: false }],
    [{ enable: 'no' }, { enable: true }],
    [{ 'lint.debounceMs': 0 }, { debounceMs: 0 }],
    [{ 'lint.debounceMs': 99.6 }, { debounceMs: 100 }],
    [{ 'lint.debounceMs': -5 }, { debounceMs: 0 }],
    [{ 'lint.debounceMs': 1e9 }, { debounceMs: MAX_DEBOUNCE_MS }],
    [{ 'lint.debounceMs': 'fast' }, { debounceMs: DEFAULT_DEBOUNCE_MS }],
  ])('%j', (input, expected) => {
    expect(readEditorSettings(from(input))).toMatchObject(expected);
  });

  it('reads the minimum severity and per-rule severities, ignoring invalid entries', () => {
    const problems: string[] = [];
    const s = readEditorSettings(
      from({
        'lint.minimumSeverity': 'warning',
        rules: { 'final-stage-runs-as-root': 'error', 'base-image-latest': 'off', a: 'Information', b: 'warn', c: 'loud', d: false },
      }),
      problems,
    );
    expect(s.analyze).toEqual({
      minimumSeverity: 'warning',
      rules: { 'final-stage-runs-as-root': 'error', 'base-image-latest': 'off', a: 'info', b: 'warning', d: 'off' },
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/containerLens\.rules\.c/);
  });

  it('reports a minimum severity that is not one', () => {
    const problems: string[] = [];
    expect(readEditorSettings(from({ 'lint.minimumSeverity': 'off' }), problems).analyze).toEqual({});
    expect(readEditorSettings(from({ 'lint.minimumSeverity': 'bad', rules: [] }), problems).analyze).toEqual({});
    expect(problems).toHaveLength(3);
  });
});
