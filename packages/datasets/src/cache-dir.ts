import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Environment variable that overrides the default cache directory. */
export const CACHE_DIR_ENV = 'DLKIT_DATA_DIR';

/** Environment variable that, when `1`/`true`, turns on offline mode for every download. */
export const OFFLINE_ENV = 'DLKIT_OFFLINE';

/**
 * The directory where downloaded datasets are cached, in order of precedence:
 * the `dir` argument, `$DLKIT_DATA_DIR`, `$XDG_CACHE_HOME/dlkit/datasets`, then the platform's cache
 * folder (`~/Library/Caches/dlkit/datasets` on macOS, `%LOCALAPPDATA%\dlkit\datasets` on Windows,
 * `~/.cache/dlkit/datasets` elsewhere).
 *
 * @example
 * ```ts
 * cacheDir();            // e.g. '/home/ada/.cache/dlkit/datasets'
 * cacheDir('./data');    // absolute path of ./data
 * ```
 */
export function cacheDir(dir?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (dir !== undefined && dir !== '') return resolve(dir);
  const fromEnv = env[CACHE_DIR_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return resolve(fromEnv);
  const xdg = env.XDG_CACHE_HOME;
  if (xdg !== undefined && xdg !== '') return join(xdg, 'dlkit', 'datasets');
  if (process.platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'dlkit', 'datasets');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'dlkit', 'datasets');
  return join(homedir(), '.cache', 'dlkit', 'datasets');
}

/**
 * Whether offline mode is on: the explicit option wins, otherwise `$DLKIT_OFFLINE` (`1` or `true`).
 *
 * @example
 * ```ts
 * isOffline(undefined, { DLKIT_OFFLINE: '1' }); // true
 * ```
 */
export function isOffline(option?: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  if (option !== undefined) return option;
  const v = env[OFFLINE_ENV];
  return v === '1' || v === 'true';
}
