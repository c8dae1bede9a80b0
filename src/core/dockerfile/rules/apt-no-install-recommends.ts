import type { Rule } from '../../rule';
import type { DockerfileModel, InstructionInfo } from '../model';
import { packageCommands } from '../package-commands';
import { insertAfterWordEdit } from '../shell';
import { anyBefore, shipsLayers } from '../stage-facts';

export const aptNoInstallRecommends: Rule<DockerfileModel> = {
  id: 'apt-no-install-recommends',
  title: 'apt-get install without --no-install-recommends',
  category: 'layers',
  defaultSeverity: 'info',
  topic: 'package-caches',
  equivalents: { hadolint: 'DL3015', trivy: 'DS-0029' },
  docs:
    'By default apt also installs the packages that the requested ones merely recommend: documentation, optional ' +
    'helpers, sometimes whole toolchains. In an image they add size and more code for scanners to flag, without ' +
    'anything using them. Add `--no-install-recommends` and list what you need. Not reported when the image already ' +
    'configures `APT::Install-Recommends "false"`, nor in stages whose layers are not shipped (builders that only ' +
    'feed `COPY --from`).',
  check(model, report) {
    for (const stage of model.stages) {
      if (!shipsLayers(model, stage)) continue;
      for (const ins of stage.instructions) {
        for (const p of packageCommands(model, ins)) {
          // action is 'other' for a dry run (`install -s`), which installs nothing
          if (p.manager !== 'apt' || p.sub.value !== 'install' || p.action !== 'install') continue;
          if (p.cmd.argv.some((a) => /^--no-install-recommends$|Install-Recommends=(false|0|no)\b/i.test(a))) continue;
          if (configuredOff(model, ins)) continue;
          const edit = insertAfterWordEdit(p.cmd, p.sub.index, ' --no-install-recommends');
          report({
            range: p.cmd.range(0, p.sub.index),
            message: `\`${p.cmd.argv[0]} install\` here also installs every package the requested ones recommend, which this layer then carries without anything using them. Add \`--no-install-recommends\` and name what you need.`,
            fixes: edit ? [{ title: 'Add --no-install-recommends', edits: [edit], preferred: true }] : [],
          });
        }
      }
    }
  },
};

/** An earlier RUN wrote `APT::Install-Recommends "0"` (or false) into the apt configuration. */
function configuredOff(model: DockerfileModel, ins: InstructionInfo): boolean {
  return anyBefore(model, ins, 'apt-no-recommends', (i) => i.keyword === 'RUN' && /Install-Recommends\W+(0|false|no)\b/i.test(i.shell?.text ?? ''));
}
