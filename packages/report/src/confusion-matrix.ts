import { check, isArrayLike, positiveNumber, ReportError } from './errors';
import { axisLabels, drawHeatmap, heatmapValues } from './heatmap';
import { FONT } from './svg';
import { textWidth } from './text-width';

/** Over what a confusion matrix is normalised: true rows (recall), predicted columns (precision), all cells. */
export type ConfusionNormalize = 'true' | 'pred' | 'all';

/** Options of {@link confusionMatrixChart}. */
export interface ConfusionMatrixChartOptions {
  /** `n × n` counts, row-major (row = true class, column = predicted), or `n` rows of `n` counts. */
  matrix: ArrayLike<number> | ReadonlyArray<ArrayLike<number>>;
  /** Number of classes when `matrix` is flat. Default: its square root. */
  size?: number;
  /** Class names in row order. Default 0 … n−1. */
  classNames?: readonly string[];
  /**
   * Colour and print fractions over true rows, predicted columns or all cells (raw counts printed under
   * them when cells are big enough). Default: raw counts. Rows or columns without samples print 0.
   */
  normalize?: ConfusionNormalize | null;
  /** Title above the matrix. Default none. */
  title?: string;
  /** Side of a cell in pixels. Default 48, shrinking to fit 600 px for many classes, at least 14. */
  cellSize?: number;
}

/** Python's `format(v, '.2g')` for the fractions, integers for counts (as scikit-learn's display prints them). */
function fraction(v: number): string {
  return v === 0 ? '0' : String(Number(v.toPrecision(2)));
}
function count(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(3)));
}

/**
 * A confusion matrix as an SVG heatmap, as scikit-learn's `ConfusionMatrixDisplay` draws it: viridis, the
 * count (or normalised fraction with the count under it) in every cell, class names on both axes (turned
 * 45° when long), "True label" / "Predicted label" captions, a colour bar, a tooltip per cell.
 *
 * @example
 * ```ts
 * confusionMatrixChart({ matrix: [[50, 2], [5, 43]], classNames: ['ants', 'bees'], normalize: 'true', title: 'Validation' });
 * ```
 * @throws {ReportError} `BAD_SHAPE` for a matrix that is not square or names that do not match,
 *   `NOT_FINITE` for NaN/±Infinity, `BAD_ARGUMENT` for a negative count.
 */
export function confusionMatrixChart(options: ConfusionMatrixChartOptions): string {
  check(typeof options === 'object' && options !== null, 'options', options, 'an object { matrix, classNames? }');
  const m = options.matrix;
  check(isArrayLike(m), 'options.matrix', m, 'n × n counts (flat row-major, or an array of rows)');
  if (m.length === 0) throw new ReportError('EMPTY', 'options.matrix', m, 'at least one class');
  let flat: ArrayLike<number>;
  let n: number;
  if (m.length > 0 && isArrayLike(m[0])) {
    const rowsArr = m as ReadonlyArray<ArrayLike<number>>;
    n = rowsArr.length;
    const out = new Array<number>(n * n);
    rowsArr.forEach((row, i) => {
      if (!isArrayLike(row) || row.length !== n)
        throw new ReportError('BAD_SHAPE', `options.matrix[${i}]`, row, `a row of ${n} counts (a square matrix)`);
      for (let j = 0; j < n; j++) out[i * n + j] = row[j];
    });
    flat = out;
  } else {
    flat = m as ArrayLike<number>;
    n = options.size ?? Math.round(Math.sqrt(flat.length));
    check(Number.isInteger(n) && n > 0, 'options.size', options.size, 'a positive integer');
  }
  if (flat.length !== n * n)
    throw new ReportError(
      'BAD_SHAPE',
      'options.matrix',
      `${flat.length} values`,
      `${n} × ${n} = ${n * n} counts`,
      'pass options.size for a flat matrix',
    );
  const cells = heatmapValues(flat, n, n, 'options.matrix');
  for (let k = 0; k < n * n; k++) {
    if (cells.empty[k]) throw new ReportError('BAD_ARGUMENT', `options.matrix[${k}]`, null, 'a count');
    if (cells.values[k] < 0)
      throw new ReportError(
        'BAD_ARGUMENT',
        `options.matrix[${Math.floor(k / n)}][${k % n}]`,
        cells.values[k],
        'a non-negative count',
      );
  }
  const names = axisLabels('options.classNames', options.classNames, n, 'class');
  const norm = options.normalize ?? null;
  check(
    norm === null || norm === 'true' || norm === 'pred' || norm === 'all',
    'options.normalize',
    norm,
    "'true', 'pred', 'all' or null",
  );
  const counts = cells.values;
  const values = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let denom = 1;
      if (norm === 'true') {
        denom = 0;
        for (let jj = 0; jj < n; jj++) denom += counts[i * n + jj];
      } else if (norm === 'pred') {
        denom = 0;
        for (let ii = 0; ii < n; ii++) denom += counts[ii * n + j];
      } else if (norm === 'all') {
        denom = 0;
        for (const c of counts) denom += c;
      }
      values[i * n + j] = denom > 0 ? counts[i * n + j] / denom : 0;
    }
  }
  let min = Infinity,
    max = -Infinity;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const cell = positiveNumber('options.cellSize', options.cellSize, Math.max(14, Math.min(48, Math.floor(600 / n))));
  const font = Math.max(7, Math.min(14, Math.round(cell * 0.3)));
  const fmt = norm ? fraction : count;
  // Counts wider than the cell would spill into the neighbours: grow the cells to hold them.
  const widest = Math.max(...Array.from(values, (v) => textWidth(fmt(v), font)));
  const side = Math.max(cell, Math.ceil(widest + 6));
  const span = max - min;
  const title = options.title ?? '';
  return drawHeatmap({
    title,
    cls: 'chart confusion-matrix',
    rows: n,
    cols: n,
    cells: { values, empty: cells.empty, min, max },
    shadeOf: (k) => (span > 0 ? (values[k] - min) / span : 0),
    lines: Array.from(values, (v, k) => (norm && side >= 28 ? [fmt(v), `(${count(counts[k])})`] : [fmt(v)])),
    tooltips: Array.from(
      values,
      (v, k) => `${names[Math.floor(k / n)]} → ${names[k % n]}: ${fmt(v)}${norm ? ` (${count(counts[k])})` : ''}`,
    ),
    rowLabels: names,
    colLabels: names,
    rowTitle: 'True label',
    colTitle: 'Predicted label',
    map: 'viridis',
    colorbar: { min: fmt(min), max: fmt(max) },
    cellWidth: side,
    cellHeight: norm && side >= 28 ? Math.max(side, font * 2 + 12) : side,
    fontSize: Math.min(font, FONT.title),
  });
}
