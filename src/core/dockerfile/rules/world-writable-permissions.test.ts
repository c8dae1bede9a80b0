import { describe, expect, it } from 'vitest';
import { covered, findings, fixed } from './testing';
import { worldWritable } from './world-writable-permissions';

const ID = 'world-writable-permissions';

describe(ID, () => {
  it.each([
    ['chmod 777', 'FROM debian:12\nRUN chmod 777 /app\n', ['777']],
    ['chmod -R 0777', 'FROM debian:12\nRUN mkdir /data && chmod -R 0777 /data\n', ['0777']],
    ['666 on a file', 'FROM debian:12\nRUN chmod 666 /etc/app.conf\n', ['666']],
    ['symbolic o+w', 'FROM debian:12\nRUN chmod -R o+w /srv\n', ['o+w']],
    ['symbolic a+rwx', 'FROM debian:12\nRUN chmod a+rwx /srv\n', ['a+rwx']],
    ['symbolic list', 'FROM debian:12\nRUN chmod u+x,o=rw /srv/x\n', ['u+x,o=rw']],
    ['COPY --chmod', 'FROM debian:12\nCOPY --chmod=777 app /app\n', ['777']],
    ['ADD --chmod', 'FROM debian:12\nADD --chmod=0666 a.conf /etc/\n', ['0666']],
    ['heredoc script', 'FROM debian:12\nRUN <<EOF\nchmod 777 /app\nEOF\n', ['777']],
    ['continuation with a comment', 'FROM debian:12\nRUN mkdir /a && \\\n  # open it\n  chmod 777 /a\n', ['777']],
    ['CRLF', 'FROM debian:12\r\nRUN chmod 777 /a\r\n', ['777']],
    ['exec form', 'FROM debian:12\nRUN ["chmod", "777", "/a"]\n', ['777']],
    ['sticky scratch directory', 'FROM golang:1.26\nRUN mkdir -p "$GOPATH/src" && chmod -R 1777 "$GOPATH"\n', []],
    ['+t with w', 'FROM debian:12\nRUN chmod a+rwxt /scratch\n', []],
    ['755', 'FROM debian:12\nRUN chmod 755 /app\n', []],
    ['a scratch directory deleted in the same RUN', 'FROM debian:12\nRUN d="$(mktemp -d)" && chmod 777 "$d" && make -C "$d" && rm -rf "$d"\n', []],
    ['deleted in a later RUN still ships', 'FROM debian:12\nRUN chmod 777 /x\nRUN rm -rf /x\n', ['777']],
    ['775 (group only)', 'FROM debian:12\nRUN chmod -R 775 /app\n', []],
    ['+x', 'FROM debian:12\nRUN chmod +x /entrypoint.sh\n', []],
    ['u+w', 'FROM debian:12\nRUN chmod u+w /app\n', []],
    ['removing write', 'FROM debian:12\nRUN chmod o-w /app\n', []],
    ['mode from a variable', 'FROM debian:12\nARG MODE=777\nRUN chmod $MODE /app\n', []],
    ['COPY --chmod=755', 'FROM debian:12\nCOPY --chmod=755 app /app\n', []],
    ['COPY heredoc body', 'FROM debian:12\nCOPY <<EOF /x.sh\nchmod 777 /\nEOF\n', []],
    ['ONBUILD trigger', 'FROM debian:12\nONBUILD RUN chmod 777 /app\n', []],
    ['echo of the words', 'FROM debian:12\nRUN echo chmod 777 /app\n', []],
    ['Windows', '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN chmod 777 x\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('names the target and says recursive', () => {
    expect(findings('FROM debian:12\nRUN chmod -R 777 /data\n', ID)[0].message).toContain('`/data` and everything below it');
  });

  it.each([
    ['RUN', 'FROM debian:12\nRUN chmod -R 777 /data\n', 'FROM debian:12\nRUN chmod -R 775 /data\n'],
    ['leading zero', 'FROM debian:12\nRUN chmod 0666 /f\n', 'FROM debian:12\nRUN chmod 0664 /f\n'],
    ['COPY', 'FROM debian:12\nCOPY --chmod=777 a /a\n', 'FROM debian:12\nCOPY --chmod=775 a /a\n'],
  ])('the fix drops the write bit for others: %s', (_name, text, expected) => {
    const out = fixed(text, ID);
    expect(out).toBe(expected);
    expect(covered(out, ID)).toEqual([]);
  });

  it.each([
    ['777', true],
    ['0757', true],
    ['1777', false],
    ['2777', true],
    ['go+w', true],
    ['+w', false],
    ['a=r', false],
    ['nonsense', false],
  ])('worldWritable(%s) = %s', (mode, expected) => {
    expect(worldWritable(mode)).toBe(expected);
  });
});
