import type { Fix } from '../../findings';
import type { Rule } from '../../rule';
import type { DockerfileModel } from '../model';

const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);
const PORT = /^\d+$/;

/** What is wrong with one EXPOSE token, or undefined when the builder accepts it as a plain container port. */
export function exposeProblem(spec: string): { kind: 'mapping' | 'port' | 'proto'; detail: string; containerPart: string } | undefined {
  const parts = spec.split(':');
  const containerPart = parts[parts.length - 1];
  const slash = containerPart.indexOf('/');
  const port = slash >= 0 ? containerPart.slice(0, slash) : containerPart;
  const proto = slash >= 0 ? containerPart.slice(slash + 1) : '';
  if (proto && !PROTOCOLS.has(proto.toLowerCase())) {
    return { kind: 'proto', detail: `\`${proto}\` is not a protocol the engine knows (tcp, udp or sctp)`, containerPart };
  }
  const bad = badPortRange(port);
  if (bad) return { kind: 'port', detail: bad, containerPart };
  if (parts.length > 1) {
    const what = parts.length > 2 ? 'a host address and port' : 'a host port';
    return { kind: 'mapping', detail: `\`${spec}\` includes ${what}`, containerPart };
  }
  return undefined;
}

function badPortRange(port: string): string | undefined {
  if (port === '') return 'no port number is given';
  const ends = port.split('-');
  if (ends.length > 2 || ends.some((e) => !PORT.test(e))) return `\`${port}\` is not a port number or range`;
  const [lo, hi = lo] = ends.map(Number);
  if (lo > 65535 || hi > 65535) return `\`${port}\` is outside the valid port range 0-65535`;
  if (hi < lo) return `the range \`${port}\` ends before it starts`;
  return undefined;
}

/** The EXPOSE tokens of executed instructions, quotes removed, with their ranges. Tokens with variables are skipped. */
export function exposeTokens(model: DockerfileModel) {
  const out: { spec: string; range: import('../../text/range').Range; quoted: boolean }[] = [];
  for (const stage of model.stages) {
    for (const ins of stage.instructions) {
      if (ins.keyword !== 'EXPOSE') continue;
      for (const a of ins.node.getArguments()) {
        const raw = a.getValue();
        if (raw.includes('$')) continue;
        const quoted = /^(["']).*\1$/.test(raw) && raw.length >= 2;
        out.push({ spec: quoted ? raw.slice(1, -1) : raw, range: a.getRange(), quoted });
      }
    }
  }
  return out;
}

export const exposeInvalidFormat: Rule<DockerfileModel> = {
  id: 'expose-invalid-format',
  title: 'EXPOSE lists container ports only',
  category: 'correctness',
  defaultSeverity: 'warning',
  topic: 'expose',
  equivalents: { buildkit: 'ExposeInvalidFormat', hadolint: 'DL3011', trivy: 'DS-0008' },
  docs:
    '`EXPOSE` only records which ports the process inside listens on; it never publishes anything on the host. ' +
    'A host port or address (`EXPOSE 8080:80`, `EXPOSE 127.0.0.1:80:80`) is accepted today but silently dropped, ' +
    'and BuildKit plans to reject it. Publishing belongs to `docker run -p` or a compose `ports:` entry. This rule also ' +
    'reports ports outside 0-65535 and unknown protocols, which make the build fail.',
  check(model, report) {
    for (const t of exposeTokens(model)) {
      const p = exposeProblem(t.spec);
      if (!p) continue;
      if (p.kind === 'mapping') {
        const fix: Fix = {
          title: `Keep only the container port: ${p.containerPart}`,
          edits: [{ range: t.range, newText: p.containerPart }],
          preferred: true,
        };
        report({
          range: t.range,
          message: `${p.detail}, but EXPOSE only documents the port the container listens on (${p.containerPart}); publish ports with \`docker run -p\` or compose \`ports:\` instead.`,
          fixes: [fix],
        });
      } else {
        report({ range: t.range, message: `EXPOSE \`${t.spec}\`: ${p.detail}; the build fails on this line.` });
      }
    }
  },
};
