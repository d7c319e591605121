import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { DatasetError } from './errors';
import { readMaybeGzip } from './idx';

/** One regular file found in a tar archive. */
export interface TarEntry {
  path: string;
  data: Uint8Array;
}

function readString(block: Uint8Array, start: number, length: number): string {
  let end = start;
  while (end < start + length && block[end] !== 0) end++;
  return Buffer.from(block.buffer, block.byteOffset + start, end - start).toString('utf8');
}

function readOctal(block: Uint8Array, start: number, length: number): number {
  if (block[start] & 0x80) {
    // GNU base-256 encoding for large sizes.
    let v = 0;
    for (let i = start + 1; i < start + length; i++) v = v * 256 + block[i];
    return v;
  }
  const s = readString(block, start, length).trim();
  return s === '' ? 0 : parseInt(s, 8);
}

/**
 * Lists the regular files of an uncompressed tar archive (POSIX ustar and GNU long names).
 *
 * @throws {DatasetError} `BAD_FORMAT` for a bad header checksum, `TRUNCATED` for a cut-off entry.
 * @example
 * ```ts
 * const entries = parseTar(await readMaybeGzip('cifar-10-binary.tar.gz'));
 * entries.map((e) => e.path); // ['cifar-10-batches-bin/data_batch_1.bin', …]
 * ```
 */
export function parseTar(bytes: Uint8Array, file = '<tar>'): TarEntry[] {
  const out: TarEntry[] = [];
  let off = 0;
  let longName: string | undefined;
  while (off + 512 <= bytes.length) {
    const header = bytes.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : header[i];
    const stored = readOctal(header, 148, 8);
    if (stored !== sum) {
      throw new DatasetError('Bad tar header checksum', {
        code: 'BAD_FORMAT', file, field: `header at byte ${off}`, received: stored, expected: `${sum}`,
      });
    }
    const size = readOctal(header, 124, 12);
    const type = String.fromCharCode(header[156] || 0x30);
    const prefix = readString(header, 345, 155);
    let name = readString(header, 0, 100);
    if (prefix !== '' && readString(header, 257, 6) === 'ustar') name = `${prefix}/${name}`;
    const start = off + 512;
    if (start + size > bytes.length) {
      throw new DatasetError('Tar entry truncated', {
        code: 'TRUNCATED', file, field: name, received: `${bytes.length - start} bytes`, expected: `${size} bytes`,
      });
    }
    const data = bytes.subarray(start, start + size);
    if (type === 'L') longName = readString(data, 0, size);
    else {
      if (type === '0' || type === '7') out.push({ path: longName ?? name, data });
      longName = undefined;
    }
    off = start + Math.ceil(size / 512) * 512;
  }
  return out;
}

/**
 * Extracts a tar or tar.gz archive into `destDir` atomically: entries are written to a temporary sibling
 * folder which is renamed to `destDir` at the end. Entries escaping the folder (`../`) are rejected.
 *
 * @example
 * ```ts
 * await extractTar('cifar-10-binary.tar.gz', join(cacheDir(), 'cifar-10'));
 * ```
 */
export async function extractTar(archive: string, destDir: string): Promise<string[]> {
  const entries = parseTar(await readMaybeGzip(archive), archive);
  const tmp = `${destDir}.tmp-${process.pid}-${Date.now()}`;
  await rm(tmp, { recursive: true, force: true });
  try {
    for (const entry of entries) {
      const rel = normalize(entry.path);
      if (rel.startsWith('..') || rel.startsWith(sep) || /^[a-zA-Z]:/.test(rel)) {
        throw new DatasetError('Tar entry escapes the extraction folder', {
          code: 'BAD_FORMAT', file: archive, field: 'path', received: entry.path, expected: 'a relative path inside the archive',
        });
      }
      const target = join(tmp, rel);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, entry.data);
    }
    await rm(destDir, { recursive: true, force: true });
    await mkdir(dirname(destDir), { recursive: true });
    await rename(tmp, destDir);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  return entries.map((e) => e.path);
}
