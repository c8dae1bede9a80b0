import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../parse';
import { covered, findings, fixed } from './testing';

const ID = 'ssh-port-exposed';

describe(ID, () => {
  it.each([
    ['EXPOSE 22', 'FROM debian:12\nEXPOSE 22\n', ['22']],
    ['22/tcp among others', 'FROM debian:12\nEXPOSE 80 22/tcp 443\n', ['22/tcp']],
    ['upper-case protocol', 'FROM debian:12\nEXPOSE 22/TCP\n', ['22/TCP']],
    ['a range with 22', 'FROM debian:12\nEXPOSE 20-30\n', ['20-30']],
    ['in a build stage too', 'FROM debian:12 AS a\nEXPOSE 22\nFROM debian:12\n', ['22']],
    ['CRLF', 'FROM debian:12\r\nEXPOSE 22\r\n', ['22']],
    ['Windows image too', '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nEXPOSE 22\n', ['22']],
    ['2222', 'FROM debian:12\nEXPOSE 2222 8022\n', []],
    ['22/udp is not SSH', 'FROM debian:12\nEXPOSE 22/udp\n', []],
    ['range without 22', 'FROM debian:12\nEXPOSE 8000-8100\n', []],
    ['variable', 'FROM debian:12\nARG P=22\nEXPOSE $P\n', []],
    ['ONBUILD', 'FROM debian:12\nONBUILD EXPOSE 22\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('says range', () => {
    expect(findings('FROM debian:12\nEXPOSE 1-1024\n', ID)[0].message).toContain('includes 22');
  });

  it.each([
    ['only port', 'FROM debian:12\nEXPOSE 22\nCMD ["x"]\n', 'FROM debian:12\nCMD ["x"]\n'],
    ['one of several', 'FROM debian:12\nEXPOSE 22 80\n', 'FROM debian:12\nEXPOSE 80\n'],
  ])('the fix removes the port: %s', (_name, text, expected) => {
    const out = fixed(text, ID);
    expect(out).toBe(expected);
    expect(covered(out, ID)).toEqual([]);
    expect(parseDockerfile(out).instructions.length).toBeGreaterThan(0);
  });
});
