/**
 * What a hover says about one instruction beyond its layer and cache: the facts of this line
 * (image, user, ports, flags, …) and which lesson fits. Text only from our own sentences; every
 * value read from the file goes through `inlineCode`/`escapeProse`.
 */
import { fromArgDefault } from '../arg-image';
import type { ArgImage } from '../arg-image';
import type { From, Healthcheck } from 'dockerfile-ast';
import { canonicalPath } from '../image-ref';
import { isWindowsAdministrator } from '../../knowledge/images';
import type { TopicId } from '../../knowledge/topics';
import { escapeProse, inlineCode, joinWords, plural } from '../../markdown';
import { comparePositions } from '../../text/range';
import type { DockerfileModel, InstructionInfo, Stage } from '../model';
import { classifyUser, resolveStageRef } from '../parse';
import {
  definedNames,
  lineNo,
  laterInStage,
  reachVerdict,
  referencedNames,
  stagesNamedLike,
  stageRef,
  stageRefIn,
  userAt,
} from './context';
import { flagFact } from './flags';
import { argumentsOf, copyOperands, execArray, parsePort, volumePaths } from './operands';

export interface InstructionLesson {
  facts: string[];
  lesson: TopicId;
  seeAlso: TopicId[];
}

const SECRETISH = /(pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|credential|auth)/i;
const PREDEFINED_ARGS = new Set([
  'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT',
  'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT',
  'HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'NO_PROXY', 'ALL_PROXY',
  'http_proxy', 'https_proxy', 'ftp_proxy', 'no_proxy', 'all_proxy',
]);

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function codeList(values: string[], max = 4): string {
  const shown = values.slice(0, max).map((v) => inlineCode(v));
  if (values.length > max) shown.push(`${values.length - max} more`);
  return joinWords(shown);
}

/** Walk the FROM-stage chain, nearest first. */
function* stageAndParents(model: DockerfileModel, stage: Stage): Generator<Stage> {
  const seen = new Set<number>();
  let s: Stage | undefined = stage;
  while (s && !seen.has(s.index)) {
    seen.add(s.index);
    yield s;
    s = s.parentStage !== undefined ? model.stages[s.parentStage] : undefined;
  }
}

/** The last instruction with `keyword` that applies at `ins` (this stage before it, then parent stages). */
function lastBefore(model: DockerfileModel, stage: Stage, ins: InstructionInfo, keyword: string): InstructionInfo | undefined {
  for (const s of stageAndParents(model, stage)) {
    const list = s.instructions.filter(
      (i) => i.keyword === keyword && (s !== stage || comparePositions(i.range.start, ins.range.start) < 0),
    );
    if (list.length > 0) return list[list.length - 1];
  }
  return undefined;
}

/** The stage in the final chain that builds directly on `stage`, if any. */
function childInChain(model: DockerfileModel, stage: Stage, chain: Set<number>): Stage | undefined {
  return model.stages.find((s) => s.parentStage === stage.index && chain.has(s.index));
}

