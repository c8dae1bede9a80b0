import * as nodePath from 'node:path';
import type { Severity } from '../core/findings';
import { SEVERITIES } from '../core/findings';
import type { AnalyzeSettings } from '../core/settings';
import { UsageError, oneOf, parseArgs } from './args';
import type { OptionSpec, ParsedArgs } from './args';
import type { ComputeHover, Location } from './explain';
import { explainAt, parseLocation } from './explain';
import { collectFiles, encodeTextFile, kindFor, readTextFile } from './files';
import { fixText } from './fix';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { formatText } from './format-text';
import type { CliIo } from './io';
import { describeIoError } from './io';
import { lintExitCode, lintPaths } from './lint';
import { addDriftFindings, pinCommand, registryOptions } from './pin';
import type { CreateResolver } from './pin';
import { profileDockerfile, profileWorkloads } from './profile';
import { TOOL_NAME, TOOL_VERSION } from './project';
import { findRule } from './rules';
import { DigestResolver } from '../registry/resolver';
import { engineDigestSource } from '../registry/engine-source';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export const USAGE = `Usage: ${TOOL_NAME} <command> [options] <paths...>

Commands:
  lint <paths...>                Check Dockerfiles, compose files and Kubernetes manifests.
                                 Directories are searched for Dockerfile, Containerfile,
                                 *.dockerfile, compose.yaml, docker-compose*.yml, and YAML files
                                 whose content is compose or Kubernetes (node_modules and .git
                                 skipped); a file named on the command line is checked whatever
                                 its name.
      --format text|json|sarif   Output format (default: text).
      --severity-threshold <s>   Lowest severity that makes the exit code 1: error, warning,
                                 info or hint (default: warning). All findings are printed.
      --rule-severity <id>=<s>   Override a rule's severity (error, warning, info, hint, off).
                                 Repeatable; comma-separated lists are accepted.
      --check-drift              Ask the registries where the tags of pinned references
                                 (name:tag@sha256:...) point now; a tag that moved is reported as
                                 digest-drift (info). Without this flag lint never uses the network.
      --insecure-registry <h>    With --check-drift: allow plain HTTP (and unverified TLS) for this
                                 registry host[:port]. Repeatable.
  explain <path> --line <n> [--column <n>]
  explain <path>:<line>[:<col>]  Print the explanation Container Lens shows on hover there, in a
                                 Dockerfile, a compose file or a Kubernetes manifest (1-based; without
                                 a column, the line's first character that is not blank).
  fix <paths...>                 Apply the offline quick-fixes (preferred fix per finding, repeated
                                 until stable) and print the result, or rewrite the files.
      --rule <id>                Only fix findings of this rule (repeatable).
      --write                    Write the files in place (keeps BOM and line endings).
      --rule-severity <id>=<s>   As for lint; rules set to off are not fixed.
  pin <paths...>                 Resolve every image without a digest (FROM, COPY --from, compose and
                                 Kubernetes image:) to its current digest, once per distinct image,
                                 and print the edits (name:tag -> name:tag@sha256:...), or rewrite
                                 the files. The local Docker engine is asked first, then the registry;
                                 credentials come from the docker CLI's config. Exit 1 when an image
                                 could not be resolved.
      --write                    Write the files in place (keeps BOM and line endings).
      --format text|json         Output format (default: text).
      --insecure-registry <h>    Allow plain HTTP (and unverified TLS) for this registry. Repeatable.
      --timeout <ms>             Time limit per image (default: 15000).
      --no-engine                Ask only the registries, not the local engine.
  profile <paths...>             Print, as JSON, each Dockerfile stage's base image and effective
                                 user, and each compose service's / Kubernetes container's
                                 isolation profile and place on the isolation spectrum.

Options:
  -h, --help                     Show this help.
  -v, --version                  Show the version.

Exit codes: 0 clean, 1 findings at or above the threshold (lint) or nothing to explain (explain),
2 usage error or a file that could not be read. Binary and oversized files are listed with an
error but do not change the exit code.
`;

