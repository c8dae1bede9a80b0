import type { Rule } from '../../rule';
import { fixes, removeKeyFix } from '../fixes';
import type { ComposeModel } from '../model';
import { at, isHost, svc } from './support';

export const composeHostIpc: Rule<ComposeModel> = {
  id: 'compose-host-ipc',
  title: "Services do not share the host's IPC namespace",
  category: 'isolation',
  defaultSeverity: 'warning',
  topic: 'ipc-namespace',
  equivalents: { kics: 'Shared Host IPC Namespace' },
  docs:
    '`ipc: host` joins the host\'s System V IPC and POSIX message-queue namespace: shared-memory segments and ' +
    'semaphores of host processes (databases, browsers, X11) become readable and writable from the container. ' +
    'Services that must share memory with each other can use `ipc: "service:<name>"` or `ipc: shareable`, ' +
    'which keeps the host out. The quick fix removes the key.',
  check(model, report) {
    for (const s of model.services) {
      if (!s.ipc || !isHost(s.ipc)) continue;
      report({
        range: at(s.ipc),
        message: `${svc(s)} shares the host's IPC namespace (ipc: host): it can read and write the shared memory and message queues of processes on the host.`,
        fixes: fixes(removeKeyFix(model, s, 'ipc', s.ipc, 'Remove ipc: host')),
      });
    }
  },
};
