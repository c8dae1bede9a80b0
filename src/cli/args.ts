/** A minimal, strict argument parser: unknown flags are usage errors, not silently ignored. */

export class UsageError extends Error {}

export interface OptionSpec {
  /** Long name without dashes, e.g. `format`. */
  name: string;
  /** Takes a value (`--format json` or `--format=json`). */
  value?: boolean;
  /** May be given several times; values accumulate. */
  repeat?: boolean;
  /** Single-letter alias without the dash. */
  short?: string;
}

export interface ParsedArgs {
  positionals: string[];
  /** Every value given per option name; flags without a value record `''`. */
  options: Map<string, string[]>;
}

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string[]>();
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short as string, s]));
  const record = (spec: OptionSpec, v: string) => {
    const prev = options.get(spec.name);
    if (prev && !spec.repeat) throw new UsageError(`--${spec.name} given more than once`);
    options.set(spec.name, [...(prev ?? []), v]);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const spec = byName.get(name);
      if (!spec) throw new UsageError(`unknown option ${eq >= 0 ? a.slice(0, eq) : a}`);
      if (spec.value) {
        let v: string | undefined;
        if (eq >= 0) v = a.slice(eq + 1);
        else if (i + 1 < argv.length && !argv[i + 1].startsWith('-')) v = argv[++i];
        if (v === undefined || v === '') throw new UsageError(`--${name} needs a value`);
        record(spec, v);
      } else {
        if (eq >= 0) throw new UsageError(`--${name} takes no value`);
        record(spec, '');
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      const spec = byShort.get(a.slice(1));
      if (!spec) throw new UsageError(`unknown option ${a}`);
      if (spec.value) {
        const v = argv[i + 1];
        if (v === undefined || v.startsWith('-')) throw new UsageError(`-${spec.short} needs a value`);
        i++;
        record(spec, v);
      } else {
        record(spec, '');
      }
      continue;
    }
    positionals.push(a);
  }
  return { positionals, options };
}

export function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  }
  return value as T;
}
