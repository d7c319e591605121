import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserCache, type BytesCache } from '../src/bytes-cache';
import { DatasetError } from '../src/errors';
import { fetchBytes } from '../src/fetch-bytes';
import { fetchMnist } from '../src/fetch-mnist';
import { catchAsync, gzip } from './helpers';
import { TestServer, bytes, md5 } from './http-server';

const server = new TestServer();
beforeAll(() => server.start());
afterAll(() => server.stop());

/** A BytesCache in a Map, counting its calls. */
function mapCache(): BytesCache & { map: Map<string, Uint8Array>; calls: string[] } {
  const map = new Map<string, Uint8Array>();
  const calls: string[] = [];
  return {
    map,
    calls,
    async get(key) {
      calls.push(`get ${key}`);
      return map.get(key);
    },
    async set(key, value) {
      calls.push(`set ${key}`);
      map.set(key, value.slice());
    },
    async delete(key) {
      calls.push(`delete ${key}`);
      map.delete(key);
    },
  };
}

/** Cache Storage as the browser has it, over a Map of Responses (Node has Response, not caches). */
function fakeCacheStorage(): CacheStorage & { names: Set<string> } {
  const caches = new Map<string, Map<string, Response>>();
  const names = new Set<string>();
  const open = async (name: string) => {
    names.add(name);
    if (!caches.has(name)) caches.set(name, new Map());
    const entries = caches.get(name)!;
    return {
      match: async (key: string) => entries.get(key)?.clone(),
      put: async (key: string, response: Response) => void entries.set(key, response),
      delete: async (key: string) => entries.delete(key),
    } as unknown as Cache;
  };
  return { open, names } as unknown as CacheStorage & { names: Set<string> };
}

const requestsTo = (path: string) => server.requests.filter((r) => r.path === path).length;

describe('fetchBytes with a cache', () => {
  it('stores the file as served and reads it back without a request, gunzipped the same', async () => {
    const raw = bytes(50_000, 3);
    const url = server.route('/cached/a.gz', { kind: 'ok', body: gzip(raw) });
    const cache = mapCache();
    const first = await fetchBytes(url, { cache, expectedMd5: md5(gzip(raw)) });
    expect(Buffer.from(cache.map.get(url)!).equals(Buffer.from(gzip(raw)))).toBe(true); // before gunzip
    const events: { done: boolean; received: number }[] = [];
    const second = await fetchBytes(url, { cache, expectedMd5: md5(gzip(raw)), progress: (e) => events.push(e) });
    expect(requestsTo('/cached/a.gz')).toBe(1);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    expect(Buffer.from(second).equals(Buffer.from(raw))).toBe(true);
    expect(events).toEqual([expect.objectContaining({ done: true, received: gzip(raw).length })]);
  });

  it('drops a cached file whose md5 no longer matches and fetches it again', async () => {
    const body = bytes(1_000, 4);
    const url = server.route('/cached/b.bin', { kind: 'ok', body });
    const cache = mapCache();
    cache.map.set(url, new Uint8Array(1_000)); // corrupt entry
    const out = await fetchBytes(url, { cache, expectedMd5: md5(body) });
    expect(Buffer.from(out).equals(Buffer.from(body))).toBe(true);
    expect(cache.calls).toEqual([`get ${url}`, `delete ${url}`, `set ${url}`]);
    expect(requestsTo('/cached/b.bin')).toBe(1);
    // Without an md5 to check, a cached file is trusted.
    cache.map.set(url, Uint8Array.of(7));
    expect(Array.from(await fetchBytes(url, { cache }))).toEqual([7]);
  });

  it('stores nothing when the download fails or the md5 is wrong', async () => {
    const cache = mapCache();
    await catchAsync(fetchBytes(server.url('/cached/missing.gz'), { cache }));
    const url = server.route('/cached/c.bin', { kind: 'ok', body: bytes(100, 5) });
    const e = await catchAsync(fetchBytes(url, { cache, expectedMd5: '0'.repeat(32) }));
    expect(e.code).toBe('CHECKSUM');
    expect(cache.map.size).toBe(0);
  });

  it('still loads when the cache fails to read or write (evicted, over quota)', async () => {
    const body = bytes(300, 6);
    const url = server.route('/cached/d.bin', { kind: 'ok', body });
    const broken: BytesCache = {
      get: async () => Promise.reject(new Error('gone')),
      set: async () => Promise.reject(new Error('QuotaExceededError')),
      delete: async () => undefined,
    };
    expect(Buffer.from(await fetchBytes(url, { cache: broken })).equals(Buffer.from(body))).toBe(true);
  });

  it('uses no cache in Node by default and rejects a cache that is not one', async () => {
    expect((globalThis as { caches?: unknown }).caches).toBeUndefined();
    const url = server.route('/cached/e.bin', { kind: 'ok', body: bytes(10, 7) });
    await fetchBytes(url);
    await fetchBytes(url);
    expect(requestsTo('/cached/e.bin')).toBe(2);
    const e = await catchAsync(fetchBytes(url, { cache: {} as BytesCache }));
    expect(e).toBeInstanceOf(DatasetError);
    expect(e.code).toBe('BAD_ARGUMENT');
    expect(e.field).toBe('options.cache');
  });

  it('passes the cache through fetchMnist: a second load makes no request', async () => {
    const cache = mapCache();
    const images = (n: number) =>
      gzip(Uint8Array.from([0, 0, 8, 3, 0, 0, 0, n, 0, 0, 0, 28, 0, 0, 0, 28, ...new Uint8Array(n * 784).fill(9)]));
    const labels = (n: number) => gzip(Uint8Array.from([0, 0, 8, 1, 0, 0, 0, n, ...Array.from({ length: n }, (_, i) => i % 10)]));
    server.route('/m/train-images-idx3-ubyte.gz', { kind: 'ok', body: images(3) });
    server.route('/m/train-labels-idx1-ubyte.gz', { kind: 'ok', body: labels(3) });
    server.route('/m/t10k-images-idx3-ubyte.gz', { kind: 'ok', body: images(2) });
    server.route('/m/t10k-labels-idx1-ubyte.gz', { kind: 'ok', body: labels(2) });
    const a = await fetchMnist({ baseUrl: server.url('/m/'), verify: false, cache });
    const b = await fetchMnist({ baseUrl: server.url('/m/'), verify: false, cache });
    expect(server.requests.filter((r) => r.path.startsWith('/m/')).length).toBe(4);
    expect(b.train.shape).toEqual(a.train.shape);
    expect(Array.from(b.test.labels)).toEqual([0, 1]);
  });
});

describe('browserCache', () => {
  it('keeps files in the named Cache Storage cache as Responses', async () => {
    const storage = fakeCacheStorage();
    const cache = browserCache({ storage, name: 'mine' });
    expect(await cache.get('https://example.test/x')).toBeUndefined();
    const view = new Uint8Array([9, 1, 2, 3, 9]).subarray(1, 4); // a view: only its bytes are stored
    await cache.set('https://example.test/x', view);
    expect(Array.from((await cache.get('https://example.test/x'))!)).toEqual([1, 2, 3]);
    await cache.delete('https://example.test/x');
    expect(await cache.get('https://example.test/x')).toBeUndefined();
    expect([...storage.names]).toEqual(['mine']);
  });

  it('fails with BAD_ARGUMENT where there is no Cache Storage (Node, http pages)', () => {
    expect(() => browserCache()).toThrow(DatasetError);
    try {
      browserCache();
    } catch (e) {
      expect((e as DatasetError).code).toBe('BAD_ARGUMENT');
      expect((e as DatasetError).expected).toContain('globalThis.caches');
    }
  });
});
