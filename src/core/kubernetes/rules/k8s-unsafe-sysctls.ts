import type { Rule } from '../../rule';
import { fixes, removeItemFix } from '../fixes';
import type { KubernetesModel } from '../model';
import { trimRange } from '../../yaml/edit';
import { podOf } from './support';

/** The sysctls Kubernetes considers safe: namespaced and isolated between pods on a node. */
export const SAFE_SYSCTLS: ReadonlySet<string> = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);

export const k8sUnsafeSysctls: Rule<KubernetesModel> = {
  id: 'k8s-unsafe-sysctls',
  title: 'Pods set only safe sysctls',
  category: 'isolation',
  defaultSeverity: 'warning',
  topic: 'namespaces',
  equivalents: { kubeLinter: 'unsafe-sysctls', trivy: 'KSV-0026' },
  docs:
    'Kubernetes lets any pod set a short list of "safe" sysctls (`kernel.shm_rmid_forced`, ' +
    '`net.ipv4.ip_local_port_range`, `net.ipv4.ip_unprivileged_port_start`, `net.ipv4.tcp_syncookies`, ' +
    '`net.ipv4.ping_group_range`, `net.ipv4.ip_local_reserved_ports` and the TCP keepalive and FIN timeouts): they ' +
    'are namespaced and cannot hurt neighbours. Every other sysctl is either not namespaced at all (it changes the ' +
    'node for every pod) or, though namespaced, can starve other pods of kernel resources; the kubelet refuses them ' +
    'unless an administrator allows them on that node (`--allowed-unsafe-sysctls`). Tune the node instead, or run ' +
    'such pods on dedicated, tainted nodes. The quick fix removes the entry.',
  check(model, report) {
    for (const pod of model.podSpecs) {
      const sc = pod.securityContext;
      if (!sc) continue;
      for (const s of sc.sysctls) {
        if (SAFE_SYSCTLS.has(s.name) || /\$/.test(s.name)) continue;
        report({
          range: trimRange(model.lines, s.range),
          message: `${podOf(pod)} sets the unsafe sysctl ${s.name}: it is not isolated between pods, so it can change or starve the node for everyone (the kubelet refuses it unless the node allows it).`,
          fixes: fixes(removeItemFix(model, sc.node, 'sysctls', s.node, `Remove ${s.name} from sysctls`)),
        });
      }
    }
  },
};
