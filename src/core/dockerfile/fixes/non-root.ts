import type { Fix } from '../../findings';
import { DockerfileParser } from 'dockerfile-ast';
import type { From } from 'dockerfile-ast';
import { isWindowsAdministrator, lookupImage } from '../../knowledge/images';
import type { ImageFacts } from '../../knowledge/images';
import { LineIndex } from '../../text/range';
import type { Position, TextEdit } from '../../text/range';
import type { DockerfileModel, InstructionInfo, Stage } from '../model';
import { classifyUser, resolveStageRef } from '../parse';
import { parseImageRef } from '../image-ref';
import { appendCommandEdit, posixShellAt, runCommands, runScripts } from '../shell';

/**
 * Fixes that make the final stage run as a non-root user, knowing what the base image offers.
 *
 * Choices, and why:
 * - Users this Dockerfile already names (an earlier `USER app`, a `useradd app`) come first: no second user.
 * - Numeric whenever the number is known (`useradd -u 1000 app`, or an image's user), the name as the next fix.
 *   Users an image ships (`node`, distroless `nonroot`, .NET `app`) are written as `uid:gid`: Kubernetes'
 *   `runAsNonRoot` can only verify a numeric user (with a name it refuses to start the pod unless the manifest
 *   sets `runAsUser`), and a number cannot be shadowed by a different passwd entry. The title names the user;
 *   the by-name form is offered as the next fix.
 * - A user we create is `app`, uid/gid 10001: above the ranges distros hand out (system < 1000, people from
 *   1000), so it does not collide with users the image or a package adds; without `--system`, which would make
 *   shadow-utils warn that 10001 is outside the system range.
 * - The `USER` line goes after the last `RUN`/`USER` of the stage (commands that may need root keep it), right
 *   before the first `CMD`/`ENTRYPOINT` after that point, else at the end of the stage. An explicit `USER root`
 *   with no `RUN` after it is replaced instead.
 * - The `RUN` that creates the user goes before the first `COPY` from the build context when the stage is still
 *   root there, so the files copied after it can be given to the user; else right before the `USER` line. Where
 *   that would put it right after another plain `RUN`, the commands are appended to that `RUN` instead: a new
 *   layer next to it would only earn a "join these RUNs" finding (consecutive-run).
 * - `COPY --chown=uid:gid` on the application COPY is a separate fix: code the process can rewrite is a risk of
 *   its own, so ownership is offered, not imposed.
 * - Every fix is applied and re-parsed before it is offered: it must parse, keep every instruction and leave the
 *   final stage non-root. A fix that fails that check is dropped, never offered.
 */
export function nonRootFixes(model: DockerfileModel, stage: Stage): Fix[] {
  try {
    const fixes = planFixes(model, stage)
      .filter((c) => verify(model, stage, c))
      .map((c) => c.fix);
    fixes.forEach((f, i) => {
      f.kind = 'offline';
      if (i === 0) f.preferred = true;
    });
    return fixes;
  } catch {
    return [];
  }
}

const APP_ID = 10001;
const APP_NAME = 'app';

interface Candidate {
  fix: Fix;
  /** Instructions the fix adds. */
  added: number;
}

interface Style {
  upper: boolean;
  eol: string;
  escape: string;
  /** Extra indentation of continuation lines (after the instruction's own). */
  continuation: string;
}

/** A way to end up non-root: the USER value, and what must happen first. */
interface Plan {
  title: string;
  /** The title without its `(USER …)` part, for the `--chown` variant. */
  short: string;
  user: string;
  /** Shell commands that create the user (joined with `&&`). */
  create?: string[];
  /** Comment line above the USER line. */
  comment?: string;
  /** `uid:gid` for `COPY --chown`, when we know both. */
  chown?: string;
}

// -------------------------------------------------------------------------------------------------------------

