/**
 * The panel's sections, rendered from the view model. Decides nothing: what to show and what each
 * button does come from the model; a button only posts a message naming an action the model gave.
 */
import type { ComparisonRow, Figure, SpectrumStep } from '../core/panel/content';
import type { MeasuredView } from '../core/panel/measured';
import type { PanelAction, PanelModel } from '../core/panel/model';
import type { WebviewMessage } from '../shared/panel-protocol';
import { h, withCode } from './dom';
import type { Child } from './dom';
import { stacksFigure } from './stacks';

export interface RenderContext {
  post(message: WebviewMessage): void;
  /** The spectrum step shown in detail (defaults to the workload's). */
  selectedStep?: number;
  selectStep(index: number): void;
  /** Per action, the last result of applying it. */
  results: Map<string, { ok: boolean; message: string }>;
  measuring?: string;
  measureError?: string;
  following: boolean;
}

const seeds = (f: { seeds: readonly string[] }) => h('span', { class: 'seeds', title: 'seed documents this comes from (docs/knowledge.md)' }, `sources ${f.seeds.join(', ')}`);

function section(id: string, title: string, ...children: Child[]): HTMLElement {
  return h('section', { id, 'aria-labelledby': `${id}-h` }, h('h2', { id: `${id}-h` }, title), ...children);
}

function header(m: PanelModel, ctx: RenderContext): HTMLElement {
  const s = m.subject;
  const where = [s.owner ? `of ${s.owner}` : '', s.file ? `in ${s.file}${s.line ? `:${s.line}` : ''}` : '', s.image ? `image ${s.image}` : '']
    .filter(Boolean)
    .join(' · ');
  return h(
    'header',
    {},
    h('h1', {}, 'Compare with a VM: ', h('span', { class: 'subject-name', 'data-testid': 'subject-name' }, s.name)),
    h('p', { class: 'subject' }, `${s.kindLabel}${where ? ` ${where}` : ''}`),
    h('p', { class: 'summary', 'data-testid': 'summary' }, m.summary),
    h(
      'div',
      { class: 'toolbar' },
      s.file ? h('button', { type: 'button', class: 'secondary', 'data-focus': 'reveal', onClick: () => ctx.post({ type: 'reveal' }) }, 'Show in editor') : null,
      m.hasTextReport ? h('button', { type: 'button', class: 'secondary', 'data-focus': 'open-text', onClick: () => ctx.post({ type: 'open-text' }) }, 'Open as text') : null,
      h('span', { class: 'following' }, ctx.following ? 'Follows the cursor in the editor.' : ''),
    ),
  );
}

/** The spectrum: one button per step (roving tabindex, arrow keys), the marker on the workload's. */
function spectrum(m: PanelModel, ctx: RenderContext): HTMLElement {
  const steps = m.content.spectrum;
  const selected = ctx.selectedStep ?? m.levelIndex;
  const list = h('ol', { class: 'spectrum', role: 'toolbar', 'aria-label': 'Isolation spectrum, weakest on the left', 'aria-orientation': 'horizontal' });
  steps.forEach((st, i) => {
    const here = i === m.levelIndex;
    const next = m.nextStep && st.level === m.nextStep.level;
    const label = `Step ${i + 1} of ${steps.length}: ${st.label}.${here ? ` ${m.subject.name} is here.` : ''}${next ? ' One step to the right.' : ''}`;
    const btn = h(
      'button',
      {
        type: 'button',
        class: `step${here ? ' here' : ''}${next ? ' next' : ''}${i === selected ? ' selected' : ''}`,
        tabindex: i === selected ? 0 : -1,
        'aria-label': label,
        'aria-pressed': i === selected ? 'true' : 'false',
        'data-focus': `step-${i}`,
        'data-step': i,
        onClick: () => ctx.selectStep(i),
      },
      h('span', { class: 'step-label' }, st.label),
    );
    list.appendChild(h('li', { class: here ? 'here' : '' }, here ? h('span', { class: 'marker', 'aria-hidden': 'true', 'data-testid': 'marker' }, '▼ here') : null, btn));
  });
  list.addEventListener('keydown', (e) => {
    const target = e.target as HTMLElement;
    const i = Number(target.dataset.step);
    if (Number.isNaN(i)) return;
    const to = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? i + 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? steps.length - 1 : undefined;
    if (to === undefined) return;
    e.preventDefault();
    ctx.selectStep(Math.max(0, Math.min(steps.length - 1, to)));
  });
  const st = steps[selected];
  return section(
    'spectrum',
    'Where it sits',
    h('p', { class: 'position', 'data-testid': 'position' }, positionText(m)),
    list,
    stepDetail(st, selected === m.levelIndex, m),
  );
}

function positionText(m: PanelModel): string {
  if (m.stepsFromVm === 0) return `${m.subject.name} is a virtual machine: a kernel of its own behind a hypervisor.`;
  return `${m.subject.name} is a ${m.levelLabel}: ${m.stepsFromVm} ${m.stepsFromVm === 1 ? 'step' : 'steps'} from a virtual machine.`;
}

