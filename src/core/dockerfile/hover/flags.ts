/** What one flag on this line does (`RUN --mount=…`, `COPY --from=…`, `FROM --platform=…`, …). */
import { inlineCode } from '../../markdown';
import type { TopicId } from '../../knowledge/topics';
import type { DockerfileModel, Flag, InstructionInfo } from '../model';
import { resolveStageRef } from '../parse';
import { lineNo, stageRef } from './context';

export interface FlagFact {
  text: string;
  topic: TopicId;
}

export function flagCode(f: Flag): string {
  return inlineCode(`--${f.name}${f.value !== null ? `=${f.value}` : ''}`, 80);
}

function mountFact(f: Flag): FlagFact {
  const o = f.options;
  const type = (o.type ?? 'bind').toLowerCase();
  const code = flagCode(f);
  const target = o.target ?? o.dst ?? o.destination;
  switch (type) {
    case 'secret': {
      const id = o.id ?? (target ? target.split('/').pop() : undefined) ?? '';
      const where = o.env ? `the environment variable ${inlineCode(o.env)}` : `a file at ${inlineCode(target ?? `/run/secrets/${id}`)}`;
      return {
        text: `${code}: the secret ${inlineCode(id)} is available as ${where} during this step only; it is neither written to the layer nor part of the cache key.`,
        topic: 'secrets',
      };
    }
    case 'cache':
      return {
        text: `${code}: ${target ? inlineCode(target) : 'the target'} is a cache kept on the builder between builds and never stored in the image, so downloads there speed up rebuilds without growing the layer.`,
        topic: 'package-caches',
      };
    case 'bind': {
      const source = o.source ?? o.src;
      const what = source ? inlineCode(source) : 'the root';
      const from = o.from ? ` of ${inlineCode(o.from)}` : ' of the build context';
      return {
        text: `${code}: mounts ${what}${from}${target ? ` at ${inlineCode(target)}` : ''} for this step only (read-only unless \`rw\`), without copying it into a layer.`,
        topic: 'build-cache',
      };
    }
    case 'ssh':
      return {
        text: `${code}: forwards the SSH agent of whoever runs the build to this step only, so private repositories can be fetched without a key in the image.`,
        topic: 'secrets',
      };
    case 'tmpfs':
      return { text: `${code}: an in-memory filesystem${target ? ` at ${inlineCode(target)}` : ''} for this step only.`, topic: 'layers' };
    default:
      return { text: `${code}: a mount for this step only; it does not become part of the layer.`, topic: 'layers' };
  }
}

/** The fact for one flag, or undefined for flags we have nothing specific to say about. */
export function flagFact(model: DockerfileModel, ins: InstructionInfo, f: Flag): FlagFact | undefined {
  const code = flagCode(f);
  const value = (f.value ?? '').trim();
  switch (`${ins.keyword} ${f.name}`) {
    case 'RUN mount':
      return mountFact(f);
    case 'RUN network': {
      const v = value.toLowerCase();
      if (v === 'none') return { text: `${code}: this step runs without any network access.`, topic: 'build-privileges' };
      if (v === 'host') {
        return {
          text: `${code}: this step shares the build machine's network namespace, services on its loopback included; BuildKit requires the \`network.host\` entitlement for it.`,
          topic: 'build-privileges',
        };
      }
      return { text: `${code}: the default build network.`, topic: 'build-privileges' };
    }
    case 'RUN security':
      if (value.toLowerCase() === 'insecure') {
        return {
          text: `${code}: runs this step like a privileged container (labs syntax); BuildKit requires the \`security.insecure\` entitlement for it.`,
          topic: 'build-privileges',
        };
      }
      return { text: `${code}: the default sandbox.`, topic: 'build-privileges' };
    case 'COPY from':
    case 'ADD from': {
      const stage = resolveStageRef(value, model.stages, ins.stage < 0 ? 0 : ins.stage);
      if (stage) {
        return {
          text: `${code}: takes files from ${stageRef(stage)} (line ${lineNo(stage.from)}), which is built first; only the paths named here cross over.`,
          topic: 'multi-stage',
        };
      }
      return {
        text: `${code}: takes files straight out of the image ${inlineCode(value)}, which the builder pulls${/@sha256:/.test(value) ? '' : ' by a tag that can move'}.`,
        topic: 'multi-stage',
      };
    }
    case 'COPY chown':
    case 'ADD chown':
      return { text: `${code}: the copied files belong to ${inlineCode(value)} instead of root, set in the same layer.`, topic: 'file-permissions' };
    case 'COPY chmod':
    case 'ADD chmod':
      return { text: `${code}: the copied files get mode ${inlineCode(value)}, set in the same layer.`, topic: 'file-permissions' };
    case 'COPY link':
    case 'ADD link':
      return {
        text: `${code}: the layer does not depend on the layers below it, so it can be reused even when those change.`,
        topic: 'build-cache',
      };
    case 'ADD checksum':
      return { text: `${code}: the download must match this checksum or the build fails.`, topic: 'remote-code' };
    case 'COPY exclude':
    case 'ADD exclude':
      return { text: `${code}: leaves matching paths out of the copy.`, topic: 'layers' };
    case 'FROM platform': {
      if (/\$\{?BUILDPLATFORM\b/.test(value)) {
        return {
          text: `${code}: this stage runs on the build machine's own platform, the usual setup for a stage that cross-compiles for the target.`,
          topic: 'multi-stage',
        };
      }
      return {
        text: `${code}: fixes the platform of the base image; on a build machine of another architecture its RUN steps need emulation.`,
        topic: 'multi-stage',
      };
    }
    default:
      if (ins.keyword === 'HEALTHCHECK') {
        return { text: `${code}: sets the check's ${f.name.replace(/-/g, ' ')}.`, topic: 'healthcheck' };
      }
      return undefined;
  }
}
