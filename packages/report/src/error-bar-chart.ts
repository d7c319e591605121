import { frameAndLabels, tickLabelWidth, yAxis, type PlotArea } from './axes';
import { check, finiteValues, positiveNumber, ReportError, text } from './errors';
import { escapeXml } from './escape';
import { seriesColor } from './palette';
import { makeScale } from './scale';
import { FONT, px, svgOpen, textEl, titleBlock } from './svg';
import { fitText, textWidth } from './text-width';

/** One category of an {@link errorBarChart}: a mean with a ± spread, under a group heading. */
export interface ErrorBarPoint {
  /** Group drawn once under its categories and giving their colour, e.g. the factor `pooling`. */
  group: string;
  /** Category label, e.g. `L2`. */
  label: string;
  mean: number;
  /** Half-length of the error bar (e.g. one standard deviation); ≥ 0. */
  spread: number;
  /** Drawn filled with a bold label (e.g. the baseline). */
  highlight?: boolean;
}

/** Options of {@link errorBarChart}. */
export interface ErrorBarChartOptions {
  title: string;
  points: readonly ErrorBarPoint[];
  yLabel?: string;
  /** Default: room for every category label (at least 360). */
  width?: number;
  /** Default 340. */
  height?: number;
}

/**
 * A dot-and-whisker chart as a standalone SVG string: one category per point (mean ± spread), categories
 * grouped under their group's name and coloured by group; highlighted points are filled. A sweep's accuracy
 * per setting over several seeds.
 *
 * @example
 * ```ts
 * errorBarChart({ title: 'Accuracy per setting', yLabel: 'accuracy (%)', points: [
 *   { group: 'pooling', label: 'max', mean: 93.1, spread: 0.4 },
 *   { group: 'pooling', label: 'L2', mean: 94.0, spread: 0.3, highlight: true },
 * ] });
 * ```
 * @throws {ReportError} `EMPTY` without points, `NOT_FINITE` for NaN/±Infinity, `BAD_ARGUMENT` for a negative spread.
 */
export function errorBarChart(options: ErrorBarChartOptions): string {
  check(typeof options === 'object' && options !== null, 'options', options, 'an object { title, points }');
  const title = text('options.title', options.title);
  check(Array.isArray(options.points), 'options.points', options.points, 'an array of { group, label, mean, spread }');
  const points = options.points;
  if (points.length === 0) throw new ReportError('EMPTY', 'options.points', points, 'at least one point');
  const means = finiteValues(
    'options.points[].mean',
    points.map((p) => p?.mean),
  );
  const spreads = finiteValues(
    'options.points[].spread',
    points.map((p) => p.spread),
  );
  points.forEach((p, i) => {
    text(`options.points[${i}].label`, p.label);
    text(`options.points[${i}].group`, p.group);
    check(spreads[i] >= 0, `options.points[${i}].spread`, spreads[i], 'a non-negative number');
  });
  const perPoint = Math.max(56, 12 + Math.max(...points.map((p) => textWidth(p.label, FONT.tick, true))));
  const height = positiveNumber('options.height', options.height, 340);
  let lo = Infinity,
    hi = -Infinity;
  for (let i = 0; i < means.length; i++) {
    lo = Math.min(lo, means[i] - spreads[i]);
    hi = Math.max(hi, means[i] + spreads[i]);
  }
  const probe = makeScale(lo, hi, 0, 1, { pad: 0.08 });
  const left = tickLabelWidth(probe.ticks) + (options.yLabel ? 30 : 12);
  const width = positiveNumber('options.width', options.width, Math.max(360, left + 16 + points.length * perPoint));
  const head = titleBlock(title, width);
  const area: PlotArea = { left, top: head.height + 8, width: width - left - 16, height: 0 };
  area.height = Math.max(20, height - area.top - 62);
  const sy = makeScale(lo, hi, area.top + area.height, area.top, { pad: 0.08 });
  const step = area.width / points.length;
  const cx = (i: number) => area.left + step * (i + 0.5);
  const groups = [...new Set(points.map((p) => p.group))];
  const colour = (g: string) => seriesColor(groups.indexOf(g));
  const parts = [svgOpen(width, height, title, 'chart error-bar-chart'), head.svg, yAxis(sy, area)];
  parts.push(frameAndLabels(area, height, undefined, options.yLabel && fitText(options.yLabel, FONT.label, area.height)));
  const base = area.top + area.height;
  points.forEach((p, i) => {
    const x = cx(i);
    const c = colour(p.group);
    const top = px(sy.map(means[i] + spreads[i]));
    const bot = px(sy.map(means[i] - spreads[i]));
    parts.push(
      `<g class="point"><title>${escapeXml(`${p.group} ${p.label}: ${means[i].toFixed(2)} ± ${spreads[i].toFixed(2)}`)}</title>` +
        `<line x1="${px(x)}" x2="${px(x)}" y1="${top}" y2="${bot}" stroke="${c}" stroke-width="1.5"/>` +
        `<line x1="${px(x - 6)}" x2="${px(x + 6)}" y1="${top}" y2="${top}" stroke="${c}" stroke-width="1.5"/>` +
        `<line x1="${px(x - 6)}" x2="${px(x + 6)}" y1="${bot}" y2="${bot}" stroke="${c}" stroke-width="1.5"/>` +
        `<circle cx="${px(x)}" cy="${px(sy.map(means[i]))}" r="4.5" fill="${p.highlight ? c : '#fff'}" stroke="${c}" stroke-width="2"/>` +
        textEl(x, base + 16, fitText(p.label, FONT.tick, step - 4, p.highlight), {
          anchor: 'middle',
          bold: p.highlight === true,
        }) +
        '</g>',
    );
  });
  for (const g of groups) {
    const idx = points.map((p, i) => (p.group === g ? i : -1)).filter((i) => i >= 0);
    const a = cx(idx[0]) - step / 2 + 4;
    const b = cx(idx[idx.length - 1]) + step / 2 - 4;
    const y = base + 26;
    parts.push(
      `<g class="group"><line x1="${px(a)}" x2="${px(b)}" y1="${y}" y2="${y}" stroke="${colour(g)}"/>${textEl((a + b) / 2, y + 14, fitText(g, FONT.label, b - a + step * 0.5), { size: FONT.label, anchor: 'middle', fill: colour(g) })}</g>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
