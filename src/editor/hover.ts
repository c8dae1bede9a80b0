import * as vscode from 'vscode';
import { computeComposeHover } from '../core/compose/hover';
import { computeDockerfileHover } from '../core/dockerfile/hover';
import { DOCKERFILE_RULES } from '../core/dockerfile/rules';
import { computeKubernetesHover } from '../core/kubernetes/hover';
import type { Position, Range } from '../core/text/range';
import { fromVscodePosition, toVscodeHover, toVscodeHoverParts } from './convert';
import type { HoverPart } from './convert';
import { lintKind } from './diagnostics';
import { tooLargeToParse } from './document-kind';
import type { Logger } from './log';
import { guard } from './log';
import type { ModelCache } from './model-cache';

/**
 * Hovers for Dockerfiles, compose files and Kubernetes manifests. The texts come from core, which
 * speaks about this line in this file and the isolation lesson behind it; the generic reference that
 * Container Tools / Docker DX / the YAML extension show is left to them (VS Code stacks hovers from
 * every provider), so nothing here repeats it. Random YAML gets no hover from us.
 */
/** A second hover part for the same position (what is known about a pinned digest); never touches the network. */
export type ExtraHover = (doc: vscode.TextDocument, position: Position) => (HoverPart & { range: Range }) | undefined;

export class ContainerLensHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly models: ModelCache,
    private readonly log: Logger,
    private readonly extra?: ExtraHover,
  ) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): vscode.Hover | undefined {
    return guard(this.log, 'hover', undefined, () => {
      if (token.isCancellationRequested) return undefined;
      const kind = lintKind(doc);
      if (!kind || (kind !== 'dockerfile' && tooLargeToParse(doc))) return undefined;
      // No `link` option yet: topic links would be `command:` URIs, which need a trusted MarkdownString
      // and a topic view to open; until then topic titles stay plain text.
      const p = fromVscodePosition(position);
      const computed = this.compute(doc, kind, p);
      const hover = computed && computed.markdown.trim() ? computed : undefined;
      const extra = this.extra ? guard(this.log, 'digest hover', undefined, () => this.extra!(doc, p)) : undefined;
      if (!extra) return hover ? toVscodeHover(hover.markdown, hover.range) : undefined;
      const parts: HoverPart[] = hover ? [{ markdown: hover.markdown }, extra] : [extra];
      return toVscodeHoverParts(parts, hover?.range ?? extra.range);
    });
  }

  private compute(doc: vscode.TextDocument, kind: string, p: Position): { markdown: string; range: Range } | undefined {
    switch (kind) {
      case 'dockerfile':
        return computeDockerfileHover(this.models.get(doc), p, { rules: DOCKERFILE_RULES });
      case 'compose':
        return computeComposeHover(this.models.compose(doc), p);
      case 'kubernetes':
        return computeKubernetesHover(this.models.kubernetes(doc), p);
      default:
        return undefined;
    }
  }
}

