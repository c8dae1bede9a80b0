import { describe, expect, it } from 'vitest';
import { covered, findings, fixed, tree } from './testing';

const ID = 'compose-unsafe-sysctls';

describe(ID, () => {
  it.each([
    ['net.* in its own namespace', 'services:\n  a:\n    sysctls:\n      net.core.somaxconn: 1024\n', []],
    ['net.* with the host network', 'services:\n  a:\n    network_mode: host\n    sysctls:\n      - net.core.somaxconn=1024\n', ['net.core.somaxconn=1024']],
    ['IPC sysctl', 'services:\n  a:\n    sysctls: ["kernel.shmmax=1000"]\n', []],
    ['IPC sysctl with the host IPC', 'services:\n  a:\n    ipc: host\n    sysctls: ["kernel.shmmax=1000"]\n', ['"kernel.shmmax=1000"']],
    ['not namespaced', 'services:\n  a:\n    sysctls:\n      vm.overcommit_memory: 1\n      kernel.panic: 10\n', ['vm.overcommit_memory: 1', 'kernel.panic: 10']],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('explains that the setting is host-wide', () => {
    expect(findings('services:\n  a:\n    sysctls: ["vm.swappiness=1"]\n', ID)[0].message).toContain('not namespaced');
  });

  it('removes the entry from a map or a list', () => {
    const out = fixed('services:\n  a:\n    sysctls:\n      vm.overcommit_memory: 1\n      net.core.somaxconn: 1024\n', ID);
    expect(tree(out)).toEqual({ services: { a: { sysctls: { 'net.core.somaxconn': 1024 } } } });
    expect(tree(fixed('services:\n  a:\n    image: x:1\n    sysctls: ["vm.swappiness=1"]\n', ID))).toEqual({ services: { a: { image: 'x:1' } } });
  });
});
