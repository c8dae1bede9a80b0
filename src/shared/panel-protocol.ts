/**
 * The messages between the comparison panel's webview and the extension host, both ways, with the
 * checks each side runs on what it receives. A message that fails its check is ignored and logged;
 * nothing from the other side is trusted as typed until it passed.
 *
 * The checks are small schemas written once; each is declared as a `Schema` of the TypeScript type it
 * guards, so the compiler says when a type and its check drift apart. No vscode, no DOM: both the
 * extension host and the browser bundle import this file.
 */
import type { FixRef, PanelAction, PanelFact, PanelModel, PanelReason, PanelSubject } from '../core/panel/model';
import type { ComparisonRow, Figure, PanelContent, SpectrumStep, Stack, StackLayer, UseCase } from '../core/panel/content';
import type { MeasuredRow, MeasuredView } from '../core/panel/measured';
import type { Range } from '../core/text/range';
import { ISOLATION_LEVELS } from '../core/isolation/spectrum';
import type { IsolationLevel } from '../core/isolation/spectrum';

// ---- schemas ---------------------------------------------------------------------------------------

/** A check: undefined when `v` is a `T`, else what is wrong and where. */
export interface Schema<T> {
  (v: unknown, path: string): string | undefined;
  /** Type only: never set. */
  readonly __type?: T;
}
interface Optional<T> extends Schema<T | undefined> {
  readonly optional: true;
}
type Infer<S> = S extends Schema<infer T> ? T : never;
type Shape = Record<string, Schema<unknown>>;
type Required_<S extends Shape> = { [K in keyof S as S[K] extends Optional<unknown> ? never : K]: Infer<S[K]> };
type Optional_<S extends Shape> = { [K in keyof S as S[K] extends Optional<unknown> ? K : never]?: Exclude<Infer<S[K]>, undefined> };
type ObjectOf<S extends Shape> = Required_<S> & Optional_<S>;

/** Longest string accepted: a model's texts are sentences, file paths and commands. */
const MAX_STRING = 20_000;
const MAX_ITEMS = 2_000;

function schema<T>(fn: (v: unknown, path: string) => string | undefined): Schema<T> {
  return fn as Schema<T>;
}

export const str = schema<string>((v, p) =>
  typeof v !== 'string' ? `${p}: expected a string` : v.length > MAX_STRING ? `${p}: string too long (${v.length})` : undefined,
);
export const num = schema<number>((v, p) => (typeof v === 'number' && Number.isFinite(v) ? undefined : `${p}: expected a finite number`));
export const int = schema<number>((v, p) => (Number.isInteger(v) && (v as number) >= 0 ? undefined : `${p}: expected an integer ≥ 0`));
export const bool = schema<boolean>((v, p) => (typeof v === 'boolean' ? undefined : `${p}: expected true or false`));

export function lit<const T extends readonly (string | number)[]>(...values: T): Schema<T[number]> {
  return schema((v, p) => ((values as readonly unknown[]).includes(v) ? undefined : `${p}: expected one of ${values.join(', ')}`));
}

/** The check `make` returns, made once, when the first value is checked. */
export function lazy<T>(make: () => Schema<T>): Schema<T> {
  let made: Schema<T> | undefined;
  return schema((v, p) => (made ??= make())(v, p));
}

/** A string the receiver treats as one of a closed set of names it does not check here. */
export function named<T extends string>(): Schema<T> {
  return str as Schema<T>;
}

export function arr<T>(item: Schema<T>): Schema<T[]> {
  return schema((v, p) => {
    if (!Array.isArray(v)) return `${p}: expected a list`;
    if (v.length > MAX_ITEMS) return `${p}: too many items (${v.length})`;
    for (let i = 0; i < v.length; i++) {
      const e = item(v[i], `${p}[${i}]`);
      if (e) return e;
    }
    return undefined;
  });
}

export function opt<T>(s: Schema<T>): Optional<T> {
  const o = schema<T | undefined>((v, p) => (v === undefined ? undefined : s(v, p))) as Optional<T>;
  (o as { optional: boolean }).optional = true;
  return o;
}

