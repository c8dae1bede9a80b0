/**
 * The local Docker engine as the offline digest source: `RepoDigests` of an image it already has, read with the
 * project's engine client (`src/docker`) at the endpoint the docker CLI and the Containers view would use
 * (the `containerLens.docker.*` settings, DOCKER_HOST, DOCKER_CONTEXT, contexts, well-known sockets). No vscode.
 *
 * An engine that is not there is normal (no Docker on this machine): every failure answers `undefined` ("the
 * engine does not know") and the resolver asks the registry instead. After a connection failure the engine is not
 * asked again for a while, so "Pin all" on a file with fifty images does not wait fifty times on a dead TCP host.
 */
import { resolveEndpoint, nodeResolveDeps } from '../docker/endpoint';
import type { Endpoint, ResolveDeps, ResolveSettings } from '../docker/endpoint';
import { EngineClient } from '../docker/engine-client';
import { isEngineError } from '../docker/errors';
import type { EngineSource } from './resolver';

export interface EngineDigestSource extends EngineSource {
  dispose(): void;
}

export interface EngineDigestOptions {
  /** Which engine is the local one (the editor's `containerLens.docker.*`), read at every call. Default: none set. */
  settings?: () => ResolveSettings;
  deps?: () => ResolveDeps;
  /** Per engine request; short, the registry is the fallback. Default 3 s. */
  timeoutMs?: number;
  /** How long an unreachable engine is left alone. Default 30 s. */
  retryAfterMs?: number;
  now?: () => number;
  userAgent?: string;
}

/**
 * `GET /images/{name}/json` → `RepoDigests` (`["node@sha256:…"]`); `undefined` when the engine has no such image
 * (404), cannot be found or cannot be reached. An image that was built or imported locally has none: `[]`.
 */
export function engineDigestSource(options: EngineDigestOptions = {}): EngineDigestSource {
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
        endpoint = resolveEndpoint((options.deps ?? nodeResolveDeps)(), options.settings?.() ?? {});
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
