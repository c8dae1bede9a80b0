import type { Fix } from '../../findings';
import type { Rule } from '../../rule';
import type { DockerfileModel, InstructionInfo } from '../model';
import { mountCovers, packageCommand, removesDir, sameFamily } from '../package-commands';
import type { PackageCommand, PackageManager } from '../package-commands';
import { appendCommandEdit, hasOption, insertAfterWordEdit, runScripts } from '../shell';
import type { Script, SimpleCommand } from '../shell';
import { shipsLayers } from '../stage-facts';

export const packageCacheNotCleaned: Rule<DockerfileModel> = {
  id: 'package-cache-not-cleaned',
  title: 'Package-manager cache left in the layer',
  category: 'layers',
  defaultSeverity: 'warning',
  topic: 'package-caches',
  equivalents: { hadolint: ['DL3009', 'DL3019', 'DL3032', 'DL3036', 'DL3040'], trivy: ['DS-0015', 'DS-0019', 'DS-0020', 'DS-0025', 'DS-0027'] },
  docs:
    'A layer keeps every file that exists when its RUN step ends. Package indexes and downloaded packages (apt\'s ' +
    '`/var/lib/apt/lists`, apk\'s `/var/cache/apk`, the dnf/yum/zypper caches) are only needed while installing, but ' +
    'unless the same RUN deletes them they ship in the image, and a later `rm` in another RUN cannot shrink this ' +
    'layer. End the RUN with the cleanup (`rm -rf /var/lib/apt/lists/*`, `dnf clean all`, `zypper clean --all`), ' +
    'use `apk add --no-cache`, or keep the cache out of the layer with `RUN --mount=type=cache,target=<dir>`. ' +
    'Reported only for stages whose layers are shipped: a stage that only feeds `COPY --from` is thrown away anyway. ' +
    'For apt, the RUN that downloads the lists (`apt-get update`) is the one that must remove them.',
  check(model, report) {
    for (const stage of model.stages) {
      if (!shipsLayers(model, stage)) continue;
      for (const ins of stage.instructions) {
        const scripts = runScripts(model, ins);
        if (scripts.length === 0) continue;
        const cmds = scripts.flatMap((s) => s.commands);
        const pkgs = cmds.map(packageCommand).filter((p): p is PackageCommand => p !== undefined);
        if (pkgs.length === 0) continue;
        const last = editableScript(scripts);
        checkApt(model, ins, cmds, pkgs, last, report);
        checkApk(model, ins, cmds, pkgs, last, report);
        for (const family of ['dnf', 'zypper'] as const) checkRpmOrZypper(model, ins, cmds, pkgs, last, family, report);
      }
    }
  },
};

type ReportFn = Parameters<Rule<DockerfileModel>['check']>[1];

/** The script an appended cleanup belongs in: the last one a shell runs. */
function editableScript(scripts: Script[]): Script | undefined {
  return [...scripts].reverse().find((s) => s.kind === 'shell' || s.kind === 'heredoc' || s.kind === 'exec-c');
}

function appendFix(model: DockerfileModel, script: Script | undefined, command: string): Fix[] {
  if (!script) return [];
  const edit = appendCommandEdit(model, script, command);
  return edit ? [{ title: `Clean up in the same RUN (${command})`, edits: [edit], preferred: true }] : [];
}

function subRange(p: PackageCommand) {
  return p.cmd.range(0, p.sub.index);
}

