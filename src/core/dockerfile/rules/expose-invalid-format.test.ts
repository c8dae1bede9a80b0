import { describe, expect, it } from 'vitest';
import { covered, findings, fixed } from './testing';

const ID = 'expose-invalid-format';

describe(ID, () => {
  it.each([
    ['plain ports', 'FROM a:1\nEXPOSE 80 443/tcp 53/udp 9000-9010\n', []],
    ['host port mapping', 'FROM a:1\nEXPOSE 8080:80\n', ['8080:80']],
    ['address and ports', 'FROM a:1\nEXPOSE 80 127.0.0.1:8080:80/udp\n', ['127.0.0.1:8080:80/udp']],
    ['port too large', 'FROM a:1\nEXPOSE 70000\n', ['70000']],
    ['not a number', 'FROM a:1\nEXPOSE http\n', ['http']],
    ['reversed range', 'FROM a:1\nEXPOSE 90-80\n', ['90-80']],
    ['unknown protocol', 'FROM a:1\nEXPOSE 80/http\n', ['80/http']],
    ['variables are not judged', 'FROM a:1\nARG P=80\nEXPOSE $P ${P}:1\n', []],
    ['quoted', 'FROM a:1\nEXPOSE "8080:80"\n', ['"8080:80"']],
    ['ONBUILD EXPOSE is not executed here', 'FROM a:1\nONBUILD EXPOSE 8080:80\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('explains that the host part is dropped', () => {
    const [f] = findings('FROM a:1\nEXPOSE 8080:80\n', ID);
    expect(f.message).toContain('(80)');
    expect(f.message).toContain('docker run -p');
  });

  it.each([
    ['FROM a:1\nEXPOSE 8080:80\n', 'FROM a:1\nEXPOSE 80\n'],
    ['FROM a:1\nEXPOSE 127.0.0.1:53:53/udp 22\n', 'FROM a:1\nEXPOSE 53/udp 22\n'],
  ])('the fix keeps the container port (%#)', (text, want) => {
    const out = fixed(text, ID);
    expect(out).toBe(want);
    expect(covered(out, ID)).toEqual([]);
  });

  it('an invalid port has no fix', () => {
    expect(findings('FROM a:1\nEXPOSE 70000\n', ID)[0].fixes).toEqual([]);
  });
});
