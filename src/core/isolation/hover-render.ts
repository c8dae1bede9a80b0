/**
 * The shape every compose / Kubernetes hover shares: a header naming the key and the workload, a
 * first sentence about THIS line, a few facts (what it touches, what it lets a process do to the
 * host, how a VM differs), the lesson from the knowledge base, the workload's place on the
 * isolation spectrum in one line, and "see also". Pure; the callers escape what comes from the file.
 */
import { SETTINGS } from '../knowledge/settings-keys';
import type { SettingId } from '../knowledge/settings-keys';
import { TOPICS, seeAlsoLine, topicLink } from '../knowledge/topics';
import type { TopicId } from '../knowledge/topics';
import { escapeMarkdown, inlineCode } from '../markdown';
import type { Range } from '../text/range';
import type { IsolationProfile } from './profile';
import { LEVEL_LABELS, placeOnSpectrum, summarize } from './spectrum';
import type { SpectrumPlacement } from './spectrum';

export interface YamlHover {
  markdown: string;
  /** The key or value the hover is about. */
  range: Range;
  /** Topics the hover teaches or points to, lesson first. */
  topics: TopicId[];
}

export interface YamlHoverOptions {
  /** Turns topic titles into links (a `command:` URI in the editor); plain titles without it. */
  link?: (id: TopicId) => string | undefined;
}

export interface HoverParts {
  /** Already Markdown: `**network_mode** · service \`web\``. */
  header: string;
  /** Sentences about this line, the first one leading. Already escaped. */
  context: string[];
  /** The concept, for the touches / host / VM facts and the default lesson. */
  setting?: SettingId;
  /**
   * Whether the value written here is the weak end of the setting (shared namespace, no limit,
   * root): then the "on the host" fact is shown, otherwise what the setting decides.
   */
  weak?: boolean;
  /** Leave the generic facts out (the context already says it all). */
  noFacts?: boolean;
  /** Overrides the setting's topic. */
  lesson?: TopicId;
  seeAlso?: TopicId[];
  /** The workloads whose placement ends the hover (one line each, at most three). */
  workloads: { label: string; profile: IsolationProfile; placement?: SpectrumPlacement }[];
}

const MAX_PLACEMENTS = 3;

export function renderHover(parts: HoverParts, range: Range, options: YamlHoverOptions = {}): YamlHover {
  const lines: string[] = [parts.header, ''];
  lines.push(parts.context.filter(Boolean).join(' '));
  const facts = parts.setting ? SETTINGS[parts.setting] : undefined;
  if (facts && !parts.noFacts) {
    lines.push('', `- **Touches** ${facts.touches}.`);
    lines.push(parts.weak ? `- **On the host:** ${facts.host}` : `- **What it decides:** ${facts.does}`);
    lines.push(`- **Behind a VM boundary:** ${facts.vm}`);
  }
  const lesson = parts.lesson ?? facts?.topic;
  const topics: TopicId[] = [];
  if (lesson) {
    topics.push(lesson);
    lines.push('', '---', '', `**${topicLink(lesson, options.link)}**: ${TOPICS[lesson].summary}`);
  }
  const placements = placementLines(parts.workloads);
  if (placements.length) lines.push('', ...placements);
  const more = [...new Set([...(parts.seeAlso ?? []), ...(facts?.seeAlso ?? []), 'isolation-spectrum' as TopicId])].filter(
    (t) => t !== lesson,
  );
  topics.push(...more);
  const see = seeAlsoLine(more.slice(0, 4), options.link);
  if (see) lines.push('', see);
  return { markdown: lines.join('\n'), range, topics };
}

/** `**Isolation:** service \`web\`: weakened container · runs as root · shares host network` */
export function placementLines(workloads: HoverParts['workloads']): string[] {
  const shown = workloads.slice(0, MAX_PLACEMENTS).map((w) => {
    const placement = w.placement ?? placeOnSpectrum(w.profile);
    return `**Isolation:** ${w.label}: ${escapeMarkdown(summarize(w.profile, placement), 300)}`;
  });
  if (workloads.length > MAX_PLACEMENTS) shown.push(`…and ${workloads.length - MAX_PLACEMENTS} more containers`);
  // Two lines in a row would merge into one paragraph in Markdown: separate them.
  return shown.flatMap((l, i) => (i === 0 ? [l] : ['', l]));
}

/**
 * The hover for a workload's name: where it sits on the spectrum, the reasons that place it, what
 * the next step up would take, and the spectrum lesson.
 */
export function renderOverview(
  header: string,
  label: string,
  profile: IsolationProfile,
  range: Range,
  options: YamlHoverOptions = {},
  placement: SpectrumPlacement = placeOnSpectrum(profile),
): YamlHover {
  const reasons = placement.reasons.slice(0, 6).map((r) => `- ${r.direction === 'weaker' ? '▼' : '▲'} ${escapeMarkdown(r.text, 300)}`);
  if (placement.reasons.length > 6) reasons.push(`- …and ${placement.reasons.length - 6} more`);
  const extra = [...reasons];
  if (placement.nextStep && placement.nextStep.actions.length) {
    extra.push('', `To become a ${LEVEL_LABELS[placement.nextStep.level]}:`);
    for (const a of placement.nextStep.actions.slice(0, 5)) extra.push(`- ${escapeActionText(a.text)}`);
  }
  const lead = `${label} is a **${LEVEL_LABELS[placement.level]}** on the isolation spectrum.`;
  const lesson: TopicId = 'isolation-spectrum';
  const lines = [header, '', lead, '', ...extra, '', '---', '', `**${topicLink(lesson, options.link)}**: ${TOPICS[lesson].summary}`];
  const more: TopicId[] = ['vm-vs-container', 'shared-kernel'];
  lines.push('', seeAlsoLine(more, options.link));
  return { markdown: lines.join('\n'), range, topics: [lesson, ...more] };
}

/**
 * Action texts are ours, with inline code spans around settings, but may quote a path or capability
 * from the file: escape the prose between the code spans and keep the spans.
 */
export function escapeActionText(text: string): string {
  return text
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? inlineCode(part.slice(1, -1), 300) : escapeMarkdown(part, 400)))
    .join('');
}
