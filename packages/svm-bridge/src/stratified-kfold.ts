import { SvmBridgeError, describe } from './errors';
import { SeededRandom } from '@dlkit/core';

/**
 * @internal Stratified k-fold split: each class's (shuffled) indices are dealt round-robin to the folds,
 * so every fold keeps the class proportions. Returns the test indices of each fold, sorted.
 */
export function stratifiedFolds(y: Int32Array, k: number, seed: number): Int32Array[] {
  if (!Number.isInteger(k) || k < 2) throw new SvmBridgeError('options.folds', describe(k), 'an integer ≥ 2');
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < y.length; i++) {
    const list = byClass.get(y[i]);
    if (list) list.push(i);
    else byClass.set(y[i], [i]);
  }
  let least: [number, number[]] | undefined;
  for (const entry of byClass) if (!least || entry[1].length < least[1].length) least = entry;
  if (least && least[1].length < k) {
    const [label, { length: m }] = least;
    throw new SvmBridgeError(
      'options.folds',
      String(k),
      `at most ${m} (the size of class ${label})`,
      `The least populated class in y has only ${m} member${m === 1 ? '' : 's'}, which is too few. The minimum number of members in any class cannot be less than n_splits=${k}`,
    );
  }
  const rand = SeededRandom.plain(seed).next;
  const folds: number[][] = Array.from({ length: k }, () => []);
  let next = 0;
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const idx = byClass.get(label) ?? [];
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [idx[i], idx[j]] = [idx[j], idx[i]];
    }
    for (const i of idx) folds[next++ % k].push(i);
  }
  return folds.map((f) => Int32Array.from(f).sort());
}