export interface RunOptions {
  /** The hover provider for `explain`; undefined while the editor hover is not part of the build. */
  computeHover?: ComputeHover;
  /** The digest resolver for `pin` and `lint --check-drift` (tests inject one; default: the registry client). */
  createResolver?: CreateResolver;
}

/** The real resolver: the local engine (as the docker CLI finds it) first, then the registries. */
export const defaultCreateResolver: CreateResolver = (o) => {
  const engine = o.useEngine ? engineDigestSource() : undefined;
  const resolver = new DigestResolver({
    insecureRegistries: o.insecureRegistries,
    ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
    engine: engine ?? false,
  });
  return {
    resolveMany: (refs, opts) => resolver.resolveMany(refs, opts),
    dispose: () => {
      resolver.dispose();
      engine?.dispose();
    },
  };
};

const HELP: OptionSpec = { name: 'help', short: 'h' };
const RULE_SEVERITY: OptionSpec = { name: 'rule-severity', value: true, repeat: true };
const INSECURE: OptionSpec = { name: 'insecure-registry', value: true, repeat: true };
const TIMEOUT: OptionSpec = { name: 'timeout', value: true };

const COMMANDS: Record<string, OptionSpec[]> = {
  lint: [HELP, { name: 'format', value: true }, { name: 'severity-threshold', value: true }, RULE_SEVERITY, { name: 'check-drift' }, INSECURE, TIMEOUT],
  explain: [HELP, { name: 'line', value: true }, { name: 'column', value: true }],
  fix: [HELP, { name: 'rule', value: true, repeat: true }, { name: 'write' }, RULE_SEVERITY],
  profile: [HELP],
  pin: [HELP, { name: 'write' }, { name: 'format', value: true }, INSECURE, TIMEOUT, { name: 'no-engine' }],
};

/** Run the CLI; returns the exit code. Never throws for user errors: they are printed to stderr. */
export async function runCli(argv: readonly string[], io: CliIo, options: RunOptions = {}): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined) throw new UsageError('no command given');
    if (command === '--help' || command === '-h' || command === 'help') {
      io.stdout(USAGE);
      return EXIT_OK;
    }
    if (command === '--version' || command === '-v') {
      io.stdout(`${TOOL_VERSION}\n`);
      return EXIT_OK;
    }
    const specs = COMMANDS[command];
    if (!specs) throw new UsageError(command.startsWith('-') ? `unknown option ${command}` : `unknown command "${command}"`);
    const args = parseArgs(rest, specs);
    if (args.options.has('help')) {
      io.stdout(USAGE);
      return EXIT_OK;
    }
    switch (command) {
      case 'lint':
        return await lintCommand(args, io, options.createResolver ?? defaultCreateResolver);
      case 'pin':
        return await pinCommand(args, io, options.createResolver ?? defaultCreateResolver);
      case 'explain':
        return explainCommand(args, io, options.computeHover);
      case 'fix':
        return fixCommand(args, io);
      default:
        return profileCommand(args, io);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${TOOL_NAME}: ${e.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    throw e;
  }
}

const SETTING_VALUES = [...SEVERITIES, 'off'] as const;

