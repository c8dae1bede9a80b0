import { SENSITIVE_HOST_PATH_NOTES, classifyHostPath } from '../../isolation/host-paths';
import type { Rule } from '../../rule';
import type { ComposeModel } from '../model';
import { svc, trimmed } from './support';

export const composeSensitiveHostPath: Rule<ComposeModel> = {
  id: 'compose-sensitive-host-path',
  title: 'Services do not bind-mount sensitive host directories',
  category: 'isolation',
  defaultSeverity: 'warning',
  topic: 'volumes',
  equivalents: { kics: 'Volume Has Sensitive Host Directory' },
  docs:
    'A bind mount puts a piece of the host\'s filesystem inside the container, past every namespace. Some pieces ' +
    'hand over the host: `/` itself, `/etc` (users, passwords, sudoers, cron), `/proc` and `/sys` (kernel settings ' +
    'and every process), `/dev`, `/boot`, `/var/run` and `/run` (the host\'s service sockets), `/var/lib/docker` or ' +
    '`/var/lib/kubelet` (other containers\' files and secrets), `/usr` and `/lib` (the host\'s programs), home ' +
    'directories (SSH keys, cloud credentials) and `/var/log`. Mount the one file or subdirectory the service ' +
    'needs, read-only (`:ro`) where it only reads. Engine sockets are reported by `compose-docker-socket`.',
  check(model, report) {
    for (const s of model.services) {
      for (const v of s.volumes) {
        if (v.type !== 'bind' || v.source === undefined) continue;
        const kind = classifyHostPath(v.source);
        if (!kind || kind === 'docker-socket' || kind === 'runtime-socket') continue;
        report({
          range: v.syntax === 'long' ? (v.sourceRange ?? trimmed(model.lines, v.range)) : v.range,
          message: `${svc(s)} mounts ${v.source} from the host${v.readOnly ? ' (read-only)' : ', writable'}: ${SENSITIVE_HOST_PATH_NOTES[kind]}.`,
        });
      }
    }
  },
};
