import type { Rule } from '../../rule';
import type { ComposeModel } from '../model';
import { svc, trimmed } from './support';

export const composeDevices: Rule<ComposeModel> = {
  id: 'compose-devices',
  title: 'Host devices passed into services are deliberate',
  category: 'isolation',
  defaultSeverity: 'info',
  topic: 'cgroups',
  equivalents: {},
  docs:
    'A container normally sees only a handful of pseudo-devices (`/dev/null`, `/dev/zero`, a pty); the device ' +
    'cgroup denies the rest. `devices:` opens a host device node to it: a GPU or a serial adapter is usually what ' +
    'was meant, but a disk (`/dev/sda`), `/dev/mem`, `/dev/kmsg` or `/dev/fuse` gives raw access to the host\'s data ' +
    'or kernel. This rule lists each device so the choice is visible in review; prefer the narrowest node and the ' +
    '`r`/`w`/`m` permissions the service needs (`/dev/ttyUSB0:/dev/ttyUSB0:rw`). Container Device Interface names ' +
    '(`nvidia.com/gpu=all`) are reported too. No quick fix.',
  check(model, report) {
    for (const s of model.services) {
      for (const d of s.devices) {
        const raw = /^\/dev\/(sd|nvme|vd|xvd|hd|mem|kmem|port|kmsg|mapper|dm-|loop|fuse)/.test(d.source);
        report({
          range: trimmed(model.lines, d.range),
          message: `${svc(s)} gets the host device ${d.source}${raw ? ': raw access to the host\'s disks, memory or kernel' : ''}${d.permissions ? ` (${d.permissions})` : ''}.`,
        });
      }
    }
  },
};
