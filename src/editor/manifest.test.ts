import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json';
import { COMMANDS } from './commands';
import { CONTAINER_COMMANDS } from '../views/command-ids';

const ROOT = join(__dirname, '..', '..');

/** What package.json promises about the editor glue, checked without starting VS Code. */
describe('package.json contributions', () => {
  const c = pkg.contributes as Record<string, any>;

  it('activates lazily: on Dockerfiles, compose files and YAML, never on startup', () => {
    expect(pkg.activationEvents).toEqual(expect.arrayContaining(['onLanguage:dockerfile', 'onLanguage:dockercompose', 'onLanguage:yaml']));
    // the comparison panel restores itself after a reload (its serializer needs the extension active)
    expect(pkg.activationEvents).toContain('onWebviewPanel:containerLens.comparison');
    for (const e of pkg.activationEvents) expect(e).toMatch(/^on(Language|View|WebviewPanel):/);
    expect(pkg.activationEvents).not.toContain('*');
    expect(pkg.main).toBe('./dist/extension.js');
  });

  it('associates file names with the dockerfile language without redefining its grammar', () => {
    const langs = c.languages as Record<string, unknown>[];
    expect(langs.map((l) => l.id)).toEqual(['dockerfile']);
    const [lang] = langs as { filenames: string[]; filenamePatterns: string[] }[];
    expect(lang.filenames).toContain('Containerfile');
    expect(lang.filenamePatterns).toEqual(expect.arrayContaining(['*.Dockerfile', 'Dockerfile.*', '*.containerfile']));
    expect(lang).not.toHaveProperty('configuration');
    for (const g of c.grammars as Record<string, unknown>[]) {
      expect(g).not.toHaveProperty('language');
      expect(g.injectTo).toEqual(['source.dockerfile']);
      expect(existsSync(join(ROOT, g.path as string))).toBe(true);
    }
  });

  it('contributes every command the code registers, and nothing else', () => {
    const contributed = (c.commands as { command: string }[]).map((x) => x.command).sort();
    expect(contributed).toEqual([...Object.values(COMMANDS), ...Object.values(CONTAINER_COMMANDS)].sort());
  });

  it('declares the editor settings next to the generated rules setting', () => {
    const props = (Array.isArray(c.configuration) ? c.configuration[0] : c.configuration).properties;
    expect(props['containerLens.enable'].default).toBe(true);
    expect(props['containerLens.lint.debounceMs'].default).toBe(250);
    expect(props['containerLens.lint.minimumSeverity'].enum).toEqual(['error', 'warning', 'info', 'hint']);
    expect(props['containerLens.codeLens.enable'].default).toBe(true);
  });

  it('has a 128x128 PNG icon', () => {
    const png = readFileSync(join(ROOT, pkg.icon));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(128);
    expect(png.readUInt32BE(20)).toBe(128);
  });
});
