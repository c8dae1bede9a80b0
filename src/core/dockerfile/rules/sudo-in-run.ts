import type { Fix } from '../../findings';
import type { Rule } from '../../rule';
import type { DockerfileModel } from '../model';
import { basename, rangeUpTo, runScripts } from '../shell';
import type { SimpleCommand, Word } from '../shell';
import { userAt } from '../stage-facts';

/** sudo options that change nothing once the command already runs as root. */
const HARMLESS = new Set(['-E', '-H', '-n', '--preserve-env', '--set-home', '--non-interactive']);

export const sudoInRun: Rule<DockerfileModel> = {
  id: 'sudo-in-run',
  title: 'sudo in a RUN step',
  category: 'isolation',
  defaultSeverity: 'warning',
  topic: 'non-root-user',
  equivalents: { hadolint: 'DL3004', trivy: 'DS-0010' },
  docs:
    'A RUN step already runs as the user of the last `USER` instruction, so `sudo` is either pointless (the step ' +
    'is root anyway) or means the image carries a setuid-root `sudo` and a sudoers rule that let an unprivileged ' +
    'user become root: exactly the door a non-root container is meant to close, left open for every process at ' +
    'run time. Switch with `USER root` for the steps that need it and back to the unprivileged user afterwards; ' +
    'to drop privileges in an entrypoint, use `gosu` or `su-exec`. When the step already runs as root, the quick ' +
    'fix removes `sudo`.',
  check(model, report) {
    for (const ins of model.instructions) {
      for (const script of runScripts(model, ins)) {
        for (const cmd of script.commands) {
          const sudo = sudoWord(cmd);
          if (!sudo) continue;
          const src = cmd.script.source;
          const user = userAt(model, ins);
          const message =
            user.kind === 'root'
              ? `\`sudo\` is redundant here: this RUN already runs as root (${user.why}). If the image also installs sudo, it ships a setuid-root program that any process in the container can try.`
              : user.kind === 'non-root'
                ? `\`sudo\` in a build step that runs as \`${user.name}\` (${user.why}): it only works if the image lets \`${user.name}\` become root through sudoers, and that rule stays in the image for every container. Use \`USER root\` for this step and switch back afterwards.`
                : `\`sudo\` in a build step: RUN already runs as the current \`USER\` (${user.why}). Use \`USER root\` for steps that need root instead of shipping sudo and a sudoers rule in the image.`;
          report({ range: src.rangeOf(sudo.start, sudo.end), message, fixes: user.kind === 'root' ? removeSudo(cmd, sudo) : [] });
        }
      }
    }
  },
};

function sudoWord(cmd: SimpleCommand): Word | undefined {
  const w = cmd.wrappers.find((x) => basename(x.value) === 'sudo');
  if (w) return w;
  return cmd.name === 'sudo' ? cmd.words[0] : undefined;
}

/** Delete `sudo` and its options up to the next word, when that keeps the command meaning the same as root. */
function removeSudo(cmd: SimpleCommand, sudo: Word): Fix[] {
  if (cmd.script.kind === 'exec' || cmd.name === 'sudo' || cmd.words.length === 0) return [];
  const i = cmd.wrappers.indexOf(sudo);
  const options: Word[] = [];
  for (let k = i + 1; k < cmd.wrappers.length && cmd.wrappers[k].value.startsWith('-'); k++) options.push(cmd.wrappers[k]);
  if (options.some((o) => !HARMLESS.has(o.value))) return [];
  const lastOwn = options[options.length - 1] ?? sudo;
  const next = [...cmd.wrappers, ...cmd.assignments, ...cmd.words].filter((w) => w.start >= lastOwn.end).sort((a, b) => a.start - b.start)[0];
  if (!next) return [];
  const src = cmd.script.source;
  return [{ title: 'Remove sudo (this step already runs as root)', edits: [{ range: rangeUpTo(src, sudo.start, next.start), newText: '' }], preferred: true }];
}
