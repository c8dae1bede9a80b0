import { describe, expect, it } from 'vitest';
import { covered, fixed, tree } from './testing';

const ID = 'compose-capabilities-not-dropped';

describe(ID, () => {
  it.each([
    ['no cap_drop', 'services:\n  web:\n    image: x:1\n', ['web']],
    ['drops some', 'services:\n  web:\n    cap_drop: [NET_RAW]\n', ['web']],
    ['drops ALL', 'services:\n  web:\n    cap_drop: [ALL]\n', []],
    ['drops all as a string, lower case', 'services:\n  web:\n    cap_drop: all\n', []],
    ['privileged', 'services:\n  web:\n    privileged: true\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('adds cap_drop: [ALL]', () => {
    expect(fixed('services:\n  web:\n    image: x:1\n', ID)).toBe('services:\n  web:\n    image: x:1\n    cap_drop: [ALL]\n');
  });

  it('appends ALL to a block list in its style', () => {
    const out = fixed('services:\n  web:\n    cap_drop:\n      - "NET_RAW"\n    user: app\n', ID);
    expect(out).toBe('services:\n  web:\n    cap_drop:\n      - "NET_RAW"\n      - "ALL"\n    user: app\n');
  });

  it('appends ALL to a flow list and turns a string into a list', () => {
    expect(tree(fixed('services:\n  web:\n    cap_drop: [NET_RAW]\n', ID))).toEqual({ services: { web: { cap_drop: ['NET_RAW', 'ALL'] } } });
    expect(tree(fixed('services:\n  web:\n    cap_drop: NET_RAW\n', ID))).toEqual({ services: { web: { cap_drop: ['NET_RAW', 'ALL'] } } });
  });

  it('keeps CRLF line endings', () => {
    const out = fixed('services:\r\n  web:\r\n    cap_drop:\r\n      - NET_RAW\r\n', ID);
    expect(out).toBe('services:\r\n  web:\r\n    cap_drop:\r\n      - NET_RAW\r\n      - ALL\r\n');
  });
});
