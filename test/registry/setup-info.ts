/** What globalSetup tells the registry tests (vitest `provide`/`inject`). */
export interface RegistrySuiteInfo {
  /** docker-registry, openssl and htpasswd are installed. */
  tools: { available: true } | { available: false; reason: string };
  /** The CLI and the registry module bundled by esbuild, for child processes. */
  bundles: { cli: string; registry: string };
  /** The private dockerd (scripts/engine/start-engine.sh). */
  engine: { available: true; dockerHost: string; image: string } | { available: false; reason: string };
}

declare module 'vitest' {
  export interface ProvidedContext {
    registrySuite: RegistrySuiteInfo;
  }
}
