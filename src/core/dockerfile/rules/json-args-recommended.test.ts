import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../parse';
import { plainWords } from './json-args-recommended';
import { covered, findings, fixed } from './testing';

const ID = 'json-args-recommended';

describe(ID, () => {
  it.each([
    ['exec form', 'FROM a:1\nCMD ["node", "server.js"]\nENTRYPOINT ["tini", "--"]\n', []],
    ['shell-form CMD', 'FROM a:1\nCMD node server.js\n', ['node server.js']],
    ['shell-form ENTRYPOINT', 'FROM a:1\nENTRYPOINT /usr/bin/app --serve\n', ['/usr/bin/app --serve']],
    ['single quotes are not JSON', "FROM a:1\nCMD ['node', 'server.js']\n", ["['node', 'server.js']"]],
    ['SHELL set before', 'FROM a:1\nSHELL ["/bin/bash", "-c"]\nCMD node server.js\n', []],
    ['SHELL set in the parent stage', 'FROM a:1 AS base\nSHELL ["/bin/bash", "-c"]\nFROM base\nCMD node server.js\n', []],
    ['SHELL set only after', 'FROM a:1\nCMD node server.js\nSHELL ["/bin/bash", "-c"]\n', ['node server.js']],
    ['exec replaces the shell', 'FROM a:1\nCMD exec node server.js\n', []],
    ['Windows image', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD powershell -File run.ps1\n', []],
    ['backtick escape (Windows)', '# escape=`\nFROM example.com/x:1\nCMD run.exe\n', []],
    ['ONBUILD CMD is not executed here', 'FROM a:1\nONBUILD CMD node x\n', []],
    ['HEALTHCHECK CMD is another matter', 'FROM a:1\nHEALTHCHECK CMD curl -f http://localhost/\n', []],
    ['empty CMD', 'FROM a:1\nCMD\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it.each([
    ['FROM a:1\nENTRYPOINT URL=http://x:1 /usr/bin/node main.js\n', '`/usr/bin/node`'],
    ['FROM a:1\nCMD "/usr/bin/run.sh"\n', '`/usr/bin/run.sh`'],
  ])('names the program that misses the signal: %j', (text, program) => {
    expect(findings(text, ID)[0].message).toContain(`SIGTERM on to ${program}`);
  });

  it('explains the signal problem', () => {
    const [f] = findings('FROM a:1\nCMD node server.js\n', ID);
    expect(f.message).toContain('PID 1');
    expect(f.message).toContain('`node`');
  });

  it.each([
    ['FROM a:1\nCMD node server.js\n', 'FROM a:1\nCMD ["node", "server.js"]\n'],
    ['FROM a:1\nCMD app --name="my app" --port=80\n', 'FROM a:1\nCMD ["app", "--name=my app", "--port=80"]\n'],
    ["FROM a:1\nCMD ['node', 'server.js']\n", 'FROM a:1\nCMD ["node", "server.js"]\n'],
    ['FROM a:1\nENTRYPOINT /app \\\n  --serve\n', 'FROM a:1\nENTRYPOINT ["/app", "--serve"]\n'],
  ])('the fix converts to the exec form (%#)', (text, want) => {
    const out = fixed(text, ID);
    expect(out).toBe(want);
    expect(covered(out, ID)).toEqual([]);
    expect(parseDockerfile(out).stages[0].instructions[0].jsonForm).toBe(true);
  });

  it.each([
    'FROM a:1\nCMD node $APP\n',
    'FROM a:1\nCMD a && b\n',
    'FROM a:1\nCMD a | b\n',
    'FROM a:1\nCMD a > log\n',
    'FROM a:1\nCMD ls *.txt\n',
    'FROM a:1\nCMD echo "$HOME"\n',
    'FROM a:1\nCMD PORT=80 node x\n',
    'FROM a:1\nCMD ["a", \'b\']\n',
  ])('no fix when the command needs a shell: %j', (text) => {
    const f = findings(text, ID);
    expect(f).toHaveLength(1);
    expect(f[0].fixes).toEqual([]);
  });

  it('no fix for an ENTRYPOINT when the stage has a CMD (it would start receiving it)', () => {
    const [f] = findings('FROM a:1\nENTRYPOINT /app\nCMD ["--help"]\n', ID);
    expect(f.fixes).toEqual([]);
  });

  it.each([
    ['a b', ['a', 'b']],
    ["a 'b c'", ['a', 'b c']],
    ['a "b"c', ['a', 'bc']],
    ['a;b', undefined],
    ['~/bin/x', undefined],
    ['a\\ b', undefined],
  ])('plainWords(%j)', (text, want) => {
    expect(plainWords(text)).toEqual(want);
  });
});