/** The instruction with `keyword` that a descendant in the final chain sets after this stage, if any. */
function overriddenLater(model: DockerfileModel, stage: Stage, chain: Set<number>, keyword: string): InstructionInfo | undefined {
  let child = childInChain(model, stage, chain);
  while (child) {
    const found = child.instructions.find((i) => i.keyword === keyword);
    if (found) return found;
    child = childInChain(model, child, chain);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// FROM

function shortDigest(d: string): string {
  const m = /^([a-z0-9]+):([0-9a-f]+)$/i.exec(d);
  if (!m || m[2].length <= 12) return d;
  return `${m[1]}:${m[2].slice(0, 12)}…`;
}

function fromFacts(model: DockerfileModel, stage: Stage, chain: Set<number>): InstructionLesson {
  const node = stage.from.node as From;
  const written = node.getImage() ?? '';
  const image = stage.image;
  const seeAlso: TopicId[] = ['tags-vs-digests', 'multi-stage', 'vm-vs-container'];
  // In reading order: the image, what we know about it, its pinning, the layers, the stage's role, the kernel.
  const about: string[] = [];
  let kernel: string | undefined;

  if (stage.parentStage !== undefined) {
    const p = model.stages[stage.parentStage];
    const added = stage.layerCount - p.layerCount;
    const theirs = p.layerCount === 1 ? 'its 1 filesystem layer comes' : `its ${p.layerCount} filesystem layers come`;
    about.push(
      `Builds on ${stageRef(p)} (line ${lineNo(p.from)}): it starts with that stage's files and settings (user, environment, working directory), so ${p.layerCount === 0 ? 'it brings no layers of its own' : `${theirs} first`} and this stage adds ${added === 0 ? 'none' : added}.`,
    );
  } else if (!written) {
    about.push('No image is named: the build fails here.');
  } else if (image.unresolved) {
    const unset = [...referencedNames(image.raw)];
    const byBuilder = unset.length > 0 && unset.every((n) => PREDEFINED_ARGS.has(n));
    about.push(
      byBuilder
        ? `The image name uses ${codeList(unset.map((n) => `$${n}`))}, which the builder fills in for the target platform: it is only known at build time.`
        : `The image comes from a build argument (${inlineCode(written)}) with no default: it is only known at build time.`,
    );
    const like = stagesNamedLike(model, stage);
    if (like.length > 0) {
      about.push(`It can name a stage of this file: ${joinWords(like.slice(0, 4).map((s) => `${stageRef(s)} (line ${lineNo(s.from)})`), 'or')}${like.length > 4 ? ' among others' : ''}.`);
    }
  } else if (image.path.toLowerCase() === 'scratch' && !image.registry) {
    about.push('`scratch` is the empty image: no files, no shell, no users. Only what this stage copies in exists, so USER must be numeric.');
    kernel = kernelFact(stage);
  } else {
    const parts: string[] = [];
    parts.push(image.registry ? `registry ${inlineCode(image.registry)}` : 'registry Docker Hub (`docker.io`, the default when the name has no registry part)');
    const repo = canonicalPath(image);
    parts.push(`repository ${inlineCode(repo)}${!image.registry && repo.startsWith('library/') ? ' (an official image)' : ''}`);
    parts.push(image.tag ? `tag ${inlineCode(image.tag)}` : image.digest ? 'no tag' : 'no tag, so `latest`');
    parts.push(image.digest ? `digest ${inlineCode(shortDigest(image.digest))}` : 'no digest');
    const via = written !== image.raw ? ` (${inlineCode(written)} with its ARG default)` : '';
    about.push(`Image ${inlineCode(image.raw)}${via}: ${joinWords(parts)}.`);
    about.push(baseFact(stage));
    about.push(pinFact(image.tag, image.digest, image.raw, fromArgDefault(model, stage)));
    kernel = kernelFact(stage);
  }

  if (stage.parentStage === undefined && written) {
    about.push(
      `The base image's own layers come first; this stage adds ${stage.layerCount === 0 ? 'no filesystem layer' : plural(stage.layerCount, 'filesystem layer')} on top.`,
    );
  }

  if (stage === model.finalStage) {
    about.push(
      `This is the final stage: its files and settings are the image${model.stages.length > 1 ? ' (unless a build picks another with `--target`)' : ''}.`,
    );
  } else if (chain.has(stage.index)) {
    const child = childInChain(model, stage, chain);
    about.push(`${child ? capitalize(stageRef(child)) : 'The final stage'} builds on this stage, so all of its layers are part of the image.`);
  } else {
    about.push(`${capitalize(stageRef(stage))} ${reachVerdict(model, stage, chain)}.`);
  }

  const platform = stage.from.flags.find((f) => f.name === 'platform');
  if (platform) {
    const pf = flagFact(model, stage.from, platform);
    if (pf) about.push(pf.text);
  }
  if (kernel) about.push(kernel);
  return { facts: about, lesson: stage.parentStage !== undefined ? 'multi-stage' : 'shared-kernel', seeAlso };
}

function baseFact(stage: Stage): string {
  const f = stage.baseFacts;
  if (f.family === 'unknown') {
    return 'Container Lens has no facts about this image (distribution, default user): who it runs as stays unknown unless a USER line says.';
  }
  const parts: string[] = [];
  if (f.packageManager && f.packageManager !== 'none') parts.push(`package manager ${inlineCode(f.packageManager)}`);
  if (f.family === 'windows') {
    parts.push(`runs as ${inlineCode(f.defaultUser ?? 'ContainerAdministrator')} by default`);
  } else if (f.runsAsRoot === true) {
    parts.push('runs as root unless a USER line says otherwise');
  } else if (f.runsAsRoot === false) {
    parts.push(`runs as ${inlineCode(f.defaultUser ?? 'a non-root user')} by default`);
  } else {
    parts.push('default user not known');
  }
  if (f.existingUser && f.existingUser.name !== f.defaultUser) {
    const uid = f.existingUser.uid !== undefined ? ` (UID ${f.existingUser.uid})` : '';
    parts.push(`ships the user ${inlineCode(f.existingUser.name)}${uid}`);
  }
  let text = `Base: ${escapeProse(f.label)}; ${parts.join('; ')}.`;
  if (f.note) text += ` ${escapeProse(f.note)}`;
  return text;
}

function kernelFact(stage: Stage): string {
  if (stage.baseFacts.family === 'windows') {
    return 'A Windows image: its containers share the kernel of a Windows host (on a Linux host they only run inside a VM) instead of booting their own.';
  }
  return "Whatever distribution it holds, a container of this image runs on the host's kernel: `uname -r` inside prints the host's version. The image brings user-space files only; a VM image would carry and boot its own kernel.";
}

function pinFact(tag: string | undefined, digest: string | undefined, raw: string, arg?: ArgImage): string {
  // `FROM ${BASE}`: the digest belongs on the ARG's default, which the quick fix edits
  const where = arg ? ` on the default of ARG ${arg.name} (line ${arg.range.start.line + 1}): ${inlineCode(`ARG ${arg.name}=${raw}@sha256:…`)}` : '';
  if (digest) {
    return `Pinned by digest: every build gets exactly the same base${tag ? `; the tag ${inlineCode(tag)} is only a note for readers and update bots` : ''}.`;
  }
  if (!tag || tag.toLowerCase() === 'latest') {
    return `${tag ? 'The `latest` tag' : 'No tag means `latest`, which'} moves with every release: builds on different days get different bases. Pin a version and a digest.`;
  }
  if (where) return `The tag ${inlineCode(tag)} is mutable: its publisher can point it at a different image tomorrow. Pin it${where}, for repeatable builds.`;
  return `The tag ${inlineCode(tag)} is mutable: its publisher can point it at a different image tomorrow. Pin with ${inlineCode(`${raw}@sha256:…`)} for repeatable builds.`;
}

// ---------------------------------------------------------------------------------------------------------------
// USER

function userFacts(model: DockerfileModel, stage: Stage, ins: InstructionInfo, chain: Set<number>): InstructionLesson {
  const facts: string[] = [];
  const value = ins.argsText.trim();
  const kind = classifyUser(value);
  const [user, group] = value.split(':');
  if (value === '') {
    facts.push('No user is named: the build fails here.');
  } else if (stage.baseFacts.family === 'windows') {
    facts.push(
      isWindowsAdministrator(user)
        ? `Switches to ${inlineCode(user)}, the administrator account inside Windows containers.`
        : `Switches to ${inlineCode(user)}${/^containeruser$/i.test(user) ? ', the account without administrator rights that Windows images ship' : ''}.`,
    );
  } else if (kind === 'root') {
    facts.push(
      `Switches to root (UID 0)${group ? ` with group ${inlineCode(group)}` : ''}. Without a user namespace, which Docker does not use by default, that is UID 0 to the host kernel too: only namespaces, the reduced capability set, seccomp and the LSM profile stand between it and the host.`,
    );
    facts.push('A user namespace (engine setting `userns-remap`, Kubernetes `hostUsers: false`) or a rootless engine maps it to an unprivileged UID on the host.');
  } else if (kind === 'unknown') {
    facts.push(`The user comes from a variable (${inlineCode(value)}): known only at build time, so Container Lens cannot tell whether it is root.`);
  } else {
    facts.push(
      `From here on RUN steps, CMD and ENTRYPOINT run as user ${inlineCode(user)}${group ? ` and group ${inlineCode(group)}` : ''}, without root's capabilities.`,
    );
    if (/^\d+$/.test(user)) {
      facts.push('A numeric UID needs no entry in `/etc/passwd`, and Kubernetes `runAsNonRoot` can verify it.');
    } else {
      const shipped = stage.baseFacts.existingUser;
      const creator = creatingStep(model, stage, ins, user);
      let origin = '';
      if (creator) origin = ` It is created on line ${lineNo(creator)}.`;
      else if (shipped && shipped.name === user) origin = ' The base image ships it.';
      const uid = shipped && shipped.name === user && shipped.uid !== undefined ? shipped.uid : undefined;
      facts.push(
        `A user name must exist in the image's \`/etc/passwd\`, and Kubernetes \`runAsNonRoot\` can only verify a numeric UID${uid !== undefined ? `: ${inlineCode(`USER ${uid}`)} says the same and can be checked` : ''}.${origin}`,
      );
    }
  }

  const final = model.finalStage;
  const later = laterInStage(stage, ins, 'USER');
  if (later) {
    facts.push(`Line ${lineNo(later)} switches to ${inlineCode(later.argsText.trim())}, so this user applies only to the steps in between.`);
  } else if (final && final.effectiveUser.instruction === ins) {
    facts.push(
      stage === final
        ? `The container runs as ${inlineCode(value)}: this is the last USER of the final stage.`
        : `The container runs as ${inlineCode(value)}: the final stage inherits it from ${stageRef(stage)}.`,
    );
  } else if (chain.has(stage.index)) {
    const over = overriddenLater(model, stage, chain, 'USER');
    if (over) facts.push(`A stage built on this one switches user again on line ${lineNo(over)}.`);
  } else if (final) {
    facts.push(`This stage is not the final image; the container runs as ${finalUser(final)}.`);
  }
  return { facts, lesson: 'non-root-user', seeAlso: ['user-namespace', 'rootless', 'capabilities'] };
}

function finalUser(final: Stage): string {
  const eu = final.effectiveUser;
  if (eu.instruction) return `${inlineCode(eu.name ?? eu.instruction.argsText.trim())} (line ${lineNo(eu.instruction)})`;
  if (eu.kind === 'root') return 'root (the base image default)';
  if (eu.kind === 'non-root') return `${inlineCode(eu.name ?? 'a non-root user')} (the base image default)`;
  return 'the base image default, which Container Lens does not know';
}

function creatingStep(model: DockerfileModel, stage: Stage, ins: InstructionInfo, user: string): InstructionInfo | undefined {
  const re = new RegExp(`\\b(useradd|adduser)\\b[^\\n;&|]*\\b${user.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);
  for (const s of stageAndParents(model, stage)) {
    const found = s.instructions.find(
      (i) => i.keyword === 'RUN' && (s !== stage || comparePositions(i.range.start, ins.range.start) < 0) && re.test(i.shell?.text ?? i.argsText),
    );
    if (found) return found;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// EXPOSE, VOLUME, HEALTHCHECK, STOPSIGNAL

function exposeFacts(ins: InstructionInfo): InstructionLesson {
  const ports = argumentsOf(ins).map((a) => parsePort(a.getValue()));
  const facts: string[] = [];
  if (ports.length === 0) return { facts: ['No port is listed.'], lesson: 'expose', seeAlso: ['network-namespace'] };
  facts.push(
    `Records ${codeList(ports.map((p) => `${p.port}/${p.protocol}`))} in the image configuration. EXPOSE opens nothing: it documents, and \`docker run -P\` publishes the listed ports to random host ports.`,
  );
  const first = ports[0];
  const p = /^\d+$/.test(first.port) ? first.port : '<port>';
  const proto = first.protocol === 'tcp' ? '' : `/${first.protocol}`;
  facts.push(
    `The container has its own network namespace, so these are its own ports. To reach one from the host, publish it: ${inlineCode(`-p 127.0.0.1:${p}:${p}${proto}`)} keeps it on the host's loopback, ${inlineCode(`-p ${p}:${p}${proto}`)} opens it on every host address.`,
  );
  facts.push("Inside the container the application must listen on `0.0.0.0`: the container's `127.0.0.1` cannot be reached through a published port.");
  return { facts, lesson: 'expose', seeAlso: ['network-namespace'] };
}

function volumeFacts(ins: InstructionInfo): InstructionLesson {
  const paths = volumePaths(ins);
  return {
    facts: [
      `Declares ${codeList(paths)} as ${paths.length === 1 ? 'a mount point' : 'mount points'}: \`docker run\` creates an anonymous volume at each unless one is mounted there. Data written there outlives the container's writable layer, and unnamed volumes pile up unless removed.`,
      'With BuildKit, later build steps can still change these paths; the classic builder discarded such changes.',
    ],
    lesson: 'volumes',
    seeAlso: ['writable-layer', 'mount-namespace'],
  };
}

function healthcheckFacts(model: DockerfileModel, stage: Stage, ins: InstructionInfo): InstructionLesson {
  const facts: string[] = [];
  const sub = (ins.node as Healthcheck).getSubcommand?.()?.getValue().toUpperCase();
  if (sub === 'NONE') {
    facts.push('Turns off any health check inherited from the base image.');
    return { facts, lesson: 'healthcheck', seeAlso: ['pid1-signals'] };
  }
  const command = ins.argsText.replace(/^\s*CMD\s+/i, '').trim();
  const options = ins.flags.map((f) => inlineCode(`--${f.name}${f.value !== null ? `=${f.value}` : ''}`));
  const when = options.length > 0 ? `with ${joinWords(options)}` : 'at the default interval';
  facts.push(
    `Runs ${inlineCode(command || '(nothing)')} inside the container, in its namespaces and as its user, ${userAt(model, stage, ins).who}, ${when}; after enough failures in a row the container is marked \`unhealthy\`.`,
  );
  facts.push('`docker ps` shows the state and Compose can wait for it; Kubernetes ignores HEALTHCHECK and uses its own probes.');
  const tool = /\b(curl|wget)\b/.exec(command)?.[1];
  if (tool && (stage.baseFacts.family === 'distroless' || stage.baseFacts.family === 'scratch')) {
    facts.push(`${inlineCode(tool)} must exist in the image, and ${escapeProse(stage.baseFacts.label)} has no such tools.`);
  }
  return { facts, lesson: 'healthcheck', seeAlso: ['pid1-signals'] };
}

function stopsignalFacts(ins: InstructionInfo): InstructionLesson {
  const sig = ins.argsText.trim();
  return {
    facts: [
      `\`docker stop\` sends ${inlineCode(sig)} first instead of SIGTERM, then SIGKILL once the grace period is over. It goes to PID 1 of the container, which must handle it.`,
    ],
    lesson: 'pid1-signals',
    seeAlso: ['pid-namespace'],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// CMD / ENTRYPOINT

const SHELLS = /(^|[\\/])(sh|bash|ash|dash|zsh|ksh)(\.exe)?$/i;

function simpleWords(text: string): string[] | undefined {
  if (!text.trim() || /["'`$\\|&;<>(){}*?~#=]/.test(text)) return undefined;
  return text.trim().split(/\s+/);
}

function jsonArray(words: string[]): string {
  return `[${words.map((w) => JSON.stringify(w)).join(', ')}]`;
}

function commandFacts(model: DockerfileModel, stage: Stage, ins: InstructionInfo, chain: Set<number>): InstructionLesson {
  const facts: string[] = [];
  const kw = ins.keyword;
  const arr = execArray(ins);
  const entry = kw === 'CMD' ? lastEntrypoint(model, stage) : undefined;
  const entryArr = entry ? execArray(entry) : undefined;

  if (kw === 'CMD' && entry && !entryArr) {
    facts.push(`ENTRYPOINT on line ${lineNo(entry)} uses the shell form, which ignores CMD: this line does not change what runs.`);
  } else if (kw === 'CMD' && entry && entryArr) {
    const args = arr ?? [ins.argsText.trim()];
    facts.push(
      `With the ENTRYPOINT on line ${lineNo(entry)}, this CMD only supplies default arguments: the container runs ${inlineCode(jsonArray([...entryArr, ...args]), 100)}, and arguments to \`docker run <image>\` replace them.`,
    );
  } else if (!arr && /^\s*\[[\s\S]*\]\s*$/.test(ins.argsText)) {
    facts.push('This looks like the exec form but is not valid JSON (it needs double quotes), so the builder runs it through a shell.');
  } else if (!arr) {
    const shellIns = lastBefore(model, stage, ins, 'SHELL');
    const shell = (shellIns && execArray(shellIns)?.join(' ')) || (stage.baseFacts.family === 'windows' ? 'cmd /S /C' : '/bin/sh -c');
    facts.push(
      `Shell form: PID 1 of the container is ${inlineCode(shell)}, with ${inlineCode(ins.argsText.trim())} as its child unless the shell replaces itself with it. A shell does not pass SIGTERM on, so \`docker stop\` may wait out its grace period and then kill everything.`,
    );
    const words = simpleWords(ins.argsText);
    if (words) facts.push(`The exec form makes the program PID 1 itself: ${inlineCode(`${kw} ${jsonArray(words)}`, 100)}.`);
    if (kw === 'ENTRYPOINT') facts.push('The shell form also ignores CMD and any arguments given to `docker run`.');
  } else if (arr.length > 0 && SHELLS.test(arr[0]) && arr[1] === '-c') {
    facts.push(`Exec form, but it starts ${inlineCode(`${arr[0]} -c`)}: the shell is PID 1, with the same signal problem as the shell form.`);
  } else if (arr.length > 0) {
    const baseEntry = kw === 'CMD' && !entry && stage.baseFacts.family !== 'scratch';
    facts.push(
      `Exec form: ${inlineCode(arr[0])} is PID 1${baseEntry ? ' (unless the base image sets an ENTRYPOINT, which then gets these words as arguments)' : ''} and receives signals directly. The kernel gives PID 1 no default signal handling, so the program must handle SIGTERM itself; \`docker run --init\` puts a small init in front that forwards signals and reaps orphaned processes.`,
    );
    if (kw === 'ENTRYPOINT' && /\.(sh|bash)$/.test(arr[0])) {
      facts.push(`If ${inlineCode(arr[0])} is a script that starts the program, end it with \`exec "$@"\` (or \`exec\` the program) so the program replaces the shell as PID 1.`);
    }
  }

  if (kw === 'ENTRYPOINT' && arr) {
    const cmd = lastCmd(model, stage);
    if (cmd) facts.push(`The CMD on line ${lineNo(cmd)} supplies its default arguments; arguments to \`docker run <image>\` replace them.`);
  }

  const later = laterInStage(stage, ins, kw);
  if (later) facts.push(`Line ${lineNo(later)} sets ${kw} again, so this one has no effect.`);
  else if (chain.has(stage.index) && stage !== model.finalStage) {
    const over = overriddenLater(model, stage, chain, kw);
    if (over) facts.push(`A stage built on this one sets its own ${kw} on line ${lineNo(over)}.`);
  }
  return { facts, lesson: 'pid1-signals', seeAlso: ['pid-namespace', 'metadata-instructions'] };
}

function lastEntrypoint(model: DockerfileModel, stage: Stage): InstructionInfo | undefined {
  for (const s of stageAndParents(model, stage)) {
    const list = s.instructions.filter((i) => i.keyword === 'ENTRYPOINT');
    if (list.length > 0) return list[list.length - 1];
  }
  return undefined;
}

function lastCmd(model: DockerfileModel, stage: Stage): InstructionInfo | undefined {
  for (const s of stageAndParents(model, stage)) {
    const list = s.instructions.filter((i) => i.keyword === 'CMD');
    if (list.length > 0) return list[list.length - 1];
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// ARG, ENV, LABEL

function argFacts(model: DockerfileModel, ins: InstructionInfo): InstructionLesson {
  const facts: string[] = [];
  const defs = definedNames(ins);
  const seeAlso: TopicId[] = ['build-cache', 'secrets'];
  if (ins.stage >= 0) {
    const items = defs.slice(0, 4).map((d) => {
      let how: string;
      if (d.value !== null) how = `default ${inlineCode(d.value)}`;
      else if (model.globalArgs.has(d.name)) {
        const g = model.globalArgs.get(d.name);
        how = `value of the global ARG${g !== undefined ? `, default ${inlineCode(g)}` : ''}`;
      } else if (PREDEFINED_ARGS.has(d.name)) how = 'filled in by the builder';
      else how = 'no default: empty unless `--build-arg` sets it';
      return `${inlineCode(d.name)} (${how})`;
    });
    facts.push(`Declares ${joinWords(items)}, visible from here to the end of ${stageRefIn(model, model.stages[ins.stage])}.`);
    facts.push('It is not kept in the image environment, but every later RUN sees it as an environment variable, and BuildKit records the values a RUN used in the image history.');
  }
  for (const d of defs) {
    if (SECRETISH.test(d.name)) {
      facts.push(`${inlineCode(d.name)} looks like a secret, but build arguments can be read from the image history: use ${inlineCode('RUN --mount=type=secret,id=…')} instead.`);
      break;
    }
  }
  return { facts, lesson: 'build-args', seeAlso };
}

function envFacts(ins: InstructionInfo, inImage: boolean): InstructionLesson {
  const names = definedNames(ins).map((d) => d.name);
  const facts: string[] = [];
  if (names.length === 0) return { facts: ['No variable is set: the build fails here.'], lesson: 'metadata-instructions', seeAlso: ['secrets'] };
  const them = names.length === 1 ? 'it' : 'them';
  if (inImage) {
    facts.push(
      `Sets ${codeList(names)} in the image configuration: every container of this image and every image built FROM it gets ${them}, and \`docker inspect\` shows the value${names.length === 1 ? '' : 's'} to anyone who can pull the image.`,
    );
    facts.push(`Later RUN steps of this stage run with ${them} too.`);
  } else {
    facts.push(`Sets ${codeList(names)} for the later RUN steps of this stage and for stages built FROM it.`);
  }
  const secret = names.find((n) => SECRETISH.test(n));
  if (secret) {
    facts.push(
      `${inlineCode(secret)} looks like a secret: ENV values are stored in the image configuration and build history. Use ${inlineCode('RUN --mount=type=secret')} during the build, or pass it at run time.`,
    );
  }
  return { facts, lesson: 'metadata-instructions', seeAlso: ['secrets', 'build-cache'] };
}

function labelFacts(ins: InstructionInfo, inImage: boolean): InstructionLesson {
  const names = definedNames(ins).map((d) => d.name);
  if (names.length === 0) return { facts: ['No label is set: the build fails here.'], lesson: 'metadata-instructions', seeAlso: ['layers'] };
  const facts = [
    inImage
      ? `Adds ${codeList(names)} to the image configuration, visible with \`docker inspect\` and inherited by images built FROM this one.`
      : `Labels this stage with ${codeList(names)}; they reach an image only through a stage built FROM this one.`,
  ];
  if (names.some((n) => n.startsWith('org.opencontainers.image.'))) {
    facts.push('`org.opencontainers.image.*` keys are the standard annotations that registries and scanners read.');
  }
  return { facts, lesson: 'metadata-instructions', seeAlso: ['layers'] };
}

// ---------------------------------------------------------------------------------------------------------------
// RUN, COPY, ADD

function runFacts(model: DockerfileModel, stage: Stage, ins: InstructionInfo): InstructionLesson {
  const facts: string[] = [];
  const seeAlso: TopicId[] = ['build-cache'];
  const body = ins.heredocs.find((h) => h.contentRange);
  if (body?.contentRange) {
    facts.push(`Heredoc: lines ${body.contentRange.start.line + 1}–${body.contentRange.end.line + 1} run as one script.`);
  } else if (ins.jsonForm) {
    const arr = execArray(ins);
    if (arr?.[0]) facts.push(`Exec form: runs ${inlineCode(arr[0])} directly, without a shell (no variable expansion, no \`&&\`).`);
  }
  facts.push(`Runs in a temporary container on the builder, as ${userAt(model, stage, ins).text}.`);
  for (const f of ins.flags) {
    const ff = flagFact(model, ins, f);
    if (ff) {
      facts.push(ff.text);
      seeAlso.push(ff.topic);
    }
  }
  const text = ins.shell?.text ?? ins.argsText;
  if (/\b(curl|wget)\b[^\n;]*\|\s*(sudo\s+)?(ba|z|da)?sh\b/.test(text)) {
    facts.push('Pipes a download straight into a shell: whatever the server returns at build time runs here, unchecked.');
    seeAlso.push('remote-code');
  }
  if (/(^|[\s;&|])rm\s+-[a-zA-Z]*[rf]/.test(text)) {
    facts.push('Files it deletes that came from earlier layers are only hidden: they still take space in those layers.');
  }
  return { facts, lesson: 'layers', seeAlso };
}

const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst)$/i;
const URL = /^[a-z][a-z0-9+.-]*:\/\//i;
const GIT = /^git@|\.git(#.*)?$/i;

function copyFacts(model: DockerfileModel, stage: Stage, ins: InstructionInfo): InstructionLesson {
  const facts: string[] = [];
  const seeAlso: TopicId[] = ['build-cache', 'file-permissions'];
  let lesson: TopicId = 'layers';
  const { sources, dest } = copyOperands(ins);
  const to = dest !== undefined ? inlineCode(dest) : 'the destination';
  const fromValue = ins.flags.find((f) => f.name === 'from')?.value ?? undefined;
  const inline = sources.filter((s) => s.startsWith('<<'));
  const files = sources.filter((s) => !s.startsWith('<<'));

  if (inline.length > 0) {
    const body = ins.heredocs.find((h) => h.contentRange)?.contentRange;
    facts.push(`Creates ${to} from the inline content${body ? ` on lines ${body.start.line + 1}–${body.end.line + 1}` : ''}.`);
  }
  if (fromValue) {
    const src = resolveStageRef(fromValue, model.stages, stage.index);
    seeAlso.push('multi-stage');
    if (src) {
      facts.push(
        `Copies ${codeList(files)} from ${stageRef(src)} (line ${lineNo(src.from)}) into ${to}. Only these paths cross over; the rest of that stage stays out.`,
      );
    } else {
      facts.push(
        `Copies ${codeList(files)} straight out of the image ${inlineCode(fromValue)} into ${to}; the builder pulls it${/@sha256:/.test(fromValue) ? '' : ' by a tag that can move'}.`,
      );
    }
  } else if (files.length > 0) {
    const remote = files.filter((s) => URL.test(s) || s.startsWith('git@'));
    const local = files.filter((s) => !remote.includes(s));
    if (ins.keyword === 'ADD' && remote.length > 0) {
      const checksum = ins.flags.some((f) => f.name === 'checksum');
      for (const r of remote.slice(0, 2)) {
        if (GIT.test(r)) facts.push(`Clones ${inlineCode(r)} at build time.`);
        else {
          facts.push(
            `Downloads ${inlineCode(r)} at build time${checksum ? ', checked against `--checksum`' : ': nothing verifies the content; add `--checksum=sha256:…`'}.`,
          );
        }
      }
      lesson = 'remote-code';
      seeAlso.push('tags-vs-digests');
    }
    if (local.length > 0) {
      facts.push(`Copies ${codeList(local)} from the build context into ${to}.`);
      if (local.some((s) => s === '.' || s === './' || s === '*')) {
        facts.push('That is the whole build context: keep a `.dockerignore` so `.git`, secrets and local build output stay out of the image.');
      }
      if (ins.keyword === 'ADD') {
        if (local.some((s) => ARCHIVE.test(s))) facts.push(`A local tar archive is unpacked into ${to}, not copied as a file.`);
        else facts.push('ADD with local files behaves like COPY; COPY says so more plainly and never downloads or unpacks.');
      }
    }
  }

  const chown = ins.flags.find((f) => f.name === 'chown');
  if (!chown && fromValue && stage.baseFacts.family !== 'windows') {
    facts.push('Copied between stages or images, files keep the owners they had in the source; `--chown` overrides them.');
  } else if (!chown && stage.baseFacts.family !== 'windows') {
    const now = userAt(model, stage, ins);
    facts.push(
      `The files belong to root (UID 0)${now.kind === 'non-root' ? `, even though this step runs after the switch to ${now.who}` : ''}: fine for code the process only reads; use \`--chown\` for paths it must write.`,
    );
  }
  for (const f of ins.flags) {
    if (f.name === 'from') continue;
    const ff = flagFact(model, ins, f);
    if (ff) facts.push(ff.text);
  }
  return { facts, lesson, seeAlso };
}

// ---------------------------------------------------------------------------------------------------------------
// WORKDIR, SHELL, ONBUILD, MAINTAINER

function workdirFacts(model: DockerfileModel, stage: Stage, ins: InstructionInfo): InstructionLesson {
  const windows = stage.baseFacts.family === 'windows';
  const path = ins.argsText.trim();
  const relative = path !== '' && !path.startsWith('/') && !path.startsWith('$') && !/^[A-Za-z]:[\\/]/.test(path);
  let where = inlineCode(path);
  if (relative) {
    const prev = lastBefore(model, stage, ins, 'WORKDIR');
    where += `, relative to the previous WORKDIR (${prev ? inlineCode(prev.argsText.trim()) : '`/` when none is set'})`;
  }
  return {
    facts: [
      `From here on, relative paths of RUN, COPY, ADD, CMD and ENTRYPOINT start at ${where}.`,
      windows
        ? 'If the directory does not exist, the builder creates it.'
        : 'If the directory does not exist, the builder creates it owned by root: a non-root process needs `COPY --chown` or a `chown` to write there.',
    ],
    lesson: 'metadata-instructions',
    seeAlso: ['file-permissions'],
  };
}

function shellFacts(stage: Stage, ins: InstructionInfo): InstructionLesson {
  const arr = execArray(ins);
  const fallback = stage.baseFacts.family === 'windows' ? '`cmd /S /C`' : '`/bin/sh -c`';
  const facts = arr
    ? [`Later shell-form RUN, CMD and ENTRYPOINT lines run through ${inlineCode(arr.join(' '))} instead of the default ${fallback}.`]
    : ['SHELL needs a JSON array of strings, such as `["/bin/bash", "-c"]`; this one is not, so the build fails.'];
  return { facts, lesson: 'metadata-instructions', seeAlso: ['pid1-signals', 'dockerfile-syntax'] };
}

function onbuildFacts(ins: InstructionInfo): InstructionLesson {
  const trigger = ins.onbuildTrigger ?? '';
  const facts = [
    `Stores ${inlineCode(`${trigger} …`)} as a trigger: it does not run in this build, but at the start of every build that uses this image as its FROM, in that build's context.`,
  ];
  if (trigger === 'COPY' || trigger === 'ADD') facts.push("It copies from the child's build context, which that Dockerfile's author may not expect.");
  if (trigger === 'RUN') facts.push('The child build executes this command although its own Dockerfile never shows it.');
  return { facts, lesson: 'metadata-instructions', seeAlso: ['layers', 'remote-code'] };
}

/** Facts for one instruction, or undefined for keywords we have no lesson for. */
export function instructionFacts(model: DockerfileModel, ins: InstructionInfo, chain: Set<number>): InstructionLesson | undefined {
  if (ins.stage < 0) return ins.keyword === 'ARG' ? argFacts(model, ins) : undefined;
  const stage = model.stages[ins.stage];
  switch (ins.keyword) {
    case 'FROM':
      return fromFacts(model, stage, chain);
    case 'USER':
      return userFacts(model, stage, ins, chain);
    case 'EXPOSE':
      return exposeFacts(ins);
    case 'VOLUME':
      return volumeFacts(ins);
    case 'HEALTHCHECK':
      return healthcheckFacts(model, stage, ins);
    case 'STOPSIGNAL':
      return stopsignalFacts(ins);
    case 'CMD':
    case 'ENTRYPOINT':
      return commandFacts(model, stage, ins, chain);
    case 'ARG':
      return argFacts(model, ins);
    case 'ENV':
      return envFacts(ins, chain.has(stage.index));
    case 'LABEL':
      return labelFacts(ins, chain.has(stage.index));
    case 'RUN':
      return runFacts(model, stage, ins);
    case 'COPY':
    case 'ADD':
      return copyFacts(model, stage, ins);
    case 'WORKDIR':
      return workdirFacts(model, stage, ins);
    case 'SHELL':
      return shellFacts(stage, ins);
    case 'ONBUILD':
      return onbuildFacts(ins);
    case 'MAINTAINER':
      return {
        facts: [`Deprecated: ${inlineCode('LABEL org.opencontainers.image.authors="…"')} records the same in a form tools read.`],
        lesson: 'metadata-instructions',
        seeAlso: ['layers'],
      };
    default:
      return undefined;
  }
}
