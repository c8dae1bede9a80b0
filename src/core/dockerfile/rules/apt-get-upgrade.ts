import type { Rule } from '../../rule';
import type { DockerfileModel } from '../model';
import { packageCommands } from '../package-commands';
import { notShippedNote } from '../stage-facts';

export const aptGetUpgrade: Rule<DockerfileModel> = {
  id: 'apt-get-upgrade',
  title: 'Upgrading every package inside the build',
  category: 'reproducibility',
  defaultSeverity: 'info',
  topic: 'package-pinning',
  equivalents: { hadolint: 'DL3035', trivy: 'DS-0024' },
  docs:
    '`apt-get upgrade`/`dist-upgrade`, `apk upgrade`, `dnf upgrade`/`yum update` or `zypper update` without package ' +
    'names makes a layer whose content depends on the day it was built: a cache hit keeps what was current then, a ' +
    'cache miss takes what is current now, so two builds of the same Dockerfile differ and a rebuild can change ' +
    'behaviour nobody touched. Prefer fixes from the base image: move to its newer tag or digest when it is ' +
    'republished (and rebuild regularly). If you keep the upgrade for security patches, pin the base image by digest ' +
    'and accept that this layer is not reproducible. Upgrading named packages (`apt-get install --only-upgrade openssl`) ' +
    'is not reported.',
  check(model, report) {
    for (const stage of model.stages) {
      for (const ins of stage.instructions) {
        for (const p of packageCommands(model, ins)) {
          if (p.action !== 'upgrade' || p.packages.length > 0) continue;
          // `apt-get install` never lands here; `dnf upgrade-minimal --security` is still the whole system
          const words = p.cmd.argv.slice(0, p.sub.index + 1).join(' ');
          report({
            range: p.cmd.range(0, p.sub.index),
            message: `\`${words}\` upgrades every installed package to whatever the mirrors serve on the day of the build, so this layer differs between uncached builds. Prefer a newer base image (pinned by digest) for updates.${notShippedNote(model, stage)}`,
          });
        }
      }
    }
  },
};
