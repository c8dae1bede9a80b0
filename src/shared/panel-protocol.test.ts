import { describe, expect, it } from 'vitest';
import { analyze } from '../core/analyze';
import { parseCompose } from '../core/compose/parse';
import { profileFromCompose } from '../core/isolation/profile';
import { ISOLATION_LEVELS } from '../core/isolation/spectrum';
import { measuredView as buildMeasured } from '../core/panel/measured';
import { buildPanelModel } from '../core/panel/model';
import { composeScope } from '../core/panel/scope';
import { check, hostMessage, panelModel, panelState, webviewMessage } from './panel-protocol';

const text = 'services:\n  web:\n    image: nginx:1.27\n    network_mode: host\n';
const model = parseCompose(text, 'compose.yaml');
const m = buildPanelModel({
  profile: profileFromCompose(model.services[0]),
  source: { uri: 'file:///w/compose.yaml', version: 2, file: 'compose.yaml', findings: analyze(text, 'compose.yaml').findings, scope: composeScope(model, 0)! },
  measured: buildMeasured({ engine: 'e', image: 'i', at: 't', local: false }),
});

describe('panel protocol', () => {
  it('a real model passes, through JSON as postMessage carries it', () => {
    expect(check(panelModel, JSON.parse(JSON.stringify(m)))).toEqual({ ok: true, value: expect.anything() });
    expect(check(hostMessage, { type: 'model', model: m, target: { kind: 'file', uri: 'file:///w/compose.yaml', index: 0, name: 'web' }, following: true }).ok).toBe(true);
  });

  it('knows the same levels as the spectrum', () => {
    for (const level of ISOLATION_LEVELS) expect(check(panelModel, { ...m, level }).ok).toBe(true);
    expect(check(panelModel, { ...m, level: 'bare-metal' })).toEqual({ ok: false, error: expect.stringMatching(/^message\.level: expected one of/) });
  });

  it.each([
    ['not an object', 'model'],
    ['no type', {}],
    ['unknown type', { type: 'eval', code: 'alert(1)' }],
    ['apply without a fix', { type: 'apply', actionId: 'a0' }],
    ['a fix with a negative version', { type: 'apply', actionId: 'a0', fix: { uri: 'u', version: -1, ruleId: 'r', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, fixIndex: 0, title: 't', needsInput: false } }],
    ['reveal with a fractional line', { type: 'reveal', line: 1.5 }],
    ['a huge string', { type: 'error', text: 'x'.repeat(30_000) }],
  ])('webview → host: %s is refused', (_name, msg) => {
    const r = check(webviewMessage, msg);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^message/);
  });

  it.each([
    [{ type: 'ready' }],
    [{ type: 'measure' }],
    [{ type: 'open-text' }],
    [{ type: 'reveal' }],
    [{ type: 'reveal', line: 4 }],
    [{ type: 'copy-run-option', actionId: 'a1' }],
    [{ type: 'apply', actionId: 'a0', fix: m.nextStep!.actions[0].fixes[0] }],
  ])('webview → host: %j passes', (msg) => {
    expect(check(webviewMessage, msg).ok).toBe(true);
  });

  it('host → webview: a model with a wrong nested field is refused with its path', () => {
    const bad = JSON.parse(JSON.stringify(m));
    bad.nextStep.actions[0].fixes[0].range.start.line = 'two';
    const r = check(hostMessage, { type: 'model', model: bad, target: { kind: 'container', id: 'c', name: 'web' }, following: false });
    expect(r).toEqual({ ok: false, error: 'message.model.nextStep.actions[0].fixes[0].range.start.line: expected an integer ≥ 0' });
    expect(check(hostMessage, { type: 'applied', actionId: 'a0', ok: 'yes', message: '' }).ok).toBe(false);
  });

  it('state: a target of either kind, or nothing', () => {
    expect(check(panelState, {}).ok).toBe(true);
    expect(check(panelState, { target: { kind: 'file', uri: 'file:///x', index: 0, name: 'web' }, model: m }).ok).toBe(true);
    expect(check(panelState, { target: { kind: 'container', id: 'abc', name: 'web' } }).ok).toBe(true);
    expect(check(panelState, { target: { kind: 'url', href: 'https://example.com' } }).ok).toBe(false);
  });
});
