import type { Rule } from '../../rule';
import type { DockerfileModel } from '../model';
import type { ShellWord, SimpleCommand } from '../run-commands';
import { operands, programName, runScriptOf, subcommandIndex } from '../run-commands';

interface Manager {
  /** How a pinned package is written, for messages. */
  syntax: string;
  verbs: ReadonlySet<string>;
  withValue: ReadonlySet<string>;
  pinned(word: string): boolean;
}

const APT: Manager = {
  syntax: 'name=version',
  verbs: new Set(['install']),
  withValue: new Set(['-o', '-t', '-c', '--option', '--target-release', '--default-release', '--config-file']),
  pinned: (w) => w.includes('='),
};
const APK: Manager = {
  syntax: 'name=version',
  verbs: new Set(['add']),
  withValue: new Set(['-X', '--repository', '-t', '--virtual', '-p', '--root', '--repositories-file', '--arch', '--cache-dir', '--keys-dir']),
  pinned: (w) => /[=<>~]/.test(w),
};
const RPM: Manager = {
  syntax: 'name-version',
  verbs: new Set(['install']),
  withValue: new Set(['-x', '--exclude', '--installroot', '--releasever', '--enablerepo', '--disablerepo', '-c', '--config', '--repo', '--repoid', '--setopt']),
  // `httpd-2.4.57`, `nginx-1:1.24.0-1.el9`: a hyphen followed by a digit starts the version.
  pinned: (w) => /-\d/.test(w) || /[=<>]/.test(w),
};
const ZYPPER: Manager = {
  syntax: 'name=version',
  verbs: new Set(['install', 'in']),
  withValue: new Set(['-t', '--type', '-r', '--repo', '--from']),
  pinned: (w) => /[=<>]/.test(w),
};

const MANAGERS: Record<string, Manager> = {
  'apt-get': APT,
  apt: APT,
  apk: APK,
  yum: RPM,
  dnf: RPM,
  microdnf: RPM,
  tdnf: RPM,
  zypper: ZYPPER,
};

/** Not a repository package name: a local file, a URL, a group, or something decided at run time. */
function notAPackageName(w: ShellWord): boolean {
  const v = w.value;
  return w.dynamic || v === '' || /^[./~]/.test(v) || v.includes('://') || v.startsWith('@') || /\.(deb|apk|rpm)$/.test(v);
}

export const unpinnedOsPackages: Rule<DockerfileModel> = {
  id: 'unpinned-os-packages',
  title: 'OS packages are installed with a version',
  category: 'reproducibility',
  defaultSeverity: 'info',
  topic: 'package-pinning',
  equivalents: { hadolint: ['DL3008', 'DL3018', 'DL3033', 'DL3037', 'DL3041'] },
  docs:
    '`apt-get install curl` installs whatever version the mirror has on the day of the build, so two builds of the ' +
    'same Dockerfile can differ, and a rebuild can pull in a change nobody reviewed. Writing the version ' +
    '(`curl=8.5.0-2` for apt and apk, `curl-8.5.0` for dnf and yum) makes the change explicit. The trade-off: ' +
    'distributions drop old versions from their mirrors, so exact pins eventually break the build; teams that want ' +
    'repeatable builds without that pin the base image by digest and install from a dated snapshot of the archive. ' +
    'Local package files, URLs and names built from variables are not reported.',
  check(model, report) {
    for (const stage of model.stages) {
      for (const ins of stage.instructions) {
        const run = runScriptOf(model, ins);
        if (!run) continue;
        for (const cmd of run.script.commands) {
          const found = unpinned(cmd);
          if (!found || found.packages.length === 0) continue;
          const [first, ...rest] = found.packages;
          const more = rest.length ? ` (and ${rest.length} more: ${rest.slice(0, 4).map((w) => w.value).join(', ')}${rest.length > 4 ? ', …' : ''})` : '';
          report({
            range: run.rangeOf(first.start, first.end),
            message: `\`${first.value}\`${more} is installed without a version, so each build takes whatever \`${found.program}\` finds that day; write \`${found.manager.syntax}\` to make upgrades deliberate.`,
            related: rest.map((w) => ({ range: run.rangeOf(w.start, w.end), message: `\`${w.value}\` is not pinned either` })),
          });
        }
      }
    }
  },
};

function unpinned(cmd: SimpleCommand): { program: string; manager: Manager; packages: ShellWord[] } | undefined {
  const program = programName(cmd);
  const manager = MANAGERS[program];
  if (!manager) return undefined;
  const verb = subcommandIndex(cmd, manager.withValue);
  if (verb < 0 || !manager.verbs.has(cmd.words[verb].value)) return undefined;
  const packages = operands(cmd, verb + 1, manager.withValue).filter((w) => !notAPackageName(w) && !manager.pinned(w.value));
  return { program, manager, packages };
}
