import type { Property } from 'dockerfile-ast';
import type { Fix } from '../../findings';
import type { Rule } from '../../rule';
import type { DockerfileModel, InstructionInfo, Stage } from '../model';
import { PLATFORM_ARGS, PROXY_ARGS, argDefinitions, expandWord, headerText, splitWords, suggestName } from '../variables';

/** Instructions whose arguments the builder itself expands (RUN, CMD and ENTRYPOINT leave that to the shell). */
const EXPANDED = new Set(['ENV', 'ADD', 'COPY', 'WORKDIR', 'USER', 'LABEL', 'EXPOSE', 'STOPSIGNAL', 'VOLUME', 'ARG']);
/** A reference with one of these modifiers says what happens when the variable is unset. */
const HANDLES_UNSET = new Set([':-', '-', ':+', '+', ':?', '?']);
/** Always set: the builder adds PATH to every Linux image; proxy arguments need no declaration. */
const ALWAYS = new Set<string>(['PATH', ...PROXY_ARGS]);
const PLATFORM = new Set<string>(PLATFORM_ARGS);

type Why = 'same' | 'later' | 'global' | 'platform' | 'scratch' | 'typo';

export const undefinedVar: Rule<DockerfileModel> = {
  id: 'undefined-var',
  title: 'Variables are defined before the builder expands them',
  category: 'correctness',
  defaultSeverity: 'warning',
  topic: 'build-args',
  equivalents: { buildkit: 'UndefinedVar', hadolint: 'DL3044' },
  docs:
    'In `ENV`, `ARG`, `COPY`, `ADD`, `WORKDIR`, `USER`, `LABEL`, `EXPOSE`, `STOPSIGNAL` and `VOLUME` the builder ' +
    'replaces `$NAME` itself, and an unknown name silently becomes an empty string: `COPY app /$APP_DIR` copies to ' +
    '`/`. Typical causes are a global ARG that the stage did not redeclare (`ARG NAME` inside the stage), a platform ' +
    'argument such as `TARGETARCH` used without `ARG TARGETARCH`, a variable defined only further down, a typo, or ' +
    'an `ENV` that uses a value it sets itself. RUN commands are not checked: their variables belong to the shell. ' +
    'BuildKit also reads the base image\'s environment, which a static check cannot see, so this rule only reports ' +
    'the cases above (and every unknown name in stages built from `scratch`) and stays quiet where the base image ' +
    'might define the variable. References with a fallback such as `${NAME:-default}` are not reported.',
  check(model, report) {
    for (const stage of model.stages) checkStage(model, stage, report);
  },
};

function checkStage(model: DockerfileModel, stage: Stage, report: Parameters<Rule<DockerfileModel>['check']>[1]) {
  const escape = model.directives.escape;
  const chain = ancestors(model, stage);
  const defined = new Set<string>();
  for (const p of chain) for (const ins of p.instructions) for (const n of definedNames(model, ins)) defined.add(n);
  const root = chain.length ? chain[chain.length - 1] : stage;
  const fromScratch = !root.image.unresolved && root.image.path.toLowerCase() === 'scratch';
  const definedAt = new Map<string, number>();
  for (const ins of stage.instructions) {
    for (const n of definedNames(model, ins)) if (!definedAt.has(n)) definedAt.set(n, ins.range.start.line);
  }

  for (const ins of stage.instructions) {
    if (!EXPANDED.has(ins.keyword)) continue;
    const header = headerText(model, ins);
    const reported = new Set<string>();
    const line = ins.range.start.line;
    // `ENV PATH=$PATH:/app` extends an inherited value: a reference to the name being set is not "same instruction".
    const checkWord = (text: string, offset: number, settingName?: string) => {
      for (const ref of expandWord(text, new Map(), escape).refs) {
        const name = ref.name;
        if ((ref.modifier && HANDLES_UNSET.has(ref.modifier)) || defined.has(name) || ALWAYS.has(name) || reported.has(name)) continue;
        const at = definedAt.get(name);
        const suggestion = suggestName(name, [...defined, 'PATH']);
        const why: Why | undefined =
          at === line && name !== settingName ? 'same'
          : at !== undefined && at > line ? 'later'
          : model.globalArgs.has(name) ? 'global'
          : PLATFORM.has(name) ? 'platform'
          : suggestion ? 'typo'
          : fromScratch ? 'scratch'
          : undefined;
        if (!why) continue;
        reported.add(name);
        const range = header.rangeOf(offset + ref.start, offset + ref.end);
        const nameAt = offset + ref.start + (text[ref.start + 1] === '{' ? 2 : 1);
        report({
          range,
          message: describe(name, why, ins, at, suggestion),
          fixes: fixesFor(model, stage, name, why, suggestion, header.rangeOf(nameAt, nameAt + name.length)),
        });
      }
    };
    if (ins.keyword === 'ARG') {
      // ARG definitions take effect one by one: `ARG A=1 B=$A` is fine.
      for (const d of argDefinitions(header.text, escape)) {
        if (d.value !== undefined) checkWord(d.value, d.valueStart, d.name);
        defined.add(d.name);
      }
      continue;
    }
    const words = splitWords(header.text, escape);
    // Legacy `ENV NAME value…` sets one name from all the words after it.
    const legacyName = ins.keyword === 'ENV' && words.length > 0 && !words[0].text.includes('=') ? words[0].text : undefined;
    for (const w of words) {
      // `--from` is never expanded (the builder rejects variables there); other flags are.
      if (/^--from=/i.test(w.text)) continue;
      const setting = ins.keyword === 'ENV' ? (legacyName ?? w.text.split('=')[0]) : undefined;
      checkWord(w.text, w.start, setting);
    }
    // An ENV sees only what was defined before it, not its own pairs.
    for (const n of definedNames(model, ins)) defined.add(n);
  }
}

