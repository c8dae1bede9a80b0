import { describe, expect, it } from 'vitest';
import { covered, fixed, pod, tree } from './testing';

const ID = 'k8s-unsafe-sysctls';
const sysctls = (...names: string[]) => pod([], ['securityContext:', '  sysctls:', ...names.flatMap((n) => [`    - name: ${n}`, '      value: "1"'])]);

describe(ID, () => {
  it.each([
    ['safe', sysctls('net.ipv4.ip_local_port_range', 'kernel.shm_rmid_forced', 'net.ipv4.tcp_keepalive_time'), []],
    ['unsafe', sysctls('net.core.somaxconn', 'kernel.msgmax'), ['name: net.core.somaxconn\n        value: "1"', 'name: kernel.msgmax\n        value: "1"']],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('removes the item, or sysctls with its last item', () => {
    expect(tree(fixed(sysctls('kernel.msgmax', 'net.ipv4.tcp_syncookies'), ID))).toMatchObject({
      spec: { securityContext: { sysctls: [{ name: 'net.ipv4.tcp_syncookies', value: '1' }] } },
    });
    const out = fixed(pod([], ['securityContext:', '  runAsNonRoot: true', '  sysctls:', '    - name: vm.swappiness', '      value: "1"']), ID);
    expect(out).toBe(pod([], ['securityContext:', '  runAsNonRoot: true']));
  });
});
