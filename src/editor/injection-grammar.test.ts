import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The injection grammar's regexes, run with JavaScript's engine (they use no Oniguruma-only syntax
 * apart from a leading `(?i)`). The full tokenisation was checked once against vscode-textmate with the
 * built-in Dockerfile grammar; this keeps the patterns from drifting.
 */
const grammar = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'syntaxes', 'container-lens-pragmas.injection.tmLanguage.json'), 'utf8'),
);

function rx(source: string): RegExp {
  const ci = source.startsWith('(?i)');
  return new RegExp(ci ? source.slice(4) : source, ci ? 'i' : '');
}

const begin = (name: string) => rx(grammar.repository[name].begin ?? grammar.repository[name].match);

describe('pragma injection grammar', () => {
  it('injects into Dockerfiles with left priority', () => {
    expect(grammar.injectionSelector).toBe('L:source.dockerfile');
    expect(grammar.scopeName).toBe('container-lens.pragmas.injection');
  });

  it.each([
    ['container-lens-ignore', '# container-lens-ignore=final-stage-runs-as-root', ['', '#', 'container-lens-ignore', '=']],
    ['container-lens-ignore', '  #Container-Lens-Ignore: a,b', ['  ', '#', 'Container-Lens-Ignore', ':']],
    ['hadolint-ignore', '# hadolint ignore=DL3008,SC2086', ['', '#', 'hadolint', 'ignore', '=']],
    ['check-directive', '# check=skip=JSONArgsRecommended;error=true', ['', '#', 'check', '=']],
    ['syntax-directive', '# syntax=docker/dockerfile:1', ['', '#', 'syntax', '=', 'docker/dockerfile:1']],
    ['escape-directive', '# escape=`', ['', '#', 'escape', '=', '`']],
  ])('%s matches %j', (name, line, groups) => {
    const m = begin(name).exec(line);
    expect(m).not.toBeNull();
    expect(m!.slice(1, groups.length + 1)).toEqual(groups);
  });

  it.each([
    ['container-lens-ignore', '# container lens ignore=x'],
    ['hadolint-ignore', '# hadolint: this is fine'],
    ['check-directive', '# checkout the repo'],
    ['syntax-directive', 'RUN echo # syntax=x'],
    ['escape-directive', '# escape=ab'],
  ])('%s leaves %j alone', (name, line) => {
    expect(begin(name).exec(line)).toBeNull();
  });

  it('scopes peer ids apart from our ids', () => {
    const [peer, own] = grammar.repository['rule-id-list'].patterns;
    expect(rx(peer.match).exec('DL3002')?.[0]).toBe('DL3002');
    expect(rx(own.match).exec('final-stage-runs-as-root,x')?.[0]).toBe('final-stage-runs-as-root');
    expect(peer.name).not.toBe(own.name);
  });
});
