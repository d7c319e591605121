// Reading IDX files from disk (Node only); the format itself is in idx-parse.ts.
import { readFile } from 'node:fs/promises';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { DatasetError } from './errors';
import { isGzip, parseIdx, type IdxArray, type IdxOptions } from './idx-parse';

const gunzipAsync = promisify(gunzip);

/**
 * Reads a file's bytes, gunzipping when they start with the gzip magic number (whatever the file name).
 *
 * @throws {DatasetError} `NOT_FOUND` / `UNREADABLE` for a bad path; `TRUNCATED` for a cut-off gzip stream;
 *   `BAD_FORMAT` for a corrupt one.
 * @example
 * ```ts
 * const bytes = await readMaybeGzip('/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz');
 * ```
 */
export async function readMaybeGzip(path: string): Promise<Uint8Array> {
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch (cause) {
    throw fileError(path, cause);
  }
  if (!isGzip(raw)) return raw;
  try {
    return await gunzipAsync(raw);
  } catch (cause) {
    const truncated = (cause as NodeJS.ErrnoException).code === 'Z_BUF_ERROR';
    throw new DatasetError(truncated ? 'gzip stream truncated' : 'gzip stream corrupt', {
      code: truncated ? 'TRUNCATED' : 'BAD_FORMAT',
      file: path,
      field: 'gzip',
      received: (cause as Error).message,
      expected: 'a complete gzip stream',
      hint: 'delete the file and download it again',
      cause,
    });
  }
}

/** Maps an fs error to a typed `NOT_FOUND`/`UNREADABLE` error. Internal helper. */
export function fileError(path: string, cause: unknown): DatasetError {
  const code = (cause as NodeJS.ErrnoException).code;
  const missing = code === 'ENOENT';
  return new DatasetError(missing ? 'File not found' : 'File unreadable', {
    code: missing ? 'NOT_FOUND' : 'UNREADABLE',
    file: path,
    received: code ?? String(cause),
    expected: 'a readable file',
    cause,
  });
}

/**
 * Reads an IDX file, gzipped or not, see {@link parseIdx}.
 *
 * @example
 * ```ts
 * const labels = await readIdxFile('/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz', { dtype: 'uint8', rank: 1 });
 * labels.shape; // [10000]
 * ```
 */
export async function readIdxFile(path: string, options: Omit<IdxOptions, 'file'> = {}): Promise<IdxArray> {
  const bytes = await readMaybeGzip(path);
  return parseIdx(bytes, { ...options, file: path });
}
