import TSNEJs from 'tsne-js';
import type { FeatureMatrix } from './matrix.js';
import type { TSNEProgress } from './tsne.js';

/** Settings forwarded to `tsne-js`. @internal */
export interface TsneJsSettings {
  nComponents: number;
  perplexity: number;
  earlyExaggeration: number;
  learningRate: number;
  nIter: number;
  onProgress?: (p: TSNEProgress) => void;
  progressEvery: number;
  t0: number;
}

/**
 * Runs the exact t-SNE of the `tsne-js` package from our initial embedding `Y0` (so `seed` and `init`
 * apply; tsne-js itself would draw from Math.random). Its progress events are forwarded every
 * `progressEvery` iterations. @internal
 */
export function runTsneJs(X: FeatureMatrix, Y0: Float64Array, s: TsneJsSettings): { embedding: Float64Array; error: number; iterations: number } {
  const model = new TSNEJs({
    dim: s.nComponents,
    perplexity: s.perplexity,
    earlyExaggeration: s.earlyExaggeration,
    learningRate: s.learningRate,
    nIter: s.nIter,
    metric: 'euclidean',
  });
  const rows: number[][] = [];
  for (let r = 0; r < X.rows; r++) rows.push(Array.from(X.data.subarray(r * X.cols, (r + 1) * X.cols)));
  model.init({ data: rows, type: 'dense' });
  model.outputEmbedding.data.set(Y0);
  // tsne-js emits a rescaled copy of the whole embedding every iteration; nobody listens here, so skip
  // building it (this instance only).
  model.getOutputScaled = () => null;
  const { onProgress } = s;
  if (onProgress) {
    model.on('progressIter', ([iter, error, gradNorm]) => {
      if ((iter + 1) % s.progressEvery === 0) {
        onProgress({
          iteration: iter + 1,
          totalIterations: s.nIter,
          klDivergence: error,
          gradNorm,
          phase: iter < 100 ? 'early-exaggeration' : 'main',
          elapsedMs: (typeof performance !== 'undefined' ? performance.now() : Date.now()) - s.t0,
        });
      }
    });
  }
  const [error, iter] = model.run();
  const out = model.getOutput();
  const embedding = new Float64Array(X.rows * s.nComponents);
  for (let r = 0; r < X.rows; r++) for (let c = 0; c < s.nComponents; c++) embedding[r * s.nComponents + c] = out[r][c];
  return { embedding, error, iterations: iter };
}
