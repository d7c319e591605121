import { frameAndLabels, tickLabelWidth, xAxis, yAxis, type PlotArea } from './axes';
import { check, finiteValues, positiveNumber, ReportError, text } from './errors';
import { escapeXml } from './escape';
import { INK, seriesColor } from './palette';
import { makeScale } from './scale';
import { FONT, px, svgOpen, textEl, titleBlock } from './svg';
import { fitText, textWidth } from './text-width';

/** One labelled point of a {@link pointChart}. */
export interface LabelledPoint {
  label: string;
  x: number;
  y: number;
  /** Horizontal half error bar, ≥ 0. Default 0. */
  xErr?: number;
  /** Vertical half error bar, ≥ 0. Default 0. */
  yErr?: number;
  /** Drawn filled in the highlight colour (e.g. the best setting). */
  highlight?: boolean;
}

/** Options of {@link pointChart}. */
export interface PointChartOptions {
  title: string;
  points: readonly LabelledPoint[];
  xLabel?: string;
  yLabel?: string;
  /** Defaults 560 × 380. */
  width?: number;
  height?: number;
}

/**
 * A scatter of a few labelled points with optional error bars in x and y, as a standalone SVG string: each
 * setting of a sweep at (training time, accuracy). Labels sit beside their point (on the left in the right
 * quarter, so none runs off the edge). For thousands of unlabelled points use {@link scatterPlot}.
 *
 * @example
 * ```ts
 * pointChart({ title: 'Accuracy vs training time', xLabel: 'seconds', yLabel: 'accuracy (%)',
 *   points: [{ label: 'L2', x: 18.2, y: 94.1, yErr: 0.3, highlight: true }, { label: 'max', x: 15.0, y: 93.0 }] });
 * ```
 * @throws {ReportError} `EMPTY` without points, `NOT_FINITE` for NaN/±Infinity, `BAD_ARGUMENT` for a negative error bar.
 */
export function pointChart(options: PointChartOptions): string {
  check(typeof options === 'object' && options !== null, 'options', options, 'an object { title, points }');
  const title = text('options.title', options.title);
  check(Array.isArray(options.points), 'options.points', options.points, 'an array of { label, x, y }');
  const points = options.points;
  if (points.length === 0) throw new ReportError('EMPTY', 'options.points', points, 'at least one point');
  const xs = finiteValues(
    'options.points[].x',
    points.map((p) => p?.x),
  );
  const ys = finiteValues(
    'options.points[].y',
    points.map((p) => p.y),
  );
  const xe = finiteValues(
    'options.points[].xErr',
    points.map((p) => p.xErr ?? 0),
  );
  const ye = finiteValues(
    'options.points[].yErr',
    points.map((p) => p.yErr ?? 0),
  );
  points.forEach((p, i) => {
    text(`options.points[${i}].label`, p.label);
    check(xe[i] >= 0, `options.points[${i}].xErr`, xe[i], 'a non-negative number');
    check(ye[i] >= 0, `options.points[${i}].yErr`, ye[i], 'a non-negative number');
  });
  const width = positiveNumber('options.width', options.width, 560);
  const height = positiveNumber('options.height', options.height, 380);
  let xlo = Infinity,
    xhi = -Infinity,
    ylo = Infinity,
    yhi = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    xlo = Math.min(xlo, xs[i] - xe[i]);
    xhi = Math.max(xhi, xs[i] + xe[i]);
    ylo = Math.min(ylo, ys[i] - ye[i]);
    yhi = Math.max(yhi, ys[i] + ye[i]);
  }
  const probe = makeScale(ylo, yhi, 0, 1, { pad: 0.08 });
  const left = tickLabelWidth(probe.ticks) + (options.yLabel ? 30 : 12);
  const head = titleBlock(title, width);
  const top = head.height + 8;
  const bottom = 24 + (options.xLabel ? 18 : 0);
  const area: PlotArea = { left, top, width: Math.max(20, width - left - 20), height: Math.max(20, height - top - bottom) };
  const sx = makeScale(xlo, xhi, area.left, area.left + area.width, { pad: 0.08, tickCount: 6 });
  const sy = makeScale(ylo, yhi, area.top + area.height, area.top, { pad: 0.08 });
  const parts = [
    svgOpen(width, height, title, 'chart point-chart'),
    head.svg,
    yAxis(sy, area),
    xAxis(sx, area, sx.ticks, undefined, true),
  ];
  parts.push(
    frameAndLabels(
      area,
      height,
      options.xLabel && fitText(options.xLabel, FONT.label, area.width),
      options.yLabel && fitText(options.yLabel, FONT.label, area.height),
    ),
  );
  points.forEach((p, i) => {
    const c = p.highlight ? INK.highlight : seriesColor(0);
    const x = sx.map(xs[i]);
    const y = sy.map(ys[i]);
    const bars =
      (ye[i] > 0
        ? `<line x1="${px(x)}" x2="${px(x)}" y1="${px(sy.map(ys[i] + ye[i]))}" y2="${px(sy.map(ys[i] - ye[i]))}" stroke="${c}" stroke-opacity="0.6"/>`
        : '') +
      (xe[i] > 0
        ? `<line x1="${px(sx.map(xs[i] - xe[i]))}" x2="${px(sx.map(xs[i] + xe[i]))}" y1="${px(y)}" y2="${px(y)}" stroke="${c}" stroke-opacity="0.6"/>`
        : '');
    // Labels go on the side with more room, so none runs past the frame.
    const roomRight = area.left + area.width - x - 8;
    const roomLeft = x - area.left - 8;
    const w = textWidth(p.label, FONT.small);
    const onLeft = w > roomRight && roomLeft > roomRight;
    const label = fitText(p.label, FONT.small, Math.max(roomLeft, roomRight));
    parts.push(
      `<g class="point"><title>${escapeXml(`${p.label}: ${xs[i].toFixed(2)}, ${ys[i].toFixed(2)}`)}</title>${bars}` +
        `<circle cx="${px(x)}" cy="${px(y)}" r="4.5" fill="${p.highlight ? c : '#fff'}" stroke="${c}" stroke-width="2"/>` +
        textEl(x + (onLeft ? -7 : 7), Math.max(area.top + 10, y - 6), label, {
          size: FONT.small,
          anchor: onLeft ? 'end' : 'start',
        }) +
        '</g>',
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
