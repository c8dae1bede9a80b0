import type { Fix } from '../../findings';
import type { DockerfileModel, Stage } from '../model';

/**
 * Fixes that make the final stage run as a non-root user.
 * Minimal version: numeric USER before CMD/ENTRYPOINT (distro-aware fixes extend this).
 */
export function nonRootFixes(model: DockerfileModel, stage: Stage): Fix[] {
  const eol = model.lines.eol;
  const anchor = stage.instructions.find((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
  const line = anchor ? anchor.range.start.line : stage.instructions.length > 0 ? stage.instructions[stage.instructions.length - 1].range.end.line + 1 : stage.from.range.end.line + 1;
  const at = { line, character: 0 };
  const text = `USER 10001:10001${eol}`;
  const atEnd = line >= model.lines.lineCount;
  return [
    {
      title: 'Run as non-root: add USER 10001:10001',
      edits: [{ range: { start: at, end: at }, newText: atEnd ? `${eol}${text}` : text }],
      preferred: true,
    },
  ];
}
