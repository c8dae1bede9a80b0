import { describe, expect, it } from 'vitest';
import { covered, findings } from './testing';
import { looksSecret } from './secrets-in-arg-env';

const ID = 'secrets-in-arg-env';

describe(ID, () => {
  it.each([
    ['ARG without default', 'FROM alpine:3.20\nARG GITHUB_TOKEN\n', ['GITHUB_TOKEN']],
    ['ARG with default', 'FROM alpine:3.20\nARG DB_PASSWORD=hunter2\n', ['DB_PASSWORD']],
    ['several ARGs on one line', 'FROM alpine:3.20\nARG A=1 NPM_AUTH B\n', ['NPM_AUTH']],
    ['global ARG', 'ARG REGISTRY_PASSWORD\nFROM alpine:3.20\n', ['REGISTRY_PASSWORD']],
    ['ENV key=value', 'FROM alpine:3.20\nENV API_KEY=abc OTHER=1\n', ['API_KEY']],
    ['ENV legacy form', 'FROM alpine:3.20\nENV AWS_SECRET_ACCESS_KEY abc\n', ['AWS_SECRET_ACCESS_KEY']],
    ['ENV several', 'FROM alpine:3.20\nENV SECRET_KEY=x \\\n    PRIVATE_KEY=y\n', ['SECRET_KEY', 'PRIVATE_KEY']],
    ['camelCase', 'FROM alpine:3.20\nARG dbPassword\n', ['dbPassword']],
    ['CRLF', 'FROM alpine:3.20\r\nENV MY_TOKEN=x\r\n', ['MY_TOKEN']],
    ['continuation', 'FROM alpine:3.20\nENV A=1 \\\n    # creds\n    DB_PASS_TOKEN=x\n', ['DB_PASS_TOKEN']],
    ['Windows images too', '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nENV API_TOKEN=x\n', ['API_TOKEN']],
    ['points at a file', 'FROM alpine:3.20\nENV POSTGRES_PASSWORD_FILE=/run/secrets/db\n', []],
    ['points at a URL', 'FROM alpine:3.20\nARG TOKEN_URL=https://x\n', []],
    ['public key fingerprint', 'FROM python:3.12\nENV GPG_KEY 7169605F62C751356D054A26A821E680E5FA6305\n', []],
    ['public key', 'FROM alpine:3.20\nARG PUBLIC_KEY\n', []],
    ['not a secret', 'FROM alpine:3.20\nENV NODE_VERSION=20 PATH=/x KEYBOARD=us\n', []],
    ['a word that only contains a secret word', 'FROM alpine:3.20\nENV PASSWORDLESS=1 TOKENIZER=x\n', []],
    ['ONBUILD ENV is for the child build', 'FROM alpine:3.20\nONBUILD ENV DB_PASSWORD=x\n', []],
    ['secret in RUN text is not ARG/ENV', 'FROM alpine:3.20\nRUN export DB_PASSWORD=x\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('speaks about ARG and ENV differently', () => {
    expect(findings('FROM alpine:3.20\nARG TOKEN\n', ID)[0].message).toContain('image history');
    expect(findings('FROM alpine:3.20\nENV TOKEN=$TOKEN\n', ID)[0].message).toContain('image configuration');
    expect(findings('FROM alpine:3.20\nENV TOKEN=$TOKEN\n', ID)[0].message).not.toContain('written here');
    expect(findings('FROM alpine:3.20\nENV TOKEN=abc\n', ID)[0].message).toContain('written here');
  });

  it('is silenced by the BuildKit check name', () => {
    expect(covered('# check=skip=SecretsUsedInArgOrEnv\nFROM alpine:3.20\nARG TOKEN\n', ID)).toEqual([]);
  });

  it.each([
    ['DB_PASSWORD', true],
    ['PASSWD', true],
    ['AUTH', true],
    ['NPM_AUTH', true],
    ['AUTH_PLUGIN', false],
    ['SSH_KEY', true],
    ['GPG_KEYS', false],
    ['KEY', false],
    ['SECRET_ID', false],
    ['CLIENT_SECRET', true],
    ['AWS_ACCESS_KEY_ID', false],
    ['JWT_SECRET', true],
  ])('looksSecret(%s) = %s', (name, expected) => {
    expect(looksSecret(name)).toBe(expected);
  });
});
