import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../parse';
import { covered, fixed } from './testing';

const ID = 'run-security-insecure';

describe(ID, () => {
  it.each([
    ['the flag', 'FROM debian:12\nRUN --security=insecure mount -t tmpfs none /mnt\n', ['--security=insecure']],
    ['any case of the value', 'FROM debian:12\nRUN --security=INSECURE make\n', ['--security=INSECURE']],
    ['with other flags and a heredoc', 'FROM debian:12\nRUN --mount=type=cache,target=/c --security=insecure <<EOF\nmake\nEOF\n', ['--security=insecure']],
    ['exec form', 'FROM debian:12\nRUN --security=insecure ["make"]\n', ['--security=insecure']],
    ['sandbox is the default', 'FROM debian:12\nRUN --security=sandbox make\n', []],
    ['no flag', 'FROM debian:12\nRUN make --security=insecure\n', []],
    ['ONBUILD trigger runs in another build', 'FROM debian:12\nONBUILD RUN --security=insecure make\n', []],
    ['CRLF', 'FROM debian:12\r\nRUN --security=insecure \\\r\n  make\r\n', ['--security=insecure']],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('the fix removes the flag and keeps the command', () => {
    const out = fixed('FROM debian:12\nRUN --security=insecure make\n', ID);
    expect(out).toBe('FROM debian:12\nRUN make\n');
    expect(covered(out, ID)).toEqual([]);
    expect(parseDockerfile(out).instructions[1].argsText).toBe('make');
  });
});