/** `--rule-severity a=off,b=error` (repeatable) → settings; unknown rule ids are usage errors (typos). */
export function ruleSettings(values: readonly string[]): AnalyzeSettings {
  const rules: NonNullable<AnalyzeSettings['rules']> = {};
  for (const item of values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean)) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--rule-severity expects <rule-id>=<severity> (got "${item}")`);
    const id = item.slice(0, eq).trim();
    if (!findRule(id)) throw new UsageError(`--rule-severity: unknown rule "${id}"`);
    rules[id] = oneOf('rule-severity', item.slice(eq + 1).trim(), SETTING_VALUES);
  }
  return Object.keys(rules).length > 0 ? { rules } : {};
}

function needPaths(args: ParsedArgs, what: string): string[] {
  if (args.positionals.length === 0) throw new UsageError(`${what} needs at least one path`);
  return args.positionals;
}

async function lintCommand(args: ParsedArgs, io: CliIo, createResolver: CreateResolver): Promise<number> {
  const format = oneOf('format', args.options.get('format')?.[0] ?? 'text', ['text', 'json', 'sarif'] as const);
  const threshold: Severity = oneOf('severity-threshold', args.options.get('severity-threshold')?.[0] ?? 'warning', SEVERITIES);
  const settings = ruleSettings(args.options.get('rule-severity') ?? []);
  const paths = needPaths(args, 'lint');
  const checkDrift = args.options.has('check-drift');
  if (!checkDrift && (args.options.has('insecure-registry') || args.options.has('timeout'))) {
    throw new UsageError('--insecure-registry and --timeout go with --check-drift (lint uses no network otherwise)');
  }
  const report = lintPaths(io, paths, settings);
  if (checkDrift) {
    const resolver = createResolver(registryOptions(args, false));
    try {
      await addDriftFindings(report, io, resolver);
    } finally {
      resolver.dispose();
    }
  }
  if (report.files.length === 0) io.stderr(`${TOOL_NAME}: no Dockerfiles, compose files or Kubernetes manifests found in ${paths.join(', ')}\n`);
  if (format === 'json') io.stdout(formatJson(report));
  else if (format === 'sarif') io.stdout(formatSarif(report, io.cwd));
  else io.stdout(formatText(report, { color: io.color, threshold }));
  // Machine formats go to stdout whole; say on stderr why the exit code is 2.
  if (format !== 'text') {
    for (const f of report.files) if (f.ioError) io.stderr(`${TOOL_NAME}: ${f.path}: ${f.error}\n`);
  }
  return lintExitCode(report, threshold);
}

/** A 1-based line or column number given as an option. */
function positiveNumber(name: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`--${name} expects a number from 1 up (got "${value}")`);
  return Number(value);
}

function explainLocation(args: ParsedArgs): Location {
  if (args.positionals.length !== 1) {
    throw new UsageError('explain needs exactly one file: <path> --line <n> [--column <n>], or <path>:<line>[:<column>]');
  }
  const arg = args.positionals[0];
  const line = args.options.get('line')?.[0];
  const column = args.options.get('column')?.[0];
  if (line !== undefined) {
    const n = positiveNumber('line', line);
    return column === undefined ? { path: arg, line: n } : { path: arg, line: n, column: positiveNumber('column', column) };
  }
  if (column !== undefined) throw new UsageError('--column needs --line');
  const loc = parseLocation(arg);
  if (!loc) throw new UsageError(`explain expects <path> --line <n> [--column <n>], or <path>:<line>[:<column>] with 1-based numbers (got "${arg}")`);
  return loc;
}

function explainCommand(args: ParsedArgs, io: CliIo, computeHover: ComputeHover | undefined): number {
  const loc = explainLocation(args);
  const read = readTextFile(io, loc.path);
  if (!read.ok) {
    io.stderr(`${TOOL_NAME}: ${loc.path}: ${read.error}\n`);
    return read.io ? EXIT_USAGE : EXIT_FINDINGS;
  }
  const kind = kindFor({ path: loc.path, explicit: true }, read.file.text);
  if (kind === 'unknown') {
    io.stderr(`${TOOL_NAME}: ${loc.path} is neither a Dockerfile, a compose file nor a Kubernetes manifest: nothing to explain\n`);
    return EXIT_FINDINGS;
  }
  if (kind === 'dockerfile' && !computeHover) {
    io.stderr(`${TOOL_NAME}: explain is not available for Dockerfiles in this build (no hover provider)\n`);
    return EXIT_FINDINGS;
  }
  const markdown = explainAt(read.file.text, loc.line, loc.column, computeHover, kind, loc.path);
  if (!markdown || !markdown.trim()) {
    io.stderr(`${TOOL_NAME}: nothing to explain at ${loc.path}:${loc.line}${loc.column === undefined ? '' : `:${loc.column}`}\n`);
    return EXIT_FINDINGS;
  }
  io.stdout(markdown.endsWith('\n') ? markdown : `${markdown}\n`);
  return EXIT_OK;
}

function fixCommand(args: ParsedArgs, io: CliIo): number {
  const write = args.options.has('write');
  const rules = new Set(args.options.get('rule') ?? []);
  for (const id of rules) if (!findRule(id)) throw new UsageError(`--rule: unknown rule "${id}"`);
  const settings = ruleSettings(args.options.get('rule-severity') ?? []);
  const paths = needPaths(args, 'fix');
  const { files, errors } = collectFiles(io, paths);
  if (!write && files.filter((f) => !f.maybe).length + errors.length !== 1) {
    throw new UsageError('fix without --write prints one file to stdout: name exactly one file (or add --write)');
  }
  let code = EXIT_OK;
  for (const e of errors) {
    io.stderr(`${TOOL_NAME}: ${e.path}: ${e.error}\n`);
    code = EXIT_USAGE;
  }
  for (const file of files) {
    const read = readTextFile(io, file.path);
    if (!read.ok) {
      if (file.maybe && !read.io) continue;
      io.stderr(`${TOOL_NAME}: ${file.path}: ${read.error}\n`);
      if (read.io) code = EXIT_USAGE;
      continue;
    }
    const kind = kindFor(file, read.file.text);
    if (file.maybe && kind === 'unknown') continue;
    const outcome = fixText(read.file.text, file.path, { rules, settings, kind });
    const changed = outcome.text !== read.file.text;
    const summary = `${file.path}: ${outcome.applied.length} fix${outcome.applied.length === 1 ? '' : 'es'} applied, ${outcome.remaining.length} finding${outcome.remaining.length === 1 ? '' : 's'} left\n`;
    if (write) {
      if (changed) {
        try {
          io.fs.writeFile(nodePath.resolve(io.cwd, file.path), encodeTextFile(outcome.text, read.file.hadBom));
        } catch (e) {
          io.stderr(`${TOOL_NAME}: ${file.path}: ${describeIoError(e)}\n`);
          code = EXIT_USAGE;
          continue;
        }
      }
      io.stdout(summary);
    } else {
      io.stdout((read.file.hadBom ? '\uFEFF' : '') + outcome.text);
      io.stderr(summary);
    }
  }
  return code;
}

function profileCommand(args: ParsedArgs, io: CliIo): number {
  const paths = needPaths(args, 'profile');
  const { files, errors } = collectFiles(io, paths);
  const out: unknown[] = errors.map((e) => ({ path: e.path, kind: 'unknown', stages: [], error: e.error }));
  let code = errors.length > 0 ? EXIT_USAGE : EXIT_OK;
  for (const file of files) {
    const read = readTextFile(io, file.path);
    const kind = kindFor(file, read.ok ? read.file.text : '');
    if (file.maybe && (kind === 'unknown' || (!read.ok && !read.io))) continue;
    if (!read.ok) {
      out.push({ path: file.path, kind, stages: [], error: read.error });
      if (read.io) code = EXIT_USAGE;
    } else if (kind === 'compose' || kind === 'kubernetes') {
      out.push({ path: file.path, kind, ...profileWorkloads(read.file.text, file.path, kind) });
    } else if (kind !== 'dockerfile') {
      out.push({ path: file.path, kind, stages: [], error: `profiles of ${kind} files are not supported` });
    } else {
      out.push({ path: file.path, kind, stages: profileDockerfile(read.file.text) });
    }
  }
  io.stdout(`${JSON.stringify({ version: 1, files: out }, null, 2)}\n`);
  return code;
}
