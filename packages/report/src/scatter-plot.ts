import { check, isArrayLike, positiveInt, positiveNumber, ReportError, text } from './errors';
import { legendColumn, legendColumnWidth, type LegendItem } from './legend';
import { seriesColor } from './palette';
import { svgOpen, titleBlock } from './svg';

/** Options of {@link scatterPlot}. */
export interface ScatterPlotOptions {
  /** `n × dims` coordinates, row-major; the first two columns are drawn (x right, y up). */
  points: ArrayLike<number>;
  /** Columns per row of `points`. Default 2. */
  dims?: number;
  /** Class of each point (integers ≥ 0), colouring it and listing it in the legend. */
  labels?: ArrayLike<number>;
  /** Legend names indexed by class. Default: the class numbers. */
  classNames?: readonly string[];
  title?: string;
  /** Picture size in pixels, legend included. Defaults 640 × 560. */
  width?: number;
  height?: number;
  /** Point radius in pixels. Default 3 below 2,000 points, 2 below 20,000, else 1.2. */
  pointRadius?: number;
  /** Point opacity in (0, 1]. Default 0.75. */
  opacity?: number;
  /** Show the legend (with labels only). Default true. */
  legend?: boolean;
}

function round1(v: number): string {
  return String(Math.round(v * 10) / 10);
}

/**
 * A scatter plot of a 2-D embedding (t-SNE, PCA) as a standalone SVG string: thousands of points coloured
 * by class, aspect ratio kept, a legend of class names on the right. Points of one class share one `<g>`,
 * so each costs about 30 bytes.
 *
 * @example
 * ```ts
 * scatterPlot({ points: tsneResult.embedding.data, labels, classNames: ['0', '1', '2'], title: 'epoch 10' });
 * ```
 * @throws {ReportError} `EMPTY` without points, `BAD_SHAPE` when `points` is not `n × dims` or labels do
 *   not number `n`, `NOT_FINITE` for a NaN/±Infinity coordinate, `BAD_ARGUMENT` for a label that is not a class index.
 */
