import * as vscode from 'vscode';
import { computeDockerfileHover } from '../core/dockerfile/hover';
import { DOCKERFILE_RULES } from '../core/dockerfile/rules';
import { fromVscodePosition, toVscodeHover } from './convert';
import { isLintTarget } from './diagnostics';
import type { Logger } from './log';
import { guard } from './log';
import type { ModelCache } from './model-cache';

/**
 * Hovers for Dockerfiles. The texts come from core (`computeDockerfileHover`), which speaks about this
 * line in this file and the isolation lesson behind it; the generic instruction reference that Container
 * Tools / Docker DX show is left to them (VS Code stacks hovers from every provider), so nothing here
 * repeats it.
 */
export class DockerfileHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly models: ModelCache,
    private readonly log: Logger,
  ) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): vscode.Hover | undefined {
    return guard(this.log, 'hover', undefined, () => {
      if (token.isCancellationRequested || !isLintTarget(doc)) return undefined;
      const model = this.models.get(doc);
      // No `link` option yet: topic links would be `command:` URIs, which need a trusted MarkdownString
      // and a topic view to open; until then topic titles stay plain text.
      const hover = computeDockerfileHover(model, fromVscodePosition(position), { rules: DOCKERFILE_RULES });
      if (!hover || !hover.markdown.trim()) return undefined;
      return toVscodeHover(hover.markdown, hover.range);
    });
  }
}
