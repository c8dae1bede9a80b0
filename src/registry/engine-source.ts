/**
 * The local Docker engine as the offline digest source: `RepoDigests` of an image it already has, read
 * with the project's engine client (`src/docker`). An image that is not there, or an engine that is not
 * there, answers `undefined` and the resolver asks the registry instead.
 */
import { EngineClient } from '../docker/engine-client';
import { resolveEndpoint, nodeResolveDeps } from '../docker/endpoint';
import type { Endpoint, ResolveSettings } from '../docker/endpoint';
import { isEngineError } from '../docker/errors';
import type { EngineSource } from './resolver';

export interface EngineRepoDigests extends EngineSource {
  dispose(): void;
}

/**
 * `GET /images/{name}/json` → `RepoDigests` (`["node@sha256:…"]`); `undefined` when the engine has no such
 * image (404) or cannot be reached. An image that was built or imported locally has none: `[]`.
 */
export function engineRepoDigests(client: EngineClient): EngineRepoDigests {
  return {
    async imageRepoDigests(reference) {
      try {
        const image = await client.imageInspect(reference);
        return (image.RepoDigests ?? []).filter((d): d is string => typeof d === 'string');
      } catch (e) {
        if (isEngineError(e)) return undefined;
        throw e;
      }
    },
    dispose() {
      client.dispose();
    },
  };
}

/** The engine the docker CLI would use (DOCKER_HOST, DOCKER_CONTEXT, contexts, sockets), or undefined. */
export function localEngineSource(settings: ResolveSettings = {}, timeoutMs = 3000): EngineRepoDigests | undefined {
  let endpoint: Endpoint;
  try {
    endpoint = resolveEndpoint(nodeResolveDeps(), settings);
  } catch {
    return undefined;
  }
  return engineRepoDigests(new EngineClient(endpoint, { timeoutMs }));
}
