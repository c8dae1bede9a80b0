import type { Fix } from '../../findings';
import type { Rule } from '../../rule';
import type { DockerfileModel, InstructionInfo, Stage } from '../model';
import { packageCommand, packageCommands, sameFamily } from '../package-commands';
import type { PackageCommand } from '../package-commands';
import { isShellProgram, joinRunsEdit, runCommands } from '../shell';
import type { SimpleCommand } from '../shell';
import { shipsLayers, stageLabel } from '../stage-facts';

export const updateWithoutInstall: Rule<DockerfileModel> = {
  id: 'update-without-install',
  title: 'Package index refreshed in a RUN that installs nothing',
  category: 'layers',
  defaultSeverity: 'warning',
  topic: 'build-cache',
  equivalents: { trivy: 'DS-0017' },
  docs:
    '`apt-get update` (or `apk update`, `dnf makecache`, `zypper refresh`) in a RUN of its own becomes a cached layer. ' +
    'When a later line changes, say a new package in `RUN apt-get install`, the builder reuses that cached layer and ' +
    'installs against an index from the day it was first built: old versions, or errors for packages the mirror has ' +
    'since removed. The index also stays in the image for nothing. Refresh and install in the same RUN ' +
    '(`apt-get update && apt-get install -y …`), so a change to the install line refreshes the index too. The quick ' +
    'fix joins the RUN with the install that follows it. Not reported when the RUN also runs a local script, which ' +
    'may install.',
  check(model, report) {
    for (const stage of model.stages) {
      for (const ins of stage.instructions) {
        const cmds = runCommands(model, ins);
        const pkgs = cmds.map(packageCommand).filter((p): p is PackageCommand => p !== undefined);
        for (const update of pkgs.filter((p) => p.action === 'update')) {
          if (pkgs.some((p) => sameFamily(p.manager, update.manager) && (p.action === 'install' || p.action === 'upgrade'))) continue;
          if (cmds.some(runsLocalScript)) continue;
          const later = laterInstall(model, stage, ins, update);
          const words = update.cmd.argv.slice(0, update.sub.index + 1).join(' ');
          const size = shipsLayers(model, stage) ? ' and the index itself stays in the image' : '';
          const where = later ? `the install on line ${later.range.start.line + 1}` : 'a later install';
          const fixes: Fix[] = [];
          const next = stage.instructions[stage.instructions.indexOf(ins) + 1];
          if (later && next === later) {
            const edit = joinRunsEdit(model, ins, later);
            if (edit) fixes.push({ title: `Join with the RUN on line ${later.range.start.line + 1}`, edits: [edit], preferred: true });
          }
          report({
            range: update.cmd.range(0, update.sub.index),
            message:
              `\`${words}\` refreshes the package index in a layer of its own, but nothing in this RUN installs from it. ` +
              `Once cached, ${where} can run against an index from the first build (stale versions, missing packages)${size}. ` +
              `Update and install in the same RUN${shipsLayers(model, stage) ? '' : ` (${stageLabel(stage)} only feeds other stages)`}.`,
            fixes,
          });
        }
      }
    }
  },
};

/** The next RUN of the stage that installs with the same package manager. */
function laterInstall(model: DockerfileModel, stage: Stage, ins: InstructionInfo, update: PackageCommand): InstructionInfo | undefined {
  const after = stage.instructions.slice(stage.instructions.indexOf(ins) + 1);
  return after.find((i) => packageCommands(model, i).some((p) => sameFamily(p.manager, update.manager) && (p.action === 'install' || p.action === 'upgrade')));
}

/** `./setup.sh`, `sh /tmp/install.sh`, `bash scripts/deps`: something we cannot see into. */
function runsLocalScript(cmd: SimpleCommand): boolean {
  if (/\.sh$/.test(cmd.name) || /^\.{0,2}\//.test(cmd.argv[0] ?? '')) return true;
  return isShellProgram(cmd.name) && cmd.argv.slice(1).some((a) => !a.startsWith('-') && !cmd.argv.includes('-c'));
}
