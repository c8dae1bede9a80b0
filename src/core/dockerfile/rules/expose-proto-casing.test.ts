import { describe, expect, it } from 'vitest';
import { covered, fixed } from './testing';

const ID = 'expose-proto-casing';

describe(ID, () => {
  it.each([
    ['lower case', 'FROM a:1\nEXPOSE 80/tcp 53/udp\n', []],
    ['upper case', 'FROM a:1\nEXPOSE 80/TCP\n', ['TCP']],
    ['mixed case', 'FROM a:1\nEXPOSE 53/Udp 80\n', ['Udp']],
    ['quoted', 'FROM a:1\nEXPOSE "53/UDP"\n', ['UDP']],
    ['unknown protocol is another rule', 'FROM a:1\nEXPOSE 80/HTTP\n', []],
    ['no protocol', 'FROM a:1\nEXPOSE 80\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('the fix lowers the protocol', () => {
    const out = fixed('FROM a:1\nEXPOSE 80/TCP 53/UDP\n', ID);
    expect(out).toBe('FROM a:1\nEXPOSE 80/tcp 53/UDP\n');
    expect(covered(out, ID)).toEqual(['UDP']);
  });
});
