import { version } from '../../package.json';

/** Name, version and links the CLI prints and puts into SARIF. */
export const TOOL_NAME = 'container-lens';
export const TOOL_VERSION: string = version;

/**
 * The project's home. The editor links `Diagnostic.code.target` to the same `docs/rules.md#<id>` page;
 * keep both in step if the repository moves.
 */
export const PROJECT_URL = 'https://github.com/container-lens/container-lens';

export function ruleDocsUrl(ruleId: string): string {
  return `${PROJECT_URL}/blob/main/docs/rules.md#${ruleId}`;
}
