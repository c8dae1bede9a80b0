import { describe, expect, it } from 'vitest';
import { covered, findings, pod } from './testing';

const ID = 'k8s-docker-socket';
const withVolume = (path: string) =>
  pod(['volumeMounts:', '  - name: v', '    mountPath: /x'], ['volumes:', '  - name: v', '    hostPath:', `      path: ${path}`]);

describe(ID, () => {
  it.each([
    ['docker.sock', withVolume('/var/run/docker.sock'), ['path: /var/run/docker.sock']],
    ['containerd', withVolume('/run/containerd/containerd.sock'), ['path: /run/containerd/containerd.sock']],
    ['another path', withVolume('/var/log'), []],
    ['no volumes', pod(), []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('names the volume and the containers mounting it', () => {
    const [f] = findings(withVolume('/var/run/docker.sock'), ID);
    expect(f.message).toContain('volume `v`, used by `app`');
    expect(f.severity).toBe('error');
  });
});
