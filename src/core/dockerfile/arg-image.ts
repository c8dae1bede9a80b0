/**
 * `ARG BASE=node:20` … `FROM ${BASE}`: a stage whose base image is one global build argument and nothing
 * else. Its image is then written on the ARG line, and that is where a digest has to go: pinning the
 * default pins every build that does not pass `--build-arg BASE=…`, and a build that does gets exactly
 * the image it asks for, as before.
 */
import type { From, PropertyInstruction } from 'dockerfile-ast';
import { valueRange } from '../text/range';
import type { Range } from '../text/range';
import type { DockerfileModel, InstructionInfo, Stage } from './model';

export interface ArgImage {
  /** The build argument's name. */
  name: string;
  /** Its default value: the image reference, as written (quotes left out). */
  value: string;
  /** Where the default value is written (inside its quotes, when quoted). */
  range: Range;
  /** The ARG instruction that sets it. */
  arg: InstructionInfo;
}

/** `$NAME` or `${NAME}` as the whole of a FROM image. */
const WHOLE_VARIABLE = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/;

/**
 * The global ARG default that `stage`'s FROM names as its whole image, where it is written; undefined when
 * the FROM is not a lone variable, the argument has no default before the first FROM, or its text is not
 * exactly the value (escapes, line continuations) so that an edit could not keep it intact.
 */
export function fromArgDefault(model: DockerfileModel, stage: Stage): ArgImage | undefined {
  const written = (stage.from.node as From).getImage() ?? '';
  const m = WHOLE_VARIABLE.exec(written);
  if (!m) return undefined;
  const name = (m[1] ?? m[2])!;
  const value = model.globalArgs.get(name);
  if (!value) return undefined;
  // the last global definition wins, as it does for the builder
  let found: ArgImage | undefined;
  for (const ins of model.instructions) {
    if (ins.stage !== -1 || ins.keyword !== 'ARG') continue;
    const properties = (ins.node as PropertyInstruction).getProperties?.() ?? [];
    for (const p of properties) {
      if (p.getName() !== name) continue;
      const range = p.getValueRange();
      found = range && p.getValue() === value ? located(model, name, value, range, ins) : undefined;
    }
  }
  return found;
}

function located(model: DockerfileModel, name: string, value: string, range: Range, arg: InstructionInfo): ArgImage | undefined {
  if (range.start.line !== range.end.line) return undefined;
  const inner = valueRange(model.lines, range, value);
  return inner ? { name, value, range: inner, arg } : undefined;
}