/** A plain object with these keys (others are ignored, not copied). */
export function obj<S extends Shape>(shape: S): Schema<ObjectOf<S>> {
  return schema((v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return `${p}: expected an object`;
    for (const [k, s] of Object.entries(shape)) {
      const e = s((v as Record<string, unknown>)[k], `${p}.${k}`);
      if (e) return e;
    }
    return undefined;
  });
}

/** Objects told apart by their `type`. */
export function tagged<M extends Record<string, Schema<unknown>>>(members: M): Schema<Infer<M[keyof M]>> {
  return schema((v, p) => {
    const type = typeof v === 'object' && v !== null ? (v as { type?: unknown }).type : undefined;
    if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(members, type)) {
      return `${p}.type: unknown message type ${JSON.stringify(type)?.slice(0, 40) ?? 'undefined'}`;
    }
    return members[type](v, p);
  });
}

// ---- the model -----------------------------------------------------------------------------------

// Built at the first check, not when this module loads: in the extension bundle a value from src/core is a stand-in
// that loads the whole core when read (esbuild.mjs, "lazy core"), and the panel's module is loaded at activation.
const level = lazy((): Schema<IsolationLevel> => lit(...ISOLATION_LEVELS));
const seed = lit('000', '001', '002', '003', '004');
const position = obj({ line: int, character: int });
const range: Schema<Range> = obj({ start: position, end: position });

const figure: Schema<Figure> = obj({ typical: str, range: opt(str), note: opt(str), seeds: arr(seed) });
const row: Schema<ComparisonRow> = obj({
  id: lit('isolation', 'boundary', 'startup', 'shutdown', 'image-size', 'memory', 'density', 'overhead', 'os', 'use'),
  aspect: str,
  vm: figure,
  container: figure,
  dependsOn: str,
});
const layer: Schema<StackLayer> = obj({
  kind: lit('hardware', 'hypervisor', 'kernel', 'os', 'isolation', 'runtime', 'app', 'image', 'writable'),
  label: str,
  detail: str,
  perInstance: bool,
});
const stack: Schema<Stack> = obj({ id: lit('vm', 'container', 'image'), title: str, layers: arr(layer), caption: str });
const step: Schema<SpectrumStep> = obj({ level, label: str, what: str, adds: str, costs: str, examples: opt(str), seeds: arr(seed) });
const useCase: Schema<UseCase> = obj({ text: str, seeds: arr(seed) });
const content: Schema<PanelContent> = obj({
  stacks: arr(stack),
  table: arr(row),
  spectrum: arr(step),
  whenToUse: obj({ containers: arr(useCase), vms: arr(useCase) }),
  hybrid: obj({ text: str, points: arr(useCase) }),
});

export const fixRef: Schema<FixRef> = obj({
  uri: str,
  version: int,
  ruleId: str,
  range,
  fixIndex: int,
  title: str,
  needsInput: bool,
});
const subject: Schema<PanelSubject> = obj({
  kind: lit('compose-service', 'k8s-container', 'dockerfile-stage', 'container'),
  kindLabel: str,
  name: str,
  owner: opt(str),
  image: opt(str),
  file: opt(str),
  line: opt(int),
  containerId: opt(str),
});
const reason: Schema<PanelReason> = obj({
  text: str,
  label: str,
  direction: lit('weaker', 'stronger'),
  field: named<PanelReason['field']>(),
  line: opt(int),
  vm: opt(str),
});
const action: Schema<PanelAction> = obj({
  id: str,
  field: named<PanelAction['field']>(),
  label: str,
  text: str,
  changes: str,
  costs: str,
  line: opt(int),
  fixes: arr(fixRef),
  runOption: opt(str),
});
const fact: Schema<PanelFact> = obj({ setting: str, value: str, why: str, weak: bool });
const measuredRow: Schema<MeasuredRow> = obj({ label: str, measured: str, typical: str, comparison: str });
export const measuredView: Schema<MeasuredView> = obj({
  engine: str,
  image: str,
  at: str,
  status: lit('ok', 'image-missing', 'partial'),
  message: opt(str),
  rows: arr(measuredRow),
  layers: arr(obj({ createdBy: str, size: str })),
  layerCount: int,
});

