import type { Rule } from '../../rule';
import type { DockerfileModel, InstructionInfo } from '../model';
import { packageCommands } from '../package-commands';
import { hasOption, insertAfterWordEdit } from '../shell';
import type { SimpleCommand } from '../shell';
import { anyBefore } from '../stage-facts';

export const aptGetMissingYes: Rule<DockerfileModel> = {
  id: 'apt-get-missing-yes',
  title: 'apt-get install without -y',
  category: 'correctness',
  defaultSeverity: 'warning',
  topic: 'dockerfile-syntax',
  equivalents: { hadolint: 'DL3014', trivy: 'DS-0021' },
  docs:
    'A build step has no terminal: when `apt-get install` (or `upgrade`, `remove`) wants to ask "Do you want to ' +
    'continue?", it reads end-of-input and aborts, and the build fails as soon as a package pulls in a dependency. ' +
    'Pass `-y` (`--yes`, `--assume-yes`, or `-qq`, which implies it). `DEBIAN_FRONTEND=noninteractive` does not ' +
    'answer this prompt; it only silences debconf questions. Not reported when an earlier RUN sets ' +
    '`APT::Get::Assume-Yes` in the apt configuration or when `yes |` feeds the command.',
  check(model, report) {
    for (const ins of model.instructions) {
      const pkgs = packageCommands(model, ins);
      for (const p of pkgs) {
        if (p.manager !== 'apt') continue;
        if (!['install', 'upgrade', 'remove'].includes(p.action)) continue;
        const cmd = p.cmd;
        if (hasOption(cmd, '-y', '--yes', '--assume-yes', '--force-yes') || /(^|\s)(-qq|-q=2|--quiet=2)(\s|$)/.test(cmd.argv.join(' '))) continue;
        if (cmd.argv.some((a) => /Assume-Yes=(true|1|yes)/i.test(a))) continue;
        if (cmd.before === '|' && fedByYes(cmd)) continue;
        if (assumeYesConfigured(model, ins)) continue;
        const edit = insertAfterWordEdit(cmd, p.sub.index, ' -y');
        report({
          range: cmd.range(0, p.sub.index),
          message: `\`${cmd.argv[0]} ${p.sub.value}\` will stop to ask for confirmation, and a build has no one to answer: it aborts and the build fails. Add \`-y\`.`,
          fixes: edit ? [{ title: 'Add -y', edits: [edit], preferred: true }] : [],
        });
      }
    }
  },
};

function fedByYes(cmd: SimpleCommand): boolean {
  const cmds = cmd.script.commands;
  const i = cmds.indexOf(cmd);
  return cmds.slice(0, i).some((c) => c.pipeline === cmd.pipeline && c.name === 'yes');
}

function assumeYesConfigured(model: DockerfileModel, ins: InstructionInfo): boolean {
  return anyBefore(model, ins, 'apt-assume-yes', (i) => i.keyword === 'RUN' && /Assume-Yes\W+(true|1|yes)/i.test(i.shell?.text ?? ''));
}
