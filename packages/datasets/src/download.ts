import { createWriteStream, type WriteStream } from 'node:fs';
import { fsyncPath } from '@dlkit/core/node';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import { basename, dirname } from 'node:path';
import { Transform } from 'node:stream';
import { isOffline } from './cache-dir';
import { checkChecksum, verifyFile, type Checksum } from './checksum';
import { DatasetError } from './errors';
import { acquireLock } from './file-lock';
import { progressListener, type ProgressListener, type ProgressOption } from './progress';

/** Options for {@link downloadFile}. */
export interface DownloadOptions {
  /** Mirrors, tried in order; each full URL of the same file (http: or https:). */
  urls: readonly string[];
  /** Final path. Written atomically: bytes go to `<dest>.part`, renamed into place once verified. */
  dest: string;
  /** Digest the file must match. Without it, only the `Content-Length` is checked. */
  checksum?: Checksum;
  /** Attempts per mirror for retryable failures (network errors, truncation, 5xx). Default 3. */
  attempts?: number;
  /** Delay before a retry, doubled each time. Default 250 ms. */
  retryDelayMs?: number;
  /** Abort a request when no byte arrives for this long. Default 30 000 ms. */
  idleTimeoutMs?: number;
  /**
   * While another process downloads the same file, wait as long as it is alive and its `.part` file grows;
   * give up only when it makes no progress for this long. Default `max(120 000, 2 × idleTimeoutMs)` ms.
   */
  stallTimeoutMs?: number;
  /** Continue a partial `.part` file with an HTTP Range request. Default true. */
  resume?: boolean;
  /** Never touch the network; fail with `OFFLINE` if the file is not cached. Default `$DLKIT_OFFLINE`. */
  offline?: boolean;
  /** Progress reporting, see {@link ProgressOption}. Default silent. */
  progress?: ProgressOption;
}

/** Outcome of {@link downloadFile}. */
export interface DownloadResult {
  /** The verified file. */
  path: string;
  /** False when a valid cached copy was used. */
  downloaded: boolean;
  /** The mirror that served it (when downloaded). */
  url?: string;
}

class AttemptError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly kind: 'http' | 'network' | 'truncated' | 'checksum',
  ) {
    super(message);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function request(url: string, headers: Record<string, string>, idleTimeoutMs: number, redirects = 5): Promise<IncomingMessage> {
  return new Promise((resolvePromise, reject) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      reject(new AttemptError(`invalid URL ${url}`, false, 'http'));
      return;
    }
    const get = parsed.protocol === 'https:' ? httpsGet : parsed.protocol === 'http:' ? httpGet : undefined;
    if (get === undefined) {
      reject(new AttemptError(`unsupported protocol ${parsed.protocol}`, false, 'http'));
      return;
    }
    let response: IncomingMessage | undefined;
    const req = get(parsed, { headers: { 'user-agent': '@dlkit/datasets', ...headers } }, (res) => {
      response = res;
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location !== undefined) {
        res.resume();
        if (redirects === 0) {
          reject(new AttemptError(`too many redirects at ${url}`, false, 'http'));
          return;
        }
        const next = new URL(res.headers.location, parsed).toString();
        request(next, headers, idleTimeoutMs, redirects - 1).then(resolvePromise, reject);
        return;
      }
      resolvePromise(res);
    });
    req.setTimeout(idleTimeoutMs, () => {
      // The body stream gets the reason too, so a stalled transfer says so instead of "connection aborted".
      const stalled = new Error(`no data for ${idleTimeoutMs} ms`);
      response?.destroy(stalled);
      req.destroy(stalled);
    });
    req.on('error', (e) => reject(new AttemptError(`${e.message}`, true, 'network')));
  });
}

/**
 * Streams `source` through `counter` into `file`. Unlike `pipeline`, a broken connection does not destroy
 * the file stream with writes still queued: what arrived is flushed to the `.part` file first, so the next
 * attempt resumes from there instead of from an arbitrary earlier point.
 */
