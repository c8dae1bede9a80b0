/**
 * OS package-manager commands found in RUN steps (`apt-get install`, `apk add`, `dnf install`, ...),
 * classified by what they do, with the cache directories each manager leaves behind.
 */
import type { DockerfileModel, Flag, InstructionInfo } from './model';
import type { SimpleCommand } from './shell';
import { memo } from './memo';
import { hasOption, runCommands, subcommand } from './shell';

export type PackageManager = 'apt' | 'apk' | 'dnf' | 'yum' | 'microdnf' | 'tdnf' | 'zypper';
export type PackageAction = 'install' | 'update' | 'upgrade' | 'remove' | 'clean' | 'other';

export interface PackageCommand {
  manager: PackageManager;
  action: PackageAction;
  cmd: SimpleCommand;
  /** The subcommand word (`install`), as an index into `cmd.argv`. */
  sub: { index: number; value: string };
  /** Indexes in `cmd.argv` of the package operands after the subcommand. */
  packages: number[];
}

const PROGRAMS: Record<string, PackageManager> = {
  'apt-get': 'apt',
  apt: 'apt',
  apk: 'apk',
  dnf: 'dnf',
  dnf5: 'dnf',
  yum: 'yum',
  microdnf: 'microdnf',
  tdnf: 'tdnf',
  zypper: 'zypper',
};

/** Options that take the next word as their value, per manager (so it is not mistaken for a subcommand). */
const VALUED: Record<PackageManager, string[]> = {
  apt: ['-o', '-c', '-t', '-a', '--option', '--config-file', '--target-release', '--default-release', '--host-architecture'],
  apk: ['-X', '-p', '-t', '--repository', '--root', '--arch', '--keys-dir', '--repositories-file', '--cache-dir', '--virtual'],
  dnf: ['-c', '-d', '-e', '-x', '--config', '--installroot', '--releasever', '--exclude', '--repo', '--repoid', '--forcearch', '--setopt', '--enablerepo', '--disablerepo'],
  yum: ['-c', '-d', '-e', '-x', '--config', '--installroot', '--releasever', '--exclude', '--setopt', '--enablerepo', '--disablerepo'],
  microdnf: ['--config', '--installroot', '--releasever', '--setopt', '--enablerepo', '--disablerepo'],
  tdnf: ['-c', '--config', '--installroot', '--releasever', '--setopt', '--enablerepo', '--disablerepo'],
  zypper: ['-R', '-c', '-t', '-r', '--root', '--config', '--type', '--repo', '--from', '--installroot'],
};

const DRY_RUN: Record<PackageManager, string[]> = {
  apt: ['-s', '--simulate', '--just-print', '--dry-run', '--recon', '--no-act'],
  apk: ['-s', '--simulate'],
  dnf: ['--assumeno'],
  yum: ['--assumeno'],
  microdnf: ['--assumeno'],
  tdnf: ['--assumeno'],
  zypper: ['-D', '--dry-run'],
};

const ACTIONS: Record<'apt' | 'apk' | 'rpm' | 'zypper', Record<string, PackageAction>> = {
  apt: {
    install: 'install',
    reinstall: 'install',
    'build-dep': 'install',
    satisfy: 'install',
    update: 'update',
    upgrade: 'upgrade',
    'dist-upgrade': 'upgrade',
    'full-upgrade': 'upgrade',
    remove: 'remove',
    purge: 'remove',
    autoremove: 'remove',
    'auto-remove': 'remove',
    clean: 'clean',
    autoclean: 'clean',
    distclean: 'clean',
    'dist-clean': 'clean',
  },
  apk: { add: 'install', update: 'update', upgrade: 'upgrade', del: 'remove', cache: 'clean' },
  rpm: {
    install: 'install',
    reinstall: 'install',
    groupinstall: 'install',
    localinstall: 'install',
    builddep: 'install',
    makecache: 'update',
    'check-update': 'update',
    update: 'upgrade',
    upgrade: 'upgrade',
    'distro-sync': 'upgrade',
    'update-minimal': 'upgrade',
    'upgrade-minimal': 'upgrade',
    remove: 'remove',
    erase: 'remove',
    autoremove: 'remove',
    clean: 'clean',
  },
  zypper: {
    install: 'install',
    in: 'install',
    'source-install': 'install',
    si: 'install',
    refresh: 'update',
    ref: 'update',
    update: 'upgrade',
    up: 'upgrade',
    'dist-upgrade': 'upgrade',
    dup: 'upgrade',
    patch: 'upgrade',
    remove: 'remove',
    rm: 'remove',
    clean: 'clean',
    cc: 'clean',
  },
};

