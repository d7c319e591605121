/**
 * Whether process `pid` exists on this machine — how a lock file's holder is told from a crashed run's leftover.
 * `EPERM` means the process exists but belongs to someone else, so it counts as alive. Node only.
 *
 * @example
 * ```ts
 * import { processAlive } from '@dlkit/core/node';
 * processAlive(process.pid); // true
 * ```
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
