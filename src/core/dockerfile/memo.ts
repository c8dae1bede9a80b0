/**
 * Values computed once per instruction or model and kept on that object, for the readers several rules share
 * (tokenised RUN scripts, package commands, stage facts).
 *
 * Not in module-level WeakMaps: with those (long-lived, so in V8's old generation), the young-generation
 * collections that run while files are linted kept what the maps held (tokenised scripts, and through them the
 * models and ASTs) and copied and promoted it instead of letting it die young. Over the benchmark corpus that
 * made young collections cost about half a millisecond per file on node 20, more than all the rules; with the
 * cache on the object itself it is about a tenth of that.
 * The cache is a non-enumerable symbol property: nothing that walks the object's keys (or compares objects in
 * tests) sees it, and it goes away with the object.
 */
const CACHE = Symbol('container-lens memo');

type Owner = object & { [CACHE]?: Map<string, unknown> };

/** `compute()` for this owner and key, once. */
export function memo<T>(owner: object, key: string, compute: () => T): T {
  const o = owner as Owner;
  let cache = o[CACHE];
  if (!cache) {
    cache = new Map();
    Object.defineProperty(o, CACHE, { value: cache });
  }
  if (cache.has(key)) return cache.get(key) as T;
  const value = compute();
  cache.set(key, value);
  return value;
}
