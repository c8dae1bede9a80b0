import { SENSITIVE_HOST_PATH_NOTES, classifyHostPath } from '../../isolation/host-paths';
import type { Rule } from '../../rule';
import type { ComposeModel } from '../model';
import { svc, trimmed } from './support';

export const composeDockerSocket: Rule<ComposeModel> = {
  id: 'compose-docker-socket',
  title: "Services do not mount the container engine's socket",
  category: 'isolation',
  defaultSeverity: 'error',
  topic: 'volumes',
  equivalents: { kics: 'Docker Socket Mounted In Container' },
  docs:
    'Whoever can write to `/var/run/docker.sock` can ask the engine for a new container that is privileged and ' +
    'mounts the host\'s `/`: the socket is root on the host, and mounting it read-only (`:ro`) changes nothing, ' +
    'because API calls are writes on an open socket, not on the file. The same holds for containerd, CRI-O and ' +
    'Podman sockets. Tools that manage containers (Portainer, Traefik\'s Docker provider, CI runners) need it, so ' +
    'treat such a service as part of the host: put a filtering proxy (for example a docker-socket-proxy that ' +
    'allows only the read calls it needs) between the service and the socket, or run it rootless. No quick fix: ' +
    'removing the mount breaks what the service is for.',
  check(model, report) {
    for (const s of model.services) {
      for (const v of s.volumes) {
        if (v.type !== 'bind' || v.source === undefined) continue;
        const kind = classifyHostPath(v.source);
        if (kind !== 'docker-socket' && kind !== 'runtime-socket') continue;
        report({
          range: v.syntax === 'long' ? (v.sourceRange ?? trimmed(model.lines, v.range)) : v.range,
          message: `${svc(s)} mounts ${v.source}, ${SENSITIVE_HOST_PATH_NOTES[kind]}${v.readOnly ? ' (read-only does not help: API calls still go through)' : ''}.`,
        });
      }
    }
  },
};
