import type { Fix } from '../../findings';
import type { Rule } from '../../rule';
import type { Range } from '../../text/range';
import type { DockerfileModel, InstructionInfo } from '../model';

export const sshPortExposed: Rule<DockerfileModel> = {
  id: 'ssh-port-exposed',
  title: 'EXPOSE 22: an SSH server in the image',
  category: 'isolation',
  defaultSeverity: 'warning',
  topic: 'ssh-in-containers',
  equivalents: { trivy: 'DS-0004' },
  docs:
    'Port 22 in `EXPOSE` (alone, as `22/tcp`, or inside a range) says the image runs an SSH server. A container is a ' +
    'process with its own namespaces, not a small machine to log in to: `docker exec` and `kubectl exec` already give ' +
    'a shell through the runtime, with its access control and audit. An sshd adds a second, always-listening way in, ' +
    'and its host keys and `authorized_keys` are baked into the image and shared by every container started from it. ' +
    'Remove the SSH server and the `EXPOSE`. UDP port 22 is not SSH and is not reported.',
  check(model, report) {
    for (const ins of model.instructions) {
      if (ins.keyword !== 'EXPOSE') continue;
      const args = ins.node.getArguments();
      for (const a of args) {
        const v = a.getValue();
        const hit = coversSsh(v);
        if (!hit) continue;
        report({
          range: a.getRange(),
          message:
            hit === 'range'
              ? `The port range \`${v}\` includes 22, the SSH port. Containers are entered with \`docker exec\`/\`kubectl exec\`; leave sshd and its keys out of the image.`
              : `\`EXPOSE ${v}\` announces an SSH server in this image. Containers are entered with \`docker exec\`/\`kubectl exec\`; an sshd is a second way in, and its keys are baked into every container of this image.`,
          fixes: hit === 'exact' ? removePort(model, ins, args.length, a.getRange()) : [],
        });
      }
    }
  },
};

/** `22`, `22/tcp` → exact; `20-30` → range; variables, UDP and other ports → undefined. */
export function coversSsh(value: string): 'exact' | 'range' | undefined {
  if (value.includes('$')) return undefined;
  const m = /^(?:[^:]*:)?(\d+)(?:-(\d+))?(?:\/([a-z]+))?$/i.exec(value.trim());
  if (!m) return undefined;
  if (m[3] && m[3].toLowerCase() !== 'tcp') return undefined;
  const lo = Number(m[1]);
  const hi = m[2] ? Number(m[2]) : lo;
  if (lo === 22 && hi === 22) return 'exact';
  return lo <= 22 && 22 <= hi ? 'range' : undefined;
}

function removePort(model: DockerfileModel, ins: InstructionInfo, count: number, r: Range): Fix[] {
  if (count === 1) {
    // the whole EXPOSE goes, line break included
    if (ins.range.start.line !== ins.range.end.line) return [];
    const line = ins.range.start.line;
    const end = line + 1 < model.lines.lineCount ? { line: line + 1, character: 0 } : { line, character: model.lines.lineText(line).length };
    return [{ title: 'Remove EXPOSE 22', edits: [{ range: { start: { line, character: 0 }, end }, newText: '' }] }];
  }
  const text = model.lines.lineText(r.end.line);
  let end = r.end.character;
  while (end < text.length && text[end] === ' ') end++;
  return [{ title: 'Remove port 22 from EXPOSE', edits: [{ range: { start: r.start, end: { line: r.end.line, character: end } }, newText: '' }] }];
}
