import type { Fix } from '../../findings';
import type { Rule } from '../../rule';
import type { DockerfileModel, InstructionInfo, Stage } from '../model';
import { programName, runScriptOf } from '../run-commands';

/** Builtins that do not fail in practice; a pipeline fed only by them is safe without pipefail. */
const CANNOT_FAIL = new Set(['echo', 'printf', 'true', 'yes']);

export const missingPipefail: Rule<DockerfileModel> = {
  id: 'missing-pipefail',
  title: 'RUN with a pipe sets pipefail',
  category: 'correctness',
  defaultSeverity: 'info',
  topic: 'dockerfile-syntax',
  equivalents: { hadolint: 'DL4006' },
  docs:
    'A pipeline succeeds when its last command succeeds: in `RUN curl -fsSL https://example.com/install.sh | sh` a ' +
    'failed download still gives a green build with a half-installed layer. `set -o pipefail` makes the pipeline ' +
    'fail when any part fails. Set it once per stage with `SHELL [...]`: on Debian, Ubuntu and RHEL-family images ' +
    'use bash (`/bin/sh` there may be dash, which lacks the option in older releases), on Alpine and BusyBox images ' +
    'their `/bin/sh` supports it. A RUN that already mentions `pipefail` is not reported, nor are pipes fed by ' +
    '`echo` or `printf` (they cannot fail), Windows images, or stages whose `SHELL` is not a POSIX shell.',
  check(model, report) {
    for (const stage of model.stages) {
      if (stage.baseFacts.family === 'windows' || model.directives.escape === '`') continue;
      let offered = false;
      for (const ins of stage.instructions) {
        const run = runScriptOf(model, ins);
        if (!run || run.script.pipes.length === 0) continue;
        if (ins.shell?.text.includes('pipefail')) continue;
        const shell = shellInEffect(model, stage, ins);
        if (shell && (shell.includes('pipefail') || !/\b(sh|bash|ash|dash|zsh|ksh)\b/.test(shell))) continue;
        // A pipe whose left side cannot fail (`echo "$sum  file" | sha256sum -c -`) loses nothing without pipefail.
        const pipe = run.script.pipes.find((p) => !CANNOT_FAIL.has(programName(p.left)));
        if (!pipe) continue;
        const left = programName(pipe.left);
        const right = pipe.right ? programName(pipe.right) : 'the last command';
        // One SHELL fixes every RUN after it in the stage, so offer it on the first finding only.
        const fixes = offered || shell ? [] : shellFix(model, stage, ins);
        offered = true;
        report({
          range: run.rangeOf(pipe.start, pipe.end),
          message: `If \`${left}\` fails here, the pipeline still succeeds because only \`${right}\`'s exit status counts; set \`-o pipefail\` so this RUN fails with it.`,
          fixes,
        });
      }
    }
  },
};

/** The SHELL instruction in force at `ins` (this stage before it, else the nearest ancestor stage), as text. */
function shellInEffect(model: DockerfileModel, stage: Stage, ins: InstructionInfo): string | undefined {
  const own = stage.instructions.filter((i) => i.keyword === 'SHELL' && i.range.start.line < ins.range.start.line);
  if (own.length) return own[own.length - 1].argsText;
  const seen = new Set<number>();
  let p = stage.parentStage;
  while (p !== undefined && !seen.has(p)) {
    seen.add(p);
    const s = model.stages[p];
    if (!s) break;
    const shells = s.instructions.filter((i) => i.keyword === 'SHELL');
    if (shells.length) return shells[shells.length - 1].argsText;
    p = s.parentStage;
  }
  return undefined;
}

/** A SHELL line before this RUN, for image families whose shell we know supports pipefail. */
function shellFix(model: DockerfileModel, stage: Stage, ins: InstructionInfo): Fix[] {
  // A stage built from another stage carries its root image's facts.
  const family = stage.baseFacts.family;
  const shell =
    family === 'debian' || family === 'rhel'
      ? '["/bin/bash", "-o", "pipefail", "-c"]'
      : family === 'alpine' || family === 'busybox' || family === 'wolfi'
        ? '["/bin/sh", "-o", "pipefail", "-c"]'
        : undefined;
  if (!shell) return [];
  const keyword = ins.keywordText === ins.keywordText.toLowerCase() ? 'shell' : 'SHELL';
  const at = { line: ins.range.start.line, character: 0 };
  const indent = /^\s*/.exec(model.lines.lineText(at.line))?.[0] ?? '';
  return [
    {
      title: `Add SHELL ${shell} before this RUN`,
      edits: [{ range: { start: at, end: at }, newText: `${indent}${keyword} ${shell}${model.lines.eol}` }],
      preferred: true,
    },
  ];
}
