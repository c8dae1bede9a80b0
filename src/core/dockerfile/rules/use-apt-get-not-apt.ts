import type { Fix } from '../../findings';
import type { Rule } from '../../rule';
import type { DockerfileModel } from '../model';
import { runCommands, subcommand } from '../shell';

/** apt subcommands and what to write instead; null when there is no script-safe equivalent. */
const REPLACEMENT: Record<string, [string, string] | null> = {
  install: ['apt-get', 'install'],
  reinstall: ['apt-get', 'reinstall'],
  remove: ['apt-get', 'remove'],
  purge: ['apt-get', 'purge'],
  autoremove: ['apt-get', 'autoremove'],
  update: ['apt-get', 'update'],
  upgrade: ['apt-get', 'upgrade'],
  'full-upgrade': ['apt-get', 'dist-upgrade'],
  'dist-upgrade': ['apt-get', 'dist-upgrade'],
  clean: ['apt-get', 'clean'],
  autoclean: ['apt-get', 'autoclean'],
  source: ['apt-get', 'source'],
  'build-dep': ['apt-get', 'build-dep'],
  download: ['apt-get', 'download'],
  satisfy: ['apt-get', 'satisfy'],
  search: ['apt-cache', 'search'],
  show: ['apt-cache', 'show'],
  policy: ['apt-cache', 'policy'],
  depends: ['apt-cache', 'depends'],
  rdepends: ['apt-cache', 'rdepends'],
  showsrc: ['apt-cache', 'showsrc'],
  list: null,
  'edit-sources': null,
};

export const useAptGetNotApt: Rule<DockerfileModel> = {
  id: 'use-apt-get-not-apt',
  title: '`apt` in a build script instead of `apt-get`',
  category: 'correctness',
  defaultSeverity: 'warning',
  topic: 'dockerfile-syntax',
  equivalents: { hadolint: 'DL3027' },
  docs:
    '`apt` is the front end meant for people at a terminal: its output, prompts and defaults may change between ' +
    'releases, and it prints a warning when its output is not a terminal. `apt-get` and `apt-cache` are the stable ' +
    'interfaces for scripts, and a Dockerfile is a script. The quick fix swaps the program (and `full-upgrade` for ' +
    'the equivalent `dist-upgrade`); `apt list` has no direct replacement and gets no fix.',
  check(model, report) {
    for (const ins of model.instructions) {
      for (const cmd of runCommands(model, ins)) {
        if (cmd.name !== 'apt') continue;
        const sub = subcommand(cmd, ['-o', '-c', '-t']);
        if (!sub) continue;
        const to = REPLACEMENT[sub.value];
        const fixes: Fix[] = [];
        if (to && cmd.script.kind !== 'exec') {
          const edits = [{ range: cmd.range(0), newText: cmd.argv[0].replace(/apt$/, to[0]) }];
          if (to[1] !== sub.value) edits.push({ range: cmd.range(sub.index), newText: to[1] });
          fixes.push({ title: `Use ${to[0]} ${to[1]}`, edits, preferred: true });
        }
        report({
          range: cmd.range(0),
          message: `\`apt ${sub.value}\` uses the interactive front end, whose behaviour and output are not stable for scripts.${to ? ` Use \`${to[0]} ${to[1]}\`.` : ' Use `apt-get`/`apt-cache` or `dpkg-query`.'}`,
          fixes,
        });
      }
    }
  },
};
