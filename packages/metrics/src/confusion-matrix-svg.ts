import { checkNormalize, normalizeCounts, type ConfusionMatrix, type ConfusionNormalize } from './confusion-matrix.js';
import { MetricsError } from './errors.js';
import { pyFormatG } from './python-format.js';

/** Options of {@link confusionMatrixSvg}. */
export interface ConfusionMatrixSvgOptions {
  /** Name of each class, in row order (default: the matrix labels, or 0 … n−1). */
  classNames?: readonly string[];
  /**
   * Colour (and print) the matrix normalised over true rows, predicted columns or all cells; the
   * raw count is printed under each fraction. Only for a matrix of raw counts.
   */
  normalize?: ConfusionNormalize | null;
  /** Title drawn above the matrix. */
  title?: string;
  /** Side of one cell in pixels (default: 48, shrinking to fit 600 px for many classes, at least 14). */
  cellSize?: number;
}

// matplotlib's viridis (scikit-learn's ConfusionMatrixDisplay default), 11 stops.
const VIRIDIS = [
  [68, 1, 84], [72, 36, 117], [65, 68, 135], [53, 95, 141], [42, 120, 142], [33, 145, 140],
  [34, 168, 132], [68, 191, 112], [122, 209, 81], [189, 223, 38], [253, 231, 37],
] as const;

/** @internal Viridis colour for t in [0, 1] as `#rrggbb`. */
export function viridis(t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const c = VIRIDIS[i].map((v, k) => Math.round(v + (VIRIDIS[i + 1][k] - v) * f));
  return '#' + c.map((v) => v.toString(16).padStart(2, '0')).join('');
}

/** @internal Escapes text for SVG/XML content and attributes. */
export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

function isConfusionMatrix(x: unknown): x is ConfusionMatrix {
  return typeof x === 'object' && x !== null && (x as ConfusionMatrix).data instanceof Float64Array && typeof (x as ConfusionMatrix).size === 'number';
}

function formatCount(v: number): string {
  return Number.isInteger(v) ? String(v) : pyFormatG(v, 3);
}

/**
 * Draws a confusion matrix as an SVG heatmap (viridis, like scikit-learn's
 * `ConfusionMatrixDisplay`): one cell per (true, predicted) pair with its count, class names on
 * both axes, "True label" / "Predicted label" captions, a colour bar and an optional title.
 * Returns the SVG document as a string (write it to a `.svg` file or inline it in HTML).
 *
 * @param cm - a {@link ConfusionMatrix} or a square matrix as nested arrays.
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * const cm = confusionMatrix(yTrue, yPred);
 * writeFileSync('cm.svg', confusionMatrixSvg(cm, { classNames: ['ants', 'bees'], normalize: 'true', title: 'Validation' }));
 * ```
 */