function describe(name: string, why: Why, ins: InstructionInfo, at: number | undefined, suggestion: string | undefined): string {
  const v = `\`$${name}\``;
  switch (why) {
    case 'same':
      return ins.keyword === 'ENV'
        ? `${v} is set by this same ENV instruction, which does not see its own values; here it is still unset. Use it in a separate ENV line.`
        : `${v} is declared later in this same ARG instruction; here it is still unset. Declare it first.`;
    case 'later':
      return `${v} is only defined on line ${(at ?? 0) + 1}, after this line; here it is still unset and expands to an empty string (or to the base image's value, if it has one).`;
    case 'global':
      return `${v} is a global ARG (declared before the first FROM), but a stage only sees it after \`ARG ${name}\` inside the stage; here it expands to an empty string (or to the base image's variable of that name).`;
    case 'platform':
      return `${v} is predefined by the builder in the global scope only; add \`ARG ${name}\` to this stage to use it here, otherwise it is empty.`;
    case 'typo':
      return `${v} is not defined by an ARG or ENV before this line; did you mean \`$${suggestion}\`?`;
    case 'scratch':
      return `${v} is not defined by an ARG or ENV before this line, and this stage starts from scratch, so it expands to an empty string.`;
  }
}

function fixesFor(model: DockerfileModel, stage: Stage, name: string, why: Why, suggestion: string | undefined, nameRange: import('../../text/range').Range): Fix[] {
  if (why === 'global' || why === 'platform') {
    const from = stage.from;
    const next = from.range.end.line + 1;
    const keyword = from.keywordText === from.keywordText.toLowerCase() ? 'arg' : 'ARG';
    const eol = model.lines.eol;
    const edit =
      next < model.lines.lineCount
        ? { range: { start: { line: next, character: 0 }, end: { line: next, character: 0 } }, newText: `${keyword} ${name}${eol}` }
        : { range: { start: from.range.end, end: from.range.end }, newText: `${eol}${keyword} ${name}` };
    return [{ title: `Declare ${keyword} ${name} in this stage`, edits: [edit], preferred: true }];
  }
  if (why === 'typo' && suggestion) return [{ title: `Change to $${suggestion}`, edits: [{ range: nameRange, newText: suggestion }] }];
  return [];
}

/** Names an instruction defines for later instructions of its stage. */
function definedNames(model: DockerfileModel, ins: InstructionInfo): string[] {
  if (ins.keyword === 'ARG') return argDefinitions(headerText(model, ins).text, model.directives.escape).map((d) => d.name);
  if (ins.keyword === 'ENV') return (ins.node as unknown as { getProperties(): Property[] }).getProperties().map((p) => p.getName());
  return [];
}

/** The stages this one is built from, nearest first. */
function ancestors(model: DockerfileModel, stage: Stage): Stage[] {
  const out: Stage[] = [];
  let p = stage.parentStage;
  while (p !== undefined && !out.some((s) => s.index === p)) {
    const s = model.stages[p];
    if (!s) break;
    out.push(s);
    p = s.parentStage;
  }
  return out;
}
