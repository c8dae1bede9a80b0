import { describe, expect, it } from 'vitest';
import pkg from '../../package.json';
import { EngineError } from '../docker';
import type { EngineErrorKind } from '../docker';
import { engineContextOf, otherSocketsFound, statusBarOf, treeMessageOf } from './engine-status';
import type { EngineContext } from './engine-status';
import { ENGINE } from './test-data';
import type { EngineState } from './watcher';

const candidates = [
  { host: 'unix:///var/run/docker.sock', label: 'Docker', exists: false },
  { host: 'unix:///run/user/1000/docker.sock', label: 'Docker (rootless)', exists: true },
];
const failed = (kind: EngineErrorKind, retrying = false): EngineState => ({
  kind: 'failed',
  error: new EngineError(kind, `${kind} happened\nAlso looked at: ...`, { candidates }),
  retrying,
  delayMs: 4000,
});

describe('engine state in words', () => {
  it.each([
    [{ kind: 'idle' } as EngineState, 'connecting'],
    [{ kind: 'connecting' } as EngineState, 'connecting'],
    [{ kind: 'connected', engine: ENGINE } as EngineState, 'connected'],
    [{ kind: 'reconnecting', error: new EngineError('not-running', 'gone'), attempt: 1, delayMs: 250 } as EngineState, 'reconnecting'],
    [failed('not-running'), 'not-running'],
    [failed('timeout'), 'not-running'],
    [failed('permission-denied'), 'permission-denied'],
    [failed('api-too-old'), 'api-too-old'],
    [failed('bad-host'), 'bad-host'],
    [failed('protocol'), 'error'],
    [failed('engine'), 'error'],
  ])('%j → %s', (state, ctx) => {
    expect(engineContextOf(state)).toBe(ctx);
  });

  it('every context value has welcome content in package.json', () => {
    const welcome = (pkg.contributes as { viewsWelcome: { view: string; when: string }[] }).viewsWelcome.filter((w) => w.view === 'containerLens.containers');
    const values: EngineContext[] = ['connecting', 'connected', 'reconnecting', 'not-running', 'permission-denied', 'api-too-old', 'bad-host', 'error'];
    for (const v of values) expect(welcome.some((w) => w.when.includes(`containerLens.engineState == ${v}`)), v).toBe(true);
  });

  it('a message above the tree only while reconnecting (it would hide the welcome buttons)', () => {
    expect(treeMessageOf({ kind: 'reconnecting', error: new EngineError('not-running', 'x'), attempt: 1, delayMs: 1 })).toMatch(/reconnecting/);
    expect(treeMessageOf(failed('not-running'))).toBeUndefined();
    expect(treeMessageOf({ kind: 'connected', engine: ENGINE })).toBeUndefined();
  });

  it('sockets found elsewhere while the engine was looked for at another place', () => {
    const at = (socket: string) =>
      ({ kind: 'failed', retrying: true, error: new EngineError('not-running', 'no socket', { socket, candidates }) }) as EngineState;
    expect(otherSocketsFound(at('unix:///x.sock')).map((c) => c.host)).toEqual(['unix:///run/user/1000/docker.sock']);
    expect(otherSocketsFound(at('unix:///run/user/1000/docker.sock'))).toEqual([]);
    expect(otherSocketsFound(failed('permission-denied'))).toEqual([]);
  });

  it('status bar: engine and version when connected, the problem otherwise', () => {
    expect(statusBarOf({ kind: 'connected', engine: { ...ENGINE, contextName: 'colima' } }, undefined)).toMatchObject({ text: '$(vm-running) colima · Docker 20.10.24', warning: false });
    expect(statusBarOf(failed('permission-denied'), 'unix:///var/run/docker.sock')).toMatchObject({ text: '$(vm-outline) Docker: permission denied', warning: true });
    expect(statusBarOf(failed('not-running'), undefined).warning).toBe(false);
  });
});
