/**
 * The two sentences every instruction hover starts with: which layer this line is (or that it is
 * metadata only), and what a change to it rebuilds.
 */
import { inlineCode, joinWords, plural } from '../../markdown';
import type { DockerfileModel, InstructionInfo, Stage } from '../model';
import {
  cite,
  dependents,
  edgeText,
  lineNo,
  possibleFinalBases,
  reachVerdict,
  referencedNames,
  stageRef,
  stageRefIn,
  variableList,
  variablesInScope,
} from './context';
import { copyOperands } from './operands';

/** What a metadata instruction sets in the image configuration. */
const CONFIG_ROLE: Record<string, string> = {
  ENV: 'it sets environment variables in the image configuration',
  LABEL: 'it adds labels to the image configuration',
  CMD: "it sets the container's default command in the image configuration",
  ENTRYPOINT: "it sets the container's entrypoint in the image configuration",
  EXPOSE: 'it lists ports in the image configuration',
  USER: 'it sets the user later steps and the container run as',
  WORKDIR: 'it sets the working directory (the builder creates the directory if it is missing)',
  VOLUME: 'it declares mount points in the image configuration',
  HEALTHCHECK: 'it stores a health check in the image configuration',
  STOPSIGNAL: 'it sets the stop signal in the image configuration',
  SHELL: 'it sets the shell later shell-form instructions use',
  MAINTAINER: 'it sets the deprecated author field of the image configuration',
  ONBUILD: 'it stores a trigger in the image configuration for builds that start FROM this image',
};

/** Instructions whose change leaves later cached steps valid under BuildKit: they only edit the config. */
const CONFIG_ONLY = new Set(['LABEL', 'EXPOSE', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'STOPSIGNAL', 'VOLUME', 'MAINTAINER', 'ONBUILD']);

/** "Filesystem layer 4 of 9 of the final image…", "Metadata only…", "Global ARG…". */
export function layerFact(model: DockerfileModel, ins: InstructionInfo, chain: Set<number>): string {
  if (ins.stage < 0) return globalArgFact(model, ins);
  const stage = model.stages[ins.stage];
  if (ins.layer === 'filesystem' && ins.layerNumber !== undefined) {
    if (chain.has(stage.index)) {
      const total = model.finalStage?.layerCount ?? stage.layerCount;
      return `Filesystem layer ${ins.layerNumber} of ${total} of the final image (counting the layers this file adds on top of the base image).`;
    }
    return `Filesystem layer ${ins.layerNumber} of ${stage.layerCount} of ${stageRef(stage)}, which ${reachVerdict(model, stage, chain)}.`;
  }
  let text: string;
  if (ins.keyword === 'ARG') text = 'Build-time only: no filesystem layer, and the variable is not kept in the image configuration.';
  else text = `Metadata only: no filesystem layer; ${CONFIG_ROLE[ins.keyword] ?? 'it changes the image configuration'}.`;
  if (!chain.has(stage.index) && ins.keyword !== 'ARG') {
    const maybe = possibleFinalBases(model, chain);
    text += maybe
      ? ` Whether ${stageRef(stage)} is the final image's base depends on the build argument in the final FROM (line ${lineNo(maybe.from)}).`
      : ` ${capitalize(stageRef(stage))} is neither the final stage nor its base, so this setting does not reach the image.`;
  }
  return text;
}

function globalArgFact(model: DockerfileModel, ins: InstructionInfo): string {
  const names = defined(ins);
  const froms = model.stages.filter((s) => names.some((n) => referencedNames(s.from.argsText).has(n)));
  const redeclared = model.instructions.filter(
    (i) => i.stage >= 0 && i.keyword === 'ARG' && defined(i).some((n) => names.includes(n)),
  );
  let text = 'Global ARG before the first FROM: only FROM lines can use it';
  if (froms.length > 0) text += `; ${joinWords(froms.map((s) => `line ${lineNo(s.from)}`))} ${froms.length === 1 ? 'does' : 'do'}`;
  text += '.';
  if (redeclared.length > 0) {
    text += ` Re-declared inside a stage on ${joinWords(redeclared.map((i) => `line ${lineNo(i)}`))}, where its value is visible too.`;
  } else {
    text += ` A stage that needs the value must re-declare it with a bare ${inlineCode(`ARG ${names[0] ?? 'NAME'}`)}.`;
  }
  return text;
}

