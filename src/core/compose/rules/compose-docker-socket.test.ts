import { describe, expect, it } from 'vitest';
import { covered, findings } from './testing';

const ID = 'compose-docker-socket';

describe(ID, () => {
  it.each([
    ['short syntax', 'services:\n  p:\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n', ['/var/run/docker.sock:/var/run/docker.sock']],
    ['read-only does not help', 'services:\n  p:\n    volumes:\n      - "/var/run/docker.sock:/var/run/docker.sock:ro"\n', ['"/var/run/docker.sock:/var/run/docker.sock:ro"']],
    ['long syntax', 'services:\n  p:\n    volumes:\n      - type: bind\n        source: /run/docker.sock\n        target: /var/run/docker.sock\n', ['/run/docker.sock']],
    ['containerd', 'services:\n  p:\n    volumes: ["/run/containerd/containerd.sock:/c.sock"]\n', ['"/run/containerd/containerd.sock:/c.sock"']],
    ['named volume of that name', 'services:\n  p:\n    volumes: ["docker.sock:/x"]\n', []],
    ['project directory', 'services:\n  p:\n    volumes: ["./data:/data"]\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('explains why read-only is no help and offers no fix', () => {
    const [f] = findings('services:\n  p:\n    volumes: ["/var/run/docker.sock:/var/run/docker.sock:ro"]\n', ID);
    expect(f.message).toContain('read-only does not help');
    expect(f.fixes).toEqual([]);
    expect(f.severity).toBe('error');
  });
});
