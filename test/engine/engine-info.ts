/** What globalSetup tells the engine tests (vitest `provide`/`inject`). */
export type EngineInfo =
  | { available: false; reason: string }
  | {
      available: true;
      /** unix:///run/container-lens-test/docker.sock */
      dockerHost: string;
      /** The engine's run folder: socket, pid files. */
      runDir: string;
      /** The registry-free busybox image. */
      image: string;
      /** The repository root (for scripts). */
      root: string;
      /** Root: may stop, kill and restart dockerd and switch users. */
      canControlDaemon: boolean;
    };

declare module 'vitest' {
  export interface ProvidedContext {
    engine: EngineInfo;
  }
}
