import type { Rule } from '../../rule';
import type { DockerfileModel } from '../model';
import type { ShellWord, SimpleCommand } from '../run-commands';
import { operands, programName, runScriptOf, subcommandIndex } from '../run-commands';

interface Check {
  tool: string;
  syntax: string;
  packages: ShellWord[];
}

const PIP_VALUE = new Set([
  '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url',
  '-f', '--find-links', '-t', '--target', '--prefix', '--root', '--trusted-host', '--platform', '--python-version',
  '--implementation', '--abi', '--src', '--upgrade-strategy', '--progress-bar', '--cache-dir', '--log', '--proxy',
  '--timeout', '--retries', '--global-option', '--install-option', '-C', '--config-settings', '--no-binary',
  '--only-binary', '--report', '--python',
]);
const NPM_VALUE = new Set(['--prefix', '--registry', '--cache', '-w', '--workspace', '--tag', '--userconfig']);
const GEM_VALUE = new Set(['-v', '--version', '-i', '--install-dir', '-n', '--bindir', '--source', '-s', '-P', '--trust-policy', '--platform']);
const GO_VALUE = new Set(['-o', '-p', '-mod', '-modfile', '-overlay', '-pkgdir', '-toolexec', '-tags', '-ldflags', '-gcflags', '-asmflags', '-buildmode', '-compiler', '-installsuffix']);
const CARGO_VALUE = new Set([
  '--version', '--vers', '--git', '--branch', '--tag', '--rev', '--path', '--root', '--index', '--registry',
  '--features', '-F', '--target', '-j', '--jobs', '--profile', '--target-dir', '--bin', '--example', '--config', '-Z',
]);

/** A path, URL, archive or VCS reference installs exactly what it points at, or is decided at run time. */
function notARegistryName(w: ShellWord): boolean {
  const v = w.value;
  return w.dynamic || v === '' || /^[./~]/.test(v) || v.includes('://') || /^(git\+|file:|github:|git@)/.test(v) || /\.(whl|tar\.gz|tgz|zip|gem)$/.test(v);
}

function pip(cmd: SimpleCommand): Check | undefined {
  const program = programName(cmd);
  let from: number;
  if (/^pip(\d+(\.\d+)?)?$/.test(program)) from = 1;
  else if (/^python(\d+(\.\d+)?)?$/.test(program) && cmd.words[1]?.value === '-m' && cmd.words[2]?.value === 'pip') from = 3;
  else if (program === 'uv' && cmd.words[1]?.value === 'pip') from = 2;
  else return undefined;
  const verb = subcommandIndex(cmd, PIP_VALUE, from);
  if (verb < 0 || cmd.words[verb].value !== 'install') return undefined;
  const packages = operands(cmd, verb + 1, PIP_VALUE).filter((w) => !notARegistryName(w) && !/===?|@/.test(w.value));
  return { tool: 'pip', syntax: 'name==version', packages };
}

/** npm, yarn and pnpm with package names; a bare `npm install` installs the lockfile and is fine. */
function node(cmd: SimpleCommand): Check | undefined {
  const program = programName(cmd);
  let verb: number;
  if (program === 'npm') {
    verb = subcommandIndex(cmd, NPM_VALUE);
    if (verb < 0 || !['install', 'i', 'add', 'isntall'].includes(cmd.words[verb].value)) return undefined;
  } else if (program === 'yarn' || program === 'pnpm') {
    verb = subcommandIndex(cmd, NPM_VALUE);
    if (verb >= 0 && cmd.words[verb].value === 'global') verb = subcommandIndex(cmd, NPM_VALUE, verb + 1);
    if (verb < 0 || !['add', ...(program === 'pnpm' ? ['install', 'i'] : [])].includes(cmd.words[verb].value)) return undefined;
  } else return undefined;
  const packages = operands(cmd, verb + 1, NPM_VALUE).filter((w) => !notARegistryName(w) && !npmPinned(w.value));
  return { tool: program, syntax: 'name@version', packages };
}

