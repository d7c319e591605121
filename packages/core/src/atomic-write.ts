import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The suffix every temporary file or folder made by this module ends with (see {@link removeTempLeftovers}). */
export const TEMP_SUFFIX = '.dlkit-tmp';

function tempName(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
}

/** Flushes a file or folder to disk. Folders: so a rename inside them survives a power cut. */
export async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } catch (e) {
    // Some file systems refuse fsync on folders (EINVAL/EISDIR/EPERM); the data itself was already synced.
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EISDIR' && code !== 'EPERM' && code !== 'EBADF') throw e;
  } finally {
    await handle.close();
  }
}

async function writeAndSync(path: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Creates `path` holding `data`, or fails with `EEXIST` when it exists — and is never seen empty or half-written,
 * even by a process that reads it while this one is killed: the bytes go to a temporary file beside it (fsynced),
 * which is hard-linked into place. A lock file is the use: its owner must be readable from the moment it exists.
 * Where the file system has no hard links, an exclusive create and write instead.
 *
 * @example
 * ```ts
 * import { createFileAtomic } from '@dlkit/core/node';
 * await createFileAtomic('runs/a/.lock', JSON.stringify({ pid: process.pid })); // EEXIST: someone holds it
 * ```
 */
export async function createFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempName(path);
  await writeAndSync(tmp, data);
  try {
    await link(tmp, path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw e;
    await writeAndSync(path, data);
  } finally {
    await rm(tmp, { force: true });
  }
}

/**
 * Writes `data` to `path` so that the file is either the old one or the whole new one, even if the process is
 * killed or the machine loses power: the bytes go to a temporary file in the same folder, which is fsynced,
 * renamed over `path`, and the folder is fsynced after the rename. Creates missing parent folders.
 *
 * Every dlkit writer of a file that must survive (models, checkpoints, downloads, caches, saved SVMs and
 * language models) goes through this function.
 *
 * @example
 * ```ts
 * import { writeFileAtomic } from '@dlkit/core/node';
 * await writeFileAtomic('reports/run.json', JSON.stringify(history));
 * ```
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const folder = dirname(path);
  await mkdir(folder, { recursive: true });
  const tmp = tempName(path);
  try {
    await writeAndSync(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  await fsyncPath(folder);
}

/**
 * Writes a whole folder of files atomically: they are written and fsynced into a temporary sibling folder,
 * which is then renamed to `dir`. An existing `dir` is replaced (moved aside first, removed after the new one
 * is in place), so readers see the old folder or the complete new one, never a mix.
 *
 * @param files - relative path (`'weights.bin'`, `'train/cat/0001.jpg'`) → contents. Paths that are empty,
 * absolute, or have an empty, `.` or `..` segment are refused before anything is written.
 */
export async function writeDirAtomic(dir: string, files: Readonly<Record<string, string | Uint8Array>>): Promise<void> {
  const names = Object.keys(files);
  for (const name of names) {
    const segments = name.split(/[\\/]/);
    if (name.startsWith('/') || /^[A-Za-z]:/.test(name) || segments.some((s) => s === '' || s === '.' || s === '..')) {
      throw new TypeError(`writeDirAtomic: file name ${JSON.stringify(name)} must be a relative path inside ${dir}`);
    }
  }
  const parent = dirname(dir);
  await mkdir(parent, { recursive: true });
  const tmp = tempName(dir);
  let aside: string | undefined;
  try {
    await mkdir(tmp);
    const folders = new Set<string>();
    for (const name of names) {
      const folder = dirname(join(tmp, name));
      if (folder !== tmp && !folders.has(folder)) {
        await mkdir(folder, { recursive: true });
        folders.add(folder);
      }
      await writeAndSync(join(tmp, name), files[name]);
    }
    for (const folder of folders) await fsyncPath(folder);
    await fsyncPath(tmp);
    if (await exists(dir)) {
      aside = tempName(dir);
      await rename(dir, aside);
    }
    await rename(tmp, dir);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    if (aside !== undefined && !(await exists(dir))) await rename(aside, dir).catch(() => undefined);
    throw e;
  }
  await fsyncPath(parent);
  if (aside !== undefined) await rm(aside, { recursive: true, force: true });
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

/**
 * Removes the temporary files and folders that a killed {@link writeFileAtomic} / {@link writeDirAtomic} left in
 * `dir` (names ending in `.dlkit-tmp`), except those of live processes younger than `minAgeMs` — a write in
 * progress elsewhere is not touched. Returns the names removed. A missing `dir` removes nothing.
 */
export async function removeTempLeftovers(dir: string, minAgeMs = 60_000): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const removed: string[] = [];
  const now = Date.now();
  for (const name of names) {
    if (!name.endsWith(TEMP_SUFFIX)) continue;
    const pid = Number(name.slice(0, -TEMP_SUFFIX.length).split('.').at(-2));
    const full = join(dir, name);
    let age = Infinity;
    try {
      age = now - (await stat(full)).mtimeMs;
    } catch {
      continue;
    }
    if (pid !== process.pid && isAlive(pid) && age < minAgeMs) continue;
    if (pid === process.pid && age < minAgeMs) continue;
    await rm(full, { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
