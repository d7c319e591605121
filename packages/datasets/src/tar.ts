// Extracting tar archives to disk (Node only); the format itself is in tar-parse.ts.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { DatasetError } from './errors';
import { readMaybeGzip } from './idx';
import { parseTar } from './tar-parse';

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
