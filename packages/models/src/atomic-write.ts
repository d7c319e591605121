import { nodeCrypto, nodeFs, nodePath } from './node-builtins';

/**
 * Writes `data` to `path` atomically: into a temporary file next to it, then renamed over it, so readers
 * see the old file or the new one, never half of one. Creates the parent folders.
 *
 * @example
 * ```ts
 * await writeFileAtomic('reports/run.json', JSON.stringify(history));
 * ```
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const [{ mkdir, rename, rm, writeFile }, { dirname, join, basename }, { randomBytes }] = await Promise.all([nodeFs(), nodePath(), nodeCrypto()]);
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
