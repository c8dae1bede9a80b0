import { describe, expect, it } from 'vitest';
import { covered, findings } from './testing';

const ID = 'compose-devices';

describe(ID, () => {
  it.each([
    ['short', 'services:\n  a:\n    devices:\n      - /dev/ttyUSB0:/dev/ttyUSB0:rw\n', ['/dev/ttyUSB0:/dev/ttyUSB0:rw']],
    ['CDI', 'services:\n  a:\n    devices: ["nvidia.com/gpu=all"]\n', ['"nvidia.com/gpu=all"']],
    ['none', 'services:\n  a:\n    image: x:1\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('calls out raw disk access', () => {
    expect(findings('services:\n  a:\n    devices: ["/dev/sda:/dev/sda"]\n', ID)[0].message).toContain('raw access');
  });
});
