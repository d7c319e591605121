// Extracting tar archives to disk (Node only); the format itself is in tar-parse.ts.
import { removeTempLeftovers, writeDirAtomic } from '@dlkit/core/node';
import { dirname } from 'node:path';
import { readMaybeGzip } from './idx';
import { parseTar, safeEntryPath } from './tar-parse';

/**
 * Extracts a tar or tar.gz archive into `destDir` atomically: every entry is written (and fsynced, through
 * `@dlkit/core`'s `writeDirAtomic`) into a temporary sibling folder, which is renamed to `destDir` at the end;
 * an existing `destDir` is moved aside first and removed once the new one is in place, so readers see the old
 * folder or the complete new one. What a killed extraction left behind is removed by the next one. Entries that
 * escape the folder (`../`, absolute) or name no file (`.`) are refused before anything is written.
 *
 * Two processes extracting into the same `destDir` at once must hold a lock (the CIFAR loaders do).
 *
 * @throws {DatasetError} `BAD_FORMAT` for a bad entry name or header, `TRUNCATED` for a cut-off archive.
 * @example
 * ```ts
 * await extractTar('cifar-10-binary.tar.gz', join(cacheDir(), 'cifar-10'));
 * ```
 */
export async function extractTar(archive: string, destDir: string): Promise<string[]> {
  const entries = parseTar(await readMaybeGzip(archive), archive);
  const paths = entries.map((e) => safeEntryPath(e.path, archive));
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < entries.length; i++) files[paths[i]] = entries[i].data;
  await removeTempLeftovers(dirname(destDir));
  await writeDirAtomic(destDir, files);
  return paths;
}