function writeKeepingPartial(
  source: NodeJS.ReadableStream & { destroy(e?: Error): void },
  counter: Transform,
  file: WriteStream,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let failure: Error | undefined;
    const fail = (e: Error) => {
      if (failure !== undefined) return;
      failure = e;
      source.unpipe(counter);
      counter.end();
    };
    source.on('error', (e: Error) =>
      fail(e.message === 'aborted' ? new Error('connection closed before the end of the body') : e),
    );
    // 'aborted' comes before the 'error' that says why (an idle timeout): let that one win.
    source.on('aborted', () => setImmediate(() => fail(new Error('connection aborted'))));
    counter.on('error', fail);
    file.on('error', (e) => {
      failure ??= e;
      source.destroy();
      reject(e);
    });
    file.on('finish', () => (failure === undefined ? resolve() : reject(failure)));
    source.pipe(counter).pipe(file);
  });
}

/** Downloads one URL into `part` (resuming when possible). Resolves when `part` holds the whole body. */
async function fetchInto(
  url: string,
  part: string,
  opts: { resume: boolean; idleTimeoutMs: number; report?: ProgressListener; file: string; alive: () => void },
): Promise<{ resumed: boolean }> {
  const have = opts.resume ? await sizeOf(part) : 0;
  const headers: Record<string, string> = have > 0 ? { range: `bytes=${have}-` } : {};
  const res = await request(url, headers, opts.idleTimeoutMs);
  const status = res.statusCode ?? 0;
  let start = 0;
  if (status === 206) {
    const m = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(res.headers['content-range'] ?? '');
    if (m === null || Number(m[1]) !== have) {
      res.resume();
      await rm(part, { force: true });
      throw new AttemptError(`server answered a range request with an unexpected Content-Range`, true, 'http');
    }
    start = have;
  } else if (status === 416) {
    res.resume();
    await rm(part, { force: true });
    throw new AttemptError('HTTP 416 for the partial file: restarting cleanly', true, 'http');
  } else if (status !== 200) {
    res.resume();
    throw new AttemptError(`HTTP ${status}`, status >= 500 || status === 429 || status === 408, 'http');
  }
  const lengthHeader = res.headers['content-length'];
  const bodyLength = lengthHeader !== undefined ? Number(lengthHeader) : undefined;
  const total = bodyLength !== undefined ? start + bodyLength : undefined;
  let received = start;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      received += chunk.length;
      opts.alive();
      opts.report?.({ url, file: opts.file, received, total, done: false });
      cb(null, chunk);
    },
  });
  try {
    await writeKeepingPartial(res, counter, createWriteStream(part, { flags: start > 0 ? 'a' : 'w' }));
  } catch (e) {
    throw new AttemptError(`transfer interrupted after ${received} bytes: ${(e as Error).message}`, true, 'network');
  }
  if (!res.complete || (total !== undefined && received !== total)) {
    throw new AttemptError(`body truncated: ${received} of ${total ?? 'unknown'} bytes`, true, 'truncated');
  }
  opts.report?.({ url, file: opts.file, received, total, done: true });
  return { resumed: start > 0 };
}

/**
 * Makes sure a verified copy of a remote file exists at `dest`, downloading it if needed, the way
 * torchvision's `download_url` does: a valid cached copy is reused without network; otherwise each mirror
 * is tried in turn, with retries, resuming a partial download by HTTP Range (or restarting cleanly when the
 * server cannot resume), and the checksum is verified before the file is atomically renamed into place.
 * `dest` is never left holding a partial or unverified file. A `<dest>.lock` file serialises concurrent
 * downloads of the same file across processes.
 *
 * @throws {DatasetError} `OFFLINE` when offline and not cached; `CHECKSUM` when every mirror served bytes
 *   that do not match; `NETWORK` when every mirror failed otherwise (the message lists each attempt).
 * @example
 * ```ts
 * await downloadFile({
 *   urls: ['https://ossci-datasets.s3.amazonaws.com/mnist/t10k-labels-idx1-ubyte.gz'],
 *   dest: join(cacheDir(), 'mnist', 't10k-labels-idx1-ubyte.gz'),
 *   checksum: { algorithm: 'md5', hex: 'ec29112dd5afa0611ce80d1b7f02629c' },
 *   progress: true,
 * });
 * ```
 */
