// Listing image files below a folder the way torchvision's ImageFolder does (Node only).
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileError } from './idx';

async function listDir(path: string): Promise<Dirent[]> {
  try {
    return await readdir(path, { withFileTypes: true });
  } catch (cause) {
    throw fileError(path, cause);
  }
}

/** Whether a directory entry is a folder, following a symbolic link to see what it points at. */
export async function isFolderEntry(dir: string, entry: Dirent): Promise<boolean> {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return (await stat(join(dir, entry.name))).isDirectory();
  } catch {
    return false; // a broken link is not a folder
  }
}

/** The sub-folders of `dir` (symbolic links to folders included), sorted by name. */
export async function subFolders(dir: string): Promise<string[]> {
  const names: string[] = [];
  for (const entry of await listDir(dir)) if (await isFolderEntry(dir, entry)) names.push(entry.name);
  return names.sort();
}

/**
 * The image files below `dir`, in torchvision's order: `sorted(os.walk(dir, followlinks=True))`, then the
 * sorted file names of each folder; symbolic links to files and folders are followed, a folder reached twice
 * (a link loop) is read once. `extensions` are compared lower case.
 */
export async function walkImages(dir: string, extensions: readonly string[]): Promise<string[]> {
  const folders: { path: string; files: string[] }[] = [];
  const seen = new Set<string>();
  const visit = async (path: string): Promise<void> => {
    let real: string;
    try {
      real = await realpath(path);
    } catch (cause) {
      throw fileError(path, cause);
    }
    if (seen.has(real)) return;
    seen.add(real);
    const files: string[] = [];
    const children: string[] = [];
    for (const entry of await listDir(path)) {
      if (await isFolderEntry(path, entry)) children.push(join(path, entry.name));
      else if (extensions.includes(extname(entry.name).toLowerCase())) files.push(entry.name);
    }
    folders.push({ path, files: files.sort() });
    for (const child of children.sort()) await visit(child);
  };
  await visit(dir);
  folders.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return folders.flatMap((f) => f.files.map((name) => join(f.path, name)));
}
