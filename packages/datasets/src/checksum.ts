import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { DatasetError } from './errors';

/** A digest a file must match: algorithm and lowercase hex. */
export interface Checksum {
  algorithm: 'md5' | 'sha1' | 'sha256';
  hex: string;
}

const HEX_LENGTH: Readonly<Record<Checksum['algorithm'], number>> = { md5: 32, sha1: 40, sha256: 64 };

/**
 * Refuses a checksum whose algorithm is not md5, sha1 or sha256, or whose digest is not that algorithm's
 * number of hex digits, so a typo fails before anything is downloaded or hashed.
 *
 * @throws {DatasetError} `BAD_ARGUMENT` on field `checksum.algorithm` or `checksum.hex`.
 */
export function checkChecksum(checksum: Checksum, field = 'checksum'): void {
  const algorithm = (checksum as { algorithm?: unknown } | null)?.algorithm;
  checkAlgorithm(algorithm, `${field}.algorithm`);
  const length = HEX_LENGTH[algorithm];
  const hex = (checksum as { hex?: unknown }).hex;
  if (typeof hex !== 'string' || hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) {
    throw new DatasetError('Malformed checksum digest', {
      code: 'BAD_ARGUMENT',
      field: `${field}.hex`,
      received: hex,
      expected: `${length} hex digits for ${algorithm}`,
    });
  }
}

function checkAlgorithm(algorithm: unknown, field: string): asserts algorithm is Checksum['algorithm'] {
  if (typeof algorithm !== 'string' || !Object.hasOwn(HEX_LENGTH, algorithm)) {
    throw new DatasetError('Unknown checksum algorithm', {
      code: 'BAD_ARGUMENT',
      field,
      received: algorithm,
      expected: 'md5, sha1 or sha256 (lower case)',
    });
  }
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
  checkAlgorithm(algorithm, 'algorithm');
  const hash = createHash(algorithm);
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch (cause) {
    throw new DatasetError('Could not read file to verify its checksum', {
      code: 'UNREADABLE',
      file: path,
      received: (cause as NodeJS.ErrnoException).code,
      expected: 'a readable file',
      cause,
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
  checkChecksum(checksum);
  return (await hashFile(path, checksum.algorithm)) === checksum.hex.toLowerCase();
}
