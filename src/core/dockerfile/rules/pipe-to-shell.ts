import type { Rule } from '../../rule';
import type { DockerfileModel, InstructionInfo } from '../model';
import { isShellProgram, runScripts } from '../shell';
import type { SimpleCommand } from '../shell';
import { userAt } from '../stage-facts';

const FETCHERS = new Set(['curl', 'wget']);
/** Interpreters that read their program from standard input when given no script. */
const INTERPRETERS = /^(python[0-9.]*|perl|ruby|node|php)$/;

export const pipeToShell: Rule<DockerfileModel> = {
  id: 'pipe-to-shell',
  title: 'A downloaded script is run without being checked',
  category: 'isolation',
  defaultSeverity: 'warning',
  topic: 'remote-code',
  equivalents: {},
  docs:
    '`curl … | sh` (and `wget -O- … | bash`, `sh -c "$(curl …)"`, `bash <(curl …)`) runs whatever the server sends ' +
    'at that moment, with the privileges of the build step, before anything could check it. A compromised or changed ' +
    'download runs inside your build and its result is baked into the layer, and two builds of the same Dockerfile ' +
    'can differ. Download to a file, compare its SHA-256 with a value written in the Dockerfile ' +
    '(`echo "<sum>  install.sh" | sha256sum -c -`), then run it; or fetch it with `ADD --checksum=sha256:…`.',
  check(model, report) {
    for (const ins of model.instructions) {
      for (const script of runScripts(model, ins)) {
        const cmds = script.commands;
        for (let k = 0; k < cmds.length; k++) {
          const target = cmds[k];
          // `sh -c "$(curl …)"`, `bash <(curl …)`, `eval "$(wget -qO- …)"`
          if (isShellProgram(target.name) || ['eval', 'source', '.'].includes(target.name)) {
            const sub = target.words.slice(1).find((w) => /(\$\(|`|<\()\s*(curl|wget)\b/.test(w.raw));
            if (sub) {
              const url = /\b(https?|ftp):\/\/[^\s"'`)]+/.exec(sub.raw)?.[0];
              report({ range: target.wholeRange(), message: message(model, ins, url, `\`${target.name}\` runs the output of a download`) });
              continue;
            }
          }
          if (target.before !== '|' || !readsProgramFromStdin(target)) continue;
          const fetch = cmds.slice(0, k).find((c) => c.pipeline === target.pipeline && FETCHERS.has(c.name));
          if (!fetch) continue;
          const url = fetch.argv.slice(1).find((a) => /:\/\//.test(a)) ?? fetch.argv.slice(1).find((a) => !a.startsWith('-'));
          const start = fetch.wholeRange().start;
          const end = target.range(0).end;
          report({ range: { start, end }, message: message(model, ins, url, `\`${fetch.name} … | ${target.name}\` runs the download`) });
        }
      }
    }
  },
};

function message(model: DockerfileModel, ins: InstructionInfo, url: string | undefined, what: string): string {
  const user = userAt(model, ins);
  const as = user.kind === 'root' ? ' as root' : user.name ? ` as \`${user.name}\`` : '';
  return (
    `${what}${url ? ` from ${url}` : ''}${as} without checking it: whatever the server sends at build time executes in ` +
    'this step and ends up in the layer. Download to a file, verify its SHA-256 against a value in the Dockerfile, then run it.'
  );
}

/** Does this interpreter take its program from standard input (no `-c`, no script file)? */
export function readsProgramFromStdin(cmd: SimpleCommand): boolean {
  const shell = isShellProgram(cmd.name);
  if (!shell && !INTERPRETERS.test(cmd.name)) return false;
  const inline = shell ? /^-[a-zA-Z]*c/ : /^python/.test(cmd.name) ? /^-[a-zA-Z]*[cm]/ : cmd.name === 'php' ? /^-[rf]/ : /^-[eEp]|^--eval/;
  let sFlag = false;
  for (let i = 1; i < cmd.argv.length; i++) {
    const a = cmd.argv[i];
    if (a === '-') return true;
    // after `--` a shell or python takes a script file; php, perl, ruby and node pass the rest to stdin's program
    if (a === '--') return sFlag || !(shell || /^python/.test(cmd.name)) || i + 1 >= cmd.argv.length;
    if (inline.test(a)) return false;
    if (shell && /^[-+]o$|^[-+]O$/.test(a)) {
      i++;
      continue;
    }
    if (shell && /^-[a-zA-Z]*s/.test(a)) sFlag = true;
    if (/^python/.test(cmd.name) && /^-[WX]$/.test(a)) {
      i++;
      continue;
    }
    if (a.startsWith('-') || a.startsWith('+')) continue;
    // an operand: a script file, unless `-s` made the rest positional parameters
    return sFlag;
  }
  return true;
}
