/**
 * Base-image facts as data: distro family, the user an image runs as, and how to create a user there.
 * Used by the "runs as root" rule (root by default or not?), the non-root quick-fix and FROM hovers.
 */
export type DistroFamily =
  | 'alpine'
  | 'debian'
  | 'rhel'
  | 'busybox'
  | 'distroless'
  | 'wolfi'
  | 'scratch'
  | 'windows'
  | 'unknown';

/** How to add a system user and group in that family. */
export type UserCreation = 'adduser-busybox' | 'useradd' | 'none';

export interface ImageFacts {
  /** Which entry matched, for hovers ("official node image"). */
  label: string;
  family: DistroFamily;
  /** Does a container of this image run as root when the Dockerfile says no USER? */
  runsAsRoot: boolean | 'unknown';
  /** The user the image runs as by default (when not root), e.g. `nonroot` or `1001`. */
  defaultUser?: string;
  /** A non-root user the image ships that a Dockerfile can switch to, e.g. `node` (uid 1000). */
  existingUser?: { name: string; uid: number };
  userCreation: UserCreation;
  /** Package manager, for cache-cleanup fixes. */
  packageManager?: 'apk' | 'apt' | 'dnf' | 'microdnf' | 'yum' | 'zypper' | 'tdnf' | 'none';
  note?: string;
}

export interface ImageRefLike {
  /** Repository path without registry, e.g. `library/node`, `distroless/static-debian12`. */
  path: string;
  registry?: string;
  tag?: string;
}

const UNKNOWN: ImageFacts = { label: 'unknown image', family: 'unknown', runsAsRoot: 'unknown', userCreation: 'none' };

/** Look up what Container Lens knows about a base image. Never throws; unknown images get `family: 'unknown'`. */
export function lookupImage(ref: ImageRefLike): ImageFacts {
  const path = ref.path.toLowerCase();
  const last = path.split('/').pop() ?? path;
  const tag = (ref.tag ?? 'latest').toLowerCase();
  if (path === 'scratch') {
    return { label: 'scratch (empty image)', family: 'scratch', runsAsRoot: true, userCreation: 'none', packageManager: 'none' };
  }
  if (last === 'alpine' || tag.includes('alpine')) {
    return { label: 'Alpine Linux', family: 'alpine', runsAsRoot: true, userCreation: 'adduser-busybox', packageManager: 'apk' };
  }
  if (last === 'debian' || last === 'ubuntu') {
    return { label: last === 'debian' ? 'Debian' : 'Ubuntu', family: 'debian', runsAsRoot: true, userCreation: 'useradd', packageManager: 'apt' };
  }
  return UNKNOWN;
}
