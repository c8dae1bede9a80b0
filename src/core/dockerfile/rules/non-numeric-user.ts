import type { Fix } from '../../findings';
import type { Rule } from '../../rule';
import type { Range } from '../../text/range';
import type { DockerfileModel, Stage } from '../model';
import { isWindowsStage, runCommands } from '../shell';
import type { SimpleCommand } from '../shell';

/** Options of useradd/adduser/groupadd/addgroup (shadow, Debian and BusyBox flavours) that take a value. */
const VALUED = new Set([
  '-u', '-g', '-G', '-d', '-s', '-c', '-e', '-f', '-k', '-K', '-p', '-R', '-P', '-b', '-Z', '-h',
  '--uid', '--gid', '--groups', '--home-dir', '--home', '--shell', '--comment', '--gecos', '--ingroup',
  '--expiredate', '--inactive', '--skel', '--key', '--password', '--root', '--prefix', '--base-dir',
  '--selinux-user', '--firstuid', '--lastuid', '--firstgid', '--lastgid', '--conf',
]);

/** Well-known accounts whose ID is the same on the common distributions. */
const WELL_KNOWN: Record<string, number> = { nobody: 65534 };

export const nonNumericUser: Rule<DockerfileModel> = {
  id: 'non-numeric-user',
  title: 'The final USER is a name, not a numeric ID',
  category: 'isolation',
  defaultSeverity: 'info',
  topic: 'non-root-user',
  equivalents: { hadolint: 'DL3066' },
  docs:
    'With `runAsNonRoot: true`, the kubelet must prove that a container does not start as UID 0 before it starts it. ' +
    'It only has the image configuration to go on, not the image\'s `/etc/passwd`, so a user name such as `app` cannot ' +
    'be checked and the pod is refused unless it also sets `runAsUser`. A numeric `USER 10001:10001` can be checked ' +
    'and keeps working everywhere. The quick fix uses the ID when this Dockerfile creates the user with an explicit ' +
    '`-u`/`--uid` (or the base image is known to ship it). Only the final image\'s user is reported; `USER root` is ' +
    'the concern of `final-stage-runs-as-root`.',
  check(model, report) {
    const stage = model.finalStage;
    if (!stage || isWindowsStage(model, stage)) return;
    const user = stage.effectiveUser;
    const ins = user.instruction;
    if (!ins || user.kind !== 'non-root') return;
    const arg = ins.node.getArguments()[0];
    if (!arg) return;
    const value = arg.getValue();
    const [name, group] = value.split(':');
    if (!name || /^\d+$/.test(name) || name.includes('$')) return;
    const r = arg.getRange();
    const nameRange: Range = { start: r.start, end: { line: r.start.line, character: r.start.character + name.length } };
    const ids = findIds(model, stage, name, group);
    const fixes: Fix[] = [];
    let hint = ' Use its numeric ID, e.g. `USER 10001:10001`, and create the user with that ID.';
    if (ids.uid !== undefined) {
      const gidPart = group === undefined ? '' : ids.gid !== undefined ? `:${ids.gid}` : `:${group}`;
      const newText = `${ids.uid}${gidPart}`;
      hint = ` ${ids.where}: write \`USER ${newText}\`.`;
      fixes.push({ title: `Use the numeric ID (USER ${newText})`, edits: [{ range: r, newText }], preferred: true });
    }
    report({
      range: nameRange,
      message: `The final image runs as \`${name}\`, a name: with \`runAsNonRoot: true\` Kubernetes cannot verify from the image that \`${name}\` is not root and refuses the pod unless it sets \`runAsUser\`.${hint}`,
      fixes,
    });
  },
};

interface Ids {
  uid?: number;
  gid?: number;
  where?: string;
}

/** The IDs this Dockerfile (its final stage and the stages it builds on) gives the user and group. */
function findIds(model: DockerfileModel, final: Stage, name: string, group: string | undefined): Ids {
  const out: Ids = {};
  const chain: Stage[] = [];
  for (let s: Stage | undefined = final; s && !chain.includes(s); s = s.parentStage !== undefined ? model.stages[s.parentStage] : undefined) chain.unshift(s);
  for (const s of chain) {
    for (const ins of s.instructions) {
      for (const cmd of runCommands(model, ins)) {
        const parsed = accountCommand(cmd);
        if (!parsed) continue;
        if (parsed.kind === 'user' && parsed.name === name && parsed.id !== undefined) {
          out.uid = parsed.id;
          out.where = `\`${name}\` is created with ID ${parsed.id} on line ${cmd.range(0).start.line + 1}`;
        }
        if (parsed.kind === 'group' && group !== undefined && parsed.name === group && parsed.id !== undefined) out.gid = parsed.id;
      }
    }
  }
  const root = chain[0];
  const existing = root?.baseFacts.existingUser;
  if (out.uid === undefined && existing && existing.name === name && existing.uid !== undefined) {
    out.uid = existing.uid;
    out.where = `\`${name}\` has ID ${existing.uid} in ${root.baseFacts.label}`;
    if (group === name && out.gid === undefined && existing.gid !== undefined) out.gid = existing.gid;
  }
  if (out.uid === undefined && WELL_KNOWN[name] !== undefined) {
    out.uid = WELL_KNOWN[name];
    out.where = `\`${name}\` is ID ${WELL_KNOWN[name]} on common distributions`;
  }
  if (group !== undefined && out.gid === undefined && WELL_KNOWN[group] !== undefined) out.gid = WELL_KNOWN[group];
  return out;
}

function accountCommand(cmd: SimpleCommand): { kind: 'user' | 'group'; name: string; id?: number } | undefined {
  const kind = cmd.name === 'useradd' || cmd.name === 'adduser' ? 'user' : cmd.name === 'groupadd' || cmd.name === 'addgroup' ? 'group' : undefined;
  if (!kind) return undefined;
  let id: number | undefined;
  const operands: string[] = [];
  for (let i = 1; i < cmd.argv.length; i++) {
    const a = cmd.argv[i];
    const long = /^(--uid|--gid)=(\d+)$/.exec(a);
    if (long) {
      if ((kind === 'user') === (long[1] === '--uid')) id = Number(long[2]);
      continue;
    }
    const idFlag = kind === 'user' ? a === '-u' || a === '--uid' : a === '-g' || a === '--gid';
    if (idFlag) {
      const v = cmd.argv[i + 1];
      if (v && /^\d+$/.test(v)) id = Number(v);
      i++;
      continue;
    }
    if (a.startsWith('-')) {
      if (VALUED.has(a)) i++;
      continue;
    }
    operands.push(a);
  }
  const name = operands[0];
  return name ? { kind, name, id } : undefined;
}
