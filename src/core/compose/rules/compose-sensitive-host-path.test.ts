import { describe, expect, it } from 'vitest';
import { covered, findings } from './testing';

const ID = 'compose-sensitive-host-path';

describe(ID, () => {
  it.each([
    ['host root', 'services:\n  a:\n    volumes: ["/:/host"]\n', ['"/:/host"']],
    ['/etc read-only', 'services:\n  a:\n    volumes: ["/etc:/host/etc:ro"]\n', ['"/etc:/host/etc:ro"']],
    ['/proc', 'services:\n  a:\n    volumes:\n      - /proc:/host/proc\n', ['/proc:/host/proc']],
    ['home', 'services:\n  a:\n    volumes: ["~/.ssh:/root/.ssh"]\n', ['"~/.ssh:/root/.ssh"']],
    ['docker.sock is another rule', 'services:\n  a:\n    volumes: ["/var/run/docker.sock:/s"]\n', []],
    ['project files', 'services:\n  a:\n    volumes: ["./src:/app", "data:/var/lib/data"]\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('says what the path holds', () => {
    expect(findings('services:\n  a:\n    volumes: ["/etc:/e"]\n', ID)[0].message).toContain("the host's configuration");
  });
});
