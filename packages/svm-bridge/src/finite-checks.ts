import { SvmBridgeError } from './errors';

/** What to do about features too large for the arithmetic (scikit-learn's words, then the remedy). */
export const LARGE_VALUES =
  'The input data may contain large values and need to be preprocessed (e.g. StandardScaler or MinMaxScaler)';

/** scikit-learn's words for a solver whose solution overflowed (`sklearn/svm/_base.py`), then what to do. */
export const NOT_FINITE_SOLUTION = `The dual coefficients or intercepts are not finite. ${LARGE_VALUES}`;

/**
 * @internal Throws unless every value of a fitted solution is finite. Float32 kernel caches and squared norms
 * overflow on features around 1e20 and beyond, and libsvm then returns NaN coefficients without complaint.
 */
export function checkSolution(parts: readonly { name: string; values: ArrayLike<number> }[]): void {
  for (const { name, values } of parts) {
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i])) {
        throw new SvmBridgeError(
          'X',
          `a solution whose ${name}[${i}] is ${values[i]}`,
          'features small enough for a finite solution',
          NOT_FINITE_SOLUTION,
        );
      }
    }
  }
}

/**
 * @internal Throws unless every decision value is finite: a NaN score would otherwise pick a class silently
 * (every comparison with NaN is false).
 */
export function checkDecisionValues(values: Float64Array, rows: number, cols: number, name = 'X'): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      const r = Math.floor(i / cols);
      throw new SvmBridgeError(
        `${name}[${r}]`,
        `features whose decision value is ${values[i]}`,
        'features for which every decision value is finite',
        `Row ${r} of ${rows} is too large for the model's kernel (the decision value is not finite): the input data may contain large values and need to be preprocessed as at fit time`,
      );
    }
  }
}
