import { conditionalProbabilities, symmetrize, type SparseMatrix } from './affinities';
import { approximateKnn } from './approximate-knn';
import { createBHEngine } from './bh-engine';
import { defaultThreads } from './worker-pool';
import { EmbeddingError } from './errors';
import { exactGradient } from './exact-gradient';
import { exactKnn, type NeighborGraph } from './knn';
import { checkFinite, checkMinRows, checkNumber, checkOneOf, checkShape, type FeatureMatrix } from './matrix';
import { gradientDescent } from './optimizer';
import { PCA } from './pca';
import { SeededRandom } from '@dlkit/core';
import { runTsneJs } from './tsne-js-runner';

/** Which t-SNE implementation runs. See {@link TSNEOptions.method}. */
export type TSNEMethod = 'exact' | 'barnes-hut' | 'tsne-js' | 'auto';

/** Progress report passed to {@link TSNEOptions.onProgress}. */
export interface TSNEProgress {
  /** Iterations completed so far. */
  iteration: number;
  /** Total iterations planned. */
  totalIterations: number;
  /** KL divergence at this iteration (computed on the exaggerated P during early exaggeration, as scikit-learn reports it). */
  klDivergence: number;
  /** Norm of the gradient. */
  gradNorm: number;
  /** `'early-exaggeration'` for the first phase, then `'main'`. */
  phase: 'early-exaggeration' | 'main';
  /** Milliseconds since `tsne` was called. */
  elapsedMs: number;
}

/** Options of {@link tsne}; names and defaults follow scikit-learn's `TSNE` (1.2). */
export interface TSNEOptions {
  /** Output dimensions. Default 2 (Barnes–Hut needs 2). */
  nComponents?: number;
  /** Effective number of neighbours, must be < number of points. Default 30. */
  perplexity?: number;
  /** Factor on P during the first `earlyExaggerationIter` iterations. Default 12. */
  earlyExaggeration?: number;
  /** Iterations of early exaggeration (momentum 0.5). Default 250. */
  earlyExaggerationIter?: number;
  /** Step size, or `'auto'` = max(n / earlyExaggeration / 4, 50) (Belkina et al. 2019). Default `'auto'`. */
  learningRate?: number | 'auto';
  /** Total iterations including early exaggeration. Default 1000. */
  nIter?: number;
  /** Stop the main phase after this many iterations without improvement (checked every 50). Default 300. */
  nIterWithoutProgress?: number;
  /** Stop when the gradient norm falls below this. Default 1e-7. */
  minGradNorm?: number;
  /** `'pca'` (default; scaled so the first coordinate has standard deviation 1e-4), `'random'` (N(0, 1e-4²)), or an explicit rows × nComponents matrix. */
  init?: 'pca' | 'random' | FeatureMatrix;
  /** Seed for the random initialisation. Default 0. */
  seed?: number;
  /**
   * - `'exact'`: O(n²) gradient in TypeScript over typed arrays, P over all points (scikit-learn `method='exact'`).
   * - `'barnes-hut'`: sparse P over ⌊3·perplexity + 1⌋ exact nearest neighbours, quadtree repulsion, O(n log n) per iteration.
   * - `'tsne-js'`: delegates to the `tsne-js` package (exact, O(n²), slow; its P uses unsquared distances and a fixed 100-iteration exaggeration phase).
   *   `tsne-js` is an optional peer dependency, loaded in Node only: `npm install tsne-js` first.
   * - `'auto'` (default): exact up to 500 points (or when nComponents ≠ 2), Barnes–Hut above.
   */
  method?: TSNEMethod;
  /** Barnes–Hut opening angle θ. Default 0.5. */
  angle?: number;
  /**
   * Nearest neighbours for the sparse P of Barnes–Hut: `'exact'` (blocked brute force, O(n² d)),
   * `'approximate'` (random-projection forest + neighbour-of-neighbour refinement, recall ≈ 0.97–0.99,
   * O(n log n)), or `'auto'` (default): exact up to 10,000 points.
   */
  neighbors?: 'exact' | 'approximate' | 'auto';
  /**
   * Threads for the Barnes–Hut gradient (Node worker_threads with SharedArrayBuffer; the call stays
   * synchronous). Default: the machine's parallelism (≤ 4) from 5,000 points on, else 1. Browsers and
   * runtimes without worker_threads always use 1.
   */
  threads?: number;
  /** Called every `progressEvery` iterations with the current KL divergence. */
  onProgress?: (progress: TSNEProgress) => void;
  /** Iterations between KL evaluations / progress reports. Default 50. */
  progressEvery?: number;
}

