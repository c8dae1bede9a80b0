import * as vscode from 'vscode';
import type { EditorSettings } from './editor-settings';
import { readEditorSettings } from './editor-settings';
import type { Logger } from './log';

export const SETTINGS_SECTION = 'containerLens';

/**
 * `containerLens.*` for a document (resource-scoped, so folder settings apply). Problems with the values
 * are logged once each, not on every keystroke.
 */
export function createSettingsSource(log: Logger): (doc: vscode.TextDocument) => EditorSettings {
  const reported = new Set<string>();
  return (doc) => {
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, doc.uri);
    const problems: string[] = [];
    const settings = readEditorSettings((key) => config.get(key), problems);
    for (const p of problems) {
      if (reported.has(p)) continue;
      reported.add(p);
      log.warn(`ignoring invalid setting ${p}`);
    }
    return settings;
  };
}
