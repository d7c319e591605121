// The tar format, pure (browser-safe): extractTar (tar.ts) and fetchCifar10/100 (fetch-cifar.ts) use it.
import { DatasetError } from './errors';

const utf8 = new TextDecoder();

/** One regular file found in a tar archive. */
export interface TarEntry {
  path: string;
  data: Uint8Array;
}

function readString(block: Uint8Array, start: number, length: number): string {
  let end = start;
  while (end < start + length && block[end] !== 0) end++;
  return utf8.decode(block.subarray(start, end));
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
 * The normalised relative path of a tar entry (`./a//b` → `a/b`). Refuses names that do not name a file inside
 * the archive's folder: empty, `.`, `..`, absolute, a drive letter, or climbing out with `../`.
 *
 * @throws {DatasetError} `BAD_FORMAT` on field `path`, naming the archive.
 * @example
 * ```ts
 * safeEntryPath('./train/cat/0001.jpg', 'cifar.tar'); // 'train/cat/0001.jpg'
 * ```
 */
export function safeEntryPath(path: string, file = '<tar>'): string {
  const parts: string[] = [];
  let escapes = /^[/\\]/.test(path) || /^[a-zA-Z]:/.test(path);
  for (const part of path.split(/[/\\]/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) escapes = true;
      else parts.pop();
    } else parts.push(part);
  }
  if (escapes || parts.length === 0) {
    throw new DatasetError(escapes ? 'Tar entry escapes the extraction folder' : 'Tar entry has no file name', {
      code: 'BAD_FORMAT',
      file,
      field: 'path',
      received: path,
      expected: 'a relative path naming a file inside the archive (not empty, ".", ".." or absolute)',
    });
  }
  return parts.join('/');
}

/**
 * Lists the regular files of an uncompressed tar archive (POSIX ustar and GNU long names). Entry data are
 * views into `bytes` (no copy).
 *
 * @throws {DatasetError} `BAD_FORMAT` for a bad header checksum, `TRUNCATED` for a cut-off entry.
 * @example
 * ```ts
 * const entries = parseTar(await fetchBytes('https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz'));
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
        code: 'BAD_FORMAT',
        file,
        field: `header at byte ${off}`,
        received: stored,
        expected: `${sum}`,
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
        code: 'TRUNCATED',
        file,
        field: name,
        received: `${bytes.length - start} bytes`,
        expected: `${size} bytes`,
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