/** Output of {@link tsne}. */
export interface TSNEResult {
  /** rows × nComponents embedding. */
  embedding: FeatureMatrix;
  /** Final KL divergence (scikit-learn's `kl_divergence_`). */
  klDivergence: number;
  /** Iterations run (scikit-learn's `n_iter_`). */
  iterations: number;
  /** Method actually run (`'auto'` resolved). */
  method: Exclude<TSNEMethod, 'auto'>;
  /** Learning rate actually used. */
  learningRate: number;
  /** Number of points that have an exact duplicate elsewhere in the input (they are embedded side by side). */
  duplicatePoints: number;
  /** Threads used by the gradient. */
  threads: number;
  /** How the neighbours behind P were found. */
  neighbors: 'exact' | 'approximate';
  /** Wall-clock milliseconds per stage. */
  timings: { neighborsMs: number; affinitiesMs: number; optimizeMs: number; totalMs: number };
}

const METHODS = ['exact', 'barnes-hut', 'tsne-js', 'auto'] as const;

/**
 * t-distributed stochastic neighbour embedding (van der Maaten & Hinton 2008; Barnes–Hut variant van der
 * Maaten 2014), with scikit-learn's defaults and optimiser so that results are comparable with
 * `sklearn.manifold.TSNE`. Synchronous and single-threaded: runs in Node and the browser (use a worker
 * for large inputs in a page). Usually applied to PCA-reduced features (see {@link PCA}).
 *
 * @example
 * ```ts
 * const X50 = new PCA({ nComponents: 50 }).fitTransform(features);
 * const { embedding, klDivergence } = tsne(X50, {
 *   perplexity: 30, seed: 1,
 *   onProgress: (p) => console.log(p.iteration, p.klDivergence),
 * });
 * ```
 * @throws {EmbeddingError} `TOO_FEW_POINTS` (< 2 rows), `PERPLEXITY_TOO_LARGE` (perplexity ≥ rows),
 *   `NON_FINITE` (NaN/Infinity rows), `INVALID_OPTION`, `INVALID_SHAPE`, `MISSING_DEPENDENCY` (`method: 'tsne-js'`
 *   without the `tsne-js` package, or outside Node).
 */
