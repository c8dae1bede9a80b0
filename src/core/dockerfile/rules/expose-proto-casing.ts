import type { Rule } from '../../rule';
import type { DockerfileModel } from '../model';
import { exposeTokens } from './expose-invalid-format';

const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);

export const exposeProtoCasing: Rule<DockerfileModel> = {
  id: 'expose-proto-casing',
  title: 'EXPOSE protocols are lower case',
  category: 'correctness',
  defaultSeverity: 'info',
  topic: 'expose',
  equivalents: { buildkit: 'ExposeProtoCasing' },
  docs:
    'The protocol after the slash in `EXPOSE 53/udp` is stored in lower case whatever you write, so `53/UDP` only ' +
    'looks different from what `docker inspect` and compose files show. Write `tcp`, `udp` or `sctp` in lower case.',
  check(model, report) {
    for (const t of exposeTokens(model)) {
      const slash = t.spec.lastIndexOf('/');
      if (slash < 0) continue;
      const proto = t.spec.slice(slash + 1);
      if (proto === proto.toLowerCase() || !PROTOCOLS.has(proto.toLowerCase())) continue;
      // The protocol sits at the end of the token, before a closing quote if any.
      const end = { line: t.range.end.line, character: t.range.end.character - (t.quoted ? 1 : 0) };
      const range = { start: { line: end.line, character: end.character - proto.length }, end };
      report({
        range,
        message: `Write the protocol as \`${proto.toLowerCase()}\`; the engine records it in lower case anyway.`,
        fixes: [{ title: `Write it as ${proto.toLowerCase()}`, edits: [{ range, newText: proto.toLowerCase() }], preferred: true }],
      });
    }
  },
};
