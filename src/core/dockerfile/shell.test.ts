import { describe, expect, it } from 'vitest';
import { applyEdits } from '../text/range';
import { parseDockerfile } from './parse';
import {
  appendCommandEdit,
  hasOption,
  joinRunsEdit,
  parseJsonStrings,
  runCommands,
  runScripts,
  simpleCommands,
  subcommand,
} from './shell';

/** A ShellCommand over a plain string (offsets are positions on line 0). */
function plain(text: string) {
  return {
    text,
    rangeOf: (s: number, e: number) => ({ start: { line: 0, character: s }, end: { line: 0, character: e } }),
  };
}

const argvs = (text: string) => simpleCommands(plain(text)).map((c) => c.argv.join(' '));

/** argv of every command of the first RUN, and the text each program word covers. */
function run(text: string) {
  const m = parseDockerfile(text);
  const ins = m.instructions.find((i) => i.keyword === 'RUN');
  if (!ins) throw new Error('no RUN');
  const cmds = runCommands(m, ins);
  return { argv: cmds.map((c) => c.argv.join(' ')), program: cmds.map((c) => m.lines.slice(c.range(0))), cmds, m, ins };
}

describe('simpleCommands', () => {
  it.each([
    ['operators', 'a && b || c; d | e & f', ['a', 'b', 'c', 'd', 'e', 'f']],
    ['quotes are removed, words kept whole', `echo "a && b" 'c;d' e\\ f`, ['echo a && b c;d e f']],
    ['newlines separate commands', 'a x\nb y', ['a x', 'b y']],
    ['line continuation inside a script', 'a \\\n  x', ['a x']],
    ['comments are dropped', 'a # b && c\nd', ['a', 'd']],
    ['# inside a word is not a comment', 'echo a#b', ['echo a#b']],
    ['assignments and sudo/env wrappers are looked through', 'DEBIAN_FRONTEND=noninteractive sudo -E env A=1 apt-get install -y x', ['apt-get install -y x']],
    ['sudo -u takes a value', 'sudo -u app npm ci', ['npm ci']],
    ['xargs runs its program', 'cat p | xargs -n 1 apt-get install -y', ['cat p', 'apt-get install -y']],
    ['redirections are not arguments', 'curl -s x 2>/dev/null > out.txt 2>&1', ['curl -s x']],
    ['command substitution stays in its word', 'sh -c "$(curl -fsSL https://x | sh)"', ['sh -c $(curl -fsSL https://x | sh)']],
    ['process substitution stays in its word', 'bash <(curl -s https://x)', ['bash <(curl -s https://x)']],
    ['reserved words are not programs', 'if true; then apt-get update; fi', ['true', 'apt-get update']],
    ['subshells and groups', '( cd /x && make ) && { a; }', ['cd /x', 'make', 'a']],
    ['command -v is a lookup, not a wrapper', 'command -v curl', ['command -v curl']],
    ['an empty script', '', []],
    ['unterminated quote does not throw', 'echo "abc', ['echo abc']],
  ])('%s', (_name, text, expected) => {
    expect(argvs(text)).toEqual(expected);
  });

  it('numbers pipelines and records operators', () => {
    const cmds = simpleCommands(plain('curl x | tee f | sh && echo ok'));
    expect(cmds.map((c) => [c.name, c.pipeline, c.before, c.after])).toEqual([
      ['curl', 0, '', '|'],
      ['tee', 0, '|', '|'],
      ['sh', 0, '|', '&&'],
      ['echo', 1, '&&', ''],
    ]);
  });

  it('keeps wrappers and heredoc markers', () => {
    const [c] = simpleCommands(plain('sudo -E bash <<-"EOF"'));
    expect(c.wrappers.map((w) => w.value)).toEqual(['sudo', '-E']);
    expect(c.heredocs).toEqual(['EOF']);
    expect(c.name).toBe('bash');
  });

  it('finds subcommands and options', () => {
    const [c] = simpleCommands(plain('apt-get -o Dpkg::Options::=--force-confold -qy install --no-install-recommends x'));
    expect(subcommand(c, ['-o'])).toEqual({ index: 4, value: 'install' });
    expect(hasOption(c, '-y', '--yes')).toBe(true);
    expect(hasOption(c, '--no-install-recommends')).toBe(true);
    expect(hasOption(c, '--no-cache')).toBe(false);
  });
});