function defined(ins: InstructionInfo): string[] {
  return ins.argsText
    .split(/\s+/)
    .filter(Boolean)
    .map((p) => p.split('=')[0]);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "the N instructions after it …: `A` (line 5), `B` (line 6) and 3 more" */
function followers(model: DockerfileModel, list: InstructionInfo[]): string {
  const named = list.slice(0, 2).map((i) => cite(model, i));
  if (list.length > 2) named.push(`${list.length - 2} more`);
  return joinWords(named);
}

/** Stages rebuilt because this one was: those built FROM it, those copying from it, and how many more follow. */
function dependentsText(model: DockerfileModel, stage: Stage): string {
  const deps = dependents(model, stage.index);
  if (deps.length === 0) return '';
  const direct = deps.filter((e) => e.from === stage.index);
  const builds = direct.filter((e) => e.kind === 'from');
  const copies = direct.filter((e) => e.kind === 'copy');
  const parts: string[] = [];
  const shownBuilds = builds.slice(0, 4);
  if (shownBuilds.length > 0) {
    const names = shownBuilds.map((e) => stageRef(model.stages[e.to]));
    const many = shownBuilds.length > 1;
    parts.push(`${joinWords(names)} ${many ? 'build' : 'builds'} on it and ${many ? 'are' : 'is'} rebuilt entirely`);
  }
  const shownCopies = copies.slice(0, 3);
  for (const e of shownCopies) {
    parts.push(
      `${stageRef(model.stages[e.to])} takes files from it (${edgeText(e)}, line ${lineNo(e.instruction)}) and is rebuilt from that step when those files change`,
    );
  }
  const rest = deps.length - shownBuilds.length - shownCopies.length;
  if (rest > 0) parts.push(`${plural(rest, 'more stage')} ${rest === 1 ? 'depends' : 'depend'} on it, directly or through those`);
  return ` Beyond this stage: ${parts.join('; ')}.`;
}

/** What a change to this line rebuilds, or undefined when nothing useful can be said. */
export function cacheFact(model: DockerfileModel, ins: InstructionInfo): string | undefined {
  if (ins.stage < 0) {
    const names = defined(ins);
    const froms = model.stages.filter((s) => names.some((n) => referencedNames(s.from.argsText).has(n)));
    if (froms.length === 0) return undefined;
    return `A different value (${inlineCode(`--build-arg ${names[0]}=…`)}) changes ${joinWords(froms.map((s) => `the base of ${stageRef(s)}`))}, which is then rebuilt from its FROM on.`;
  }
  const stage = model.stages[ins.stage];
  const idx = stage.instructions.indexOf(ins);
  const after = stage.instructions.slice(idx + 1);

  if (CONFIG_ONLY.has(ins.keyword)) {
    return 'Editing this line rebuilds no layer under BuildKit: it only changes the image configuration, and the steps after it stay cached.';
  }

  if (ins.keyword === 'FROM') {
    const all = stage.instructions;
    const parent = stage.parentStage !== undefined ? model.stages[stage.parentStage] : undefined;
    const what = parent
      ? `If ${stageRef(parent)} changes (or this line does)`
      : 'If the base image changes (a new image behind the tag, or an edit of this line)';
    const tail =
      all.length === 0
        ? 'the stage has no instructions to rebuild'
        : all.length === 1
          ? `its only instruction is rebuilt: ${followers(model, all)}`
          : `${all.length === 2 ? 'both' : `all ${all.length}`} instructions of this stage are rebuilt: ${followers(model, all)}`;
    return `${what}, ${tail}.${dependentsText(model, stage)}`;
  }

  if (ins.keyword === 'ARG') {
    const names = defined(ins);
    const j = after.findIndex(
      (i) => i.keyword === 'RUN' || names.some((n) => referencedNames(`${i.argsText} ${i.flags.map((f) => f.value ?? '').join(' ')}`).has(n)),
    );
    if (j < 0) return `No later step of this stage uses ${inlineCode(names[0] ?? '')}, so a different value rebuilds nothing here.`;
    const first = after[j];
    const rest = after.length - j - 1;
    const why = first.keyword === 'RUN' ? 'every RUN sees build arguments as environment variables' : 'that line uses the value';
    const then = rest === 0 ? 'nothing follows it in this stage' : `the ${plural(rest, 'instruction')} after it ${rest === 1 ? 'is' : 'are'} rebuilt too`;
    return `A different value misses the cache at its first use, ${cite(model, first)}, because ${why}; ${then}.${dependentsText(model, stage)}`;
  }

  let trigger: string;
  if (ins.keyword === 'RUN') {
    const used = referencedNames(ins.shell?.text ?? ins.argsText);
    const vars = variablesInScope(model, stage, ins).filter((v) => v.kind === 'ARG' || used.has(v.name));
    trigger = vars.length > 0 ? `If its command text changes, or the value of ${variableList(vars)}` : 'If its command text changes';
    const binds = ins.flags.filter((f) => f.name === 'mount' && (f.options.type ?? 'bind') === 'bind');
    if (binds.length > 0) trigger += ', or the files it bind-mounts';
  } else if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
    const { sources } = copyOperands(ins);
    const from = ins.flags.find((f) => f.name === 'from')?.value;
    const inline = sources.filter((s) => s.startsWith('<<'));
    const remote = sources.filter((s) => /^[a-z][a-z0-9+.-]*:\/\//i.test(s) || s.startsWith('git@'));
    const files = sources.filter((s) => !inline.includes(s) && !remote.includes(s));
    const parts: string[] = [];
    if (files.length > 0) {
      const shown = files.slice(0, 3).map((s) => inlineCode(s));
      if (files.length > 3) shown.push(`${files.length - 3} more`);
      parts.push(`the files under ${joinWords(shown)}${from ? ` in ${inlineCode(from)}` : ''}`);
    }
    if (inline.length > 0) parts.push('the inline content');
    if (remote.length > 0) parts.push('the downloaded content');
    trigger = parts.length > 0 ? `If ${joinWords(parts, 'or')} change (or this line does)` : 'If this line or its sources change';
  } else {
    trigger = 'If this line changes';
  }
  if (after.length === 0) {
    return `${trigger}, only this step is rebuilt: it is the last instruction of ${stageRefIn(model, stage)}.${dependentsText(model, stage)}`;
  }
  return `${trigger}, the ${plural(after.length, 'instruction')} after it in this stage ${after.length === 1 ? 'is' : 'are'} rebuilt: ${followers(model, after)}.${dependentsText(model, stage)}`;
}
