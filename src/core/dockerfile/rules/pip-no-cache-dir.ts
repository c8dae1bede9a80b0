import type { Rule } from '../../rule';
import type { DockerfileModel, InstructionInfo } from '../model';
import { mountCovers, removesDir } from '../package-commands';
import { hasOption, insertAfterWordEdit, runCommands, subcommand } from '../shell';
import type { SimpleCommand } from '../shell';
import { anyBefore, shipsLayers } from '../stage-facts';

/** `pip install`, `pip3 install`, `python3 -m pip install`: the index of `install` in argv, or -1. */
export function pipInstallIndex(cmd: SimpleCommand): number {
  if (/^pip[0-9.]*$/.test(cmd.name)) {
    const sub = subcommand(cmd, ['--cache-dir', '--proxy', '--log', '--timeout', '--retries', '--python']);
    return sub?.value === 'install' ? sub.index : -1;
  }
  if (/^python[0-9.]*$/.test(cmd.name)) {
    const m = cmd.argv.indexOf('-m');
    if (m > 0 && /^pip[0-9.]*$/.test(cmd.argv[m + 1] ?? '') && cmd.argv[m + 2] === 'install') return m + 2;
  }
  return -1;
}

export const pipNoCacheDir: Rule<DockerfileModel> = {
  id: 'pip-no-cache-dir',
  title: 'pip install keeps its download cache in the layer',
  category: 'layers',
  defaultSeverity: 'warning',
  topic: 'package-caches',
  equivalents: { hadolint: 'DL3042' },
  docs:
    '`pip install` keeps every wheel it downloads or builds under `~/.cache/pip`, so the layer carries each package ' +
    'twice: installed, and as the cached archive (hundreds of MB for large scientific or ML packages). Add ' +
    '`--no-cache-dir`, set `ENV PIP_NO_CACHE_DIR=1`, or keep the cache out of the layer with ' +
    '`RUN --mount=type=cache,target=/root/.cache/pip`. Not reported in stages whose layers are not shipped.',
  check(model, report) {
    for (const stage of model.stages) {
      if (!shipsLayers(model, stage)) continue;
      for (const ins of stage.instructions) {
        const cmds = runCommands(model, ins);
        for (const cmd of cmds) {
          const at = pipInstallIndex(cmd);
          if (at < 0) continue;
          if (hasOption(cmd, '--no-cache-dir', '--cache-dir')) continue;
          if (cacheHandled(model, ins, cmds, cmd)) continue;
          const edit = insertAfterWordEdit(cmd, at, ' --no-cache-dir');
          report({
            range: cmd.range(0, at),
            message: `\`${cmd.argv.slice(0, at + 1).join(' ')}\` keeps a copy of every downloaded wheel under ~/.cache/pip in this layer. Add \`--no-cache-dir\` (or use a cache mount).`,
            fixes: edit ? [{ title: 'Add --no-cache-dir', edits: [edit], preferred: true }] : [],
          });
        }
      }
    }
  },
};

function cacheHandled(model: DockerfileModel, ins: InstructionInfo, cmds: SimpleCommand[], cmd: SimpleCommand): boolean {
  if (cmd.assignments.some((a) => a.value.startsWith('PIP_NO_CACHE_DIR='))) return true;
  if (cmds.some((c) => c.name === 'export' && c.argv.some((a) => a.startsWith('PIP_NO_CACHE_DIR')))) return true;
  // ENV or ARG (build arguments are environment variables of RUN steps) set earlier in the stage chain
  if (anyBefore(model, ins, 'pip-no-cache-dir', (i) => (i.keyword === 'ENV' || i.keyword === 'ARG') && /(^|\s)PIP_NO_CACHE_DIR[=\s]/.test(` ${i.argsText}`))) return true;
  if (ins.flags.some((f) => f.name === 'mount' && /(^|\/)\.cache(\/pip)?\/?$/.test(f.options.target ?? f.options.dst ?? ''))) return true;
  if (mountCovers(ins.flags, '/root/.cache/pip')) return true;
  if (cmds.some((c) => /^pip[0-9.]*$/.test(c.name) && c.argv[1] === 'cache' && ['purge', 'remove'].includes(c.argv[2] ?? ''))) return true;
  return ['/root/.cache/pip', '/root/.cache', '~/.cache/pip', '~/.cache', '$HOME/.cache/pip', '$HOME/.cache'].some((d) => removesDir(cmds, d));
}
