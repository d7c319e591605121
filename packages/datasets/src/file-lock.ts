// A lock file shared by processes on one machine (Node only): downloads and extractions into the cache.
import { open, readFile, rm, stat, utimes } from 'node:fs/promises';
import { processAlive } from '@dlkit/core/node';
import { DatasetError } from './errors';

/** Options for {@link acquireLock}. */
export interface LockOptions {
  /**
   * Files the holder writes while it works (a download's `.part` file): a change of their size or
   * modification time, or of the lock file's own (see {@link FileLock.touch}), counts as progress.
   */
  watch?: readonly string[];
  /** Give up waiting when a live holder shows no progress for this long. */
  stallTimeoutMs: number;
  /** The file the lock protects, for error messages. */
  file: string;
  /** Pause between two looks at the lock. Default 100 ms. */
  pollMs?: number;
}

/** A held lock. */
export interface FileLock {
  /** Tells waiters the holder is alive and working (updates the lock file's time; at most once per 500 ms). */
  touch(): Promise<void>;
  /** Removes the lock file. */
  release(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function signature(paths: readonly string[]): Promise<string> {
  const parts: string[] = [];
  for (const p of paths) {
    try {
      const s = await stat(p);
      parts.push(`${s.size}:${s.mtimeMs}:${s.ino}`);
    } catch {
      parts.push('-');
    }
  }
  return parts.join('|');
}

/**
 * Takes the lock file `path` (created exclusively, holding this process's pid). While another process holds
 * it, waits as long as that process is alive and making progress — its lock file or a watched file keeps
 * changing — however long the whole job takes; a lock whose holder has died is taken over. Only a live holder
 * that shows no progress for `stallTimeoutMs` makes the wait fail.
 *
 * @throws {DatasetError} `NETWORK` on field `lock` when the holder stalls.
 */
export async function acquireLock(path: string, options: LockOptions): Promise<FileLock> {
  const watched = [path, ...(options.watch ?? [])];
  const pollMs = options.pollMs ?? 100;
  let last = '';
  let lastChange = Date.now();
  for (;;) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      let touched = Date.now();
      return {
        touch: async () => {
          if (Date.now() - touched < 500) return;
          touched = Date.now();
          const now = new Date();
          await utimes(path, now, now).catch(() => undefined);
        },
        release: () => rm(path, { force: true }),
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let stale = false;
    let holder = 'unknown';
    try {
      const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
      const pid = Number(text.trim());
      holder = text.trim();
      // A lock without a pid is being written right now, or was left by a writer killed in between.
      if (!Number.isInteger(pid) || pid <= 0) stale = Date.now() - info.mtimeMs > 5_000;
      else stale = !processAlive(pid);
      if (stale) {
        // Remove only the lock judged stale, not one another waiter has just taken.
        const again = await stat(path);
        if (again.ino === info.ino) await rm(path, { force: true });
        continue;
      }
    } catch (e) {
      // Released between our attempts: try again at once. Unreadable: wait, and let the stall timer decide.
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
    }
    const now = Date.now();
    const sig = await signature(watched);
    if (sig !== last) {
      last = sig;
      lastChange = now;
    } else if (now - lastChange > options.stallTimeoutMs) {
      throw new DatasetError('Gave up waiting for another process working on the same file: no progress', {
        code: 'NETWORK',
        file: options.file,
        field: 'lock',
        received: `process ${holder} holds ${path}, no progress for ${options.stallTimeoutMs} ms`,
        expected: 'the lock to be released, or its holder to make progress',
        hint: `raise stallTimeoutMs, or end process ${holder} (its lock is taken over once it has exited)`,
      });
    }
    await sleep(pollMs);
  }
}
