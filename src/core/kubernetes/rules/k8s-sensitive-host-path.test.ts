import { describe, expect, it } from 'vitest';
import { covered, findings, pod } from './testing';

const ID = 'k8s-sensitive-host-path';
const withVolume = (path: string, readOnly = false) =>
  pod(['volumeMounts:', '  - name: v', '    mountPath: /x', ...(readOnly ? ['    readOnly: true'] : [])], ['volumes:', '  - name: v', '    hostPath:', `      path: ${path}`]);

describe(ID, () => {
  it.each([
    ['root', withVolume('/'), ['path: /']],
    ['/proc', withVolume('/proc'), ['path: /proc']],
    ['/var/lib/kubelet', withVolume('/var/lib/kubelet/pods'), ['path: /var/lib/kubelet/pods']],
    ['docker.sock is another rule', withVolume('/var/run/docker.sock'), []],
    ['a data directory', withVolume('/data/app'), []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('says whether it is writable', () => {
    expect(findings(withVolume('/etc'), ID)[0].message).toContain('from the node writable');
    expect(findings(withVolume('/etc', true), ID)[0].message).not.toContain('writable');
  });
});
