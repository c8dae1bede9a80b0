/**
 * Where a file names images that a digest could pin, and the edits that pin them. Pure: the digests come
 * in as data (the registry module resolves them), so "pin all" and "update pinned digests" are the same
 * two calls in the editor and the CLI.
 *
 * Sites are found from the same parses the lint rules use (the Dockerfile model, the compose and
 * Kubernetes models), so a site's range is the range the `*-image-not-pinned` findings point at.
 */
import type { From } from 'dockerfile-ast';
import { detectKind } from './analyze';
import type { ComposeModel } from './compose/model';
import { parseCompose } from './compose/parse';
import type { DockerfileModel } from './dockerfile/model';
import { fromArgDefault } from './dockerfile/arg-image';
import { parseDockerfile, resolveStageRef } from './dockerfile/parse';
import type { FileKind } from './findings';
import { parseImageReference, withDigest } from './image-reference';
import type { KubernetesModel } from './kubernetes/model';
import { parseKubernetes } from './kubernetes/parse';
import { valueRange } from './text/range';
import type { LineIndex, Range, TextEdit } from './text/range';
import type { Located } from './yaml/read';

/** `arg`: the default of a global ARG that a FROM names as its whole image (`ARG BASE=node:20` … `FROM ${BASE}`). */
export type ImageSiteKind = 'from' | 'copy-from' | 'arg' | 'compose' | 'kubernetes';

export interface ImageSite {
  /** The reference as written (without YAML quotes), e.g. `node:20-alpine` or `redis:7@sha256:…`. */
  image: string;
  /** The range of `image` in the text (inside quotes, when quoted). */
  range: Range;
  kind: ImageSiteKind;
  /** Other places that name this image through the site (the `${BASE}` of each FROM using an `arg` site). */
  references?: Range[];
  /** An `arg` site: the build argument's name. */
  arg?: string;
}

/**
 * Every image reference of a Dockerfile, compose file or Kubernetes manifest that names a registry image:
 * `FROM` (not `scratch`, not an earlier stage), `COPY --from=<image>` (not a stage name or index), compose
 * `image:` of services that do not `build:`, and the `image:` of Kubernetes containers, init containers
 * and ephemeral containers. A FROM whose image is one global build argument (`FROM ${BASE}`) has its site at
 * that argument's default (`ARG BASE=node:20`); other references with variables, Helm templates and texts that
 * are not valid references are left out. Pinned references are included (drift checks need them).
 */
export function findImageSites(text: string, fileName: string, kind?: FileKind): ImageSite[] {
  const k = kind ?? detectKind(fileName, text);
  try {
    if (k === 'dockerfile') return dockerfileImageSites(parseDockerfile(text));
    if (k === 'compose') return composeImageSites(parseCompose(text, fileName));
    if (k === 'kubernetes') return kubernetesImageSites(parseKubernetes(text, fileName));
  } catch {
    // A parser failure on odd input means no sites, not an exception in the caller.
    return [];
  }
  return [];
}

/** The sites of a compose model already parsed (the editor's model cache): services that do not `build:`. */
export function composeImageSites(model: ComposeModel): ImageSite[] {
  if (model.templated) return [];
  return yamlSites(
    model.lines,
    model.services.filter((s) => !s.build).map((s) => s.image),
    'compose',
  );
}

/** The sites of a Kubernetes model already parsed: containers, init and ephemeral containers. */
export function kubernetesImageSites(model: KubernetesModel): ImageSite[] {
  if (model.templated) return [];
  return yamlSites(
    model.lines,
    model.containers.map((c) => c.image),
    'kubernetes',
  );
}

function isReference(image: string): boolean {
  try {
    parseImageReference(image);
    return true;
  } catch {
    return false;
  }
}

function usable(image: string): boolean {
  return image !== '' && !image.includes('$') && !image.includes('{{') && image.toLowerCase() !== 'scratch' && isReference(image);
}

/** The sites of a Dockerfile model already parsed: `FROM` images and `COPY --from=<image>`. */
export function dockerfileImageSites(model: DockerfileModel): ImageSite[] {
  const sites: ImageSite[] = [];
  const argSites = new Map<string, ImageSite>();
  for (const stage of model.stages) {
    const written = (stage.from.node as From).getImage() ?? '';
    if (stage.parentStage === undefined && stage.imageRange && usable(written)) {
      // the text at the range is what gets replaced; it must be exactly the reference we parsed
      if (model.lines.slice(stage.imageRange) === written) sites.push({ image: written, range: stage.imageRange, kind: 'from' });
    } else if (stage.parentStage === undefined && stage.imageRange) {
      const arg = fromArgDefault(model, stage);
      if (arg && usable(arg.value)) {
        // one site per ARG, however many stages build FROM it
        const key = `${arg.range.start.line}:${arg.range.start.character}`;
        const site = argSites.get(key) ?? { image: arg.value, range: arg.range, kind: 'arg' as const, references: [], arg: arg.name };
        site.references!.push(stage.imageRange);
        if (!argSites.has(key)) {
          argSites.set(key, site);
          sites.push(site);
        }
      }
    }
    for (const ins of stage.instructions) {
      if (ins.keyword !== 'COPY') continue;
      const flag = ins.flags.find((f) => f.name === 'from');
      if (!flag?.value || !flag.valueRange) continue;
      const value = flag.value;
      if (/^\d+$/.test(value.trim()) || resolveStageRef(value, model.stages, stage.index)) continue;
      // a later stage's name is still a stage to the reader, even though the builder would pull it
      if (model.stages.some((s) => s.name !== undefined && s.name.toLowerCase() === value.toLowerCase())) continue;
      if (!usable(value) || model.lines.slice(flag.valueRange) !== value) continue;
      sites.push({ image: value, range: flag.valueRange, kind: 'copy-from' });
    }
  }
  return sites;
}

function yamlSites(lines: LineIndex, images: (Located<string | undefined> | undefined)[], kind: ImageSiteKind): ImageSite[] {
  const sites: ImageSite[] = [];
  const seen = new Set<string>();
  for (const image of images) {
    if (!image?.value || !usable(image.value)) continue;
    const range = valueRange(lines, image.range, image.value);
    if (!range) continue;
    // `extends:` and `<<: *anchor` make several workloads share one written value: one site for it
    const key = `${range.start.line}:${range.start.character}`;
    if (seen.has(key)) continue;
    seen.add(key);
    sites.push({ image: image.value, range, kind });
  }
  return sites;
}

/**
 * Edits that pin each site whose `image` has a digest in `digests` (keyed by the image as written):
 * `node:20` → `node:20@sha256:…`, an old digest replaced. Sites already carrying that digest, sites
 * without an entry and repeated ranges get no edit, so the result can be applied as one edit.
 */
export function pinEdits(sites: readonly ImageSite[], digests: ReadonlyMap<string, string>): TextEdit[] {
  const edits: TextEdit[] = [];
  const seen = new Set<string>();
  for (const site of sites) {
    const digest = digests.get(site.image);
    if (digest === undefined) continue;
    const key = `${site.range.start.line}:${site.range.start.character}`;
    if (seen.has(key)) continue;
    let newText: string;
    try {
      newText = withDigest(parseImageReference(site.image), digest);
    } catch {
      continue;
    }
    if (newText === site.image) continue;
    seen.add(key);
    edits.push({ range: site.range, newText });
  }
  return edits;
}
