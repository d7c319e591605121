// Where the HTTP loaders keep the files they fetched, so a page reload does not download MNIST again.
import { DatasetError } from './errors';

/**
 * A store of downloaded files, keyed by URL, holding the bytes exactly as served (before gunzip), so that
 * their md5 can be checked again when they are read back. {@link browserCache} is the one browsers use;
 * any object with these three methods (an IndexedDB wrapper, a `Map` in tests) works too.
 */
export interface BytesCache {
  /** The bytes stored under `key`, or undefined. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** Stores `bytes` under `key`, replacing what was there. */
  set(key: string, bytes: Uint8Array): Promise<void>;
  /** Forgets `key` (no error when absent). */
  delete(key: string): Promise<void>;
}

/**
 * The part of the Cache Storage API that {@link browserCache} uses: `globalThis.caches` fits. Declared
 * here so that the types need no DOM library.
 */
export interface CacheStorageLike {
  open(name: string): Promise<{
    match(key: string): Promise<Response | undefined>;
    put(key: string, response: Response): Promise<void>;
    delete(key: string): Promise<boolean>;
  }>;
}

/** Options for {@link browserCache}. */
export interface BrowserCacheOptions {
  /** Name of the Cache Storage cache. Default `'dlkit-datasets'`. */
  name?: string;
  /** The Cache Storage to use. Default `globalThis.caches` (browsers, in secure contexts: https or localhost). */
  storage?: CacheStorageLike;
}

/**
 * A {@link BytesCache} in the browser's Cache Storage (the Cache API of service workers, usable from any
 * page): files survive reloads and are shared by every page of the origin; the browser may evict them
 * under storage pressure. Clear it with `caches.delete('dlkit-datasets')`.
 *
 * @throws {DatasetError} `BAD_ARGUMENT` when there is no Cache Storage (Node, or a page not served over
 *   https or from localhost).
 * @example
 * ```ts
 * const mnist = await fetchMnist({ cache: browserCache() }); // the default in browsers anyway
 * ```
 */
export function browserCache(options: BrowserCacheOptions = {}): BytesCache {
  const storage = options.storage ?? defaultCacheStorage();
  if (storage === undefined) {
    throw new DatasetError('No Cache Storage here', {
      code: 'BAD_ARGUMENT',
      field: 'options.storage',
      received: 'undefined',
      expected: 'globalThis.caches (a browser page served over https or from localhost) or a CacheStorage',
    });
  }
  const name = options.name ?? 'dlkit-datasets';
  let opened: ReturnType<CacheStorageLike['open']> | undefined;
  // Opened once; a failed open is forgotten so that the next call tries again.
  const cache = () => {
    if (opened === undefined) {
      opened = storage.open(name);
      opened.catch(() => (opened = undefined));
    }
    return opened;
  };
  return {
    async get(key) {
      const hit = await (await cache()).match(key);
      return hit === undefined ? undefined : new Uint8Array(await hit.arrayBuffer());
    },
    async set(key, bytes) {
      const body = bytes.slice().buffer;
      await (await cache()).put(key, new Response(body, { headers: { 'content-type': 'application/octet-stream' } }));
    },
    async delete(key) {
      await (await cache()).delete(key);
    },
  };
}

/** @internal `globalThis.caches` when this runtime has Cache Storage, else undefined. */
export function defaultCacheStorage(): CacheStorageLike | undefined {
  const g = globalThis as { caches?: CacheStorageLike };
  return typeof g.caches === 'object' && g.caches !== null ? g.caches : undefined;
}