export async function downloadFile(options: DownloadOptions): Promise<DownloadResult> {
  const { dest, checksum } = options;
  const attempts = options.attempts ?? 3;
  const retryDelayMs = options.retryDelayMs ?? 250;
  const idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
  const resume = options.resume ?? true;
  const stallTimeoutMs = options.stallTimeoutMs ?? Math.max(120_000, 2 * idleTimeoutMs);
  if (!Number.isInteger(attempts) || attempts < 1) {
    throw new DatasetError('Invalid argument attempts', {
      code: 'BAD_ARGUMENT',
      field: 'attempts',
      received: attempts,
      expected: 'an integer >= 1',
    });
  }
  if (!(stallTimeoutMs > 0)) {
    throw new DatasetError('Invalid argument stallTimeoutMs', {
      code: 'BAD_ARGUMENT',
      field: 'stallTimeoutMs',
      received: stallTimeoutMs,
      expected: 'a positive number of milliseconds',
    });
  }
  // Before the cache is even looked at: a typo in the algorithm must not cost a download.
  if (checksum !== undefined) checkChecksum(checksum);

  const cachedOk = async () => (await exists(dest)) && (checksum === undefined || (await verifyFile(dest, checksum)));
  if (await cachedOk()) return { path: dest, downloaded: false };
  if (isOffline(options.offline)) {
    throw new DatasetError('File not cached and offline mode forbids downloading', {
      code: 'OFFLINE',
      file: dest,
      received: (await exists(dest)) ? 'a cached copy with a wrong checksum' : 'no cached copy',
      expected: 'a verified cached copy',
      hint: 'run once online, or put the file there by hand (unset DLKIT_OFFLINE)',
    });
  }
  if (options.urls.length === 0) {
    throw new DatasetError('No URL to download from', {
      code: 'BAD_ARGUMENT',
      file: dest,
      field: 'urls',
      received: [],
      expected: 'at least one mirror URL',
    });
  }

  await mkdir(dirname(dest), { recursive: true });
  const part = `${dest}.part`;
  const lock = await acquireLock(`${dest}.lock`, { watch: [part], stallTimeoutMs, file: dest });
  const alive = () => void lock.touch();
  try {
    // Another process may have finished it while we waited for the lock.
    if (await cachedOk()) return { path: dest, downloaded: false };
    const report = progressListener(options.progress);
    const failures: string[] = [];
    let allChecksum = true;
    for (const url of options.urls) {
      let cleanRetryAfterChecksum = true;
      for (let attempt = 1; attempt <= attempts; attempt++) {
        try {
          alive();
          const { resumed } = await fetchInto(url, part, { resume, idleTimeoutMs, report, file: basename(dest), alive });
          if (checksum !== undefined && !(await verifyFile(part, checksum))) {
            await rm(part, { force: true });
            if (resumed && cleanRetryAfterChecksum) {
              // The prefix may have come from another version of the file: one clean retry.
              cleanRetryAfterChecksum = false;
              throw new AttemptError(`checksum mismatch after resuming (${checksum.algorithm})`, true, 'checksum');
            }
            throw new AttemptError(`checksum mismatch (${checksum.algorithm}, expected ${checksum.hex})`, false, 'checksum');
          }
          // The verified bytes reach the disk before the rename, and the rename before we return.
          await fsyncPath(part);
          await rename(part, dest);
          await fsyncPath(dirname(dest));
          return { path: dest, downloaded: true, url };
        } catch (e) {
          if (!(e instanceof AttemptError)) throw e;
          failures.push(`${url} (attempt ${attempt}): ${e.message}`);
          if (e.kind !== 'checksum') allChecksum = false;
          if (!e.retryable) break;
          if (attempt < attempts) await sleep(retryDelayMs * 2 ** (attempt - 1));
        }
      }
      // Do not resume one mirror's bytes from another mirror.
      await rm(part, { force: true });
    }
    throw new DatasetError(
      allChecksum ? 'Every mirror served a file with the wrong checksum' : 'Download failed on every mirror',
      {
        code: allChecksum ? 'CHECKSUM' : 'NETWORK',
        file: dest,
        received: failures,
        expected: checksum !== undefined ? `a complete file with ${checksum.algorithm} ${checksum.hex}` : 'a complete file',
      },
    );
  } finally {
    await lock.release();
  }
}