export const panelModel: Schema<PanelModel> = obj({
  version: lit(1),
  subject,
  level,
  levelLabel: str,
  levelIndex: int,
  stepsFromVm: int,
  summary: str,
  reasons: arr(reason),
  nextStep: opt(obj({ level, label: str, note: opt(str), actions: arr(action) })),
  facts: arr(fact),
  content,
  measured: opt(measuredView),
  hasTextReport: bool,
});

// ---- messages ------------------------------------------------------------------------------------

/** What the webview keeps with `setState` (and the serializer hands back after a reload). */
export interface PanelState {
  /** What the panel shows, so the host can find it again after a reload. */
  target?: PanelTarget;
  model?: PanelModel;
  /** Which section and spectrum step had focus. */
  focus?: string;
}

/** What the panel is about: a workload in a file (by its ref) or a live container. */
export type PanelTarget =
  | { kind: 'file'; uri: string; index: number; name: string }
  | { kind: 'container'; id: string; name: string };

const fileTarget = obj({ kind: lit('file'), uri: str, index: int, name: str });
const containerTarget = obj({ kind: lit('container'), id: str, name: str });
export const panelTarget: Schema<PanelTarget> = schema((v, p) => {
  const kind = typeof v === 'object' && v !== null ? (v as { kind?: unknown }).kind : undefined;
  return kind === 'file' ? fileTarget(v, p) : kind === 'container' ? containerTarget(v, p) : `${p}.kind: expected file or container`;
});

export const panelState: Schema<PanelState> = obj({ target: opt(panelTarget), model: opt(panelModel), focus: opt(str) });

/** Extension host → webview. */
export type HostMessage =
  | { type: 'model'; model: PanelModel; target: PanelTarget; following: boolean }
  | { type: 'empty'; text: string }
  | { type: 'measuring'; text: string }
  | { type: 'measured'; measured: MeasuredView }
  | { type: 'measure-failed'; message: string }
  | { type: 'applied'; actionId: string; ok: boolean; message: string };

/** Webview → extension host. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'apply'; actionId: string; fix: FixRef }
  | { type: 'copy-run-option'; actionId: string }
  | { type: 'measure' }
  | { type: 'open-text' }
  | { type: 'reveal'; line?: number }
  | { type: 'error'; text: string };

export const hostMessage: Schema<HostMessage> = tagged({
  model: obj({ type: lit('model'), model: panelModel, target: panelTarget, following: bool }),
  empty: obj({ type: lit('empty'), text: str }),
  measuring: obj({ type: lit('measuring'), text: str }),
  measured: obj({ type: lit('measured'), measured: measuredView }),
  'measure-failed': obj({ type: lit('measure-failed'), message: str }),
  applied: obj({ type: lit('applied'), actionId: str, ok: bool, message: str }),
});

export const webviewMessage: Schema<WebviewMessage> = tagged({
  ready: obj({ type: lit('ready') }),
  apply: obj({ type: lit('apply'), actionId: str, fix: fixRef }),
  'copy-run-option': obj({ type: lit('copy-run-option'), actionId: str }),
  measure: obj({ type: lit('measure') }),
  'open-text': obj({ type: lit('open-text') }),
  reveal: obj({ type: lit('reveal'), line: opt(int) }),
  error: obj({ type: lit('error'), text: str }),
});

/** `{ ok: true, value }` when `v` passes `s`, else the reason. */
export function check<T>(s: Schema<T>, v: unknown, what = 'message'): { ok: true; value: T } | { ok: false; error: string } {
  let error: string | undefined;
  try {
    error = s(v, what);
  } catch (e) {
    error = `${what}: ${e instanceof Error ? e.message : String(e)}`;
  }
  return error === undefined ? { ok: true, value: v as T } : { ok: false, error };
}
