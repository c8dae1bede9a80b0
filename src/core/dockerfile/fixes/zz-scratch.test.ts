import { it } from 'vitest';
import { lintDockerfile } from '../lint';
import { applyEdits } from '../../text/range';
const cases = [
  'FROM alpine:3.20\nCMD ["sh"]\n',
  'FROM node:20\nWORKDIR /app\nCOPY package.json .\nRUN npm ci\nCOPY . .\nCMD ["node", "index.js"]\n',
  'FROM debian:bookworm-slim\r\nRUN apt-get update\r\nCOPY . /app\r\nUSER root\r\n',
  'from python:3.12-slim\n  workdir /app\n  copy . .\n  cmd ["python", "app.py"]',
  'FROM gcr.io/distroless/static\nCOPY app /app\nENTRYPOINT ["/app"]\n',
  'FROM scratch\nCOPY app /app\nENTRYPOINT ["/app"]\n',
  'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ["cmd"]\n',
  'FROM registry.access.redhat.com/ubi9/ubi-minimal\nCOPY . /app\nCMD ["/app/run"]\n',
  'FROM alpine\nRUN adduser -D -u 1000 appuser\nCOPY . /app\n# start it\nCMD ["x"]\n',
  'FROM example.com/x:1\nUSER root\nCMD ["x"]\n',
];
it('scratch', () => {
  for (const t of cases) {
    const f = lintDockerfile(t).filter((x) => x.ruleId === 'final-stage-runs-as-root');
    console.log('=====\n' + t);
    for (const fd of f) for (const fix of fd.fixes) console.log('--- ' + fix.title + (fix.preferred ? ' [preferred]' : '') + '\n' + JSON.stringify(applyEdits(t, fix.edits)).slice(0) );
  }
});