function stepDetail(st: SpectrumStep, here: boolean, m: PanelModel): HTMLElement {
  return h(
    'div',
    { class: 'step-detail', 'aria-live': 'polite', 'data-testid': 'step-detail' },
    h('h3', {}, st.label, here ? ` — where ${m.subject.name} is` : ''),
    h('p', {}, st.what),
    h('dl', {}, h('dt', {}, 'Adds'), h('dd', {}, st.adds), h('dt', {}, 'Costs'), h('dd', {}, st.costs), st.examples ? h('dt', {}, 'Examples') : null, st.examples ? h('dd', {}, st.examples) : null),
    seeds(st),
  );
}

function lineButton(line: number | undefined, ctx: RenderContext, key: string): Child {
  if (line === undefined) return null;
  return h('button', { type: 'button', class: 'link', 'data-focus': key, 'aria-label': `Show line ${line} in the editor`, onClick: () => ctx.post({ type: 'reveal', line }) }, `line ${line}`);
}

function reasons(m: PanelModel, ctx: RenderContext): HTMLElement {
  const list = h('ul', { class: 'reasons', 'data-testid': 'reasons' });
  if (m.reasons.length === 0) list.appendChild(h('li', {}, 'Nothing moves it away from the defaults of its engine.'));
  m.reasons.forEach((r, i) =>
    list.appendChild(
      h(
        'li',
        { class: r.direction },
        h('span', { class: 'arrow', 'aria-label': r.direction === 'weaker' ? 'weakens' : 'strengthens' }, r.direction === 'weaker' ? '▼' : '▲'),
        ' ',
        h('strong', {}, r.label),
        ': ',
        withCode(r.text),
        ' ',
        lineButton(r.line, ctx, `reason-line-${i}`),
        r.vm ? h('div', { class: 'vm-note', title: 'Compared with a virtual machine' }, '⇄ ', r.vm) : null,
      ),
    ),
  );
  return section('reasons', 'Why it sits there', list);
}

function actionCard(a: PanelAction, m: PanelModel, ctx: RenderContext): HTMLElement {
  const result = ctx.results.get(a.id);
  const buttons: HTMLElement[] = [];
  a.fixes.forEach((f, i) =>
    buttons.push(
      h(
        'button',
        {
          type: 'button',
          class: i === 0 ? 'primary action-button' : 'secondary action-button',
          'data-focus': `apply-${a.id}-${i}`,
          'data-action': a.id,
          'aria-label': `Move one step right: ${f.title}${f.needsInput ? ' (leaves values to fill in)' : ''}`,
          onClick: () => ctx.post({ type: 'apply', actionId: a.id, fix: f }),
        },
        i === 0 ? 'Move one step right: ' : 'Also: ',
        f.title,
        f.needsInput ? ' (fill in the values)' : '',
      ),
    ),
  );
  if (a.runOption) {
    buttons.push(
      h(
        'button',
        { type: 'button', class: 'secondary action-button', 'data-focus': `copy-${a.id}`, 'data-action': a.id, onClick: () => ctx.post({ type: 'copy-run-option', actionId: a.id }) },
        'Copy the run option',
      ),
    );
  }
  return h(
    'li',
    { class: 'action', 'data-testid': `action-${a.id}` },
    h('h3', {}, a.label, ' ', lineButton(a.line, ctx, `action-line-${a.id}`)),
    h('p', { class: 'action-text' }, withCode(a.text)),
    h('dl', {}, h('dt', {}, 'Gains'), h('dd', {}, a.changes), h('dt', {}, 'Costs'), h('dd', {}, a.costs)),
    buttons.length ? h('div', { class: 'buttons', role: 'group', 'aria-label': `Ways to do it: ${a.label}` }, ...buttons) : h('p', { class: 'manual' }, m.subject.file ? `No quick-fix does this: edit ${m.subject.file} by hand.` : 'Change it where the workload is defined.'),
    result ? h('p', { class: result.ok ? 'result ok' : 'result failed', role: 'status' }, result.message) : null,
  );
}

function nextStep(m: PanelModel, ctx: RenderContext): HTMLElement | null {
  const n = m.nextStep;
  if (!n) return section('next', 'One step to the right', h('p', {}, 'Nothing is to the right of a virtual machine on this spectrum.'));
  const list = h('ul', { class: 'actions', 'data-testid': 'actions' }, ...n.actions.map((a) => actionCard(a, m, ctx)));
  // Up/Down move between the action buttons, as Left/Right do between spectrum steps.
  list.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const all = Array.from(list.querySelectorAll<HTMLButtonElement>("button"));
    const i = all.indexOf(e.target as HTMLButtonElement);
    if (i < 0) return;
    e.preventDefault();
    all[Math.max(0, Math.min(all.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))].focus();
  });
  return section(
    'next',
    `One step to the right: ${n.label}`,
    n.note ? h('p', { class: 'note' }, withCode(n.note)) : null,
    n.actions.length ? list : h('p', {}, 'Nothing Container Lens can name from here.'),
  );
}

