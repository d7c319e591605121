import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * Whether package `name` resolves from the package in folder `from` — for the examples' tests of optional
 * engines (`--engine tfjs-node` starts where `@tensorflow/tfjs-node` is installed and must be refused where not).
 *
 * @example
 * ```ts
 * it.skipIf(isInstalled('@tensorflow/tfjs-node', HERE))('refuses --engine tfjs-node', () => { … });
 * ```
 */
export function isInstalled(name: string, from: string): boolean {
  try {
    createRequire(join(from, 'package.json')).resolve(name);
    return true;
  } catch {
    return false;
  }
}
