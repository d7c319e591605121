import { DlkitError } from './errors';

// What bundlers load for `@dlkit/core/node` under the `browser` condition: the same names, each failing with a
// clear error instead of pulling Node's fs into a page. Browser-safe packages import the Node entry lazily, in
// the functions that write files, so a page that never calls them never reaches these.
function unavailable(name: string): never {
  throw new DlkitError({
    code: 'NODE_ONLY',
    argument: name,
    expected: 'Node.js (a file system)',
    received: 'a browser',
    hint: `${name} writes files; in a browser, keep the bytes in memory or offer them as a download`,
  });
}

/** Not available in browsers: throws. */
export const TEMP_SUFFIX = '.dlkit-tmp';
/** Not available in browsers: throws. */
export async function fsyncPath(_path: string): Promise<void> {
  unavailable('fsyncPath');
}
/** Not available in browsers: throws. */
export async function writeFileAtomic(_path: string, _data: string | Uint8Array): Promise<void> {
  unavailable('writeFileAtomic');
}
/** Not available in browsers: throws. */
export async function createFileAtomic(_path: string, _data: string | Uint8Array): Promise<void> {
  unavailable('createFileAtomic');
}
/** Not available in browsers: throws. */
export async function writeDirAtomic(_dir: string, _files: Readonly<Record<string, string | Uint8Array>>): Promise<void> {
  unavailable('writeDirAtomic');
}
/** Not available in browsers: throws. */
export async function removeTempLeftovers(_dir: string, _minAgeMs?: number): Promise<string[]> {
  unavailable('removeTempLeftovers');
}
/** Not available in browsers: throws. */
export function processAlive(_pid: number): boolean {
  unavailable('processAlive');
}
