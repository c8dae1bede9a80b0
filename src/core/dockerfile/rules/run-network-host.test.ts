import { describe, expect, it } from 'vitest';
import { covered, fixed } from './testing';

const ID = 'run-network-host';

describe(ID, () => {
  it.each([
    ['the flag', 'FROM debian:12\nRUN --network=host curl http://localhost:8080\n', ['--network=host']],
    ['after a mount flag', 'FROM debian:12\nRUN --mount=type=cache,target=/c --network=host make\n', ['--network=host']],
    ['heredoc', 'FROM debian:12\nRUN --network=host <<EOF\nmake\nEOF\n', ['--network=host']],
    ['CRLF and continuation', 'FROM debian:12\r\nRUN --network=host \\\r\n  # why\r\n  make\r\n', ['--network=host']],
    ['Windows base image (flag is still requested)', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN --network=host x\n', ['--network=host']],
    ['none is stricter, not looser', 'FROM debian:12\nRUN --network=none make\n', []],
    ['default', 'FROM debian:12\nRUN --network=default make\n', []],
    ['host network as a command argument', 'FROM debian:12\nRUN docker run --network=host x\n', []],
    ['ONBUILD trigger', 'FROM debian:12\nONBUILD RUN --network=host make\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('the fix removes the flag', () => {
    const out = fixed('FROM debian:12\nRUN --network=host --mount=type=cache,target=/c make\n', ID);
    expect(out).toBe('FROM debian:12\nRUN --mount=type=cache,target=/c make\n');
    expect(covered(out, ID)).toEqual([]);
  });
});
