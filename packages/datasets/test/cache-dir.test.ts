import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheDir, isOffline } from '../src/cache-dir';

describe('cache directory and offline switch', () => {
  it('option > $DLKIT_DATA_DIR > $XDG_CACHE_HOME > platform default', () => {
    expect(cacheDir('rel/dir', { DLKIT_DATA_DIR: '/env' })).toBe(resolve('rel/dir'));
    expect(cacheDir(undefined, { DLKIT_DATA_DIR: '/env', XDG_CACHE_HOME: '/xdg' })).toBe('/env');
    expect(cacheDir(undefined, { XDG_CACHE_HOME: '/xdg' })).toBe(join('/xdg', 'dlkit', 'datasets'));
    const def = cacheDir(undefined, {});
    expect(def.startsWith(homedir()) || def.includes('dlkit')).toBe(true);
    expect(def.endsWith(join('dlkit', 'datasets'))).toBe(true);
  });

  it('offline: explicit option wins over $DLKIT_OFFLINE', () => {
    expect(isOffline(undefined, { DLKIT_OFFLINE: '1' })).toBe(true);
    expect(isOffline(undefined, { DLKIT_OFFLINE: 'true' })).toBe(true);
    expect(isOffline(undefined, {})).toBe(false);
    expect(isOffline(false, { DLKIT_OFFLINE: '1' })).toBe(false);
  });
});
