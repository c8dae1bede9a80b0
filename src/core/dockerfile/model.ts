import type { Instruction } from 'dockerfile-ast';
import type { ImageFacts } from '../knowledge/images';
import type { LineIndex, Position, Range } from '../text/range';
import type { ImageRef } from './image-ref';

/** Parser directives at the top of the file (`# syntax=`, `# escape=`, `# check=`). */
export interface Directives {
  syntax?: { value: string; range: Range };
  escape: string;
  /** BuildKit `# check=skip=A,B;error=true`; `skip` may be `all`. */
  check?: { skip: string[] | 'all'; error: boolean; range: Range };
}

export interface Flag {
  name: string;
  value: string | null;
  range: Range;
  valueRange: Range | null;
  /** `key=value` options of flags like `--mount`. */
  options: Record<string, string>;
}

export interface Heredoc {
  name: string;
  /** Body lines, null when empty. */
  contentRange: Range | null;
}

/**
 * The shell command of a RUN (shell form, or heredoc body), with a way back to document positions.
 * Comment lines inside line continuations are left out, as the builder does.
 */
export interface ShellCommand {
  text: string;
  /** Document range for `[start, end)` offsets of `text`. */
  rangeOf(start: number, end: number): Range;
}

export type LayerKind = 'filesystem' | 'metadata' | 'global';

export interface InstructionInfo {
  /** Upper-case keyword: `RUN`, `COPY`, ... (as parsed; casing rules look at `keywordText`). */
  keyword: string;
  /** The keyword exactly as written. */
  keywordText: string;
  keywordRange: Range;
  range: Range;
  node: Instruction;
  /** Stage index, or -1 for global ARGs before the first FROM. */
  stage: number;
  layer: LayerKind;
  /** 1-based index among filesystem layers of its stage chain (base image layers not counted). */
  layerNumber?: number;
  flags: Flag[];
  heredocs: Heredoc[];
  /** Whether the arguments are a JSON array (exec form). */
  jsonForm: boolean;
  /** Arguments content as the builder sees it (continuations joined, inner comment lines dropped). */
  argsText: string;
  argsRange: Range | null;
  /** RUN only (shell form or heredoc); exec-form RUN gets the joined array. */
  shell?: ShellCommand;
  /** For ONBUILD: the trigger, analysed like an instruction but never executed in this build. */
  onbuildTrigger?: string;
}

export type UserKind = 'root' | 'non-root' | 'unknown';

export interface EffectiveUser {
  kind: UserKind;
  /** The user as written (`app`, `1000:1000`, `root`) or as the image defines it. */
  name?: string;
  /** USER instruction that decided it, if any. */
  instruction?: InstructionInfo;
  /** Why: "USER root on line 12", "no USER and node runs as root by default". */
  why: string;
}

export interface Stage {
  index: number;
  name?: string;
  nameRange?: Range;
  from: InstructionInfo;
  /** Base image after ARG substitution. */
  image: ImageRef;
  imageRange: Range | null;
  /** FROM another stage of this file (by name). */
  parentStage?: number;
  /** What the knowledge base says about the (ultimate) base image. */
  baseFacts: ImageFacts;
  instructions: InstructionInfo[];
  /** Does any file of this stage end up in the final image (the final stage, its parents, COPY --from sources)? */
  reachesFinal: boolean;
  /** Stages this one copies from (`COPY --from`, `RUN --mount=from=`). */
  copiesFrom: { stage: number; instruction: InstructionInfo }[];
  effectiveUser: EffectiveUser;
  /** Filesystem layers added by this stage and its parent-stage chain. */
  layerCount: number;
}

export interface DockerfileModel {
  text: string;
  lines: LineIndex;
  directives: Directives;
  /** Global ARGs (before the first FROM) and their defaults. */
  globalArgs: Map<string, string | undefined>;
  instructions: InstructionInfo[];
  stages: Stage[];
  finalStage?: Stage;
  /** Comment lines with their text (without `#`). */
  comments: { text: string; range: Range }[];
  stageAt(p: Position): Stage | undefined;
  instructionAt(p: Position): InstructionInfo | undefined;
}
