import type { Rule } from '../../rule';
import type { DockerfileModel, InstructionInfo } from '../model';
import { hasOption, runCommands, subcommand } from '../shell';
import type { SimpleCommand } from '../shell';
import { copyArguments } from '../stage-facts';
import type { CopyArgument } from '../stage-facts';
import { pipInstallIndex } from './pip-no-cache-dir';

/** Sources that mean "the whole build context". */
const WHOLE_CONTEXT = new Set(['.', './', '*', './*', '/']);

interface Install {
  /** How the message names it: `npm ci`. */
  label: string;
  /** The files to copy before it. */
  manifests: string;
}

/** Is this command a dependency install driven by manifest files (not by the source tree)? */
export function dependencyInstall(cmd: SimpleCommand): Install | undefined {
  const sub = subcommand(cmd, ['--prefix', '-C', '--cwd', '--dir', '--filter']);
  const s = sub?.value;
  const operands = sub ? cmd.argv.slice(sub.index + 1).filter((a) => !a.startsWith('-')) : [];
  switch (cmd.name) {
    case 'npm':
      if (['ci', 'clean-install', 'install', 'i'].includes(s ?? '') && operands.length === 0 && !hasOption(cmd, '-g', '--global')) {
        return { label: `npm ${s}`, manifests: '`package.json` and `package-lock.json`' };
      }
      return undefined;
    case 'yarn':
      if ((s === undefined || s === 'install') && !hasOption(cmd, '--help')) return { label: s ? 'yarn install' : 'yarn', manifests: '`package.json` and `yarn.lock`' };
      return undefined;
    case 'pnpm':
      if ((s === 'install' || s === 'i') && operands.length === 0) return { label: `pnpm ${s}`, manifests: '`package.json` and `pnpm-lock.yaml`' };
      return undefined;
    case 'poetry':
      return s === 'install' ? { label: 'poetry install', manifests: '`pyproject.toml` and `poetry.lock`' } : undefined;
    case 'pipenv':
      return s === 'install' || s === 'sync' ? { label: `pipenv ${s}`, manifests: '`Pipfile` and `Pipfile.lock`' } : undefined;
    case 'uv':
      if (s === 'sync') return { label: 'uv sync', manifests: '`pyproject.toml` and `uv.lock`' };
      if (s === 'pip' && cmd.argv[sub!.index + 1] === 'install' && hasOption(cmd, '-r', '--requirement')) {
        return { label: 'uv pip install -r', manifests: 'the requirements file' };
      }
      return undefined;
    case 'bundle':
    case 'bundler':
      return s === undefined || s === 'install' ? { label: 'bundle install', manifests: '`Gemfile` and `Gemfile.lock`' } : undefined;
    case 'go':
      return s === 'mod' && cmd.argv[sub!.index + 1] === 'download' ? { label: 'go mod download', manifests: '`go.mod` and `go.sum`' } : undefined;
    case 'mvn':
    case 'mvnw':
      return cmd.argv.some((a) => /^dependency:(go-offline|resolve)/.test(a)) ? { label: 'mvn dependency:go-offline', manifests: '`pom.xml`' } : undefined;
    case 'composer':
      return s === 'install' ? { label: 'composer install', manifests: '`composer.json` and `composer.lock`' } : undefined;
    case 'dotnet':
      return s === 'restore' ? { label: 'dotnet restore', manifests: 'the project files (`*.csproj`)' } : undefined;
    case 'cargo':
      return s === 'fetch' ? { label: 'cargo fetch', manifests: '`Cargo.toml` and `Cargo.lock`' } : undefined;
  }
  const pip = pipInstallIndex(cmd);
  if (pip >= 0) {
    const r = cmd.argv.findIndex((a, i) => i > pip && (a === '-r' || a === '--requirement' || a.startsWith('--requirement=') || /^-r\S/.test(a)));
    if (r < 0) return undefined;
    const file = cmd.argv[r].startsWith('--requirement=') ? cmd.argv[r].slice(14) : cmd.argv[r].length > 2 && !cmd.argv[r].startsWith('--') ? cmd.argv[r].slice(2) : cmd.argv[r + 1];
    return { label: `${cmd.argv.slice(0, pip + 1).join(' ')} -r`, manifests: file ? `\`${file}\`` : 'the requirements file' };
  }
  return undefined;
}

export const copyContextBeforeInstall: Rule<DockerfileModel> = {
  id: 'copy-context-before-install',
  title: 'The whole build context is copied before dependencies are installed',
  category: 'layers',
  defaultSeverity: 'warning',
  topic: 'build-cache',
  equivalents: {},
  docs:
    'The builder reuses a cached layer only while everything the step depends on is unchanged. After `COPY . .` ' +
    'that is every file of the build context, so editing one line of source code invalidates the copy and every ' +
    'layer after it, and the dependency install (`npm ci`, `pip install -r`, `go mod download`, ...) downloads ' +
    'everything again on each build. Copy only the manifests first, install, then copy the rest: ' +
    '`COPY package.json package-lock.json ./`, `RUN npm ci`, `COPY . .`. The install then re-runs only when the ' +
    'manifests change.',
  check(model, report) {
    for (const stage of model.stages) {
      let context: { ins: InstructionInfo; source: CopyArgument } | undefined;
      for (const ins of stage.instructions) {
        if ((ins.keyword === 'COPY' || ins.keyword === 'ADD') && !context) {
          if (ins.flags.some((f) => f.name === 'from')) continue;
          // in a COPY from the context, `/` is the root of the context, not of a filesystem
          const whole = copyArguments(model, ins).sources.find((s) => WHOLE_CONTEXT.has(s.value));
          if (whole) context = { ins, source: whole };
          continue;
        }
        if (!context || ins.keyword !== 'RUN') continue;
        const install = runCommands(model, ins).map(dependencyInstall).find((x) => x !== undefined);
        if (!install) continue;
        const c = context.ins;
        const line = ins.range.start.line + 1;
        const after = stage.layerCount - (c.layerNumber ?? 0);
        report({
          range: context.source.range,
          message:
            `\`${c.keyword} ${context.source.value} …\` copies the whole build context before \`${install.label}\` on line ${line}: ` +
            `any edit to any file invalidates this layer and the ${after} after it, so the install runs again on every change. ` +
            `Copy ${install.manifests} first, run the install, then copy the rest.`,
          related: [{ range: ins.range, message: `the install that \`${c.keyword} ${context.source.value}\` invalidates` }],
        });
        break;
      }
    }
  },
};
