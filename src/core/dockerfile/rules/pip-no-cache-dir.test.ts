import { describe, expect, it } from 'vitest';
import { covered, fixed } from './testing';

const ID = 'pip-no-cache-dir';

describe(ID, () => {
  it.each([
    ['pip install', 'FROM python:3.12\nRUN pip install flask\n', ['pip install']],
    ['pip3 install -r', 'FROM python:3.12\nRUN pip3 install -r requirements.txt\n', ['pip3 install']],
    ['python -m pip', 'FROM python:3.12\nRUN python3 -m pip install -U pip\n', ['python3 -m pip install']],
    ['heredoc', 'FROM python:3.12\nRUN <<EOF\npip install flask\nEOF\n', ['pip install']],
    ['continuation with comment', 'FROM python:3.12\nRUN pip install a && \\\n  # b\n  pip install --no-cache-dir b\n', ['pip install']],
    ['CRLF', 'FROM python:3.12\r\nRUN pip install flask\r\n', ['pip install']],
    ['Windows', '# escape=`\nFROM python:3.12-windowsservercore\nRUN pip install flask\n', []],
    ['flag present', 'FROM python:3.12\nRUN pip install --no-cache-dir flask\n', []],
    ['env var on the command', 'FROM python:3.12\nRUN PIP_NO_CACHE_DIR=1 pip install flask\n', []],
    ['ENV earlier', 'FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n', []],
    ['ENV in legacy form in a parent stage', 'FROM python:3.12 AS base\nENV PIP_NO_CACHE_DIR off\nFROM base\nRUN pip install flask\n', []],
    ['cache mount', 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n', []],
    ['cache mount on ~/.cache', 'FROM python:3.12\nRUN --mount=type=cache,target=/home/app/.cache pip install flask\n', []],
    ['pip cache purge', 'FROM python:3.12\nRUN pip install flask && pip cache purge\n', []],
    ['rm of the cache', 'FROM python:3.12\nRUN pip install flask && rm -rf /root/.cache\n', []],
    ['other pip commands', 'FROM python:3.12\nRUN pip download x && pip wheel y && pip freeze\n', []],
    ['builder stage', 'FROM python:3.12 AS build\nRUN pip install x\nFROM python:3.12-slim\nCOPY --from=build /x /x\n', []],
    ['ONBUILD', 'FROM python:3.12\nONBUILD RUN pip install -r requirements.txt\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it.each([
    ['pip', 'FROM python:3.12\nRUN pip install flask\n', 'FROM python:3.12\nRUN pip install --no-cache-dir flask\n'],
    ['python -m pip', 'FROM python:3.12\nRUN python -m pip install x\n', 'FROM python:3.12\nRUN python -m pip install --no-cache-dir x\n'],
  ])('the fix adds --no-cache-dir: %s', (_name, text, expected) => {
    const out = fixed(text, ID);
    expect(out).toBe(expected);
    expect(covered(out, ID)).toEqual([]);
  });
});
