import type TSNEJs from 'tsne-js';
import { EmbeddingError } from './errors';
import type { FeatureMatrix } from './matrix';
import type { TSNEProgress } from './tsne';

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

type NodeProcess = { getBuiltinModule?: (id: string) => unknown };
type CreateRequire = (from: string) => (id: string) => unknown;

/**
 * The `tsne-js` package, an optional peer dependency: loaded on first use of `method: 'tsne-js'` with Node's
 * `require` (tsne() is synchronous, so no dynamic import), resolved from `from` (this module by default).
 * @throws {EmbeddingError} `MISSING_DEPENDENCY` when it is not installed, or outside Node.
 * @internal
 */
export function loadTsneJs(from: string = import.meta.url): typeof TSNEJs {
  const proc = (globalThis as { process?: NodeProcess }).process;
  if (!proc || typeof proc.getBuiltinModule !== 'function') {
    throw new EmbeddingError(
      'MISSING_DEPENDENCY',
      'method',
      "'tsne-js'",
      'Node.js, where the optional tsne-js package can be loaded',
      "In a browser use method 'exact' (the same algorithm) or 'barnes-hut'",
    );
  }
  const { createRequire } = proc.getBuiltinModule('node:module') as { createRequire: CreateRequire };
  try {
    return createRequire(from)('tsne-js') as typeof TSNEJs;
  } catch (cause) {
    if ((cause as { code?: string }).code !== 'MODULE_NOT_FOUND') throw cause;
    throw new EmbeddingError(
      'MISSING_DEPENDENCY',
      'method',
      "'tsne-js' without the tsne-js package installed",
      'the optional peer dependency tsne-js',
      "Install it (npm install tsne-js), or use method 'exact' (the same algorithm) or 'barnes-hut'",
    );
  }
}

/**
 * Runs the exact t-SNE of the `tsne-js` package from our initial embedding `Y0` (so `seed` and `init`
 * apply; tsne-js itself would draw from Math.random). Its progress events are forwarded every
 * `progressEvery` iterations. @internal
 */
export function runTsneJs(
  X: FeatureMatrix,
  Y0: Float64Array,
  s: TsneJsSettings,
): { embedding: Float64Array; error: number; iterations: number } {
  const TSNE = loadTsneJs();
  const model = new TSNE({
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
