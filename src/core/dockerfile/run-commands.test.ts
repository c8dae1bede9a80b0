import { describe, expect, it } from 'vitest';
import { parseDockerfile } from './parse';
import { parseRunScript, programName, runScriptOf } from './run-commands';

const names = (text: string) => parseRunScript(text).commands.map((c) => c.words.map((w) => w.value).join(' '));

describe('parseRunScript', () => {
  it.each([
    ['apt-get update && apt-get install -y curl', ['apt-get update', 'apt-get install -y curl']],
    ['DEBIAN_FRONTEND=noninteractive sudo -E apt-get install x', ['apt-get install x']],
    ['echo "a && b" | tee f', ['echo a && b', 'tee f']],
    ["echo 'it''s'; ls", ['echo its', 'ls']],
    ['(cd /x && make) || true', ['cd /x', 'make', 'true']],
    ['if [ -f a ]; then rm a; fi', ['[ -f a ]', 'rm a']],
    ['curl -o /tmp/x https://e.com/x 2>&1 >/dev/null', ['curl -o /tmp/x https://e.com/x']],
    ['apk add --no-cache a \\\n  b # comment\nls', ['apk add --no-cache a b', 'ls']],
    ['echo $(date | cut -c1) done', ['echo $(date | cut -c1) done']],
    ['for p in a b; do pip install $p; done', ['pip install $p']],
    ['x=1 y=2', []],
    ['case "$a" in amd64|arm64) x=1 ;; i386|*) echo no | tee f ;; esac; ls', ['echo no', 'tee f', 'ls']],
    ['case $a in (a) b ;; esac', ['b']],
    ['cat <<EOF > /etc/x\ncd /foo | bar\nEOF\nls', ['cat', 'ls']],
    ['grep -q x <<< "$v"\nls', ['grep -q x', 'ls']],
    ["cat <<-'END' | sh\n\tnot a command\n\tEND\npwd", ['cat', 'sh', 'pwd']],
    // a no-break space (pasted from a web page) separates words instead of stopping the reader for good
    ['apt-get install\u00a0curl \u2003 ; ls\u000b-l', ['apt-get install curl', 'ls -l']],
  ])('%j', (text, want) => {
    expect(names(text)).toEqual(want);
  });

  it('finds pipes but not ||', () => {
    const s = parseRunScript('curl -s x | sh || echo failed');
    expect(s.pipes).toHaveLength(1);
    expect(programName(s.pipes[0].left)).toBe('curl');
    expect(programName(s.pipes[0].right!)).toBe('sh');
  });

  it('case patterns are not pipes', () => {
    const s = parseRunScript('case "$arch" in arm64|ppc64el) x ;; *) curl u | sh ;; esac');
    expect(s.pipes.map((p) => programName(p.left))).toEqual(['curl']);
  });

  it('tracks subshell depth and offsets', () => {
    const text = 'make && (cd sub && make)';
    const s = parseRunScript(text);
    expect(s.commands.map((c) => c.depth)).toEqual([0, 1, 1]);
    const cd = s.commands[1];
    expect(text.slice(cd.start, cd.end)).toBe('cd sub');
  });

  it('marks words decided at run time', () => {
    const [cmd] = parseRunScript('pip install "$PKG" req*.whl plain').commands;
    expect(cmd.words.map((w) => w.dynamic)).toEqual([false, false, true, true, false]);
  });

  it('never throws on odd input', () => {
    for (const t of ['"', "'", '$(', '((', ')))', '|', '&&&', '\\', '`', '${', '<<', '>']) expect(() => parseRunScript(t)).not.toThrow();
  });
});

describe('runScriptOf', () => {
  const script = (text: string) => {
    const m = parseDockerfile(text);
    const r = runScriptOf(m, m.stages[0].instructions[0]);
    return r ? r.script.commands.map((c) => c.words.map((w) => w.value).join(' ')) : undefined;
  };
  it.each([
    ['FROM a\nRUN apt-get install -y x | tee log\n', ['apt-get install -y x', 'tee log']],
    ['FROM a\nRUN --mount=type=cache,target=/root/.cache pip install x\n', ['pip install x']],
    ['FROM a\nRUN <<EOF\nset -e\ncd /x\nEOF\n', ['set -e', 'cd /x']],
    ['FROM a\nRUN cat <<EOF > /etc/x.conf\ncd /foo | bar\nEOF\n', ['cat']],
    ['FROM a\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n', undefined],
    ['FROM a\nRUN ["apt-get", "install", "x"]\n', undefined],
  ])('%j', (text, want) => {
    expect(script(text)).toEqual(want);
  });

  it('maps offsets back to the document', () => {
    const text = 'FROM a\nRUN apt-get update && \\\n    apt-get install -y curl\n';
    const m = parseDockerfile(text);
    const r = runScriptOf(m, m.stages[0].instructions[0])!;
    const curl = r.script.commands[1].words[3];
    expect(m.lines.slice(r.rangeOf(curl.start, curl.end))).toBe('curl');
  });
});