describe('runScripts', () => {
  it.each([
    ['shell form', 'FROM debian\nRUN apt-get update && apt-get install -y curl\n', ['apt-get update', 'apt-get install -y curl']],
    [
      'continuation with a comment line',
      'FROM debian\nRUN apt-get update \\\n  # the lists\n  && apt-get install -y curl\n',
      ['apt-get update', 'apt-get install -y curl'],
    ],
    ['CRLF', 'FROM debian\r\nRUN apt-get update && \\\r\n  apt-get install -y curl\r\n', ['apt-get update', 'apt-get install -y curl']],
    ['heredoc script', 'FROM debian\nRUN <<EOF\nset -e\napt-get update\nEOF\n', ['set -e', 'apt-get update']],
    ['heredoc fed to bash', 'FROM debian\nRUN <<-EOF bash -e\n\tapt-get update\nEOF\n', ['bash -e', 'apt-get update']],
    ['heredoc fed to python is not shell', 'FROM python\nRUN python3 <<EOF\nimport os\nos.system("x")\nEOF\n', ['python3']],
    ['heredoc with a python shebang is not shell', 'FROM python\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n', []],
    ['heredoc written to a file is data', 'FROM debian\nRUN cat > /x.sh <<EOF\nsudo rm -rf /\nEOF\n', ['cat']],
    [
      'two heredocs: a file and a script',
      'FROM debian\nRUN <<A cat > /f && <<B sh\nsudo x\nA\napt-get update\nB\n',
      ['cat', 'sh', 'apt-get update'],
    ],
    ['exec form with sh -c', 'FROM debian\nRUN ["/bin/sh", "-c", "apt-get update && apt-get install -y x"]\n', ['apt-get update', 'apt-get install -y x']],
    ['exec form with bash -o pipefail -c', 'FROM debian\nRUN ["bash", "-o", "pipefail", "-ec", "a | b"]\n', ['a', 'b']],
    ['exec form without a shell', 'FROM debian\nRUN ["apt-get", "install", "-y", "x"]\n', ['apt-get install -y x']],
    ['exec form with an escaped quote', 'FROM debian\nRUN ["sh", "-c", "echo \\"a b\\" && make"]\n', ['echo a b', 'make']],
    ['exec form running a script file', 'FROM debian\nRUN ["sh", "/build.sh"]\n', []],
    ['Windows base image', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN apt-get update\n', []],
    [
      'Windows escape with PowerShell',
      '# escape=`\nFROM golang:1.26-windowsservercore-ltsc2022\nRUN Invoke-WebRequest x ; `\n  Remove-Item y\n',
      [],
    ],
    ['SHELL powershell on Linux', 'FROM debian\nSHELL ["pwsh", "-Command"]\nRUN Get-Item x | sh\n', []],
    ['SHELL powershell inherited from a parent stage', 'FROM debian AS a\nSHELL ["pwsh", "-c"]\nFROM a\nRUN x | sh\n', []],
    ['SHELL bash keeps the analysis', 'FROM debian\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN a | b\n', ['a', 'b']],
  ])('%s', (_name, text, expected) => {
    const m = parseDockerfile(text);
    const ins = m.instructions.filter((i) => i.keyword === 'RUN').pop();
    if (!ins) throw new Error('no RUN');
    expect(runCommands(m, ins).map((c) => c.argv.join(' '))).toEqual(expected);
  });

  it('callers cannot corrupt what other rules see', () => {
    const m = parseDockerfile('FROM debian\nRUN a && b\n');
    runScripts(m, m.instructions[1]).pop();
    expect(runCommands(m, m.instructions[1]).map((c) => c.name)).toEqual(['a', 'b']);
  });

  it('ONBUILD triggers are not run in this build', () => {
    const m = parseDockerfile('FROM debian\nONBUILD RUN sudo apt-get update\n');
    expect(m.instructions.flatMap((i) => runCommands(m, i))).toEqual([]);
  });

  it.each([
    ['shell form', 'FROM debian\nRUN  apt-get   install -y x\n', 'apt-get'],
    ['continuation', 'FROM debian\nRUN a && \\\n  # c\n  apt-get install -y x\n', 'apt-get'],
    ['heredoc', 'FROM debian\nRUN <<EOF\n  apt-get install -y x\nEOF\n', 'apt-get'],
    ['exec -c', 'FROM debian\nRUN ["sh", "-c", "apt-get install -y x"]\n', 'apt-get'],
    ['exec -c with escapes before', 'FROM debian\nRUN ["sh", "-c", "echo \\"hi\\" && apt-get install -y x"]\n', 'apt-get'],
    ['exec', 'FROM debian\nRUN ["apt-get", "install"]\n', 'apt-get'],
  ])('ranges cover the word in the document: %s', (_name, text, program) => {
    const { cmds, m } = run(text);
    const c = cmds.find((x) => x.name === 'apt-get');
    if (!c) throw new Error('no apt-get');
    expect(m.lines.slice(c.range(0))).toBe(program);
    expect(m.lines.slice(c.range(1))).toBe('install');
  });
});

describe('appendCommandEdit', () => {
  it.each([
    ['one line', 'FROM debian\nRUN apt-get update && apt-get install -y x\n', 'FROM debian\nRUN apt-get update && apt-get install -y x && rm -rf /l\n'],
    [
      'operator-last style with semicolons',
      'FROM debian\nRUN set -eux; \\\n\tapt-get update; \\\n\tapt-get install -y x\n',
      'FROM debian\nRUN set -eux; \\\n\tapt-get update; \\\n\tapt-get install -y x; \\\n\trm -rf /l\n',
    ],
    [
      'operator-first style',
      'FROM debian\nRUN apt-get update \\\n    && apt-get install -y x\n',
      'FROM debian\nRUN apt-get update \\\n    && apt-get install -y x \\\n    && rm -rf /l\n',
    ],
    [
      'trailing shell comment stays last',
      'FROM debian\nRUN apt-get update && \\\n  apt-get install -y x # tools\n',
      'FROM debian\nRUN apt-get update && \\\n  apt-get install -y x && \\\n  rm -rf /l # tools\n',
    ],
    ['heredoc', 'FROM debian\nRUN <<-EOF\n\tapt-get update\n\tapt-get install -y x\nEOF\n', 'FROM debian\nRUN <<-EOF\n\tapt-get update\n\tapt-get install -y x\n\trm -rf /l\nEOF\n'],
    ['exec -c', 'FROM debian\nRUN ["sh", "-c", "apt-get install -y x"]\n', 'FROM debian\nRUN ["sh", "-c", "apt-get install -y x && rm -rf /l"]\n'],
    ['CRLF', 'FROM debian\r\nRUN a && \\\r\n  b\r\n', 'FROM debian\r\nRUN a && \\\r\n  b && \\\r\n  rm -rf /l\r\n'],
  ])('%s', (_name, text, expected) => {
    const m = parseDockerfile(text);
    const ins = m.instructions.find((i) => i.keyword === 'RUN');
    if (!ins) throw new Error('no RUN');
    const scripts = runScripts(m, ins);
    const edit = appendCommandEdit(m, scripts[scripts.length - 1], 'rm -rf /l');
    if (!edit) throw new Error('no edit');
    expect(applyEdits(text, [edit])).toBe(expected);
  });

  it('gives up on exec form without a shell', () => {
    const m = parseDockerfile('FROM debian\nRUN ["apt-get", "install", "x"]\n');
    const ins = m.instructions[1];
    expect(appendCommandEdit(m, runScripts(m, ins)[0], 'rm -rf /l')).toBeUndefined();
  });
});

describe('joinRunsEdit', () => {
  const join = (text: string) => {
    const m = parseDockerfile(text);
    const [a, b] = m.instructions.filter((i) => i.keyword === 'RUN');
    const e = joinRunsEdit(m, a, b);
    return e && applyEdits(text, [e]);
  };
  it('joins two adjacent RUNs', () => {
    expect(join('FROM debian\nRUN a\nRUN b\n')).toBe('FROM debian\nRUN a && \\\n    b\n');
  });
  it.each([
    ['a comment between', 'FROM debian\nRUN a\n# why\nRUN b\n'],
    ['different mounts', 'FROM debian\nRUN --mount=type=cache,target=/x a\nRUN b\n'],
    ['cd would leak', 'FROM debian\nRUN cd /x\nRUN b\n'],
    ['heredoc', 'FROM debian\nRUN <<EOF\na\nEOF\nRUN b\n'],
  ])('does not join with %s', (_name, text) => {
    expect(join(text)).toBeUndefined();
  });
});

describe('parseJsonStrings', () => {
  it('maps decoded characters back to the raw text', () => {
    const raw = '["a\\"b", "c"]';
    const els = parseJsonStrings(raw);
    expect(els?.map((e) => e.value)).toEqual(['a"b', 'c']);
    expect(raw.slice(els?.[0].map[2], els?.[0].map[3])).toBe('b');
  });
  it.each([['not json'], ['["a", 1]'], ['["a"'], ["['a']"]])('rejects %s', (raw) => {
    expect(parseJsonStrings(raw)).toBeUndefined();
  });
});
