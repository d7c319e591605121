// Extracting tar archives to disk (Node only); the format itself is in tar-parse.ts.
import { TEMP_SUFFIX, fsyncPath, removeTempLeftovers, writeFileAtomic } from '@dlkit/core/node';
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { readMaybeGzip } from './idx';
import { parseTar, safeEntryPath } from './tar-parse';

/** A temporary sibling of `target` named the way `removeTempLeftovers` of `@dlkit/core/node` recognises. */
function tempSibling(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Extracts a tar or tar.gz archive into `destDir` atomically: every entry is written (and fsynced, through
 * `@dlkit/core`'s `writeFileAtomic`) into a temporary sibling folder, which is renamed to `destDir` at the end;
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
  const parent = dirname(destDir);
  await mkdir(parent, { recursive: true });
  await removeTempLeftovers(parent);
  const tmp = tempSibling(destDir);
  let aside: string | undefined;
  try {
    await mkdir(tmp);
    for (let i = 0; i < entries.length; i++) await writeFileAtomic(join(tmp, paths[i]), entries[i].data);
    await fsyncPath(tmp);
    if (await exists(destDir)) {
      aside = tempSibling(destDir);
      await rename(destDir, aside);
    }
    await rename(tmp, destDir);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    if (aside !== undefined && !(await exists(destDir))) await rename(aside, destDir).catch(() => undefined);
    throw e;
  }
  await fsyncPath(parent);
  if (aside !== undefined) await rm(aside, { recursive: true, force: true });
  return paths;
}
