/**
 * The VM and container stacks and the image layers, drawn as SVG from the content's data. Colours come
 * from CSS classes (`layer-kernel`, …) that use VS Code's theme variables, so the drawing follows light,
 * dark and high-contrast themes; nothing is an image.
 */
import type { Stack } from '../core/panel/content';
import { h, s } from './dom';

const W = 300;
const ROW = 34;
const GAP = 4;
const INSTANCES = 2;

/** One stack as an `<svg role="img">` with a title and a description listing every layer. */
export function stackSvg(stack: Stack): SVGSVGElement {
  const rows = stack.layers.length;
  const height = rows * (ROW + GAP) + 26;
  const titleId = `stack-${stack.id}-title`;
  const descId = `stack-${stack.id}-desc`;
  const svg = s('svg', {
    viewBox: `0 0 ${W} ${height}`,
    width: W,
    height,
    role: 'img',
    'aria-labelledby': titleId,
    'aria-describedby': descId,
    class: `stack stack-${stack.id}`,
    focusable: 'false',
  });
  svg.appendChild(s('title', { id: titleId }, stack.title));
  svg.appendChild(
    s('desc', { id: descId }, `Bottom to top: ${stack.layers.map((l) => `${l.label}${l.perInstance ? ' (one per instance)' : ''}`).join('; ')}.`),
  );
  // bottom layer last in SVG order is not needed: draw top-down with the first layer at the bottom
  stack.layers.forEach((layer, i) => {
    const y = 20 + (rows - 1 - i) * (ROW + GAP);
    const instances = layer.perInstance ? INSTANCES : 1;
    const w = (W - (instances - 1) * GAP) / instances;
    for (let k = 0; k < instances; k++) {
      const x = k * (w + GAP);
      const g = s('g', { class: `layer layer-${layer.kind}` });
      g.appendChild(s('title', {}, `${layer.label}: ${layer.detail}`));
      g.appendChild(s('rect', { x, y, width: w, height: ROW, rx: 3 }));
      const label = instances > 1 ? `${layer.label} ${stack.id === 'vm' ? (k === 0 ? 'A' : 'B') : k + 1}` : layer.label;
      g.appendChild(s('text', { x: x + w / 2, y: y + ROW / 2 + 4, 'text-anchor': 'middle' }, label));
      svg.appendChild(g);
    }
  });
  svg.appendChild(s('text', { x: 0, y: 13, class: 'stack-title' }, stack.title));
  return svg;
}

/** The stacks with their captions, side by side where there is room. */
export function stacksFigure(stacks: readonly Stack[]): HTMLElement {
  return h(
    'div',
    { class: 'stacks' },
    ...stacks.map((st) =>
      h(
        'figure',
        { class: 'stack-figure' },
        stackSvg(st),
        h('figcaption', {}, st.caption),
        h('ul', { class: 'stack-legend' }, ...[...st.layers].reverse().map((l) => h('li', {}, h('strong', {}, l.label), ` — ${l.detail}`))),
      ),
    ),
  );
}
