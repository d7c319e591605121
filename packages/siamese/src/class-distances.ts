import { SeededRandom } from '@dlkit/core';
import { checkEmbeddings, type EmbeddingMatrix } from './embed';
import { check, positiveInt } from './errors';

/** Options of {@link classDistances}. */
export interface ClassDistancesOptions {
  /** Random pairs of rows drawn (i ≠ j). Default 100 000. */
  pairs?: number;
  /** Seed of the draw. Default 0. */
  seed?: number;
}

/** Result of {@link classDistances}. */
export interface ClassDistances {
  /** Mean Euclidean distance between two embeddings of the same class. */
  same: number;
  /** Mean Euclidean distance between two embeddings of different classes. */
  different: number;
  /**
   * `different / same`: 1 when the classes are not pulled apart at all, larger the better they are. Unlike the
   * distances themselves it does not depend on the embedding's scale.
   */
  ratio: number;
  /** How many of the drawn pairs were same-class and different-class. */
  sameCount: number;
  differentCount: number;
}

/**
 * How far apart the classes lie in an embedding: the mean distance of same-class and of different-class
 * pairs over a seeded draw of random pairs. A contrastive loss should leave `different` well above `same`
 * (the margin's side); distances that all shrink together (`ratio` near 1, both near 0) are the collapse a
 * margin on d² invites, whose push `max(m − d², 0)` has no gradient left at d = 0.
 *
 * @example
 * ```ts
 * const { same, different, ratio } = classDistances(embed(net, test), test.labels); // e.g. 0.41, 0.93, 2.3
 * ```
 */
export function classDistances(
  features: EmbeddingMatrix,
  labels: ArrayLike<number>,
  options: ClassDistancesOptions = {},
): ClassDistances {
  checkEmbeddings(features, labels);
  const { rows, cols, data } = features;
  check(rows >= 2, 'features.rows', rows, 'at least 2 embeddings to pair');
  const pairs = positiveInt('options.pairs', options.pairs ?? 100_000);
  const rng = new SeededRandom(options.seed ?? 0);
  let sameSum = 0;
  let differentSum = 0;
  let sameCount = 0;
  let differentCount = 0;
  for (let p = 0; p < pairs; p++) {
    const i = rng.int(rows);
    let j = rng.int(rows - 1);
    if (j >= i) j++;
    let d2 = 0;
    for (let c = 0, a = i * cols, b = j * cols; c < cols; c++) {
      const diff = data[a + c] - data[b + c];
      d2 += diff * diff;
    }
    const d = Math.sqrt(d2);
    if (labels[i] === labels[j]) {
      sameSum += d;
      sameCount++;
    } else {
      differentSum += d;
      differentCount++;
    }
  }
  const same = sameCount === 0 ? Number.NaN : sameSum / sameCount;
  const different = differentCount === 0 ? Number.NaN : differentSum / differentCount;
  return { same, different, ratio: different / same, sameCount, differentCount };
}
