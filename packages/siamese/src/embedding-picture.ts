import { PCA, tsne } from '@dlkit/embeddings';
import { createRng } from '@dlkit/core';
import { positiveInt } from './errors';
import { checkEmbeddings, type EmbeddingMatrix } from './embed';

/** Options of {@link embeddingPicture}. */
export interface EmbeddingPictureOptions {
  /** At most this many points (a seeded random subset). Default 2000. */
  maxPoints?: number;
  /** Reduce to this many dimensions with PCA before t-SNE, when the embedding is wider. Default 50. */
  pcaComponents?: number;
  /** t-SNE perplexity. Default 30. */
  perplexity?: number;
  /** t-SNE iterations. Default 1000. */
  iterations?: number;
  /** Seed of the subset and of t-SNE. Default 0. */
  seed?: number;
}

/**
 * Result of {@link embeddingPicture}: the map as numbers. `@dlkit/report` draws it —
 * `scatterPlot({ points: pic.points.data, dims: pic.points.cols, labels: pic.labels, classNames, title })`,
 * and `svgToPng` of that for a PNG.
 */
export interface EmbeddingPicture {
  /** The 2-D t-SNE coordinates, one row per plotted point. */
  points: EmbeddingMatrix;
  /** Class of each plotted point. */
  labels: Int32Array;
  /** Rows of the input that were plotted. */
  indices: Int32Array;
  /** Final KL divergence of t-SNE. */
  klDivergence: number;
}

/**
 * The t-SNE map of an embedding (`@dlkit/embeddings`: PCA to ≤ 50 dimensions, then t-SNE) on a seeded subset
 * of at most `maxPoints` points, with the class of each plotted point — numbers for `@dlkit/report` to draw.
 *
 * @example
 * ```ts
 * import { scatterPlot } from '@dlkit/report';
 * const pic = embeddingPicture(embed(net, test), test.labels, { seed: 1 });
 * await writeFile('tsne.svg', scatterPlot({ points: pic.points.data, dims: pic.points.cols, labels: pic.labels, classNames: test.classNames }));
 * ```
 */
export function embeddingPicture(
  features: EmbeddingMatrix,
  labels: ArrayLike<number>,
  options: EmbeddingPictureOptions = {},
): EmbeddingPicture {
  checkEmbeddings(features, labels);
  const maxPoints = positiveInt('options.maxPoints', options.maxPoints ?? 2000);
  const pcaComponents = positiveInt('options.pcaComponents', options.pcaComponents ?? 50);
  const seed = options.seed ?? 0;
  const n = features.rows;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  if (n > maxPoints) {
    const rng = createRng(seed);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }
  const indices = order.slice(0, Math.min(n, maxPoints)).sort();
  const { cols } = features;
  let X: EmbeddingMatrix = { data: new Float32Array(indices.length * cols), rows: indices.length, cols };
  indices.forEach((r, i) => X.data.set(features.data.subarray(r * cols, (r + 1) * cols), i * cols));
  if (cols > pcaComponents) X = new PCA({ nComponents: pcaComponents }).fitTransform(X);
  const perplexity = Math.min(options.perplexity ?? 30, Math.max(1, Math.floor((X.rows - 1) / 3)));
  const result = tsne(X, { perplexity, nIter: options.iterations ?? 1000, seed });
  return {
    points: result.embedding,
    labels: Int32Array.from(indices, (r) => labels[r]),
    indices,
    klDivergence: result.klDivergence,
  };
}
