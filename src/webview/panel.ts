/**
 * The comparison panel's script (browser bundle `dist/webview/panel.js`). Receives the view model from
 * the extension host, renders it, and posts what the user asks for. Everything received is checked
 * against the protocol first; what fails is ignored and reported back for the log. State (the target,
 * the last model, the focused control) is kept with `setState`, so a panel hidden or reloaded comes
 * back as it was without `retainContextWhenHidden`.
 */
import type { MeasuredView } from '../core/panel/measured';
import type { PanelModel } from '../core/panel/model';
import { check, hostMessage, panelState } from '../shared/panel-protocol';
import type { HostMessage, PanelState, PanelTarget, WebviewMessage } from '../shared/panel-protocol';
import { clear } from './dom';
import { renderEmpty, renderPanel } from './render';
import type { RenderContext } from './render';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root') ?? document.body;

let model: PanelModel | undefined;
let target: PanelTarget | undefined;
let following = false;
let selectedStep: number | undefined;
let measuring: string | undefined;
let measureError: string | undefined;
const results = new Map<string, { ok: boolean; message: string }>();

function post(message: WebviewMessage): void {
  vscode.postMessage(message);
}

function saveState(focus?: string): void {
  const state: PanelState = { ...(target ? { target } : {}), ...(model ? { model } : {}), ...(focus ? { focus } : {}) };
  vscode.setState(state);
}

function focusKey(): string | undefined {
  const el = document.activeElement as HTMLElement | null;
  return el?.dataset?.focus;
}

function render(restoreFocus = focusKey()): void {
  if (!model) return;
  const ctx: RenderContext = {
    post,
    selectedStep,
    selectStep(i) {
      selectedStep = i;
      render(`step-${i}`);
    },
    results,
    measuring,
    measureError,
    following,
  };
  clear(root);
  root.appendChild(renderPanel(model, ctx));
  if (restoreFocus) {
    const el = root.querySelector<HTMLElement>(`[data-focus="${CSS.escape(restoreFocus)}"]`);
    el?.focus();
  }
  saveState(restoreFocus);
}

function onMessage(m: HostMessage): void {
  switch (m.type) {
    case 'model': {
      const sameWorkload = model && target && JSON.stringify(target) === JSON.stringify(m.target);
      // A measurement belongs to the workload it was taken for.
      const keep: MeasuredView | undefined = sameWorkload ? model?.measured : undefined;
      if (!sameWorkload) {
        selectedStep = undefined;
        results.clear();
        measureError = undefined;
      }
      model = keep && !m.model.measured ? { ...m.model, measured: keep } : m.model;
      target = m.target;
      following = m.following;
      if (selectedStep !== undefined && selectedStep >= model.content.spectrum.length) selectedStep = undefined;
      render();
      break;
    }
    case 'empty':
      model = undefined;
      clear(root);
      root.appendChild(renderEmpty(m.text));
      saveState();
      break;
    case 'measuring':
      measuring = m.text;
      measureError = undefined;
      render();
      break;
    case 'measured':
      measuring = undefined;
      if (model) model = { ...model, measured: m.measured };
      render();
      break;
    case 'measure-failed':
      measuring = undefined;
      measureError = m.message;
      render();
      break;
    case 'applied':
      results.set(m.actionId, { ok: m.ok, message: m.message });
      render();
      break;
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  const r = check(hostMessage, event.data);
  if (!r.ok) {
    // Not for us, or malformed: never rendered.
    post({ type: 'error', text: `ignored a message: ${r.error}`.slice(0, 2000) });
    return;
  }
  try {
    onMessage(r.value);
  } catch (e) {
    post({ type: 'error', text: `rendering failed: ${e instanceof Error ? e.message : String(e)}`.slice(0, 2000) });
  }
});

// Restore what was shown before a reload, then ask the host for the current model.
const saved = check(panelState, vscode.getState() ?? {}, 'state');
if (saved.ok && saved.value.model) {
  model = saved.value.model;
  target = saved.value.target;
  render(saved.value.focus);
} else if (!saved.ok) {
  post({ type: 'error', text: `ignored the saved state: ${saved.error}`.slice(0, 2000) });
}
post({ type: 'ready' });
