import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { DatasetError } from './errors';

/** A digest a file must match: algorithm and lowercase hex. */
export interface Checksum {
  algorithm: 'md5' | 'sha1' | 'sha256';
  hex: string;
}

/**
 * Hex digest of a file, streamed (constant memory).
 *
 * @example
 * ```ts
 * await hashFile('train-images-idx3-ubyte.gz', 'md5'); // 'f68b3c2dcbeaaa9fbdd348bbdeb94873'
 * ```
 */
export async function hashFile(path: string, algorithm: Checksum['algorithm']): Promise<string> {
  const hash = createHash(algorithm);
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch (cause) {
    throw new DatasetError('Could not read file to verify its checksum', {
      code: 'UNREADABLE', file: path, received: (cause as NodeJS.ErrnoException).code, expected: 'a readable file', cause,
    });
  }
  return hash.digest('hex');
}

/**
 * Whether the file at `path` matches `checksum`.
 *
 * @example
 * ```ts
 * await verifyFile('t10k-labels-idx1-ubyte.gz', { algorithm: 'md5', hex: 'ec29112dd5afa0611ce80d1b7f02629c' });
 * ```
 */
export async function verifyFile(path: string, checksum: Checksum): Promise<boolean> {
  return (await hashFile(path, checksum.algorithm)) === checksum.hex.toLowerCase();
}