export function tsne(X: FeatureMatrix, options: TSNEOptions = {}): TSNEResult {
  const t0 = now();
  const {
    nComponents = 2,
    perplexity = 30,
    earlyExaggeration = 12,
    earlyExaggerationIter = 250,
    learningRate = 'auto',
    nIter = 1000,
    nIterWithoutProgress = 300,
    minGradNorm = 1e-7,
    init = 'pca',
    seed = 0,
    method = 'auto',
    angle = 0.5,
    onProgress,
    progressEvery = 50,
    neighbors = 'auto',
  } = options;
  checkShape(X, 'X');
  checkMinRows(X, 'X', 2);
  checkFinite(X, 'X');
  const n = X.rows;
  checkNumber(nComponents, 'nComponents', { min: 1, integer: true });
  checkNumber(perplexity, 'perplexity', { min: 0, minExclusive: true });
  if (perplexity >= n) {
    throw new EmbeddingError(
      'PERPLEXITY_TOO_LARGE',
      'perplexity',
      String(perplexity),
      `a value < number of points (${n})`,
      'Lower the perplexity (5–50 is usual) or embed more points',
    );
  }
  checkNumber(earlyExaggeration, 'earlyExaggeration', { min: 1 });
  checkNumber(earlyExaggerationIter, 'earlyExaggerationIter', { min: 0, integer: true });
  if (learningRate !== 'auto') checkNumber(learningRate, 'learningRate', { min: 0, minExclusive: true });
  checkNumber(nIter, 'nIter', { min: 1, integer: true });
  checkNumber(nIterWithoutProgress, 'nIterWithoutProgress', { min: 1, integer: true });
  checkNumber(minGradNorm, 'minGradNorm', { min: 0 });
  checkNumber(seed, 'seed');
  checkOneOf(method, 'method', METHODS);
  checkNumber(angle, 'angle', { min: 0, max: 1 });
  checkNumber(progressEvery, 'progressEvery', { min: 1, integer: true });
  checkOneOf(neighbors, 'neighbors', ['exact', 'approximate', 'auto'] as const);
  const threads = options.threads ?? (n >= 5000 ? defaultThreads() : 1);
  checkNumber(threads, 'threads', { min: 1, max: 64, integer: true });
  if (typeof init !== 'string') {
    checkShape(init, 'init');
    if (init.rows !== n || init.cols !== nComponents) {
      throw new EmbeddingError(
        'INVALID_SHAPE',
        'init',
        `${init.rows} × ${init.cols}`,
        `${n} × ${nComponents} (rows × nComponents)`,
      );
    }
    checkFinite(init, 'init');
  } else {
    checkOneOf(init, 'init', ['pca', 'random'] as const);
  }
  const resolved: Exclude<TSNEMethod, 'auto'> =
    method === 'auto' ? (n <= 500 || nComponents !== 2 ? 'exact' : 'barnes-hut') : method;
  if (resolved === 'barnes-hut' && nComponents !== 2) {
    throw new EmbeddingError(
      'INVALID_OPTION',
      'nComponents',
      String(nComponents),
      "2 with method 'barnes-hut'",
      "Use method 'exact' for other dimensions",
    );
  }
  const lr = learningRate === 'auto' ? Math.max(n / earlyExaggeration / 4, 50) : learningRate;
  const Y = initialEmbedding(X, nComponents, init, seed);

  if (resolved === 'tsne-js') {
    const t1 = now();
    const out = runTsneJs(X, Y, {
      nComponents,
      perplexity,
      earlyExaggeration,
      learningRate: lr,
      nIter,
      onProgress,
      progressEvery,
      t0,
    });
    const t2 = now();
    return {
      embedding: { data: Float32Array.from(out.embedding), rows: n, cols: nComponents },
      klDivergence: out.error,
      iterations: out.iterations,
      method: resolved,
      learningRate: lr,
      duplicatePoints: countDuplicatesExact(X),
      threads: 1,
      neighbors: 'exact',
      timings: { neighborsMs: 0, affinitiesMs: 0, optimizeMs: t2 - t1, totalMs: t2 - t0 },
    };
  }

  // Affinities.
  const tn0 = now();
  const k = resolved === 'exact' ? n - 1 : Math.min(n - 1, Math.floor(3 * perplexity + 1));
  const useApprox = resolved === 'barnes-hut' && (neighbors === 'approximate' || (neighbors === 'auto' && n > 10000));
  const graph = useApprox ? approximateKnn(X, k, { seed }) : exactKnn(X, k, undefined, threads);
  const tn1 = now();
  const cond = conditionalProbabilities(graph, perplexity);
  const duplicatePoints = countDuplicates(graph);
  let sparseP: SparseMatrix | null = null;
  let denseP: Float64Array | null = null;
  if (resolved === 'barnes-hut') sparseP = symmetrize(graph, cond);
  else denseP = densePFromGraph(graph, cond);
  const tn2 = now();

  // Optimisation.
  let params = Y;
  let threadsUsed = 1;
  let objective: (params: Float64Array, grad: Float64Array, computeError: boolean) => number;
  let scaleP: (factor: number) => void;
  let dispose = (): void => {};
  if (sparseP) {
    const engine = createBHEngine(sparseP, Y, angle, threads);
    params = engine.Y;
    threadsUsed = engine.threads;
    objective = (_params, grad, computeError) => engine.gradient(grad, computeError);
    scaleP = (f) => engine.scaleP(f);
    dispose = () => engine.dispose();
  } else {
    const P = denseP as Float64Array;
    const num = new Float64Array(n * n);
    objective = (p, grad, computeError) => exactGradient(p, n, nComponents, P, grad, num, computeError);
    scaleP = (f) => {
      for (let e = 0; e < P.length; e++) P[e] *= f;
    };
  }
  const report = (phase: TSNEProgress['phase']) =>
    onProgress
      ? (iteration: number, error: number, gradNorm: number) =>
          onProgress({ iteration, totalIterations: nIter, klDivergence: error, gradNorm, phase, elapsedMs: now() - t0 })
      : undefined;
  const common = { learningRate: lr, minGain: 0.01, minGradNorm, nIterCheck: progressEvery };
  const exploreIter = Math.min(earlyExaggerationIter, nIter);
  let error: number;
  let iteration: number;
  try {
    scaleP(earlyExaggeration);
    ({ error, iteration } = gradientDescent(objective, params, {
      ...common,
      it: 0,
      nIter: exploreIter,
      momentum: 0.5,
      nIterWithoutProgress: exploreIter,
      onCheck: report('early-exaggeration'),
    }));
    scaleP(1 / earlyExaggeration);
    if (nIter > exploreIter) {
      ({ error, iteration } = gradientDescent(objective, params, {
        ...common,
        it: iteration + 1,
        nIter,
        momentum: 0.8,
        nIterWithoutProgress,
        onCheck: report('main'),
      }));
    }
  } finally {
    dispose();
  }
  const tn3 = now();
  return {
    embedding: { data: Float32Array.from(params), rows: n, cols: nComponents },
    klDivergence: error,
    iterations: iteration + 1,
    method: resolved,
    learningRate: lr,
    duplicatePoints,
    threads: threadsUsed,
    neighbors: resolved === 'exact' ? 'exact' : useApprox ? 'approximate' : 'exact',
    timings: { neighborsMs: tn1 - tn0, affinitiesMs: tn2 - tn1, optimizeMs: tn3 - tn2, totalMs: tn3 - t0 },
  };
}