function planFixes(model: DockerfileModel, stage: Stage): Candidate[] {
  const facts = stage.baseFacts;
  const style = readStyle(model);
  const windows = facts.family === 'windows';
  const ins = stage.instructions;
  const cause = explicitRootUser(stage);

  const plans: Plan[] = [];
  if (windows) {
    plans.push(plan('Run as ContainerUser instead of ContainerAdministrator', 'ContainerUser'));
  } else {
    const known = userNamedInFile(model, stage, cause);
    if (known.length > 0) {
      // the file already has its user: offer that, and the image's users, but not a second new user
      plans.push(...known, ...imagePlans(stage, facts).filter((p) => !p.create).map((p) => ({ ...p, chown: undefined })));
    } else {
      plans.push(...imagePlans(stage, facts));
    }
  }

  const out: Candidate[] = [];
  for (const plan of plans) {
    const c = buildFix(model, stage, style, plan, cause, false);
    if (c) out.push(c);
  }
  // the same as the first plan that knows uid:gid, plus ownership of the application files
  const chownPlan = plans.find((p) => p.chown);
  if (chownPlan && !windows) {
    const c = buildFix(model, stage, style, chownPlan, cause, true);
    if (c) out.push(c);
  }
  const tag = nonRootTagFix(model, stage, cause);
  if (tag) out.push(tag);

  // a title can repeat when two plans agree (e.g. the file's user is the image's): keep the first
  const seen = new Set<string>();
  return out.filter((c) => {
    const key = JSON.stringify(c.fix.edits);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The plans the base image allows, best first. */
function imagePlans(stage: Stage, facts: ImageFacts): Plan[] {
  const plans: Plan[] = [];
  const numeric = `${APP_ID}:${APP_ID}`;
  const existing = facts.existingUser;
  if (existing && existing.uid !== undefined) {
    const id = existing.gid !== undefined ? `${existing.uid}:${existing.gid}` : String(existing.uid);
    plans.push({ ...plan(`Run as the image's ${existing.name} user`, id), ...(existing.gid !== undefined ? { chown: id } : {}) });
    plans.push(plan(`Run as the image's ${existing.name} user by name`, existing.name));
    return plans;
  }
  if (facts.runsAsRoot === false && facts.defaultUser) {
    plans.push(plan("Switch back to the image's default user", facts.defaultUser));
    return plans;
  }
  const create = creationCommands(facts);
  if (create) {
    plans.push({ ...plan('Create an unprivileged user and run as it', numeric), create, chown: numeric });
    plans.push(plan(`Run as uid ${APP_ID} without adding a user`, numeric));
    return plans;
  }
  if (facts.family === 'scratch' && !copiesPasswd(stage)) {
    plans.push({
      ...plan('Run as a numeric user, as scratch has no user database', numeric),
      comment: 'This image has no /etc/passwd: a numeric user needs no entry in it.',
      chown: numeric,
    });
  } else {
    plans.push({ ...plan('Run as an unprivileged numeric user', numeric), chown: numeric });
  }
  return plans;
}

function plan(short: string, user: string): Plan {
  return { title: `${short} (USER ${user})`, short, user };
}

function creationCommands(facts: ImageFacts): string[] | undefined {
  const id = APP_ID;
  const useradd = [
    `groupadd --gid ${id} ${APP_NAME}`,
    `useradd --uid ${id} --gid ${APP_NAME} --no-create-home --no-log-init --shell /usr/sbin/nologin ${APP_NAME}`,
  ];
  switch (facts.userCreation) {
    case 'adduser-busybox':
      return [`addgroup -S -g ${id} ${APP_NAME}`, `adduser -S -D -H -u ${id} -G ${APP_NAME} ${APP_NAME}`];
    case 'useradd':
      return useradd;
    case 'install-shadow-utils': {
      const pm = facts.packageManager;
      if (pm !== 'microdnf' && pm !== 'dnf' && pm !== 'yum' && pm !== 'tdnf') return undefined;
      return [`${pm} install -y shadow-utils`, `${pm} clean all`, ...useradd];
    }
    default:
      return undefined;
  }
}

// -------------------------------------------------------------------------------------------------------------
// Users the Dockerfile itself names.

/** The USER instruction of this stage that makes it root, if it is the cause. */
function explicitRootUser(stage: Stage): InstructionInfo | undefined {
  const u = stage.effectiveUser.instruction;
  if (!u || u.stage !== stage.index) return undefined;
  const value = u.argsText.trim();
  if (classifyUser(value) === 'root') return u;
  if (stage.baseFacts.family === 'windows' && isWindowsAdministrator(value)) return u;
  return undefined;
}

/** The final stage and the stages it is built FROM, outermost first. */
function parentChain(model: DockerfileModel, stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s && !chain.includes(s); s = s.parentStage !== undefined ? model.stages[s.parentStage] : undefined) {
    chain.unshift(s);
  }
  return chain;
}

/** Stages whose commands shape the final stage's user database: its parent chain, and where /etc/passwd comes from. */
function userDatabaseStages(model: DockerfileModel, stage: Stage): Stage[] {
  const stages = parentChain(model, stage);
  for (const ins of stage.instructions) {
    if (ins.keyword !== 'COPY' || !/\/etc\/passwd\b/.test(ins.argsText)) continue;
    const from = ins.flags.find((f) => f.name === 'from')?.value;
    const src = from ? resolveStageRef(from, model.stages, stage.index) : undefined;
    if (src && !stages.includes(src)) stages.unshift(src);
  }
  return stages;
}

function copiesPasswd(stage: Stage): boolean {
  return stage.instructions.some((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && /\/etc\/passwd\b/.test(i.argsText));
}

/** Users (and their IDs, when the file gives them) that the final stage's user database gets from this file. */
function accountsInFile(model: DockerfileModel, stage: Stage): Map<string, Account> {
  const users = new Map<string, Account>();
  const groups = new Map<string, number>();
  for (const s of userDatabaseStages(model, stage)) {
    for (const ins of s.instructions) {
      for (const cmd of runCommands(model, ins)) {
        const a = readAccountCommand(cmd.name, cmd.argv);
        if (!a) continue;
        if (a.kind === 'group') {
          if (a.id !== undefined) groups.set(a.name, a.id);
          continue;
        }
        let gid = a.group !== undefined && /^\d+$/.test(a.group) ? Number(a.group) : a.group !== undefined ? groups.get(a.group) : undefined;
        // BusyBox adduser without -G, and useradd's default user-private group, get a group of the same name
        if (gid === undefined && a.group === undefined) gid = groups.get(a.name);
        users.set(a.name, { name: a.name, uid: a.id, gid, line: ins.range.start.line });
      }
    }
  }
  return users;
}

interface Account {
  name: string;
  uid?: number;
  gid?: number;
  line: number;
}

/** `uid:gid`, `uid`, or undefined when the file does not say. */
function numericId(a: Account | undefined): string | undefined {
  if (!a || a.uid === undefined) return undefined;
  return a.gid !== undefined ? `${a.uid}:${a.gid}` : String(a.uid);
}

function userNamedInFile(model: DockerfileModel, stage: Stage, cause: InstructionInfo | undefined): Plan[] {
  const accounts = accountsInFile(model, stage);
  // an earlier non-root USER of the final stage or a stage it is built on: switch back to it
  let earlier: InstructionInfo | undefined;
  for (const s of parentChain(model, stage)) {
    for (const i of s.instructions) {
      if (i.keyword !== 'USER' || i === cause) continue;
      if (cause && s === stage && i.range.start.line > cause.range.start.line) continue;
      const v = i.argsText.trim();
      if (/^[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/.test(v) && classifyUser(v) === 'non-root') earlier = i;
    }
  }
  if (earlier) {
    const v = earlier.argsText.trim();
    const line = earlier.range.start.line + 1;
    const [name, group] = v.split(':');
    const id = group === undefined ? numericId(accounts.get(name)) : undefined;
    if (id && id !== v) {
      return [
        plan(`Switch back to ${v} (the user set on line ${line}), by its ID`, id),
        plan(`Switch back to ${v}, the user set on line ${line}`, v),
      ];
    }
    return [plan(`Switch back to ${v}, the user set on line ${line}`, v)];
  }
  let created: Account | undefined;
  for (const a of accounts.values()) if (!created || a.line >= created.line) created = a;
  if (!created) return [];
  const id = numericId(created);
  const byName = plan(`Run as ${created.name}, the user this Dockerfile creates`, created.name);
  if (!id) return [byName];
  return [{ ...plan(`Run as ${created.name}, the user this Dockerfile creates`, id), ...(created.gid !== undefined ? { chown: id } : {}) }, { ...byName, title: `${byName.short}, by name (USER ${created.name})` }];
}

/** Options of useradd / adduser / groupadd / addgroup (shadow, BusyBox, Debian) that take a value. */
const SHORT_WITH_VALUE: Record<string, Set<string>> = {
  useradd: new Set('bcdefgGkKpPRsuZ'.split('')),
  groupadd: new Set('gKpPR'.split('')),
  adduser: new Set('hgsGuk'.split('')), // BusyBox; Debian's adduser has long options only
  addgroup: new Set('g'.split('')),
};
const LONG_WITH_VALUE = new Set([
  '--base-dir', '--comment', '--home-dir', '--home', '--expiredate', '--inactive', '--gid', '--groups', '--skel',
  '--key', '--password', '--shell', '--uid', '--selinux-user', '--root', '--prefix', '--ingroup', '--gecos',
  '--firstuid', '--lastuid', '--firstgid', '--lastgid', '--conf', '--extrausers-file', '--add-extra-groups-file',
]);

/**
 * What `useradd`/`adduser`/`groupadd`/`addgroup` with these arguments creates: the name, its ID when given,
 * and for users the primary group (`useradd -g`, BusyBox `adduser -G`, Debian `adduser --ingroup`).
 */
export function readAccountCommand(
  program: string,
  argv: string[],
): { kind: 'user' | 'group'; name: string; id?: number; group?: string } | undefined {
  const kind = program === 'useradd' || program === 'adduser' ? 'user' : program === 'groupadd' || program === 'addgroup' ? 'group' : undefined;
  if (!kind) return undefined;
  const idOption = kind === 'user' ? 'u' : 'g';
  const groupOption = program === 'useradd' ? 'g' : program === 'adduser' ? 'G' : undefined;
  let id: number | undefined;
  let group: string | undefined;
  const operands: string[] = [];
  for (let k = 1; k < argv.length; k++) {
    const w = argv[k];
    if (w === '--') {
      operands.push(...argv.slice(k + 1));
      break;
    }
    if (w.startsWith('--')) {
      const eq = w.indexOf('=');
      const opt = eq >= 0 ? w.slice(0, eq) : w;
      let value: string | undefined;
      if (eq >= 0) value = w.slice(eq + 1);
      else if (LONG_WITH_VALUE.has(opt)) value = argv[++k];
      if (value === undefined) continue;
      if (opt === (kind === 'user' ? '--uid' : '--gid') && /^\d+$/.test(value)) id = Number(value);
      if (kind === 'user' && ((program === 'useradd' && opt === '--gid') || (program === 'adduser' && (opt === '--ingroup' || opt === '--gid')))) group = value;
      continue;
    }
    if (w.startsWith('-') && w.length > 1) {
      const cluster = w.slice(1);
      const at = [...cluster].findIndex((ch) => SHORT_WITH_VALUE[program].has(ch));
      if (at < 0) continue;
      const value = at === cluster.length - 1 ? argv[++k] : cluster.slice(at + 1);
      if (value === undefined) continue;
      if (cluster[at] === idOption && /^\d+$/.test(value)) id = Number(value);
      if (kind === 'user' && cluster[at] === groupOption) group = value;
      continue;
    }
    operands.push(w);
  }
  const name = operands[0];
  // BusyBox `addgroup user group` / Debian `adduser user group` add a member; they create nothing
  if (!name || operands.length > 1 || !/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) return undefined;
  return { kind, name, ...(id !== undefined ? { id } : {}), ...(group !== undefined ? { group } : {}) };
}

// -------------------------------------------------------------------------------------------------------------
// Building the edits.

function readStyle(model: DockerfileModel): Style {
  let upper = 0;
  let lower = 0;
  for (const i of model.instructions) {
    if (i.keywordText === i.keywordText.toUpperCase()) upper++;
    else if (i.keywordText === i.keywordText.toLowerCase()) lower++;
  }
  const escape = model.directives.escape || '\\';
  let continuation = '    ';
  for (const i of model.instructions) {
    if (i.range.end.line <= i.range.start.line || i.heredocs.length > 0) continue;
    const first = model.lines.lineText(i.range.start.line);
    if (!first.trimEnd().endsWith(escape)) continue;
    const second = model.lines.lineText(i.range.start.line + 1);
    if (second.trim() === '' || second.trim().startsWith('#')) continue;
    const own = indentOf(first);
    const next = indentOf(second);
    continuation = next.startsWith(own) ? next.slice(own.length) : next;
    break;
  }
  return { upper: lower <= upper, eol: model.lines.eol, escape, continuation };
}

function indentOf(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

function keyword(style: Style, k: string): string {
  return style.upper ? k : k.toLowerCase();
}

/** Instruction lines (without indentation) for a plan, in order. */
function runLine(style: Style, indent: string, commands: string[]): string {
  return `${keyword(style, 'RUN')} ${commands.join(` ${style.escape}${style.eol}${indent}${style.continuation}&& `)}`;
}

/** Where to insert lines so they come right before `target` (and before the comments that belong to it). */
function insertionLineBefore(model: DockerfileModel, target: InstructionInfo): number {
  const idx = model.instructions.indexOf(target);
  const prevEnd = idx > 0 ? model.instructions[idx - 1].range.end.line : -1;
  let line = target.range.start.line;
  while (line - 1 > prevEnd && model.lines.lineText(line - 1).trim().startsWith('#')) line--;
  return line;
}

function insertBefore(model: DockerfileModel, style: Style, target: InstructionInfo, lines: string[]): TextEdit {
  const indent = indentOf(model.lines.lineText(target.range.start.line));
  const at: Position = { line: insertionLineBefore(model, target), character: 0 };
  return { range: { start: at, end: at }, newText: lines.map((l) => `${indent}${l}${style.eol}`).join('') };
}

function insertAfter(model: DockerfileModel, style: Style, target: InstructionInfo, lines: string[]): TextEdit {
  const indent = indentOf(model.lines.lineText(target.range.start.line));
  const line = target.range.end.line;
  const at: Position = { line, character: model.lines.lineText(line).length };
  return { range: { start: at, end: at }, newText: lines.map((l) => `${style.eol}${indent}${l}`).join('') };
}

/** Who the stage runs as just before instruction `index` (counting the parent stage or base image). */
function userBefore(model: DockerfileModel, stage: Stage, index: number): 'root' | 'non-root' | 'unknown' {
  const windows = stage.baseFacts.family === 'windows';
  let state: 'root' | 'non-root' | 'unknown';
  if (stage.parentStage !== undefined) {
    const p = model.stages[stage.parentStage].effectiveUser;
    state = windows && isWindowsAdministrator(p.name) ? 'root' : p.kind;
  } else {
    const r = stage.baseFacts.runsAsRoot;
    state = r === true ? 'root' : r === false ? 'non-root' : 'unknown';
  }
  for (let i = 0; i < index && i < stage.instructions.length; i++) {
    const ins = stage.instructions[i];
    if (ins.keyword !== 'USER') continue;
    const v = ins.argsText.trim();
    state = windows && isWindowsAdministrator(v) ? 'root' : classifyUser(v);
  }
  return state;
}

/** A shell-form RUN without flags: one a new RUN next to it could be joined with. */
function plainRun(model: DockerfileModel, stage: Stage, i: InstructionInfo | undefined): boolean {
  return (
    !!i && i.keyword === 'RUN' && !i.jsonForm && i.heredocs.length === 0 && i.flags.length === 0 && posixShellAt(model, stage, i)
  );
}

function isBuildContextCopy(i: InstructionInfo): boolean {
  return (i.keyword === 'COPY' || i.keyword === 'ADD') && !i.flags.some((f) => f.name === 'from') && i.heredocs.length === 0;
}

function buildFix(
  model: DockerfileModel,
  stage: Stage,
  style: Style,
  plan: Plan,
  cause: InstructionInfo | undefined,
  withChown: boolean,
): Candidate | undefined {
  const ins = stage.instructions;
  let lastBlocking = -1;
  ins.forEach((i, k) => {
    if (i.keyword === 'RUN' || i.keyword === 'USER') lastBlocking = k;
  });
  const anchorIdx = ins.findIndex((i, k) => k > lastBlocking && (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT'));
  const causeIdx = cause ? ins.indexOf(cause) : -1;
  const replace =
    causeIdx >= 0 &&
    cause?.argsRange &&
    !ins.slice(causeIdx + 1).some((i) => i.keyword === 'RUN') &&
    (!plan.create || userBefore(model, stage, causeIdx) === 'root');
  // index of the instruction the USER change sits before (ins.length: the end of the stage)
  const userIdx = replace ? causeIdx : anchorIdx >= 0 ? anchorIdx : ins.length;

  const edits: TextEdit[] = [];
  let added = 0;
  const userLines: string[] = [];
  if (plan.comment) userLines.push(`# ${plan.comment}`);

  // Where the commands that create the user go: a new RUN before the first COPY from the build context (the
  // stage is still root there), else right before the USER line. A new RUN next to another plain RUN would
  // only earn a "join these RUNs" finding, so then the commands are appended to that RUN instead.
  let createBefore: InstructionInfo | undefined; // new RUN before this instruction
  let createAtUser = false; // new RUN in the same insertion as the USER line
  let appendTo: TextEdit | undefined;
  if (plan.create) {
    const firstCopy = ins.findIndex((i, k) => k < userIdx && isBuildContextCopy(i));
    const early = firstCopy >= 0 && userBefore(model, stage, firstCopy) === 'root' ? firstCopy : -1;
    const prevAtUser = userIdx > 0 ? ins[userIdx - 1] : undefined;
    if (early >= 0 && !plainRun(model, stage, ins[early - 1])) createBefore = ins[early];
    else if (!plainRun(model, stage, prevAtUser)) createAtUser = true;
    else {
      const script = prevAtUser ? runScripts(model, prevAtUser).pop() : undefined;
      appendTo = script ? appendCommandEdit(model, script, plan.create.join(' && ')) : undefined;
      if (!appendTo) {
        if (early >= 0) createBefore = ins[early];
        else createAtUser = true;
      }
    }
  }
  const indentAt = (i: InstructionInfo | undefined) => indentOf(model.lines.lineText((i ?? stage.from).range.start.line));

  if (appendTo) edits.push(appendTo);
  if (plan.create && createBefore) {
    edits.push(insertBefore(model, style, createBefore, [runLine(style, indentAt(createBefore), plan.create)]));
    added++;
  }

  if (replace && cause?.argsRange) {
    const before: string[] = [];
    if (plan.create && createAtUser) {
      before.push(runLine(style, indentAt(cause), plan.create));
      added++;
    }
    if (plan.comment) before.push(`# ${plan.comment}`);
    if (before.length > 0) edits.push(insertBefore(model, style, cause, before));
    edits.push({ range: cause.argsRange, newText: plan.user });
  } else {
    const lines: string[] = [];
    const target = userIdx < ins.length ? ins[userIdx] : ins.length > 0 ? ins[ins.length - 1] : stage.from;
    if (plan.create && createAtUser) {
      lines.push(runLine(style, indentAt(target), plan.create));
      added++;
    }
    lines.push(...userLines, `${keyword(style, 'USER')} ${plan.user}`);
    added++;
    edits.push(userIdx < ins.length ? insertBefore(model, style, target, lines) : insertAfter(model, style, target, lines));
  }

  let title = plan.title;
  if (withChown) {
    if (!plan.chown) return undefined;
    const copy = applicationCopy(stage);
    if (!copy) return undefined;
    edits.push({ range: { start: copy.keywordRange.end, end: copy.keywordRange.end }, newText: ` --chown=${plan.chown}` });
    title = `${plan.short}, owning the files of ${copySummary(copy)} (USER ${plan.user}, COPY --chown=${plan.chown})`;
  }
  const merged = mergeInsertions(model, edits);
  if (overlapping(model, merged)) return undefined;
  return { fix: { title, edits: merged }, added };
}

/** The last COPY of application files from the build context: `COPY . …`, or one into /app, /srv, a relative path… */
function applicationCopy(stage: Stage): InstructionInfo | undefined {
  const copies = stage.instructions.filter(
    (i) => i.keyword === 'COPY' && isBuildContextCopy(i) && !i.flags.some((f) => f.name === 'chown'),
  );
  const parts = (i: InstructionInfo): string[] => {
    if (i.jsonForm) {
      try {
        const v: unknown = JSON.parse(i.argsText);
        if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
      } catch {
        return [];
      }
      return [];
    }
    return i.argsText.split(/\s+/).filter(Boolean);
  };
  const isApp = (i: InstructionInfo): boolean => {
    const p = parts(i);
    if (p.length < 2) return false;
    const sources = p.slice(0, -1);
    const dest = p[p.length - 1];
    if (sources.some((s) => s === '.' || s === './')) return true;
    return !dest.startsWith('/') || /^\/(app|srv|opt|home|code|workspace|usr\/src|usr\/app|var\/www)(\/|$)/.test(dest);
  };
  for (let k = copies.length - 1; k >= 0; k--) if (isApp(copies[k])) return copies[k];
  return undefined;
}

function copySummary(copy: InstructionInfo): string {
  const t = copy.argsText.trim();
  return `COPY ${t.length > 40 ? `${t.slice(0, 37)}...` : t}`;
}

/** Insertions at the same place become one edit, in the order they were made (e.g. append to a RUN, then USER). */
function mergeInsertions(model: DockerfileModel, edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const same = out.find(
      (o) =>
        model.lines.offsetAt(o.range.start) === model.lines.offsetAt(o.range.end) &&
        model.lines.offsetAt(e.range.start) === model.lines.offsetAt(e.range.end) &&
        model.lines.offsetAt(o.range.start) === model.lines.offsetAt(e.range.start),
    );
    if (same) same.newText += e.newText;
    else out.push({ range: e.range, newText: e.newText });
  }
  return out;
}

function overlapping(model: DockerfileModel, edits: TextEdit[]): boolean {
  const spans = edits
    .map((e) => [model.lines.offsetAt(e.range.start), model.lines.offsetAt(e.range.end)])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (let k = 1; k < spans.length; k++) if (spans[k][0] < spans[k - 1][1] || spans[k][0] === spans[k - 1][0]) return true;
  return false;
}

// -------------------------------------------------------------------------------------------------------------
// distroless: the `:nonroot` tags run as uid 65532 with no other change.

function nonRootTagFix(model: DockerfileModel, stage: Stage, cause: InstructionInfo | undefined): Candidate | undefined {
  if (cause || stage.parentStage !== undefined || stage.baseFacts.family !== 'distroless') return undefined;
  if (stage.baseFacts.runsAsRoot !== true) return undefined;
  const img = stage.image;
  if (img.digest || img.unresolved || !stage.imageRange) return undefined;
  if (!/^gcr\.io$/i.test(img.registry ?? '') || !/^distroless\//i.test(img.path)) return undefined;
  const written = model.lines.slice(stage.imageRange);
  if (written !== img.raw) return undefined;
  const tag = (img.tag ?? 'latest').toLowerCase();
  const m = /^(latest|debug)(-[a-z0-9]+)?$/.exec(tag);
  if (!m) return undefined;
  const next = `${m[1] === 'debug' ? 'debug-nonroot' : 'nonroot'}${m[2] ?? ''}`;
  const replaced = img.tag ? `${written.slice(0, written.lastIndexOf(':') + 1)}${next}` : `${written}:${next}`;
  return {
    fix: { title: `Use the image's non-root variant (FROM ${replaced})`, edits: [{ range: stage.imageRange, newText: replaced }] },
    added: 0,
  };
}

// -------------------------------------------------------------------------------------------------------------

/**
 * Apply and re-parse: the final stage keeps its instructions plus the added ones, and no longer runs as root.
 *
 * Only the part of the final stage the fix touches is re-parsed, with the file's escape directive in front: from
 * the instruction before the first edit to the first line of the instruction after the last one (or the end of
 * the file). The text before that window is unchanged and ends where an instruction starts, so the parser starts
 * there as it did on the whole file; the window must hold its old instructions plus the added ones, its last one
 * starting exactly where the old instruction after the edits now starts, so everything after it parses as before.
 * When the first edit inserts lines into the blank and comment lines between two instructions (a USER line before
 * CMD), the window starts at the insertion: the parser is between instructions there, since a continuation or a
 * heredoc of the instruction before would have taken in the next instruction's line too. When the edits sit on
 * the last line of a long RUN, only that line is parsed again, behind a stand-in for the lines before it.
 * A fix is checked for the price of parsing a few lines, not the whole stage.
 */
function verify(model: DockerfileModel, stage: Stage, c: Candidate): boolean {
  try {
    const lines = model.lines;
    if (c.fix.edits.length === 0) return false;
    let first = Infinity;
    let last = -Infinity;
    for (const e of c.fix.edits) {
      first = Math.min(first, lines.offsetAt(e.range.start));
      last = Math.max(last, lines.offsetAt(e.range.end));
    }
    if (first < lines.lineStarts[stage.from.range.start.line]) return false;
    const all = [stage.from, ...stage.instructions];
    const startOf = (i: InstructionInfo) => lines.offsetAt(i.range.start);
    // k: the last instruction starting before the first edit; m: the first one starting at or after the last edit
    let k = -1;
    for (let i = 0; i < all.length && startOf(all[i]) < first; i++) k = i;
    if (k < 0) return false;
    let m = k + 1;
    while (m < all.length && startOf(all[m]) < last) m++;
    const after = m < all.length ? all[m] : undefined;

    // f: the first old instruction inside the window (k, or the one after k when the window starts in the gap)
    let f = k;
    let windowStart = lines.lineStarts[all[k].range.start.line];
    const opening = c.fix.edits.find((e) => lines.offsetAt(e.range.start) === first);
    if (
      k + 1 < all.length &&
      opening &&
      lines.offsetAt(opening.range.end) === first &&
      !/^\s*#/.test(opening.newText) &&
      first > lines.offsetAt(all[k].range.end) &&
      lines.lineStarts[lines.positionAt(first).line] === first &&
      first <= lines.lineStarts[all[k + 1].range.start.line] &&
      betweenInstructions(model.text.slice(lines.offsetAt(all[k].range.end), lines.lineStarts[all[k + 1].range.start.line]))
    ) {
      f = k + 1;
      windowStart = first;
    }

    const escape = model.directives.escape;
    const head = escape && escape !== '\\' ? `# escape=${escape}\n` : '';
    // When the edits sit on the last line of a long RUN (commands appended to it, a USER line after it), the
    // parser reaches that line inside the RUN's arguments right after a line continuation, whatever came before:
    // `RUN x \` in front of that line puts it in the same state, so the rest of the RUN is not parsed again.
    // Not with heredocs, whose markers a shortened RUN could gain or lose (hence no `<` near the cut either).
    let prefix = '';
    const ins = all[k];
    const lastLine = ins.range.end.line;
    if (
      escape.length === 1 &&
      f === k &&
      k > 0 &&
      ins.keyword === 'RUN' &&
      lastLine > ins.range.start.line &&
      ins.keywordRange.end.line === ins.range.start.line &&
      /^[ \t]/.test(lines.lineText(ins.range.start.line).slice(ins.keywordRange.end.character)) &&
      ins.heredocs.length === 0 &&
      !ins.argsText.includes('<<') &&
      first >= lines.lineStarts[lastLine] &&
      !lines.lineText(lastLine).includes('<') &&
      !c.fix.edits.some((e) => e.newText.includes('<'))
    ) {
      prefix = `RUN x ${escape}\n`;
      windowStart = lines.lineStarts[lastLine];
    }

    // the edited window, without building the whole edited file: every edit lies inside it
    const windowEnd = after ? lines.lineEndOffset(after.range.start.line) : model.text.length;
    const edited = editedSlice(model, c.fix.edits, windowStart, windowEnd);
    if (edited === undefined) return false;
    const delta = edited.length - (windowEnd - windowStart);
    const window = head + prefix + edited;
    const instructions = DockerfileParser.parse(window).getInstructions();
    if (instructions.length !== (after ? m + 1 : all.length) - f + c.added) return false;
    const keywordOf = (i: (typeof instructions)[number]) => i.getKeyword().toUpperCase();
    if (f === k && keywordOf(instructions[0]) !== all[k].keyword) return false;
    if (instructions.some((i, n) => (n > 0 || f > 0) && keywordOf(i) === 'FROM')) return false;
    if (after) {
      const end = instructions[instructions.length - 1];
      const expected = head.length + prefix.length + startOf(after) + delta - windowStart;
      if (keywordOf(end) !== after.keyword || new LineIndex(window).offsetAt(end.getRange().start) !== expected) return false;
    }

    // the stage's last USER: unchanged before the window, parsed inside it, unchanged from `after` on
    let user: string | undefined;
    for (const i of all.slice(1, f)) if (i.keyword === 'USER') user = i.argsText;
    for (const i of after ? instructions.slice(0, -1) : instructions) {
      if (keywordOf(i) === 'USER') user = i.getArguments().map((a) => a.getValue()).join(' ');
    }
    if (after) for (const i of all.slice(m)) if (i.keyword === 'USER') user = i.argsText;
    const windows = stage.baseFacts.family === 'windows';
    if (user !== undefined) {
      const value = user.trim();
      if (windows) return value !== '' && !isWindowsAdministrator(value);
      return classifyUser(value) === 'non-root';
    }
    // no USER at all: only a different base image can have changed the user (distroless :nonroot)
    const from = ((f === 0 ? instructions[0] : stage.from.node) as From).getImage() ?? '';
    const ref = parseImageRef(from);
    return stage.parentStage === undefined && lookupImage({ path: ref.path, registry: ref.registry, tag: ref.tag }).runsAsRoot === false;
  } catch {
    return false;
  }
}

/** The rest of an instruction's last line and the lines up to the next one: blank or comment lines only. */
function betweenInstructions(gap: string): boolean {
  const rows = gap.split('\n');
  return /^[ \t\r]*$/.test(rows[0]) && rows.slice(1).every((r) => /^[ \t\r]*(#.*)?$/.test(r));
}

/**
 * `applyEdits(model.text, edits).slice(start, end + delta)` for edits that all lie in `[start, end]`, the same
 * way (edits applied from the last one back), without building the whole edited text; undefined where
 * `applyEdits` throws (overlapping edits) or an edit leaves the stretch.
 */
function editedSlice(model: DockerfileModel, edits: TextEdit[], start: number, end: number): string | undefined {
  const spans = edits
    .map((e) => ({ from: model.lines.offsetAt(e.range.start), to: model.lines.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => b.from - a.from || b.to - a.to);
  let out = model.text.slice(start, end);
  let lastStart = Number.POSITIVE_INFINITY;
  for (const e of spans) {
    if (e.to > lastStart || e.from < start || e.to > end) return undefined;
    out = out.slice(0, e.from - start) + e.text + out.slice(e.to - start);
    lastStart = e.from;
  }
  return out;
}