function figureCell(f: Figure): HTMLElement {
  return h('td', {}, h('div', { class: 'typical' }, f.typical), f.range ? h('div', { class: 'range' }, f.range) : null, f.note ? h('div', { class: 'note' }, f.note) : null, seeds(f));
}

function table(rows: readonly ComparisonRow[]): HTMLElement {
  return section(
    'compare',
    'Virtual machine or container',
    h(
      'table',
      { class: 'compare', 'data-testid': 'compare-table' },
      h('caption', {}, 'Typical figures with the spread the sources give. Your own workload may differ: see "Measured here".'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Aspect'), h('th', { scope: 'col' }, 'Virtual machine'), h('th', { scope: 'col' }, 'Container'), h('th', { scope: 'col' }, 'Depends on'))),
      h('tbody', {}, ...rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, r.aspect), figureCell(r.vm), figureCell(r.container), h('td', { class: 'depends' }, r.dependsOn)))),
    ),
  );
}

function measured(m: PanelModel, ctx: RenderContext): HTMLElement {
  const v: MeasuredView | undefined = m.measured;
  const image = m.subject.image;
  const intro = image
    ? `Creates, starts, stops and removes one container from ${image} on your Docker engine, and reads the image's size and layers. Nothing is pulled; nothing runs until you click.`
    : 'This workload names no image to measure.';
  return section(
    'measured',
    'Measured here',
    h('p', {}, intro),
    image
      ? h('button', { type: 'button', class: 'primary', 'data-focus': 'measure', 'data-testid': 'measure', disabled: ctx.measuring !== undefined, onClick: () => ctx.post({ type: 'measure' }) }, v ? 'Measure again' : 'Measure here')
      : null,
    ctx.measuring ? h('p', { role: 'status', class: 'measuring' }, ctx.measuring) : null,
    ctx.measureError ? h('p', { role: 'alert', class: 'result failed' }, ctx.measureError) : null,
    v ? measuredTable(v) : null,
  );
}

function measuredTable(v: MeasuredView): HTMLElement {
  return h(
    'div',
    { class: 'measured', 'data-testid': 'measured' },
    h('p', { class: 'engine' }, `${v.image} on ${v.engine}, ${v.at}`),
    v.message ? h('p', { class: v.status === 'image-missing' ? 'note' : 'result failed' }, v.message) : null,
    v.rows.length
      ? h(
          'table',
          {},
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''), h('th', { scope: 'col' }, 'Measured here'), h('th', { scope: 'col' }, 'Typical'), h('th', { scope: 'col' }, 'Compared'))),
          h('tbody', {}, ...v.rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, r.label), h('td', { class: 'here' }, r.measured), h('td', {}, r.typical), h('td', {}, r.comparison)))),
        )
      : null,
    v.layers.length
      ? h('details', {}, h('summary', {}, `Image history: ${v.layers.length} entries, ${v.layerCount} with content (base first)`), h('ol', { class: 'layers' }, ...v.layers.map((l) => h('li', {}, h('span', { class: 'size' }, l.size), ' ', h('code', {}, l.createdBy)))))
      : null,
  );
}

function facts(m: PanelModel): HTMLElement {
  return section(
    'profile',
    'The profile, setting by setting',
    h('table', { class: 'facts' }, h('tbody', {}, ...m.facts.map((f) => h('tr', { class: f.weak ? 'weak' : '' }, h('th', { scope: 'row' }, f.setting), h('td', {}, f.value), h('td', { class: 'why' }, f.why))))),
  );
}

function whenToUse(m: PanelModel): HTMLElement {
  const c = m.content;
  const list = (items: readonly { text: string; seeds: readonly string[] }[]) => h('ul', {}, ...items.map((u) => h('li', {}, u.text, ' ', seeds(u))));
  return section(
    'when',
    'When to use which',
    h('div', { class: 'columns' }, h('div', {}, h('h3', {}, 'Containers'), list(c.whenToUse.containers)), h('div', {}, h('h3', {}, 'Virtual machines'), list(c.whenToUse.vms))),
    h('h3', {}, 'Usually both'),
    h('p', {}, c.hybrid.text),
    list(c.hybrid.points),
  );
}

/** The whole page for a model. */
export function renderPanel(m: PanelModel, ctx: RenderContext): HTMLElement {
  return h(
    'main',
    { 'data-level': m.level },
    header(m, ctx),
    spectrum(m, ctx),
    reasons(m, ctx),
    nextStep(m, ctx),
    section('stacks', 'Two ways to isolate', stacksFigure(m.content.stacks)),
    table(m.content.table),
    measured(m, ctx),
    facts(m),
    whenToUse(m),
  );
}

export function renderEmpty(text: string): HTMLElement {
  return h('main', {}, h('h1', {}, 'Compare with a VM'), h('p', { 'data-testid': 'empty' }, text));
}
