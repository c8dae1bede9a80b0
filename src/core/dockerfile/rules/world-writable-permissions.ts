import type { Fix } from '../../findings';
import type { Rule } from '../../rule';
import type { Range } from '../../text/range';
import type { DockerfileModel } from '../model';
import { isWindowsStage, runCommands } from '../shell';
import type { SimpleCommand } from '../shell';

const CHMOD_OPTIONS = /^(-[RfvcHLP]+|--recursive|--silent|--quiet|--verbose|--changes|--no-preserve-root|--preserve-root|--dereference|--no-dereference)$/;

export const worldWritablePermissions: Rule<DockerfileModel> = {
  id: 'world-writable-permissions',
  title: 'Files or directories made writable by every user',
  category: 'isolation',
  defaultSeverity: 'warning',
  topic: 'file-permissions',
  equivalents: {},
  docs:
    'Mode `777` (or `o+w`, `a+w`) lets any UID in the container write there. Running as a non-root user only helps ' +
    'if that user cannot rewrite the code and configuration it executes; a world-writable app directory gives that ' +
    'back to every process, and to any other UID that shares a volume with the container. Give ownership to the one ' +
    'user that must write (`COPY --chown=app:app`, `chown`) and use `755`/`644`, or `775` with a shared group. ' +
    'Sticky world-writable directories (`1777`, like `/tmp`) are the intended scratch-space pattern and are not ' +
    'reported, nor is a directory the same RUN deletes again. Checked in `chmod` commands and in `COPY/ADD --chmod`.',
  check(model, report) {
    for (const ins of model.instructions) {
      const stage = model.stages[ins.stage];
      if (!stage) continue;
      if ((ins.keyword === 'COPY' || ins.keyword === 'ADD') && !isWindowsStage(model, stage)) {
        const flag = ins.flags.find((f) => f.name === 'chmod');
        if (flag?.value && flag.valueRange && worldWritable(flag.value)) {
          const target = ins.argsText.trim().split(/\s+/).pop() ?? '';
          report({
            range: flag.valueRange,
            message: `\`--chmod=${flag.value}\` makes what this ${ins.keyword} writes to \`${target}\` writable by every user in the container. Give it to the user that needs to write (\`--chown\`) and drop the write bit for others.`,
            fixes: numericFix(flag.value, flag.valueRange),
          });
        }
        continue;
      }
      const cmds = runCommands(model, ins);
      for (const cmd of cmds) {
        if (cmd.name !== 'chmod') continue;
        let i = 1;
        while (i < cmd.argv.length && CHMOD_OPTIONS.test(cmd.argv[i])) i++;
        const mode = cmd.argv[i];
        if (mode === undefined || mode.startsWith('--reference') || !worldWritable(mode)) continue;
        const targets = cmd.argv.slice(i + 1);
        if (targets.length > 0 && targets.every((t) => removedLater(cmds, cmd, t))) continue;
        const what = targets.length === 0 ? 'the target' : targets.length === 1 ? `\`${targets[0]}\`` : `\`${targets[0]}\` and ${targets.length - 1} more`;
        const recursive = cmd.argv.slice(1, i).some((o) => o === '--recursive' || /^-[a-zA-Z]*R/.test(o));
        report({
          range: cmd.range(i),
          message: `\`chmod ${mode}\` makes ${what}${recursive ? ' and everything below it' : ''} writable by every user in the container, so a non-root process that is compromised (or any UID sharing a volume) can change it. Give ownership to the user that must write and drop the write bit for others.`,
          fixes: cmd.script.kind === 'exec' ? [] : numericFix(mode, cmd.range(i)),
        });
      }
    }
  },
};

/**
 * A scratch directory opened up for a helper user and deleted before the RUN ends (nginx builds packages in a
 * `mktemp -d` directory it makes 777 for apt's `_apt` user) never reaches the layer.
 */
function removedLater(cmds: SimpleCommand[], chmod: SimpleCommand, target: string): boolean {
  return cmds.slice(cmds.indexOf(chmod) + 1).some((c) => c.name === 'rm' && c.argv.slice(1).includes(target));
}

/**
 * Does this mode give write permission to "others"? Numeric modes look at the last digit; symbolic modes at
 * clauses for `o` or `a` that add or set `w`. A sticky bit (`1777`, `+t`) marks a shared scratch directory.
 */
export function worldWritable(mode: string): boolean {
  if (mode.includes('$')) return false;
  if (/^[0-7]{1,4}$/.test(mode)) {
    const digits = mode.padStart(4, '0');
    const special = Number(digits[0]);
    const others = Number(digits[3]);
    return (others & 2) !== 0 && (special & 1) === 0;
  }
  let writable = false;
  for (const clause of mode.split(',')) {
    const m = /^([ugoa]*)((?:[-+=][rwxXstugo]*)+)$/.exec(clause);
    if (!m) return false;
    const who = m[1];
    for (const [, op, perms] of m[2].matchAll(/([-+=])([rwxXstugo]*)/g)) {
      if (perms.includes('t') && op !== '-') return false;
      if ((op === '+' || op === '=') && perms.includes('w') && (who.includes('o') || who.includes('a'))) writable = true;
    }
  }
  return writable;
}

function numericFix(mode: string, range: Range): Fix[] {
  if (!/^[0-7]{1,4}$/.test(mode)) return [];
  const safer = mode.slice(0, -1) + String(Number(mode[mode.length - 1]) & ~2);
  return [{ title: `Remove write permission for others (${mode} → ${safer})`, edits: [{ range, newText: safer }] }];
}
