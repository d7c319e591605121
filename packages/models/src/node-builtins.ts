/**
 * Node's built-in modules, and `@dlkit/core`'s Node entry (atomic writes), imported on first use rather than at
 * the top of the files that need them, so that `@dlkit/models` bundles for browsers (where the file-system
 * functions are simply never called). Internal.
 */
export const nodeFs = (): Promise<typeof import('node:fs/promises')> => import('node:fs/promises');
export const nodePath = (): Promise<typeof import('node:path')> => import('node:path');
export const nodeUrl = (): Promise<typeof import('node:url')> => import('node:url');
export const coreNode = (): Promise<typeof import('@dlkit/core/node')> => import('@dlkit/core/node');
