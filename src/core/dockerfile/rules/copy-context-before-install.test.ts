import { describe, expect, it } from 'vitest';
import { covered, findings } from './testing';

const ID = 'copy-context-before-install';

describe(ID, () => {
  it.each([
    ['npm ci', 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\n', ['.']],
    ['ADD . /app', 'FROM python:3.12\nADD . /app\nRUN pip install -r /app/requirements.txt\n', ['.']],
    ['./ and flags', 'FROM node:20\nCOPY --chown=node:node ./ /app/\nRUN yarn --frozen-lockfile\n', ['./']],
    ['JSON form', 'FROM node:20\nCOPY [".", "/app"]\nRUN npm install\n', ['.']],
    ['go', 'FROM golang:1.26\nCOPY . .\nRUN go mod download && go build ./...\n', ['.']],
    ['heredoc install', 'FROM ruby:3\nCOPY . .\nRUN <<EOF\nbundle install\nEOF\n', ['.']],
    ['continuation with comment', 'FROM python:3\nCOPY . .\nRUN pip install \\\n  # pinned\n  -r requirements.txt\n', ['.']],
    ['poetry in a later RUN', 'FROM python:3\nCOPY . /src\nRUN echo hi\nRUN poetry install\n', ['.']],
    ['CRLF', 'FROM node:20\r\nCOPY . .\r\nRUN npm ci\r\n', ['.']],
    ['Windows', '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY . .\nRUN npm ci\n', []],
    ['manifests first', 'FROM node:20\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n', []],
    ['install of a named package', 'FROM node:20\nCOPY . .\nRUN npm install -g pm2\n', []],
    ['pip install of the project itself', 'FROM python:3\nCOPY . .\nRUN pip install .\n', []],
    ['COPY --from a stage', 'FROM node:20\nCOPY --from=build . .\nRUN npm ci\n', []],
    ['other stage', 'FROM node:20 AS a\nCOPY . .\nFROM node:20\nRUN npm ci\n', []],
    ['COPY heredoc body is not the context', 'FROM node:20\nCOPY <<EOF /x\n.\nEOF\nRUN npm ci\n', []],
    ['ONBUILD', 'FROM node:20\nONBUILD COPY . .\nONBUILD RUN npm ci\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('names the install, its line, the layers and the manifests', () => {
    const f = findings('FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nRUN npm run build\n', ID)[0];
    expect(f.message).toContain('`npm ci` on line 4');
    expect(f.message).toContain('this layer and the 2 after it');
    expect(f.message).toContain('`package.json` and `package-lock.json`');
    expect(f.related?.[0].range.start.line).toBe(3);
  });

  it('names the requirements file', () => {
    expect(findings('FROM python:3\nCOPY . .\nRUN pip install --no-cache-dir -r reqs/prod.txt\n', ID)[0].message).toContain('`reqs/prod.txt`');
  });
});
