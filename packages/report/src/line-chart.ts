import { frameAndLabels, tickLabelWidth, xAxis, yAxis, type PlotArea } from './axes';
import { check, finiteValues, isArrayLike, oneOf, positiveNumber, ReportError, text } from './errors';
import { escapeXml } from './escape';
import { legendColumn, legendColumnWidth, legendRows, type LegendItem } from './legend';
import { seriesColor } from './palette';
import { formatNumber, makeScale, niceTicks } from './scale';
import { FONT, isColor, px, svgOpen, titleBlock } from './svg';
import { fitText } from './text-width';

/** One line of a {@link lineChart}. */
export interface LineSeries {
  /** Legend label. */
  name: string;
  /** The y values. `null` leaves a gap in the line. */
  y: ArrayLike<number | null>;
  /**
   * The x value of each y (same length), e.g. seconds for accuracy against time. Default 1, 2, 3, … (epochs,
   * evaluation points), drawn with integer ticks.
   */
  x?: ArrayLike<number>;
  /** CSS colour. Default: the palette's colour of the series' position. */
  color?: string;
  /** Dashed line (validation curves, secondary runs). */
  dashed?: boolean;
  /** Dots on the points. Default: when the series has at most 60 points. */
  markers?: boolean;
}

/** Options of {@link lineChart}. */
export interface LineChartOptions {
  /** Drawn above the chart, wrapped onto more lines when wider than the picture. */
  title: string;
  series: readonly LineSeries[];
  xLabel?: string;
  yLabel?: string;
  /** Logarithmic x axis (positive x only). Default false. */
  logX?: boolean;
  /** Logarithmic y axis (positive y only): learning rates, perplexities. Default false. */
  logY?: boolean;
  /** Fixed ends of the y axis (e.g. 0 and 1 for accuracy); default: the data range, padded 5 %. */
  yMin?: number;
  yMax?: number;
  /** Start the x axis at 0 (times, sample counts). Default false: the data range. */
  xFromZero?: boolean;
  /** Picture size in pixels. Defaults 560 × 320 (the plot shrinks to make room for a wrapped legend). */
  width?: number;
  height?: number;
  /** Where the legend goes: a band under the title (never over a curve), a column on the right, or none. Default `'top'`. */
  legend?: 'top' | 'right' | 'none';
  /**
   * What NaN, ±Infinity (and non-positive values on a log axis) mean: `'error'` (default) throws a
   * {@link ReportError} naming the point; `'gap'` leaves a gap, as `null` does.
   */
  nonFinite?: 'error' | 'gap';
}

interface Prepared {
  name: string;
  x: Float64Array;
  y: Float64Array;
  color: string;
  dashed: boolean;
  markers: boolean;
}

/**
 * A line chart of one or more series as a standalone SVG string: nice ticks, grid, axis titles, legend, a
 * tooltip on every marker; linear or log axes. Training curves (x = epoch), accuracy against seconds, loss
 * against evaluation step, perplexity per epoch on a log axis.
 *
 * @example
 * ```ts
 * const svg = lineChart({
 *   title: 'Loss', xLabel: 'epoch', yLabel: 'loss',
 *   series: [{ name: 'train', y: [0.9, 0.5, 0.3] }, { name: 'validation', y: [1.0, 0.6, 0.45], dashed: true }],
 * });
 * ```
 * @throws {ReportError} `EMPTY` without series or points, `NOT_FINITE` for NaN/±Infinity (unless
 *   `nonFinite: 'gap'`), `BAD_SHAPE` when `x` and `y` differ in length, `BAD_ARGUMENT` for other bad options.
 */
