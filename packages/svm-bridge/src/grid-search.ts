import { SvmBridgeError, describe } from './errors';
import type { GammaOption } from './gamma';
import { checkLabels, checkMatrix, takeRows, uniqueClasses, type FeatureMatrix, type Labels } from './matrix';
import { MinMaxScaler } from './min-max-scaler';
import { StandardScaler } from './standard-scaler';
import { stratifiedFolds } from './stratified-kfold';
import { SVC, type SVCOptions } from './svc';

/** Options of {@link gridSearch}. */
export interface GridSearchOptions {
  /** Values of C to try. */
  Cs: readonly number[];
  /** Values of gamma to try (numbers, `'scale'` or `'auto'`). */
  gammas: readonly GammaOption[];
  /** Number of stratified folds. Default 5. */
  folds?: number;
  /** Seed of the fold shuffle. Default 0. */
  seed?: number;
  /** Scaler fitted on each training fold only and applied to its validation fold. Default `'none'`. */
  scaler?: 'standard' | 'minmax' | 'none';
  /** Other {@link SVC} options shared by every candidate (kernel, tol, classWeight, …). */
  svc?: Omit<SVCOptions, 'C' | 'gamma'>;
  /** Called after each candidate with the finished row. */
  onResult?: (row: GridSearchRow, done: number, total: number) => void;
}

/** One candidate of a {@link gridSearch}. */
export interface GridSearchRow {
  C: number;
  gamma: GammaOption;
  /** Validation accuracy of each fold. */
  foldAccuracy: Float64Array;
  meanAccuracy: number;
  /** Population standard deviation over folds. */
  stdAccuracy: number;
  /** 1 = best mean accuracy (ties share a rank). */
  rank: number;
  /** Wall time of this candidate's fits and predictions, seconds. */
  seconds: number;
}

/** Result of {@link gridSearch}: the table in grid order (C outer, gamma inner) and its best row. */
export interface GridSearchResult {
  table: GridSearchRow[];
  best: GridSearchRow;
}

/**
 * Exhaustive search over C × gamma for an {@link SVC}, scored by accuracy with stratified k-fold
 * cross-validation. Scaling, if asked for, is fitted on each training fold only.
 *
 * @example
 * ```ts
 * const { best, table } = await gridSearch(X, y, { Cs: [1, 5, 10], gammas: [0.01, 0.05, 'scale'], folds: 3 });
 * const svc = await new SVC({ C: best.C, gamma: best.gamma }).fit(X, y);
 * ```
 */
export async function gridSearch(X: FeatureMatrix, y: Labels, options: GridSearchOptions): Promise<GridSearchResult> {
  checkMatrix(X, 'X');
  const labels = checkLabels(y, X.rows);
  uniqueClasses(labels);
  const { Cs, gammas } = options;
  if (!Array.isArray(Cs) || Cs.length === 0)
    throw new SvmBridgeError('options.Cs', describe(Cs), 'a non-empty array of positive numbers');
  if (!Array.isArray(gammas) || gammas.length === 0)
    throw new SvmBridgeError('options.gammas', describe(gammas), "a non-empty array of numbers, 'scale' or 'auto'");
  const scaler = options.scaler ?? 'none';
  if (!['standard', 'minmax', 'none'].includes(scaler))
    throw new SvmBridgeError('options.scaler', describe(scaler), "'standard', 'minmax' or 'none'");
  const folds = stratifiedFolds(labels, options.folds ?? 5, options.seed ?? 0);
  // Prepare each fold's (scaled) train/validation split once.
  const splits = folds.map((test) => {
    const inTest = new Uint8Array(X.rows);
    for (const i of test) inTest[i] = 1;
    const train = Int32Array.from({ length: X.rows - test.length });
    for (let i = 0, t = 0; i < X.rows; i++) if (!inTest[i]) train[t++] = i;
    let Xtr = takeRows(X, train);
    let Xva = takeRows(X, test);
    if (scaler !== 'none') {
      const s = scaler === 'standard' ? new StandardScaler().fit(Xtr) : new MinMaxScaler().fit(Xtr);
      Xtr = s.transform(Xtr);
      Xva = s.transform(Xva);
    }
    return { Xtr, ytr: train.map((i) => labels[i]), Xva, yva: test.map((i) => labels[i]) };
  });
  const table: GridSearchRow[] = [];
  const total = Cs.length * gammas.length;
  for (const C of Cs) {
    for (const gamma of gammas) {
      const t0 = performance.now();
      const foldAccuracy = new Float64Array(splits.length);
      for (let f = 0; f < splits.length; f++) {
        const s = splits[f];
        const pred = (await new SVC({ ...options.svc, C, gamma }).fit(s.Xtr, s.ytr)).predict(s.Xva);
        let hit = 0;
        for (let i = 0; i < pred.length; i++) if (pred[i] === s.yva[i]) hit++;
        foldAccuracy[f] = hit / pred.length;
      }
      const mean = foldAccuracy.reduce((a, b) => a + b, 0) / foldAccuracy.length;
      const std = Math.sqrt(foldAccuracy.reduce((a, b) => a + (b - mean) ** 2, 0) / foldAccuracy.length);
      const row: GridSearchRow = {
        C,
        gamma,
        foldAccuracy,
        meanAccuracy: mean,
        stdAccuracy: std,
        rank: 0,
        seconds: (performance.now() - t0) / 1000,
      };
      table.push(row);
      options.onResult?.(row, table.length, total);
    }
  }
  for (const row of table) row.rank = 1 + table.filter((r) => r.meanAccuracy > row.meanAccuracy).length;
  const best = table.reduce((a, b) => (b.meanAccuracy > a.meanAccuracy ? b : a));
  return { table, best };
}
