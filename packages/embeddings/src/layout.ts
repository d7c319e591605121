import { EmbeddingError } from './errors.js';
import { checkFinite, checkShape, type FeatureMatrix } from './matrix.js';

/** Options shared by {@link scatterSvg} and {@link scatterPng}. */
export interface ScatterOptions {
  /** Picture width in pixels, legend included. Default 640. */
  width?: number;
  /** Picture height in pixels. Default 560. */
  height?: number;
  /** Title drawn at the top. Default none. */
  title?: string;
  /** Names shown in the legend, indexed by class label. Default: the label numbers. */
  classNames?: readonly string[];
  /** Point radius in pixels. Default: 3 below 2,000 points, 2 below 20,000, else 1.2. */
  pointRadius?: number;
  /** Point opacity in [0, 1]. Default 0.75. */
  opacity?: number;
  /** Show the legend (only when labels are given). Default true. */
  legend?: boolean;
}

/** Resolved picture geometry: pixel coordinates for each point. @internal */
export interface ScatterLayout {
  width: number;
  height: number;
  px: Float64Array;
  py: Float64Array;
  classes: number[];
  names: string[];
  radius: number;
  opacity: number;
  title: string;
  legend: boolean;
  legendX: number;
  plotTop: number;
}

/** Maps the first two columns of `Y` into the plot area (aspect ratio kept, legend on the right). @internal */
export function layoutScatter(Y: FeatureMatrix, labels: ArrayLike<number> | undefined, options: ScatterOptions, charWidth = 7): ScatterLayout {
  checkShape(Y, 'Y');
  checkFinite(Y, 'Y');
  if (Y.cols < 2) throw new EmbeddingError('INVALID_SHAPE', 'Y.cols', String(Y.cols), 'at least 2 columns (x, y)');
  if (labels && labels.length !== Y.rows) throw new EmbeddingError('INVALID_SHAPE', 'labels.length', String(labels.length), `Y.rows (${Y.rows})`);
  const n = Y.rows;
  const { width = 640, height = 560, title = '', classNames, opacity = 0.75, legend = true } = options;
  const radius = options.pointRadius ?? (n < 2000 ? 3 : n < 20000 ? 2 : 1.2);
  const classes = labels ? [...new Set(Array.from(labels))].sort((a, b) => a - b) : [];
  const names = classes.map((c) => (classNames && classNames[c] !== undefined ? classNames[c] : String(c)));
  const showLegend = legend && classes.length > 0;
  const legendW = showLegend ? Math.min(28 + 15 * charWidth, 28 + charWidth * Math.max(...names.map((s) => s.length), 1)) : 0;
  const plotTop = title ? 28 : 8;
  const pad = 8;
  const areaW = width - legendW - 2 * pad;
  const areaH = height - plotTop - pad;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = Y.data[i * Y.cols];
    const y = Y.data[i * Y.cols + 1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const spanX = Math.max(maxX - minX, 1e-12);
  const spanY = Math.max(maxY - minY, 1e-12);
  const s = Math.min((areaW - 2 * radius) / spanX, (areaH - 2 * radius) / spanY);
  const offX = pad + (areaW - s * spanX) / 2;
  const offY = plotTop + (areaH - s * spanY) / 2;
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    px[i] = offX + (Y.data[i * Y.cols] - minX) * s;
    py[i] = offY + (maxY - Y.data[i * Y.cols + 1]) * s; // y up
  }
  return { width, height, px, py, classes, names, radius, opacity, title, legend: showLegend, legendX: width - legendW, plotTop };
}
