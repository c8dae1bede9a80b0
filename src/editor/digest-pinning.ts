/**
 * Digest pinning in the editor, wired: the lazily built resolver (the registry module is loaded on first
 * use, not at activation), the pin commands, the quick fix, the hover part for pinned references and the
 * opt-in drift diagnostics. `extension.ts` calls `registerDigestPinning` once.
 */
import * as vscode from 'vscode';
import { composeImageSites, dockerfileImageSites, kubernetesImageSites } from '../core/pinning';
import type { ImageSite } from '../core/pinning';
import { engineDigestSource } from '../registry/engine-source';
import type { BuiltInPin } from './code-actions';
import { COMMANDS } from './commands';
import { DigestDriftDiagnostics } from './digest-drift';
import { lintKind } from './diagnostics';
import { DriftChecker } from './drift-checker';
import type { ExtraHover } from './hover';
import type { Logger } from './log';
import type { ModelCache } from './model-cache';
import { PinCommands, builtInPin } from './pin-commands';
import { PinService } from './pin-service';
import { LazyDigestResolver, readRegistrySettings } from './registry-loader';
import type { RegistrySettings } from './registry-loader';

export interface DigestPinning {
  disposables: vscode.Disposable[];
  builtInPin: BuiltInPin;
  hover: ExtraHover;
}

export function registerDigestPinning(
  log: Logger,
  selector: vscode.DocumentSelector,
  userAgent: string,
  models: ModelCache,
): DigestPinning {
  const reported = new Set<string>();
  const settings = (): RegistrySettings => {
    const config = vscode.workspace.getConfiguration('containerLens');
    const problems: string[] = [];
    const s = readRegistrySettings((key) => config.get(key), problems);
    for (const p of problems) {
      if (reported.has(p)) continue;
      reported.add(p);
      log.warn(`ignoring invalid setting ${p}`);
    }
    return s;
  };
  const loader = new LazyDigestResolver({
    settings,
    userAgent,
    engine: (docker) => engineDigestSource({ settings: docker, userAgent }),
  });
  const timeoutMs = () => settings().timeoutMs;
  const service = new PinService({ resolver: () => loader.get(), peek: () => loader.peek(), timeoutMs });
  const commands = new PinCommands({ service, log, timeoutMs });
  const drift = new DigestDriftDiagnostics(new DriftChecker({ resolver: () => loader.get() }), log, (doc) => {
    const config = vscode.workspace.getConfiguration('containerLens', doc.uri);
    return config.get('enable') !== false && config.get('digests.checkDrift') === true;
  });
  const hover: ExtraHover = (doc, position) => {
    // a pinned reference sits on one line and has an `@`: most hovers need no parse at all
    if (position.line >= doc.lineCount || !doc.lineAt(position.line).text.includes('@')) return undefined;
    const link = `command:${COMMANDS.updatePinnedDigests}?${encodeURIComponent(JSON.stringify([doc.uri.toString()]))}`;
    const h = service.hoverAt(cachedSites(models, doc), position, link);
    return h ? { markdown: h.markdown, range: h.range, enabledCommands: [COMMANDS.updatePinnedDigests] } : undefined;
  };
  return {
    disposables: [...commands.register(), ...drift.register(selector), { dispose: () => loader.dispose() }],
    builtInPin: builtInPin(service),
    hover,
  };
}

/** The image sites of an open document from the models the hovers and lenses already share (no new parse). */
function cachedSites(models: ModelCache, doc: vscode.TextDocument): ImageSite[] {
  const kind = lintKind(doc);
  if (kind === 'dockerfile') return dockerfileImageSites(models.get(doc));
  if (kind === 'compose') return composeImageSites(models.compose(doc));
  if (kind === 'kubernetes') return kubernetesImageSites(models.kubernetes(doc));
  return [];
}