/** `pkg@1.2.3`, `@scope/pkg@1.2.3`: an exact version, not a dist-tag (`latest`) or a range (`^1`). */
function npmPinned(spec: string): boolean {
  const at = spec.lastIndexOf('@');
  // No version at all; `user/repo` (no leading @) is a GitHub reference, which names its own commit.
  if (at <= 0) return spec.includes('/') && !spec.startsWith('@');
  const version = spec.slice(at + 1);
  return /^v?\d/.test(version) && !/[\^~<>*x|]|\s/.test(version.replace(/^v/, ''));
}

function gem(cmd: SimpleCommand): Check | undefined {
  if (programName(cmd) !== 'gem') return undefined;
  const verb = subcommandIndex(cmd, GEM_VALUE);
  if (verb < 0 || !['install', 'i'].includes(cmd.words[verb].value)) return undefined;
  // `-v` pins the gem it follows; with several gems gem applies it to all of them.
  if (cmd.words.some((w) => w.value === '-v' || w.value === '--version' || w.value.startsWith('--version='))) return undefined;
  const packages = operands(cmd, verb + 1, GEM_VALUE).filter((w) => !notARegistryName(w) && !w.value.includes(':'));
  return { tool: 'gem', syntax: 'name:version or -v version', packages };
}

function go(cmd: SimpleCommand): Check | undefined {
  if (programName(cmd) !== 'go' || cmd.words[1]?.value !== 'install') return undefined;
  const packages = operands(cmd, 2, GO_VALUE).filter((w) => {
    if (notARegistryName(w)) return false;
    const at = w.value.lastIndexOf('@');
    return at < 0 || ['latest', 'master', 'main', 'HEAD', 'upgrade', 'patch'].includes(w.value.slice(at + 1));
  });
  return { tool: 'go install', syntax: 'module/path@version', packages };
}

function cargo(cmd: SimpleCommand): Check | undefined {
  if (programName(cmd) !== 'cargo' || cmd.words[1]?.value !== 'install') return undefined;
  const flags = cmd.words.map((w) => w.value.split('=')[0]);
  if (flags.some((f) => ['--version', '--vers', '--path', '--git'].includes(f))) return undefined;
  const packages = operands(cmd, 2, CARGO_VALUE).filter((w) => !notARegistryName(w) && !w.value.includes('@'));
  return { tool: 'cargo install', syntax: 'name@version or --version', packages };
}

const CHECKS = [pip, node, gem, go, cargo];

export const unpinnedLanguagePackages: Rule<DockerfileModel> = {
  id: 'unpinned-language-packages',
  title: 'Language packages are installed with a version',
  category: 'reproducibility',
  defaultSeverity: 'info',
  topic: 'package-pinning',
  equivalents: { hadolint: ['DL3013', 'DL3016', 'DL3028', 'DL3062'] },
  docs:
    '`pip install requests`, `npm install -g typescript`, `gem install bundler`, `go install example.com/tool@latest` ' +
    'take the newest release at build time, so the image changes whenever a maintainer publishes, and a compromised ' +
    'release reaches you on the next build. Write the version (`requests==2.32.3`, `typescript@5.4.5`, ' +
    '`bundler:2.5.11`, `tool@v1.2.3`), or better, install from a lock file (`pip install -r requirements.txt` with ' +
    'pinned lines, `npm ci`). Requirement files, local paths, URLs and names built from variables are not reported.',
  check(model, report) {
    for (const stage of model.stages) {
      for (const ins of stage.instructions) {
        const run = runScriptOf(model, ins);
        if (!run) continue;
        for (const cmd of run.script.commands) {
          const found = CHECKS.map((c) => c(cmd)).find((x) => x);
          if (!found || found.packages.length === 0) continue;
          const [first, ...rest] = found.packages;
          const more = rest.length ? ` (and ${rest.length} more: ${rest.slice(0, 4).map((w) => w.value).join(', ')}${rest.length > 4 ? ', …' : ''})` : '';
          report({
            range: run.rangeOf(first.start, first.end),
            message: `\`${first.value}\`${more} is installed by ${found.tool} without a fixed version, so each build takes the newest release; write \`${found.syntax}\`.`,
            related: rest.map((w) => ({ range: run.rangeOf(w.start, w.end), message: `\`${w.value}\` is not pinned either` })),
          });
        }
      }
    }
  },
};
