import type { Rule } from '../../rule';
import { fixes, removeSysctlFix } from '../fixes';
import type { ComposeModel, ComposeService, ComposeSysctl } from '../model';
import { isHost, svc } from './support';

/** Sysctls of the IPC namespace, which Docker lets a container set for itself. */
const IPC_SYSCTLS = /^(kernel\.(msgmax|msgmnb|msgmni|sem|shmall|shmmax|shmmni|shm_rmid_forced)|fs\.mqueue\..+)$/;

/** Why a sysctl reaches past the container, or undefined when it stays inside its namespaces. */
export function unsafeSysctl(s: ComposeService, name: string): string | undefined {
  const n = name.trim();
  if (/\$/.test(n)) return undefined;
  if (n.startsWith('net.')) {
    return isHost(s.networkMode) ? "it shares the host's network namespace, so this changes the host's own network settings" : undefined;
  }
  if (IPC_SYSCTLS.test(n)) {
    return isHost(s.ipc) ? "it shares the host's IPC namespace, so this changes the host's own limits" : undefined;
  }
  return 'this kernel setting is not namespaced: it would apply to the whole host and every container, so Docker refuses to start the container';
}

export const composeUnsafeSysctls: Rule<ComposeModel> = {
  id: 'compose-unsafe-sysctls',
  title: 'Sysctls stay inside the container',
  category: 'isolation',
  defaultSeverity: 'warning',
  topic: 'namespaces',
  equivalents: {},
  docs:
    'Only some kernel settings belong to a namespace: `net.*` to the network namespace, and the System V IPC ' +
    'limits (`kernel.shm*`, `kernel.msg*`, `kernel.sem`, `fs.mqueue.*`) to the IPC namespace. A container may set ' +
    'those for itself. Everything else (`kernel.*` otherwise, `vm.*`, `fs.*`) is one value for the whole kernel: ' +
    'Docker refuses it, and a workaround that sets it anyway changes the host and every other container. A ' +
    'namespaced sysctl also reaches the host when the service shares that namespace (`network_mode: host`, ' +
    '`ipc: host`). Set host-wide values on the host (`/etc/sysctl.d`), not in the compose file. The quick fix ' +
    'removes the entry.',
  check(model, report) {
    for (const s of model.services) {
      for (const sysctl of s.sysctls) {
        const why = unsafeSysctl(s, sysctl.name);
        if (!why) continue;
        report({
          range: sysctl.range,
          message: `${svc(s)} sets ${sysctl.name}: ${why}.`,
          fixes: fixes(removeSysctlFix(model, s, (sysctl as ComposeSysctl).node, `Remove ${sysctl.name} from sysctls`)),
        });
      }
    }
  },
};
