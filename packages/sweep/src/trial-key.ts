import { createHash } from 'node:crypto';
import { canonicalJson, type JsonValue } from './canonical-json';
import type { TrialRef } from './trial';

/**
 * The stable key of a trial: the sha-256 (hex) of the canonical JSON of `{ module, name, settings, seed }`. Equal
 * for equal trials whatever the key order of their settings, different as soon as one setting, the seed or the
 * trial function's name changes — so a re-run skips the finished trials and runs only what changed.
 *
 * @example
 * ```ts
 * trialKey({ module: '@me/trials', name: 'fit' }, { lr: 0.1, depth: 2 }, 1)
 *   === trialKey({ module: '@me/trials', name: 'fit' }, { depth: 2, lr: 0.1 }, 1); // true
 * ```
 */
export function trialKey(trial: TrialRef, settings: JsonValue, seed: number): string {
  const text = canonicalJson({ module: trial.module, name: trial.name, settings, seed });
  return createHash('sha256').update(text).digest('hex');
}
