/** Reading the operands of an instruction (sources, ports, paths, exec-form arrays) from the parsed model. */
import type { Argument } from 'dockerfile-ast';
import type { InstructionInfo } from '../model';

const argumentCache = new WeakMap<InstructionInfo, Argument[]>();

/** The instruction's arguments (flags excluded); dockerfile-ast recomputes them on every call, so keep them. */
export function argumentsOf(ins: InstructionInfo): Argument[] {
  let args = argumentCache.get(ins);
  if (!args) {
    args = ins.node.getArguments();
    argumentCache.set(ins, args);
  }
  return args;
}

/** The JSON array of an exec-form instruction, or undefined when it is not valid JSON of strings. */
export function execArray(ins: InstructionInfo): string[] | undefined {
  if (!ins.jsonForm) return undefined;
  try {
    const v: unknown = JSON.parse(ins.argsText);
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  } catch {
    // not JSON: the builder runs it in shell form
  }
  return undefined;
}

/** Arguments on the instruction's own lines: heredoc bodies and their closing delimiters left out. */
export function headArguments(ins: InstructionInfo): Argument[] {
  const args = argumentsOf(ins);
  if (ins.heredocs.length === 0) return args;
  const bodyLines = new Set<number>();
  for (const h of ins.heredocs) {
    if (!h.contentRange) continue;
    for (let l = h.contentRange.start.line; l <= h.contentRange.end.line + 1; l++) bodyLines.add(l);
  }
  const names = new Set(ins.heredocs.map((h) => h.name));
  return args.filter((a) => {
    const line = a.getRange().start.line;
    if (bodyLines.has(line)) return false;
    return !(line > ins.range.start.line && names.has(a.getValue()));
  });
}

/** COPY/ADD sources and destination (`<<EOF` sources stand for inline files). */
export function copyOperands(ins: InstructionInfo): { sources: string[]; dest: string | undefined } {
  const arr = execArray(ins);
  const values = arr ?? headArguments(ins).map((a) => a.getValue());
  if (values.length === 0) return { sources: [], dest: undefined };
  if (values.length === 1) return { sources: [], dest: values[0] };
  return { sources: values.slice(0, -1), dest: values[values.length - 1] };
}

/** `80/tcp` → { port: '80', protocol: 'tcp' }; ranges and `$VARS` kept as written. */
export function parsePort(value: string): { port: string; protocol: string } {
  const slash = value.indexOf('/');
  if (slash < 0) return { port: value, protocol: 'tcp' };
  return { port: value.slice(0, slash), protocol: value.slice(slash + 1).toLowerCase() || 'tcp' };
}

/** VOLUME paths, JSON or space-separated. */
export function volumePaths(ins: InstructionInfo): string[] {
  return execArray(ins) ?? argumentsOf(ins).map((a) => a.getValue());
}
