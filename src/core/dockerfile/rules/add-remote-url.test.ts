import { describe, expect, it } from 'vitest';
import { covered, findings } from './testing';

const ID = 'add-remote-url';

describe(ID, () => {
  it.each([
    ['https', 'FROM debian:12\nADD https://example.com/tool.tar.gz /opt/\n', ['https://example.com/tool.tar.gz']],
    ['with other flags', 'FROM debian:12\nADD --chmod=755 http://example.com/x.sh /usr/local/bin/x\n', ['http://example.com/x.sh']],
    ['JSON form', 'FROM debian:12\nADD ["https://example.com/a", "/a"]\n', ['https://example.com/a']],
    ['git branch', 'FROM debian:12\nADD https://github.com/moby/buildkit.git#v0.10.1 /src\n', ['https://github.com/moby/buildkit.git#v0.10.1']],
    ['git without ref', 'FROM debian:12\nADD git@github.com:o/r.git /src\n', ['git@github.com:o/r.git']],
    ['CRLF', 'FROM debian:12\r\nADD https://x.io/f /f\r\n', ['https://x.io/f']],
    ['Windows images fetch the same way', '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nADD https://x.io/setup.exe C:/setup.exe\n', ['https://x.io/setup.exe']],
    ['checksum', 'FROM debian:12\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/x /x\n', []],
    ['git commit', 'FROM debian:12\nADD https://github.com/o/r.git#782f5cd38dc0a8a4ef5cc1c1d5b0dd8f1ff7b5b1 /src\n', []],
    ['git commit with subdir', 'FROM debian:12\nADD https://github.com/o/r.git#782f5cd38dc0a8a4ef5cc1c1d5b0dd8f1ff7b5b1:docs /docs\n', []],
    ['git ref from a tag argument', 'ARG V=v1.2.3\nFROM debian:12\nARG V\nADD https://github.com/o/r.git#$V /src\n', ['https://github.com/o/r.git#$V']],
    ['git ref from a commit argument', 'FROM debian:12\nARG C=782f5cd38dc0a8a4ef5cc1c1d5b0dd8f1ff7b5b1\nADD https://github.com/o/r.git#${C} /src\n', []],
    ['local file', 'FROM debian:12\nADD app.tar.gz /\n', []],
    ['COPY of a URL-looking name', 'FROM debian:12\nCOPY https.txt /x\n', []],
    ['ONBUILD', 'FROM debian:12\nONBUILD ADD https://x.io/f /f\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('shows the ref a build argument gives', () => {
    expect(findings('ARG V=v1.2.3\nFROM debian:12\nARG V\nADD https://github.com/o/r.git#$V /s\n', ID)[0].message).toContain('`v1.2.3` (from `$V`)');
  });

  it('names the ref', () => {
    expect(findings('FROM debian:12\nADD https://github.com/o/r.git#main /src\n', ID)[0].message).toContain('`main`');
  });
});
