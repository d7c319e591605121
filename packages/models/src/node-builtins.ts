/**
 * Node's built-in modules, imported on first use rather than at the top of the files that need them, so that
 * `@dlkit/models` bundles for browsers (where the file-system functions are simply never called). Internal.
 */
export const nodeFs = (): Promise<typeof import('node:fs/promises')> => import('node:fs/promises');
export const nodePath = (): Promise<typeof import('node:path')> => import('node:path');
export const nodeCrypto = (): Promise<typeof import('node:crypto')> => import('node:crypto');
export const nodeUrl = (): Promise<typeof import('node:url')> => import('node:url');