function checkApt(model: DockerfileModel, ins: InstructionInfo, cmds: SimpleCommand[], pkgs: PackageCommand[], last: Script | undefined, report: ReportFn) {
  const apt = pkgs.filter((p) => p.manager === 'apt');
  const update = apt.find((p) => p.action === 'update');
  const install = apt.find((p) => p.action === 'install' || p.action === 'upgrade');
  // Without an update in this RUN the lists came from an earlier layer; deleting them here frees nothing.
  if (!update || !install) return;
  const lists = '/var/lib/apt/lists';
  if (mountCovers(ins.flags, lists) || removesDir(cmds, lists)) return;
  if (apt.some((p) => p.sub.value === 'distclean' || p.sub.value === 'dist-clean')) return;
  const updateLine = update.cmd.range(0).start.line + 1;
  report({
    range: subRange(install),
    message: `\`${install.cmd.argv[0]} ${install.sub.value}\` runs after \`${update.cmd.argv[0]} update\` (line ${updateLine}) downloaded the package lists into this layer, and nothing in this RUN deletes them: they ship in the image (typically tens of MB). End this RUN with \`rm -rf /var/lib/apt/lists/*\`.`,
    fixes: appendFix(model, last, 'rm -rf /var/lib/apt/lists/*'),
  });
}

function checkApk(model: DockerfileModel, ins: InstructionInfo, cmds: SimpleCommand[], pkgs: PackageCommand[], last: Script | undefined, report: ReportFn) {
  const apk = pkgs.filter((p) => p.manager === 'apk');
  // `--no-network` only uses packages already on disk, so it downloads no index either
  const keeps = (p: PackageCommand) => !hasOption(p.cmd, '--no-cache', '--no-network');
  const update = apk.find((p) => p.action === 'update' && keeps(p));
  const add = apk.find((p) => (p.action === 'install' || p.action === 'upgrade') && keeps(p));
  const offender = update ?? add;
  if (!offender) return;
  if (['/var/cache/apk', '/etc/apk/cache'].some((d) => mountCovers(ins.flags, d) || removesDir(cmds, d))) return;
  if (apk.some((p) => p.sub.value === 'cache' && ['clean', 'purge'].includes(p.cmd.argv[p.sub.index + 1] ?? ''))) return;
  const fixes: Fix[] = [];
  if (!update && add) {
    const edit = insertAfterWordEdit(add.cmd, add.sub.index, ' --no-cache');
    if (edit) fixes.push({ title: `Use \`apk ${add.sub.value} --no-cache\``, edits: [edit], preferred: true });
  } else {
    fixes.push(...appendFix(model, last, 'rm -rf /var/cache/apk/*'));
  }
  report({
    range: subRange(offender),
    message: update
      ? '`apk update` stores the package index in /var/cache/apk in this layer and nothing in this RUN removes it. Drop the update and use `apk add --no-cache`, or end the RUN with `rm -rf /var/cache/apk/*`.'
      : `\`apk ${offender.sub.value}\` without \`--no-cache\` keeps the package index it downloads in /var/cache/apk, in this layer. Add \`--no-cache\`: apk then fetches the index for this command only.`,
    fixes,
  });
}

const CLEAN: Record<'dnf' | 'zypper', { dirs: string[]; cleanup: (p: PackageCommand) => string }> = {
  dnf: { dirs: ['/var/cache/dnf', '/var/cache/yum', '/var/cache/libdnf5', '/var/cache/tdnf'], cleanup: (p) => `${p.cmd.argv[0]} clean all` },
  zypper: { dirs: ['/var/cache/zypp'], cleanup: () => 'zypper clean --all' },
};

function checkRpmOrZypper(
  model: DockerfileModel,
  ins: InstructionInfo,
  cmds: SimpleCommand[],
  pkgs: PackageCommand[],
  last: Script | undefined,
  family: 'dnf' | 'zypper',
  report: ReportFn,
) {
  const mine = pkgs.filter((p) => sameFamily(p.manager, family as PackageManager));
  const install = mine.find((p) => p.action === 'install' || p.action === 'upgrade');
  if (!install) return;
  if (mine.some((p) => p.action === 'clean')) return;
  const spec = CLEAN[family];
  if (spec.dirs.some((d) => mountCovers(ins.flags, d) || removesDir(cmds, d))) return;
  const cleanup = spec.cleanup(install);
  report({
    range: subRange(install),
    message: `\`${install.cmd.argv[0]} ${install.sub.value}\` leaves its repository metadata and package cache in this layer, and nothing in this RUN cleans them. End this RUN with \`${cleanup}\`.`,
    fixes: appendFix(model, last, cleanup),
  });
}