/** Classify a simple command as a package-manager call, or undefined. */
export function packageCommand(cmd: SimpleCommand): PackageCommand | undefined {
  const manager = PROGRAMS[cmd.name];
  if (!manager) return undefined;
  const valued = VALUED[manager];
  const sub = subcommand(cmd, valued);
  if (!sub) return undefined;
  const table = manager === 'apt' ? ACTIONS.apt : manager === 'apk' ? ACTIONS.apk : manager === 'zypper' ? ACTIONS.zypper : ACTIONS.rpm;
  let action = table[sub.value] ?? 'other';
  // A dry run (`apt-get install -s x`, often used to test whether a package exists) changes nothing.
  if (hasOption(cmd, ...DRY_RUN[manager])) action = 'other';
  // `dnf module install`, `dnf group install`
  if ((sub.value === 'module' || sub.value === 'group') && /^install$/.test(cmd.argv[sub.index + 1] ?? '')) action = 'install';
  const packages: number[] = [];
  for (let i = sub.index + 1; i < cmd.argv.length; i++) {
    const a = cmd.argv[i];
    if (a.startsWith('-')) {
      if (valued.includes(a)) i++;
      continue;
    }
    packages.push(i);
  }
  return { manager, action, cmd, sub, packages };
}

/** Every package-manager command a RUN executes. */
export function packageCommands(model: DockerfileModel, ins: InstructionInfo): PackageCommand[] {
  // several rules ask for the same RUN: read it once per instruction, hand out copies
  return memo(ins, 'packageCommands', () => {
    const out: PackageCommand[] = [];
    for (const c of runCommands(model, ins)) {
      const p = packageCommand(c);
      if (p) out.push(p);
    }
    return out;
  }).slice();
}

/** The rpm-family managers share one cache layout and understand each other's `clean all`. */
export function sameFamily(a: PackageManager, b: PackageManager): boolean {
  const rpm = (m: PackageManager) => m === 'dnf' || m === 'yum' || m === 'microdnf' || m === 'tdnf';
  return a === b || (rpm(a) && rpm(b));
}

/** Where each manager keeps what it downloaded. */
export const CACHE_DIRS: Record<PackageManager, string[]> = {
  apt: ['/var/lib/apt/lists', '/var/cache/apt'],
  apk: ['/var/cache/apk', '/etc/apk/cache'],
  dnf: ['/var/cache/dnf', '/var/cache/libdnf5', '/var/cache/yum'],
  yum: ['/var/cache/yum', '/var/cache/dnf'],
  microdnf: ['/var/cache/yum', '/var/cache/dnf', '/var/cache/libdnf5'],
  tdnf: ['/var/cache/tdnf'],
  zypper: ['/var/cache/zypp'],
};

/** Is `dir` inside a `--mount=type=cache` or `type=tmpfs` target of this RUN (so it never lands in the layer)? */
export function mountCovers(flags: Flag[], dir: string): boolean {
  return flags.some((f) => {
    if (f.name !== 'mount') return false;
    const type = (f.options.type ?? 'bind').toLowerCase();
    if (type !== 'cache' && type !== 'tmpfs') return false;
    const target = (f.options.target ?? f.options.dst ?? f.options.destination ?? '').replace(/\/+$/, '');
    return target !== '' && (dir === target || dir.startsWith(`${target}/`));
  });
}

/** Does some `rm` (or `find ... -delete`) in these commands delete `dir` or what is inside it? */
export function removesDir(cmds: SimpleCommand[], dir: string): boolean {
  return cmds.some((c) => {
    if (c.name !== 'rm' && c.name !== 'find') return false;
    return c.argv.slice(1).some((a) => {
      const p = a.replace(/\/+\*?$/, '').replace(/\/\*$/, '');
      // `rm -rf /var/lib/apt` also takes the lists; `rm -rf /var` is not a cleanup anyone writes
      return p === dir || p.startsWith(`${dir}/`) || (dir.startsWith(`${p}/`) && p.split('/').length > 2);
    });
  });
}
