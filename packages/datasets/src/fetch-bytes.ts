// One file over HTTP with the standard fetch (browsers, Node >= 18): status, length, md5 and gzip checked.
import { defaultCacheStorage, browserCache, type BytesCache } from './bytes-cache';
import { DatasetError } from './errors';
import { gunzip } from './gunzip';
import { isGzip } from './idx-parse';
import { md5 } from './md5';
import type { ProgressListener } from './progress';

/** The subset of `fetch` the HTTP loaders call; `globalThis.fetch` fits, so does a wrapper adding headers. */
export type FetchFunction = (url: string, init: { signal?: AbortSignal }) => Promise<Response>;

/** Options for {@link fetchBytes}. */
export interface FetchBytesOptions {
  /** The fetch to use. Default `globalThis.fetch`. */
  fetch?: FetchFunction;
  /** Aborts the request; the abort reason is rethrown as is (an `AbortError` by default). */
  signal?: AbortSignal;
  /** Called as bytes arrive and once at the end (`done: true`). A function only: nothing is ever printed. */
  progress?: ProgressListener;
  /** md5 (hex) the bytes as served must have — before gunzip, as the official digests are of the `.gz` files. */
  expectedMd5?: string;
  /** Gunzip when the bytes start with the gzip magic number 1f 8b. Default true. */
  gunzip?: boolean;
  /**
   * Where to keep the file once fetched (and checked, when `expectedMd5` is given), keyed by URL: a
   * {@link BytesCache}, or `false` for none. Default: {@link browserCache} where the runtime has Cache
   * Storage (browser pages over https or localhost), none elsewhere (Node: use `loadMnist` and friends,
   * which cache on disk). A cached file is checked against `expectedMd5` again; a mismatch drops it and
   * fetches anew.
   */
  cache?: BytesCache | false;
}

