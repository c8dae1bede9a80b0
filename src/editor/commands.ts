/** Command ids, in one place: package.json `contributes.commands` lists the same strings. */
export const COMMANDS = {
  applyNonRootFix: 'containerLens.applyNonRootFix',
  lintCurrentFile: 'containerLens.lintCurrentFile',
  showOutput: 'containerLens.showOutput',
  /** Internal: target of "Show documentation for <rule>" (hidden from the palette). */
  openRuleDocs: 'containerLens.openRuleDocs',
} as const;

export const NON_ROOT_RULE_ID = 'final-stage-runs-as-root';