export function confusionMatrixSvg(cm: ConfusionMatrix | ArrayLike<ArrayLike<number>>, options: ConfusionMatrixSvgOptions = {}): string {
  let n: number;
  let counts: Float64Array;
  let labels: readonly number[];
  let alreadyNormalized = false;
  if (isConfusionMatrix(cm)) {
    n = cm.size;
    counts = cm.data;
    labels = cm.labels;
    alreadyNormalized = cm.normalize !== null;
  } else if (cm && typeof cm === 'object' && typeof cm.length === 'number') {
    n = cm.length;
    counts = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      const row = cm[i];
      if (!row || row.length !== n) throw new MetricsError(`cm[${i}]`, row, `a row of ${n} values (a square matrix)`);
      for (let j = 0; j < n; j++) counts[i * n + j] = row[j];
    }
    labels = Array.from({ length: n }, (_, i) => i);
  } else {
    throw new MetricsError('cm', cm, 'a ConfusionMatrix or a square matrix of counts');
  }
  if (n === 0) throw new MetricsError('cm', 'an empty matrix', 'at least one class');
  for (let k = 0; k < counts.length; k++) {
    if (!Number.isFinite(counts[k]) || counts[k] < 0) {
      throw new MetricsError(`cm[${Math.floor(k / n)}][${k % n}]`, counts[k], 'a finite, non-negative count');
    }
  }
  const normalize = checkNormalize(options.normalize);
  if (normalize && alreadyNormalized) {
    throw new MetricsError('options.normalize', normalize, 'null for a matrix that is already normalised');
  }
  const names = options.classNames ? [...options.classNames] : labels.map(String);
  if (names.length !== n) throw new MetricsError('options.classNames', `${names.length} names`, `one name per class (${n})`);
  const values = normalizeCounts(counts, n, normalize);

  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min;
  const thresh = (max + min) / 2;
  const cell = options.cellSize ?? Math.max(14, Math.min(48, Math.floor(600 / n)));
  if (!(cell > 0)) throw new MetricsError('options.cellSize', options.cellSize, 'a positive number of pixels');
  const font = Math.max(7, Math.min(14, Math.round(cell * 0.3)));
  const charW = font * 0.62;
  const longest = Math.max(...names.map((s) => s.length));
  const rotate = longest * charW > cell;
  const titleH = options.title ? font * 2.5 : font;
  const left = Math.ceil(font * 2.5 + longest * charW + 8);
  const top = Math.ceil(titleH + 4);
  const gridW = n * cell;
  const xLabelH = rotate ? Math.ceil(longest * charW * 0.72 + font) : font * 1.6;
  const bottom = Math.ceil(xLabelH + font * 2.6);
  const barW = Math.max(10, Math.round(cell * 0.4));
  const barX = left + gridW + 16;
  const width = Math.ceil(barX + barW + 8 + charW * 6);
  const height = top + gridW + bottom;
  const fmt = (v: number) => (normalize ? pyFormatG(v, 2) : formatCount(v));

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="${font}">`,
  );
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  if (options.title) {
    out.push(`<text x="${left + gridW / 2}" y="${font * 1.6}" text-anchor="middle" font-size="${font + 2}" font-weight="bold">${escapeXml(options.title)}</text>`);
  }
  out.push(`<g class="cells">`);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = values[i * n + j];
      const x = left + j * cell;
      const y = top + i * cell;
      const textColor = v < thresh ? viridis(1) : viridis(0);
      out.push(`<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${viridis(span > 0 ? (v - min) / span : 0)}"><title>${escapeXml(`${names[i]} → ${names[j]}: ${fmt(v)}`)}</title></rect>`);
      if (normalize && cell >= 28) {
        out.push(`<text x="${x + cell / 2}" y="${y + cell / 2 - 1}" text-anchor="middle" fill="${textColor}">${fmt(v)}</text>`);
        out.push(`<text x="${x + cell / 2}" y="${y + cell / 2 + font}" text-anchor="middle" fill="${textColor}" font-size="${Math.max(6, font - 3)}">(${formatCount(counts[i * n + j])})</text>`);
      } else {
        out.push(`<text x="${x + cell / 2}" y="${y + cell / 2}" text-anchor="middle" dominant-baseline="central" fill="${textColor}">${fmt(v)}</text>`);
      }
    }
  }
  out.push(`</g>`);
  out.push(`<g class="y-ticks">`);
  names.forEach((name, i) => {
    out.push(`<text x="${left - 6}" y="${top + i * cell + cell / 2}" text-anchor="end" dominant-baseline="central">${escapeXml(name)}</text>`);
  });
  out.push(`</g>`);
  out.push(`<g class="x-ticks">`);
  names.forEach((name, j) => {
    const x = left + j * cell + cell / 2;
    const y = top + gridW + font + 2;
    if (rotate) {
      out.push(`<text x="${x}" y="${y}" text-anchor="end" transform="rotate(-45 ${x} ${y})">${escapeXml(name)}</text>`);
    } else {
      out.push(`<text x="${x}" y="${y}" text-anchor="middle">${escapeXml(name)}</text>`);
    }
  });
  out.push(`</g>`);
  out.push(`<text x="${left + gridW / 2}" y="${top + gridW + xLabelH + font * 1.6}" text-anchor="middle">Predicted label</text>`);
  const ly = top + gridW / 2;
  out.push(`<text x="${font}" y="${ly}" text-anchor="middle" transform="rotate(-90 ${font} ${ly})">True label</text>`);
  out.push(`<defs><linearGradient id="cm-bar" x1="0" y1="1" x2="0" y2="0">`);
  for (let s = 0; s <= 10; s++) out.push(`<stop offset="${s / 10}" stop-color="${viridis(s / 10)}"/>`);
  out.push(`</linearGradient></defs>`);
  out.push(`<rect class="colorbar" x="${barX}" y="${top}" width="${barW}" height="${gridW}" fill="url(#cm-bar)"/>`);
  out.push(`<text x="${barX + barW + 4}" y="${top + font * 0.8}">${fmt(max)}</text>`);
  out.push(`<text x="${barX + barW + 4}" y="${top + gridW}">${fmt(min)}</text>`);
  out.push(`</svg>`);
  return out.join('\n') + '\n';
}
