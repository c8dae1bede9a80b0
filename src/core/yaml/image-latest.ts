import type { Fix } from '../findings';
import { parseImageRef } from '../dockerfile/image-ref';
import type { LineIndex, Range } from '../text/range';
import { scalarPartRange } from './edit';

/** What a compose or Kubernetes `image:` that floats on `latest` looks like: where to point and the placeholder fix. */
export interface FloatingImage {
  /** `latest` written explicitly (else: no tag at all). */
  explicitLatest: boolean;
  range: Range;
  fixes: Fix[];
}

/**
 * An `image:` value without a digest whose tag is missing or `latest`; undefined for pinned, tagged or
 * variable (`${IMAGE}`) images. The fixes only insert a `<tag>` placeholder (`needsInput`).
 */
export function floatingImage(lines: LineIndex, image: { value?: string; range: Range }): FloatingImage | undefined {
  const value = image.value;
  if (!value || /\$/.test(value)) return undefined;
  const ref = parseImageRef(value);
  if (ref.digest || (ref.tag !== undefined && ref.tag !== 'latest')) return undefined;
  if (ref.tag === 'latest') {
    const latest = scalarPartRange(lines, image.range, value, value.lastIndexOf(':') + 1);
    return {
      explicitLatest: true,
      range: latest ?? image.range,
      fixes: latest ? [{ title: 'Replace latest with a tag placeholder to fill in', edits: [{ range: latest, newText: '<tag>' }], needsInput: true }] : [],
    };
  }
  const end = scalarPartRange(lines, image.range, value, value.length)?.start;
  return {
    explicitLatest: false,
    range: image.range,
    fixes: end ? [{ title: 'Insert a tag placeholder (:<tag>) to fill in', edits: [{ range: { start: end, end }, newText: ':<tag>' }], needsInput: true }] : [],
  };
}