export function scatterPlot(options: ScatterPlotOptions): string {
  check(typeof options === 'object' && options !== null, 'options', options, 'an object { points, labels? }');
  const P = options.points;
  check(isArrayLike(P), 'options.points', P, 'n × dims numbers (typed array or array), row-major');
  const dims = options.dims === undefined ? 2 : positiveInt('options.dims', options.dims);
  check(dims >= 2, 'options.dims', dims, 'at least 2 (x, y)');
  if (P.length === 0) throw new ReportError('EMPTY', 'options.points', P, 'at least one point');
  if (P.length % dims !== 0)
    throw new ReportError('BAD_SHAPE', 'options.points', `${P.length} values`, `a multiple of dims (${dims})`);
  const n = P.length / dims;
  const labels = options.labels;
  if (labels !== undefined) {
    check(isArrayLike(labels), 'options.labels', labels, 'one class index per point');
    if (labels.length !== n)
      throw new ReportError('BAD_SHAPE', 'options.labels', `${labels.length} labels`, `one per point (${n})`);
  }
  const width = positiveNumber('options.width', options.width, 640);
  const height = positiveNumber('options.height', options.height, 560);
  const radius = positiveNumber('options.pointRadius', options.pointRadius, n < 2000 ? 3 : n < 20000 ? 2 : 1.2);
  const opacity = positiveNumber('options.opacity', options.opacity, 0.75);
  check(opacity <= 1, 'options.opacity', opacity, 'a number in (0, 1]');
  const title = options.title === undefined ? '' : text('options.title', options.title);
  let minX = Infinity,
    maxX = -Infinity,
    minY = Infinity,
    maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = P[i * dims];
    const y = P[i * dims + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      throw new ReportError(
        'NOT_FINITE',
        `options.points[${i}]`,
        `(${x}, ${y})`,
        'finite coordinates',
        'an embedding that diverged has no picture: check the t-SNE learning rate',
      );
    }
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const classes: number[] = [];
  if (labels) {
    const seen = new Set<number>();
    for (let i = 0; i < n; i++) {
      const c = labels[i];
      if (!(Number.isInteger(c) && c >= 0))
        throw new ReportError('BAD_ARGUMENT', `options.labels[${i}]`, c, 'a class index (integer ≥ 0)');
      seen.add(c);
    }
    classes.push(...[...seen].sort((a, b) => a - b));
  }
  if (options.classNames !== undefined)
    check(Array.isArray(options.classNames), 'options.classNames', options.classNames, 'an array of names indexed by class');
  const names = classes.map((c) => {
    const name = options.classNames?.[c];
    return name === undefined ? String(c) : text(`options.classNames[${c}]`, name);
  });
  const showLegend = options.legend !== false && classes.length > 0;
  const head = titleBlock(title, width);
  const plotTop = head.height + 2;
  // The legend is one column of rows 11–18 px high; classes that do not fit (CIFAR-100) flow into more columns.
  const rowH = Math.max(11, Math.min(18, (height - plotTop - 8) / Math.max(1, classes.length)));
  const legendSize = rowH < 14 ? 9 : 12;
  const perColumn = Math.max(1, Math.floor((height - plotTop - 8) / rowH));
  const legendCols = Math.ceil(classes.length / perColumn);
  const colW = showLegend ? legendColumnWidth(names, Math.min(width * 0.3, legendCols > 1 ? 110 : Infinity), legendSize) : 0;
  const legendW = showLegend ? Math.min(width * 0.5, legendCols * colW) + 8 : 0;
  const pad = 8;
  const areaW = width - legendW - 2 * pad;
  const areaH = height - plotTop - pad;
  check(
    areaW > 2 * radius && areaH > 2 * radius,
    'options.width',
    width,
    'room for the plot beside the legend and under the title',
  );
  const spanX = Math.max(maxX - minX, 1e-12);
  const spanY = Math.max(maxY - minY, 1e-12);
  const s = Math.min((areaW - 2 * radius) / spanX, (areaH - 2 * radius) / spanY);
  const offX = pad + (areaW - s * spanX) / 2;
  const offY = plotTop + (areaH - s * spanY) / 2;
  const r = round1(radius);
  const circle = (i: number) =>
    `<circle cx="${round1(offX + (P[i * dims] - minX) * s)}" cy="${round1(offY + (maxY - P[i * dims + 1]) * s)}" r="${r}"/>`;
  const out = [svgOpen(width, height, title || 'scatter plot', 'chart scatter-plot'), head.svg];
  if (labels) {
    const byClass = new Map<number, string[]>(classes.map((c) => [c, []]));
    for (let i = 0; i < n; i++) (byClass.get(labels[i]) as string[]).push(circle(i));
    classes.forEach((c) =>
      out.push(
        `<g class="class-${c}" fill="${seriesColor(c)}" fill-opacity="${opacity}">${(byClass.get(c) as string[]).join('')}</g>`,
      ),
    );
  } else {
    const all: string[] = [];
    for (let i = 0; i < n; i++) all.push(circle(i));
    out.push(`<g fill="${seriesColor(0)}" fill-opacity="${opacity}">${all.join('')}</g>`);
  }
  if (showLegend) {
    const items: LegendItem[] = classes.map((c, k) => ({ name: names[k], color: seriesColor(c), kind: 'square' }));
    const w = (legendW - 8) / legendCols;
    for (let col = 0; col < legendCols; col++) {
      out.push(
        legendColumn(
          items.slice(col * perColumn, (col + 1) * perColumn),
          width - legendW + 4 + col * w,
          plotTop,
          w - 4,
          rowH,
          legendSize,
        ).svg,
      );
    }
  }
  out.push('</svg>');
  return out.join('');
}
