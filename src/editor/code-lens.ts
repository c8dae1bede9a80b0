import * as vscode from 'vscode';
import { composeProfiles, kubernetesProfiles } from '../core/analyze';
import { profileFromDockerfileStage } from '../core/isolation/from-dockerfile';
import { placeOnSpectrum, summarize } from '../core/isolation/spectrum';
import type { WorkloadProfile } from '../core/analyze';
import { COMMANDS } from './commands';
import { toVscodeRange } from './convert';
import { lintKind } from './diagnostics';
import { tooLargeToParse } from './document-kind';
import type { Logger } from './log';
import { guard } from './log';
import type { ModelCache } from './model-cache';
import { escapeIcons } from './workload-ref';
import type { WorkloadRef } from './workload-ref';
import { SETTINGS_SECTION } from './vscode-settings';

export const CODE_LENS_SETTING = 'codeLens.enable';

const WORKLOAD_WORD: Record<WorkloadProfile['profile']['subject']['kind'], string> = {
  'compose-service': 'service',
  'k8s-container': 'container',
  'dockerfile-stage': 'the final stage',
  container: 'container',
};

/**
 * The workloads of a document with their profiles: compose services, Kubernetes containers (file
 * order), or a Dockerfile's final stage (every stage with `allStages`); empty for other files.
 */
export function workloadsOf(doc: vscode.TextDocument, models: ModelCache, options: { allStages?: boolean } = {}): WorkloadProfile[] {
  const kind = lintKind(doc);
  if (!kind) return [];
  if (tooLargeToParse(doc)) return [];
  if (kind === 'dockerfile') {
    const model = models.get(doc);
    const final = model.finalStage;
    if (!final) return [];
    // the code lens: the final stage only (the image that runs); the panel and the profile page: every stage, in order
    return (options.allStages ? model.stages : [final]).map((stage) => {
      const profile = profileFromDockerfileStage(stage, stage === final);
      const placement = placeOnSpectrum(profile);
      return { profile, placement, summary: summarize(profile, placement) };
    });
  }
  if (kind === 'compose') {
    const model = models.compose(doc);
    return model.templated ? [] : composeProfiles(model);
  }
  if (kind === 'kubernetes') {
    const model = models.kubernetes(doc);
    return model.templated ? [] : kubernetesProfiles(model);
  }
  return [];
}

/**
 * Above each compose service, each Kubernetes container and a Dockerfile's final stage: the one-line
 * isolation summary ("default container · runs as root · shares host network"), which opens the
 * comparison panel for that workload.
 * Off with `containerLens.codeLens.enable: false`.
 */
export class ContainerLensCodeLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly models: ModelCache,
    private readonly log: Logger,
  ) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SETTINGS_SECTION}.${CODE_LENS_SETTING}`)) this.changed.fire();
    });
  }

  provideCodeLenses(doc: vscode.TextDocument, token: vscode.CancellationToken): vscode.CodeLens[] {
    return guard(this.log, 'code lenses', [], () => {
      if (token.isCancellationRequested) return [];
      if (vscode.workspace.getConfiguration(SETTINGS_SECTION, doc.uri).get<boolean>(CODE_LENS_SETTING, true) === false) return [];
      return workloadsOf(doc, this.models).map((w, index) => {
        const subject = w.profile.subject;
        const range = subject.range ? toVscodeRange(subject.range) : new vscode.Range(0, 0, 0, 0);
        const ref: WorkloadRef = { uri: doc.uri.toString(), index, name: subject.name };
        return new vscode.CodeLens(new vscode.Range(range.start, range.start), {
          title: escapeIcons(w.summary),
          tooltip: `Isolation of ${WORKLOAD_WORD[subject.kind]} ${subject.name}: compare it with a VM, see why it sits where it does and what one step further takes`,
          command: COMMANDS.compareWithVm,
          arguments: [ref],
        });
      });
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