/** Initial embedding as Float64 (rows × nComponents). */
function initialEmbedding(X: FeatureMatrix, dim: number, init: TSNEOptions['init'], seed: number): Float64Array {
  const n = X.rows;
  const Y = new Float64Array(n * dim);
  if (typeof init === 'object') {
    Y.set(init.data);
    return Y;
  }
  const rng = new SeededRandom(seed);
  if (init === 'pca') {
    const k = Math.min(dim, X.cols, n);
    const Z = new PCA({ nComponents: k, seed }).fitTransform(X);
    let mean = 0;
    for (let i = 0; i < n; i++) mean += Z.data[i * k];
    mean /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (Z.data[i * k] - mean) ** 2;
    const std = Math.sqrt(v / n);
    if (std > 0) {
      const s = 1e-4 / std;
      for (let i = 0; i < n; i++) {
        for (let c = 0; c < dim; c++) Y[i * dim + c] = c < k ? Z.data[i * k + c] * s : 1e-4 * rng.normalPolar();
      }
      return Y;
    }
  }
  for (let e = 0; e < Y.length; e++) Y[e] = 1e-4 * rng.normalPolar();
  return Y;
}

/** Dense symmetric P from conditional probabilities over all other points, as scikit-learn's `_joint_probabilities`. */
function densePFromGraph(graph: NeighborGraph, cond: Float64Array): Float64Array {
  const { n, k, indices } = graph;
  const P = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < k; t++) {
      const j = indices[i * k + t];
      const p = cond[i * k + t];
      P[i * n + j] += p;
      P[j * n + i] += p;
    }
  }
  let sum = 0;
  for (let e = 0; e < P.length; e++) sum += P[e];
  const inv = 1 / Math.max(sum, Number.EPSILON);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) P[i * n + j] = i === j ? 0 : Math.max(P[i * n + j] * inv, Number.EPSILON);
  }
  return P;
}

function countDuplicates(graph: NeighborGraph): number {
  let c = 0;
  for (let i = 0; i < graph.n; i++) if (graph.k > 0 && graph.distances[i * graph.k] === 0) c++;
  return c;
}

function countDuplicatesExact(X: FeatureMatrix): number {
  return countDuplicates(exactKnn(X, 1));
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
