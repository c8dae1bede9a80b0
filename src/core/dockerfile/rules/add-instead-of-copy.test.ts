import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../parse';
import { covered, fixed } from './testing';

const ID = 'add-instead-of-copy';

describe(ID, () => {
  it.each([
    ['a directory', 'FROM debian:12\nADD . /app\n', ['ADD']],
    ['files with flags', 'FROM debian:12\nADD --chown=app:app --chmod=644 a.conf b.conf /etc/app/\n', ['ADD']],
    ['JSON form', 'FROM debian:12\nADD ["my file.txt", "/x/"]\n', ['ADD']],
    ['heredoc', 'FROM debian:12\nADD <<EOF /etc/motd\nhello\nEOF\n', ['ADD']],
    ['lower case', 'FROM debian:12\nadd app /app\n', ['add']],
    ['CRLF', 'FROM debian:12\r\nADD app /app\r\n', ['ADD']],
    ['continuation', 'FROM debian:12\nADD --chown=1:1 \\\n  app /app\n', ['ADD']],
    ['an archive to unpack', 'FROM debian:12\nADD rootfs.tar.xz /\n', []],
    ['.tgz', 'FROM debian:12\nADD dist.tgz /opt/\n', []],
    ['a URL', 'FROM debian:12\nADD https://example.com/x.sh /x.sh\n', []],
    ['a git repository', 'FROM debian:12\nADD git@github.com:o/r.git /src\n', []],
    ['a variable', 'FROM debian:12\nARG F\nADD ${F} /x\n', []],
    ['--checksum is ADD-only', 'FROM debian:12\nADD --checksum=sha256:abc https://x/y /y\n', []],
    ['COPY', 'FROM debian:12\nCOPY . /app\n', []],
    ['ONBUILD', 'FROM debian:12\nONBUILD ADD . /app\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it.each([
    ['flags kept', 'FROM debian:12\nADD --chown=1:1 . /app\n', 'FROM debian:12\nCOPY --chown=1:1 . /app\n'],
    ['case kept', 'from debian:12\nadd . /app\n', 'from debian:12\ncopy . /app\n'],
    ['heredoc', 'FROM debian:12\nADD <<EOF /m\nhi\nEOF\n', 'FROM debian:12\nCOPY <<EOF /m\nhi\nEOF\n'],
  ])('the fix uses COPY: %s', (_name, text, expected) => {
    const out = fixed(text, ID);
    expect(out).toBe(expected);
    expect(covered(out, ID)).toEqual([]);
    expect(parseDockerfile(out).instructions[1].keyword).toBe('COPY');
  });
});