function fileName(url: string): string {
  const path = url.split(/[?#]/)[0];
  return path.slice(path.lastIndexOf('/') + 1) || url;
}

function isAbort(e: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (e instanceof Error && e.name === 'AbortError');
}

/**
 * Fetches `url` into a `Uint8Array`, checking what browsers and Node's `fetch` leave unchecked: an HTTP
 * error status, a body shorter than its `Content-Length`, an md5 mismatch. Gzip bytes are decompressed
 * (via `DecompressionStream`) whatever the file name says, so `.gz` and plain files read the same.
 *
 * A server that sends a `.gz` file with `Content-Encoding: gzip` (Vite's dev and preview servers do) has
 * fetch decompress it on the way: the bytes are right, but the md5 of the stored file cannot be checked,
 * so `expectedMd5` then fails with a `CHECKSUM` error on field `Content-Encoding` saying so.
 *
 * @throws {DatasetError} `NOT_FOUND` (HTTP 404/410) or `NETWORK` (other statuses, connection failures),
 *   with the URL in `file` and the status in `received`; `TRUNCATED` when the body ends before its
 *   `Content-Length` or the connection drops mid-body; `CHECKSUM` for an md5 mismatch; the gzip errors of
 *   {@link gunzip}. An abort through `signal` rethrows the signal's reason.
 * @example
 * ```ts
 * const bytes = await fetchBytes('https://ossci-datasets.s3.amazonaws.com/mnist/t10k-labels-idx1-ubyte.gz', {
 *   expectedMd5: 'ec29112dd5afa0611ce80d1b7f02629c',
 *   progress: (e) => console.log(e.file, e.received, e.total),
 * });
 * parseIdx(bytes).shape; // [10000]
 * ```
 */
export async function fetchBytes(url: string, options: FetchBytesOptions = {}): Promise<Uint8Array> {
  const cache = options.cache ?? (defaultCacheStorage() === undefined ? false : browserCache());
  if (
    cache !== false &&
    (typeof cache !== 'object' ||
      cache === null ||
      typeof cache.get !== 'function' ||
      typeof cache.set !== 'function' ||
      typeof cache.delete !== 'function')
  ) {
    throw new DatasetError('Not a cache', {
      code: 'BAD_ARGUMENT',
      file: url,
      field: 'options.cache',
      received: cache,
      expected: 'false or an object with get, set and delete (a BytesCache such as browserCache())',
    });
  }
  const expected = options.expectedMd5?.toLowerCase();
  const unzip = async (bytes: Uint8Array): Promise<Uint8Array> =>
    options.gunzip !== false && isGzip(bytes) ? gunzip(bytes, url) : bytes;
  if (cache !== false) {
    // A broken or evicted cache entry is no error: the file is fetched again.
    const hit = await cache.get(url).catch(() => undefined);
    if (hit !== undefined) {
      if (expected === undefined || md5(hit) === expected) {
        options.progress?.({ url, file: fileName(url), received: hit.length, total: hit.length, done: true });
        return unzip(hit);
      }
      await cache.delete(url).catch(() => undefined);
    }
  }
  const served = await fetchServed(url, options, expected);
  if (cache !== false) await cache.set(url, served).catch(() => undefined); // a full quota must not fail the load
  return unzip(served);
}

/** The file as served: fetched, its length and (when given) md5 checked; not yet gunzipped. */
async function fetchServed(url: string, options: FetchBytesOptions, expected: string | undefined): Promise<Uint8Array> {
  const doFetch: FetchFunction | undefined = options.fetch ?? (typeof fetch === 'function' ? fetch : undefined);
  if (doFetch === undefined) {
    throw new DatasetError('No fetch available', {
      code: 'BAD_ARGUMENT',
      file: url,
      field: 'options.fetch',
      received: 'undefined',
      expected: 'a fetch function (global in browsers and Node >= 18)',
    });
  }
  const { signal, progress } = options;
  const file = fileName(url);
  let response: Response;
  try {
    response = await doFetch(url, { signal });
  } catch (cause) {
    if (isAbort(cause, signal)) throw signal?.reason ?? cause;
    throw new DatasetError('Request failed', {
      code: 'NETWORK',
      file: url,
      received: cause instanceof Error ? cause.message : String(cause),
      expected: 'an HTTP response',
      hint: 'check the URL, the network and (in a browser) CORS',
      cause,
    });
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    const missing = response.status === 404 || response.status === 410;
    throw new DatasetError(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`, {
      code: missing ? 'NOT_FOUND' : 'NETWORK',
      file: url,
      field: 'status',
      received: response.status,
      expected: 'HTTP 2xx',
      hint: missing ? 'check the base URL and the file names' : undefined,
    });
  }

  // When the server sent a Content-Encoding (Vite's and many static servers send `.gz` files with
  // `Content-Encoding: gzip`), fetch hands us the decoded bytes: Content-Length counts the encoded ones,
  // and the digest of the file as stored cannot be checked.
  const encoding = response.headers.get('content-encoding');
  const decodedByFetch = encoding !== null && encoding !== 'identity';
  const lengthHeader = response.headers.get('content-length');
  const total = lengthHeader !== null && /^\d+$/.test(lengthHeader) && !decodedByFetch ? Number(lengthHeader) : undefined;
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = response.body?.getReader();
  try {
    if (reader === undefined) {
      const all = new Uint8Array(await response.arrayBuffer());
      chunks.push(all);
      received = all.length;
    } else {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.length;
        progress?.({ url, file, received, total, done: false });
      }
    }
  } catch (cause) {
    if (isAbort(cause, signal)) throw signal?.reason ?? cause;
    throw new DatasetError('Connection dropped before the body was complete', {
      code: 'TRUNCATED',
      file: url,
      field: 'body',
      received: `${received} bytes`,
      expected: total !== undefined ? `${total} bytes (Content-Length)` : 'a complete body',
      cause,
    });
  }
  // (A longer body cannot come from HTTP framing: it means a decoding the headers did not show, e.g. a
  // cross-origin response that does not expose Content-Encoding. Only a shorter one is an error.)
  if (total !== undefined && received < total) {
    throw new DatasetError('Body shorter than its Content-Length', {
      code: 'TRUNCATED',
      file: url,
      field: 'Content-Length',
      received: `${received} bytes`,
      expected: `${total} bytes`,
    });
  }
  progress?.({ url, file, received, total, done: true });

  let bytes: Uint8Array;
  if (chunks.length === 1) bytes = chunks[0];
  else {
    bytes = new Uint8Array(received);
    let off = 0;
    for (const c of chunks) {
      bytes.set(c, off);
      off += c.length;
    }
  }
  if (expected !== undefined) {
    if (decodedByFetch) {
      throw new DatasetError('Cannot check the md5: the server sent the file with a Content-Encoding, which fetch decoded', {
        code: 'CHECKSUM',
        file: url,
        field: 'Content-Encoding',
        received: encoding,
        expected: `the file as stored (md5 ${expected})`,
        hint:
          "static servers such as Vite's send .gz files with Content-Encoding: gzip; serve them as application/gzip " +
          'without it, or skip the check (verify: false in fetchMnist / fetchCifar10, no expectedMd5 here)',
      });
    }
    const actual = md5(bytes);
    if (actual !== expected) {
      const looksDecoded = /\.gz$/i.test(url.split(/[?#]/)[0]) && !isGzip(bytes);
      throw new DatasetError('Checksum mismatch', {
        code: 'CHECKSUM',
        file: url,
        field: 'md5',
        received: actual,
        expected,
        hint: looksDecoded
          ? 'the .gz file arrived already decompressed (a Content-Encoding: gzip the response did not expose?): serve it without Content-Encoding, or skip the check'
          : 'a mirror serving other bytes (a subset or re-compressed copy) needs verify: false or its own md5',
      });
    }
  }
  return bytes;
}