export function lineChart(options: LineChartOptions): string {
  check(typeof options === 'object' && options !== null, 'options', options, 'an object { title, series }');
  const title = text('options.title', options.title);
  check(Array.isArray(options.series), 'options.series', options.series, 'an array of { name, y }');
  if (options.series.length === 0) throw new ReportError('EMPTY', 'options.series', options.series, 'at least one series');
  const width = positiveNumber('options.width', options.width, 560);
  const height = positiveNumber('options.height', options.height, 320);
  const legendPlace =
    options.legend === undefined ? 'top' : oneOf('options.legend', options.legend, ['top', 'right', 'none'] as const);
  const gaps =
    (options.nonFinite === undefined ? 'error' : oneOf('options.nonFinite', options.nonFinite, ['error', 'gap'] as const)) ===
    'gap';
  const logX = options.logX === true;
  const logY = options.logY === true;
  const integerX = options.series.every((s) => s?.x === undefined);

  const series: Prepared[] = options.series.map((s, k) => {
    const at = `options.series[${k}]`;
    check(typeof s === 'object' && s !== null, at, s, 'an object { name, y }');
    const name = text(`${at}.name`, s.name);
    const y = finiteValues(`${at}.y`, s.y, { gaps: true, allowEmpty: true });
    if (!gaps) refuseNonFinite(`${at}.y`, s.y);
    let x: Float64Array;
    if (s.x === undefined) x = Float64Array.from({ length: y.length }, (_, i) => i + 1);
    else {
      check(isArrayLike(s.x), `${at}.x`, s.x, 'an array or typed array of numbers');
      if (s.x.length !== y.length)
        throw new ReportError('BAD_SHAPE', `${at}.x`, `${s.x.length} values`, `one x per y (${y.length})`);
      x = finiteValues(`${at}.x`, s.x, { gaps, allowEmpty: true });
    }
    if (logY || logX) {
      for (let i = 0; i < y.length; i++) {
        for (const [axis, arr, on] of [
          ['y', y, logY],
          ['x', x, logX],
        ] as const) {
          if (on && arr[i] <= 0) {
            if (!gaps)
              throw new ReportError(
                'BAD_ARGUMENT',
                `${at}.${axis}[${i}]`,
                arr[i],
                `a positive number (the ${axis} axis is logarithmic)`,
                `use nonFinite: 'gap' to leave such points out, or a linear axis`,
              );
            arr[i] = NaN;
          }
        }
      }
    }
    const color = s.color ?? seriesColor(k);
    check(isColor(color), `${at}.color`, s.color, "a CSS colour ('#0072b2', 'rgb(0,114,178)', 'teal')");
    return { name, x, y, color, dashed: s.dashed === true, markers: s.markers ?? y.length <= 60 };
  });

  let xLo = Infinity,
    xHi = -Infinity,
    yLo = Infinity,
    yHi = -Infinity;
  for (const s of series) {
    for (let i = 0; i < s.y.length; i++) {
      if (Number.isNaN(s.y[i]) || Number.isNaN(s.x[i])) continue;
      xLo = Math.min(xLo, s.x[i]);
      xHi = Math.max(xHi, s.x[i]);
      yLo = Math.min(yLo, s.y[i]);
      yHi = Math.max(yHi, s.y[i]);
    }
  }
  if (!(xLo <= xHi))
    throw new ReportError(
      'EMPTY',
      'options.series',
      `${series.length} series without a drawable point`,
      'at least one point with finite x and y',
    );
  if (options.yMin !== undefined) {
    check(
      Number.isFinite(options.yMin) && (!logY || options.yMin > 0),
      'options.yMin',
      options.yMin,
      logY ? 'a positive number' : 'a finite number',
    );
    yLo = Math.min(yLo, options.yMin);
  }
  if (options.yMax !== undefined) {
    check(Number.isFinite(options.yMax), 'options.yMax', options.yMax, 'a finite number');
    yHi = Math.max(yHi, options.yMax);
  }
  if (options.xFromZero && !logX) xLo = Math.min(0, xLo);

  // Layout: title, legend band, plot, x ticks and label.
  const head = titleBlock(title, width);
  const items: LegendItem[] = series.map((s) => ({ name: s.name, color: s.color, kind: s.dashed ? 'dashed' : 'line' }));
  const rightW =
    legendPlace === 'right'
      ? legendColumnWidth(
          items.map((i) => i.name),
          width * 0.4,
        ) + 8
      : 0;
  const exactY = options.yMin !== undefined || options.yMax !== undefined;
  const probeY = makeScale(yLo, yHi, 0, 1, { log: logY, exact: exactY });
  const left = tickLabelWidth(probeY.ticks) + (options.yLabel ? 30 : 12);
  const right = 16 + rightW;
  const topLegend = legendPlace === 'top' ? legendRows(items, left, head.height, width - left - right) : { svg: '', height: 0 };
  const top = head.height + topLegend.height + 6;
  const bottom = 24 + (options.xLabel ? 18 : 0);
  const area: PlotArea = { left, top, width: Math.max(20, width - left - right), height: Math.max(20, height - top - bottom) };
  const totalHeight = Math.max(height, top + area.height + bottom);
  const sy = makeScale(yLo, yHi, area.top + area.height, area.top, { log: logY, exact: exactY });
  const sx = makeScale(xLo, xHi, area.left, area.left + area.width, { log: logX, pad: 0.02, exact: options.xFromZero });
  const xTicks = integerX ? integerTicks(xLo, xHi) : sx.ticks;

  const parts: string[] = [svgOpen(width, totalHeight, title, 'chart line-chart'), head.svg, topLegend.svg];
  parts.push(yAxis(sy, area), xAxis(sx, area, xTicks, integerX ? String : formatNumber));
  parts.push(
    frameAndLabels(
      area,
      totalHeight,
      options.xLabel && fitText(options.xLabel, FONT.label, area.width),
      options.yLabel && fitText(options.yLabel, FONT.label, area.height),
    ),
  );
  parts.push(`<g class="series-group">`);
  for (const s of series) {
    const segs: string[] = [];
    let pen = false;
    for (let i = 0; i < s.y.length; i++) {
      if (Number.isNaN(s.y[i]) || Number.isNaN(s.x[i])) {
        pen = false;
        continue;
      }
      segs.push(`${pen ? 'L' : 'M'}${px(sx.map(s.x[i]))} ${px(sy.map(s.y[i]))}`);
      pen = true;
    }
    if (segs.length === 0) continue;
    parts.push(
      `<path class="series" d="${segs.join(' ')}" fill="none" stroke="${s.color}" stroke-width="2" stroke-linejoin="round"${s.dashed ? ' stroke-dasharray="6 4"' : ''}><title>${escapeXml(s.name)}</title></path>`,
    );
    if (s.markers) {
      for (let i = 0; i < s.y.length; i++) {
        if (Number.isNaN(s.y[i]) || Number.isNaN(s.x[i])) continue;
        const where = integerX ? `${options.xLabel ?? 'x'} ${s.x[i]}` : `${formatNumber(s.x[i])}`;
        parts.push(
          `<circle cx="${px(sx.map(s.x[i]))}" cy="${px(sy.map(s.y[i]))}" r="2.5" fill="${s.color}"><title>${escapeXml(`${s.name}, ${where}: ${formatNumber(s.y[i])}`)}</title></circle>`,
        );
      }
    }
  }
  parts.push(`</g>`);
  if (legendPlace === 'right') parts.push(legendColumn(items, area.left + area.width + 12, area.top, rightW - 8).svg);
  parts.push('</svg>');
  return parts.join('');
}

function refuseNonFinite(argument: string, values: ArrayLike<number | null>): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null && !Number.isFinite(v)) {
      throw new ReportError(
        'NOT_FINITE',
        `${argument}[${i}]`,
        v,
        'a finite number or null (a gap)',
        "a diverged run's NaN loss can be drawn as a gap with nonFinite: 'gap'",
      );
    }
  }
}

/** Integer ticks from lo to hi, about ten of them. */
function integerTicks(lo: number, hi: number): number[] {
  if (hi - lo <= 12) return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
  const nice = niceTicks(lo, hi, 8).filter((t) => Number.isInteger(t) && t > lo);
  return [lo, ...nice];
}
