/** Command ids, in one place: package.json `contributes.commands` lists the same strings. */
export const COMMANDS = {
  applyNonRootFix: 'containerLens.applyNonRootFix',
  lintCurrentFile: 'containerLens.lintCurrentFile',
  showOutput: 'containerLens.showOutput',
  /** Internal: target of "Show documentation for <rule>" (hidden from the palette). */
  openRuleDocs: 'containerLens.openRuleDocs',
  /**
   * Target of the code lens above each compose service / Kubernetes container: opens that workload's
   * isolation profile next to a VM's (a read-only Markdown preview until the comparison panel exists).
   */
  compareWithVm: 'containerLens.compareWithVm',
} as const;

export const NON_ROOT_RULE_ID = 'final-stage-runs-as-root';
