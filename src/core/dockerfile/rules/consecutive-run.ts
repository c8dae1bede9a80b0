import type { Fix } from '../../findings';
import type { Rule } from '../../rule';
import type { TextEdit } from '../../text/range';
import type { DockerfileModel, InstructionInfo } from '../model';
import { isExecForm, joinRunsEdit, posixShellAt, runCommands, sameFlags } from '../shell';
import { shipsLayers } from '../stage-facts';

export const consecutiveRun: Rule<DockerfileModel> = {
  id: 'consecutive-run',
  title: 'Consecutive RUN instructions that could be one layer',
  category: 'layers',
  defaultSeverity: 'info',
  topic: 'layers',
  equivalents: { hadolint: 'DL3059' },
  docs:
    'Every RUN adds a layer and a cache entry. Several short RUNs in a row that change together cost extra layers, ' +
    'and files one of them creates and a later one deletes still ship in the earlier layer. Join them with `&&` ' +
    '(and a line continuation) so they become one layer. Keep them apart on purpose when they change at different ' +
    'rates: a slow, stable step in its own RUN stays cached while the next one changes. Only short RUNs (up to three ' +
    'commands on up to two lines) are grouped, and a comment line between two RUNs ends a group: long RUNs in a row, or RUNs under ' +
    'their own comment, are usually split on purpose. Not reported when the RUNs ' +
    'use different `--mount`/`--network`/`--security` flags, use heredocs or exec form, or belong to a stage whose ' +
    'layers are not shipped.',
  check(model, report) {
    for (const stage of model.stages) {
      if (!shipsLayers(model, stage)) continue;
      let group: InstructionInfo[] = [];
      const flush = () => {
        if (group.length >= 2) reportGroup(model, group, report);
        group = [];
      };
      for (const ins of stage.instructions) {
        if (!joinable(model, ins)) {
          flush();
          continue;
        }
        const prev = group[group.length - 1];
        if (prev && (!sameFlags(prev, ins) || commentBetween(model, prev, ins))) flush();
        group.push(ins);
      }
      flush();
    }
  },
};

/** A short RUN: at most this many commands (`set -e` not counted) on at most this many lines. */
const SHORT_COMMANDS = 3;
const SHORT_LINES = 2;

function joinable(model: DockerfileModel, ins: InstructionInfo): boolean {
  if (ins.keyword !== 'RUN' || isExecForm(model, ins) || ins.heredocs.length > 0) return false;
  const stage = model.stages[ins.stage];
  if (!stage || !posixShellAt(model, stage, ins)) return false;
  // Long RUNs that follow each other are split on purpose, so one stays cached while the other changes.
  if (ins.range.end.line - ins.range.start.line + 1 > SHORT_LINES) return false;
  return runCommands(model, ins).filter((c) => c.name !== 'set').length <= SHORT_COMMANDS;
}

/** A comment line between two RUNs heads a new step: the author split them on purpose. */
function commentBetween(model: DockerfileModel, a: InstructionInfo, b: InstructionInfo): boolean {
  return model.comments.some((c) => c.range.start.line > a.range.end.line && c.range.start.line < b.range.start.line);
}

function reportGroup(model: DockerfileModel, group: InstructionInfo[], report: Parameters<Rule<DockerfileModel>['check']>[1]) {
  const lines = group.map((i) => i.range.start.line + 1);
  const list = lines.length === 2 ? `${lines[0]} and ${lines[1]}` : `${lines.slice(0, -1).join(', ')} and ${lines[lines.length - 1]}`;
  const edits: TextEdit[] = [];
  for (let k = 1; k < group.length; k++) {
    const e = joinRunsEdit(model, group[k - 1], group[k]);
    if (!e) {
      edits.length = 0;
      break;
    }
    edits.push(e);
  }
  const fixes: Fix[] = edits.length > 0 ? [{ title: `Join the ${group.length} RUNs into one`, edits }] : [];
  report({
    range: group[1].keywordRange,
    message: `The RUNs on lines ${list} make ${group.length} layers in a row. If they change together, join them with \`&&\` into one RUN: one layer, and files removed by a later command no longer ship in an earlier layer.`,
    related: group.filter((_, k) => k !== 1).map((i) => ({ range: i.keywordRange, message: 'part of the same run of RUNs' })),
    fixes,
  });
}
