/**
 * The local engine as a digest source for the registry resolver: `RepoDigests` of an image the engine
 * already has, read through the same endpoint resolution as the Containers view (settings, DOCKER_HOST,
 * contexts, well-known sockets). No vscode here.
 *
 * An engine that is not there is normal (no Docker on this machine): every failure answers `undefined`
 * ("the engine does not know"), and after a connection failure the engine is not asked again for a
 * while, so "Pin all" on a file with fifty images does not wait fifty times on a dead TCP host.
 */
import { EngineClient, isEngineError, nodeResolveDeps, resolveEndpoint } from '../docker';
import type { Endpoint, ResolveDeps, ResolveSettings } from '../docker';

export interface EngineDigestSource {
  imageRepoDigests(reference: string): Promise<string[] | undefined>;
  dispose(): void;
}

export interface EngineDigestOptions {
  /** The `containerLens.docker.*` settings, read at every call. */
  settings: () => ResolveSettings;
  deps?: () => ResolveDeps;
  /** Per engine request; short, the registry is the fallback. Default 3 s. */
  timeoutMs?: number;
  /** How long an unreachable engine is left alone. Default 30 s. */
  retryAfterMs?: number;
  now?: () => number;
  userAgent?: string;
}

export function engineDigestSource(options: EngineDigestOptions): EngineDigestSource {
  const now = options.now ?? Date.now;
  let client: EngineClient | undefined;
  let clientKey = '';
  let downUntil = 0;

  const clientFor = (endpoint: Endpoint): EngineClient => {
    const key = `${endpoint.host} ${JSON.stringify(endpoint.transport)}`;
    if (!client || key !== clientKey) {
      client?.dispose();
      client = new EngineClient(endpoint, { timeoutMs: options.timeoutMs ?? 3000, userAgent: options.userAgent ?? 'container-lens' });
      clientKey = key;
    }
    return client;
  };

  return {
    async imageRepoDigests(reference) {
      if (now() < downUntil) return undefined;
      let endpoint: Endpoint;
      try {
        endpoint = resolveEndpoint((options.deps ?? nodeResolveDeps)(), options.settings());
      } catch {
        return undefined;
      }
      try {
        const image = await clientFor(endpoint).imageInspect(reference);
        return (image.RepoDigests ?? []).filter((d): d is string => typeof d === 'string');
      } catch (e) {
        // 404 "No such image": the engine is fine, it just does not have this one.
        if (isEngineError(e) && e.kind === 'engine') return undefined;
        downUntil = now() + (options.retryAfterMs ?? 30_000);
        return undefined;
      }
    },
    dispose() {
      client?.dispose();
      client = undefined;
    },
  };
}
