/** Shared by the compose rules (not a rule). */
import { profileFromCompose } from '../../isolation/profile';
import type { IsolationProfile } from '../../isolation/profile';
import type { Range } from '../../text/range';
import type { Located } from '../../yaml/read';
import type { ComposeService } from '../model';

const PROFILES = new WeakMap<ComposeService, IsolationProfile>();

/** The service's isolation profile, built once per parsed service and shared by every rule and the editor. */
export function profileOf(service: ComposeService): IsolationProfile {
  let p = PROFILES.get(service);
  if (!p) {
    p = profileFromCompose(service);
    PROFILES.set(service, p);
  }
  return p;
}

/** "service `web`". */
export function svc(service: ComposeService): string {
  return `service \`${service.name}\``;
}

/** Where a setting is written: the pair (`privileged: true`), or the value for list items. */
export function at(l: Located<unknown>): Range {
  return l.pairRange ?? l.range;
}

/** The value comes from `<<: *anchor` or from the service it `extends`: edit the service, not the shared text. */
export function isShared(service: ComposeService, key: string, l?: { mergedVia?: Range }): boolean {
  return Boolean(l?.mergedVia) || service.inherited.includes(key);
}

/** `host` (case-insensitive, trimmed). */
export function isHost(l: Located<string | undefined> | undefined): boolean {
  return l?.value?.trim().toLowerCase() === 'host';
}


/** A range without the trailing line break a block node's range ends with. */
export { trimRange as trimmed } from '../../yaml/edit';
