import { coreNode } from './node-builtins';

/**
 * Writes `data` to `path` so that the file is either the old one or the whole new one, even if the process is
 * killed: `@dlkit/core`'s `writeFileAtomic` (temporary file in the same folder, fsync, rename, fsync of the
 * folder), loaded on first use so that `@dlkit/models` stays importable in browsers. Creates the parent folders.
 *
 * @example
 * ```ts
 * await writeFileAtomic('reports/run.json', JSON.stringify(history));
 * ```
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await (await coreNode()).writeFileAtomic(path, data);
}
