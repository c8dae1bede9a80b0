import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../parse';
import { covered, findings, fixed } from './testing';

const ID = 'undefined-var';

describe(ID, () => {
  it.each([
    ['defined by ARG', 'FROM a:1\nARG DIR=/app\nWORKDIR $DIR\n', []],
    ['defined by ENV', 'FROM a:1\nENV DIR=/app\nCOPY . ${DIR}/\n', []],
    ['ARG without default counts as declared', 'FROM a:1\nARG USERNAME\nUSER $USERNAME\n', []],
    ['global ARG not redeclared', 'ARG VERSION=1\nFROM a:1\nLABEL version=$VERSION\n', ['$VERSION']],
    ['global ARG redeclared', 'ARG VERSION=1\nFROM a:1\nARG VERSION\nLABEL version=$VERSION\n', []],
    ['platform ARG not declared', 'FROM a:1\nCOPY bin/app-${TARGETARCH} /app\n', ['${TARGETARCH}']],
    ['platform ARG declared', 'FROM a:1\nARG TARGETARCH\nCOPY bin/app-${TARGETARCH} /app\n', []],
    ['defined later', 'FROM a:1\nWORKDIR $APP\nENV APP=/app\n', ['$APP']],
    ['same ENV instruction', 'FROM a:1\nENV A=1 B=$A\n', ['$A']],
    ['same ENV instruction, used before it is set', 'FROM a:1\nENV B=$A A=1\n', ['$A']],
    ['extending an inherited value', 'FROM python:3.12\nENV PYTHONPATH=/app:$PYTHONPATH LD_LIBRARY_PATH=/x:${LD_LIBRARY_PATH}\n', []],
    ['extending an inherited value, legacy form', 'FROM python:3.12\nENV PYTHONPATH /app:$PYTHONPATH\n', []],
    ['extending a value that cannot exist', 'FROM scratch\nENV LIBS=/x:$LIBS\n', ['$LIBS']],
    ['ARG pairs take effect in order', 'FROM a:1\nARG A=1 B=$A\n', []],
    ['typo of a defined name', 'FROM a:1\nENV APP_HOME=/app\nWORKDIR $APP_HOEM\n', ['$APP_HOEM']],
    ['typo of PATH', 'FROM a:1\nENV PATH=/x:$PAHT\n', ['$PAHT']],
    ['PATH is always set', 'FROM a:1\nENV PATH=/app/bin:$PATH\n', []],
    ['unknown name may come from the base image', 'FROM python:3.12\nENV V=$PYTHON_VERSION\n', []],
    ['unknown name in a stage from scratch', 'FROM scratch\nCOPY app /$DEST/\n', ['$DEST']],
    ['scratch ancestry', 'FROM scratch AS base\nENV A=1\nFROM base\nLABEL a=$A b=$B\n', ['$B']],
    ['parent stage definitions are inherited', 'FROM a:1 AS base\nARG V=1\nFROM base\nLABEL v=$V\n', []],
    ['fallback modifier', 'FROM scratch\nLABEL v=${V:-none}\n', []],
    ['single quotes are literal', "FROM scratch\nLABEL v='$V'\n", []],
    ['escaped dollar', 'FROM scratch\nLABEL v=\\$V\n', []],
    ['RUN is the shell\'s business', 'ARG G=1\nFROM a:1\nRUN echo $G $TARGETARCH\n', []],
    ['CMD is not expanded', 'ARG G=1\nFROM a:1\nCMD echo $G\n', []],
    ['COPY --from is not expanded', 'ARG G=1\nFROM a:1\nCOPY --from=$G /a /b\n', []],
    ['COPY --chown is expanded', 'FROM scratch\nCOPY --chown=$U:$U a /b\n', ['$U']],
    ['heredoc body is not checked', 'ARG G=1\nFROM a:1\nCOPY <<EOF /x\n$G\nEOF\n', []],
    ['ARG default using a global', 'ARG G=1\nFROM a:1\nARG L=$G\n', ['$G']],
    ['ONBUILD is not executed here', 'ARG G=1\nFROM a:1\nONBUILD ENV X=$G\n', []],
    ['reported once per instruction', 'ARG G=1\nFROM a:1\nLABEL a=$G b=$G\n', ['$G']],
    ['continuation', 'ARG G=1\nFROM a:1\nLABEL a=1 \\\n  b=$G\n', ['$G']],
    ['proxy arguments', 'FROM scratch\nENV http_proxy=$HTTP_PROXY\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it.each([
    ['ARG VERSION=1\nFROM a:1\nLABEL version=$VERSION\n', 'global ARG'],
    ['FROM a:1\nCOPY x-$TARGETOS /x\n', 'predefined by the builder'],
    ['FROM a:1\nWORKDIR $APP\nENV APP=/app\n', 'line 3'],
    ['FROM a:1\nENV A=1 B=$A\n', 'same ENV instruction'],
    ['FROM a:1\nENV PATH=/x:$PAHT\n', 'did you mean `$PATH`'],
  ])('explains why: %j', (text, part) => {
    expect(findings(text, ID)[0].message).toContain(part);
  });

  it('declares a global ARG in the stage', () => {
    const text = 'ARG VERSION=1\nFROM a:1 AS app\nLABEL version=$VERSION\n';
    const out = fixed(text, ID);
    expect(out).toBe('ARG VERSION=1\nFROM a:1 AS app\nARG VERSION\nLABEL version=$VERSION\n');
    expect(covered(out, ID)).toEqual([]);
  });

  it('declares a platform ARG with the file\'s line breaks', () => {
    const text = 'FROM a:1\r\nCOPY x-$TARGETOS /x\r\nFROM b:1\r\nLABEL os=$TARGETOS';
    const out = fixed(text, ID);
    expect(out).toBe('FROM a:1\r\nARG TARGETOS\r\nCOPY x-$TARGETOS /x\r\nFROM b:1\r\nLABEL os=$TARGETOS');
    expect(covered(out, ID)).toEqual(['$TARGETOS']);
    expect(parseDockerfile(out).stages[0].instructions.map((i) => i.keyword)).toEqual(['ARG', 'COPY']);
  });

  it('fixes a typo by name', () => {
    const out = fixed('FROM a:1\nENV APP_HOME=/app\nWORKDIR ${APP_HOEM}/x\n', ID, 'Change to');
    expect(out).toBe('FROM a:1\nENV APP_HOME=/app\nWORKDIR ${APP_HOME}/x\n');
    expect(covered(out, ID)).toEqual([]);
  });
});
