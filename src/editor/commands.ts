/** Command ids, in one place: package.json `contributes.commands` lists the same strings. */
export const COMMANDS = {
  applyNonRootFix: 'containerLens.applyNonRootFix',
  lintCurrentFile: 'containerLens.lintCurrentFile',
  showOutput: 'containerLens.showOutput',
  /** Internal: target of "Show documentation for <rule>" (hidden from the palette). */
  openRuleDocs: 'containerLens.openRuleDocs',
  /**
   * Target of the code lens above each compose service, Kubernetes container and Dockerfile final stage,
   * of the Containers view's "Compare with a VM", and of the palette: the comparison panel (src/panel).
   */
  compareWithVm: 'containerLens.compareWithVm',
  /** The same workload's isolation profile as a read-only Markdown page ("Open as text" in the panel). */
  openIsolationReport: 'containerLens.openIsolationReport',
  /** Pin one image to its current digest (the pin quick fix runs it with its target; the palette uses the cursor). */
  pinDigest: 'containerLens.pinDigest',
  /** Pin every unpinned image of the file in one edit. */
  pinAllImages: 'containerLens.pinAllImages',
  /** Re-resolve the tags of `name:tag@digest` references; diff preview, then one edit. */
  updatePinnedDigests: 'containerLens.updatePinnedDigests',
} as const;

export const NON_ROOT_RULE_ID = 'final-stage-runs-as-root';
