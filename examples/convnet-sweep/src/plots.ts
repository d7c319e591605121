import { escapeHtml } from '@dlkit-examples/common';

/** Self-contained SVG charts of the sweep: no charting library, no external asset. */

/** One category of {@link errorBarChartSvg}: a mean with a ± spread, under a group heading. */
export interface ErrorBarPoint {
  /** Group (drawn once under its categories), e.g. the factor `pooling`. */
  group: string;
  /** Category label, e.g. `L2`. */
  label: string;
  mean: number;
  /** Half-length of the error bar (e.g. one standard deviation). */
  spread: number;
  /** Drawn filled and bold (e.g. the baseline). */
  highlight?: boolean;
}

/** One point of {@link scatterSvg}. */
export interface ScatterPoint {
  label: string;
  x: number;
  y: number;
  /** Vertical half error bar. Default 0. */
  yErr?: number;
  /** Horizontal half error bar. Default 0. */
  xErr?: number;
  highlight?: boolean;
}

/** Common options of the charts. */
export interface ChartOptions {
  title: string;
  xLabel?: string;
  yLabel?: string;
  width?: number;
  height?: number;
}

const BLUE = '#0072b2';
const ORANGE = '#d55e00';
const GROUP_COLOURS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9'];

/** Escapes text for XML/HTML (the examples' shared `escapeHtml`). */
export const escapeXml = escapeHtml;

/** About `count` round tick values covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step - 1e-9) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** [lo, hi] padded by 8 % of the span (or ±0.5 when flat). */
function paddedRange(values: readonly number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const pad = hi > lo ? (hi - lo) * 0.08 : 0.5;
  return [lo - pad, hi + pad];
}

function fmtTick(v: number): string {
  return Number(v.toPrecision(6)).toString();
}

function frame(o: ChartOptions, w: number, h: number, m: { left: number; top: number; bottom: number }, body: string): string {
  const x = o.xLabel ? `<text x="${(m.left + w - 16) / 2}" y="${h - 8}" text-anchor="middle" font-size="12">${escapeXml(o.xLabel)}</text>` : '';
  const y = o.yLabel ? `<text transform="translate(14 ${(m.top + h - m.bottom) / 2}) rotate(-90)" text-anchor="middle" font-size="12">${escapeXml(o.yLabel)}</text>` : '';
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${escapeXml(o.title)}" font-family="system-ui, sans-serif"><rect width="${w}" height="${h}" fill="#fff"/><text x="${w / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(o.title)}</text>${body}${x}${y}</svg>`;
}

function yAxis(lo: number, hi: number, left: number, right: number, sy: (v: number) => number): string {
  return niceTicks(lo, hi, 5)
    .filter((t) => t >= lo && t <= hi)
    .map((t) => `<line x1="${left}" x2="${right}" y1="${sy(t).toFixed(1)}" y2="${sy(t).toFixed(1)}" stroke="#eee"/><text x="${left - 6}" y="${(sy(t) + 4).toFixed(1)}" text-anchor="end" font-size="11">${fmtTick(t)}</text>`)
    .join('');
}

/**
 * A dot-and-whisker chart: one category per point (mean ± spread), categories grouped under their group's
 * name and coloured by group; highlighted points are filled. Returns an `<svg>` string.
 *
 * @example
 * ```ts
 * const svg = errorBarChartSvg([
 *   { group: 'pooling', label: 'max', mean: 93.1, spread: 0.4 },
 *   { group: 'pooling', label: 'L2', mean: 94.0, spread: 0.3, highlight: true },
 * ], { title: 'Accuracy per setting', yLabel: 'accuracy (%)' });
 * ```
 */
export function errorBarChartSvg(points: readonly ErrorBarPoint[], options: ChartOptions): string {
  const m = { left: 60, right: 16, top: 36, bottom: 62 };
  // Room for the longest category label (≈ 7 px per character at 11 px, bold included).
  const perPoint = Math.max(56, 8 + 7 * Math.max(0, ...points.map((p) => p.label.length)));
  const width = options.width ?? Math.max(360, m.left + m.right + points.length * perPoint);
  const height = options.height ?? 340;
  const pw = width - m.left - m.right;
  const ph = height - m.top - m.bottom;
  const [lo, hi] = paddedRange(points.flatMap((p) => [p.mean - p.spread, p.mean + p.spread]));
  const sy = (v: number) => m.top + ph - ((v - lo) / (hi - lo)) * ph;
  const step = pw / Math.max(1, points.length);
  const cx = (i: number) => m.left + step * (i + 0.5);
  const groups = [...new Set(points.map((p) => p.group))];
  const colour = (g: string) => GROUP_COLOURS[groups.indexOf(g) % GROUP_COLOURS.length];
  const marks = points
    .map((p, i) => {
      const x = cx(i).toFixed(1);
      const c = colour(p.group);
      const top = sy(p.mean + p.spread).toFixed(1);
      const bot = sy(p.mean - p.spread).toFixed(1);
      return `<g><title>${escapeXml(`${p.group} ${p.label}: ${p.mean.toFixed(2)} ± ${p.spread.toFixed(2)}`)}</title>`
        + `<line x1="${x}" x2="${x}" y1="${top}" y2="${bot}" stroke="${c}" stroke-width="1.5"/>`
        + `<line x1="${cx(i) - 6}" x2="${cx(i) + 6}" y1="${top}" y2="${top}" stroke="${c}" stroke-width="1.5"/>`
        + `<line x1="${cx(i) - 6}" x2="${cx(i) + 6}" y1="${bot}" y2="${bot}" stroke="${c}" stroke-width="1.5"/>`
        + `<circle cx="${x}" cy="${sy(p.mean).toFixed(1)}" r="4.5" fill="${p.highlight ? c : '#fff'}" stroke="${c}" stroke-width="2"/>`
        + `<text x="${x}" y="${height - m.bottom + 16}" text-anchor="middle" font-size="11"${p.highlight ? ' font-weight="bold"' : ''}>${escapeXml(p.label)}</text></g>`;
    })
    .join('');
  const groupLabels = groups
    .map((g) => {
      const idx = points.map((p, i) => (p.group === g ? i : -1)).filter((i) => i >= 0);
      const a = cx(idx[0]) - step / 2 + 4;
      const b = cx(idx[idx.length - 1]) + step / 2 - 4;
      const y = height - m.bottom + 26;
      return `<line x1="${a.toFixed(1)}" x2="${b.toFixed(1)}" y1="${y}" y2="${y}" stroke="${colour(g)}"/><text x="${((a + b) / 2).toFixed(1)}" y="${y + 14}" text-anchor="middle" font-size="12" fill="${colour(g)}">${escapeXml(g)}</text>`;
    })
    .join('');
  const axes = yAxis(lo, hi, m.left, width - m.right, sy) + `<line x1="${m.left}" x2="${m.left}" y1="${m.top}" y2="${m.top + ph}" stroke="#888"/>`;
  return frame({ ...options, xLabel: undefined }, width, height, m, axes + marks + groupLabels);
}

/**
 * A labelled scatter plot with optional error bars in x and y; highlighted points are filled orange.
 * Returns an `<svg>` string.
 *
 * @example
 * ```ts
 * const svg = scatterSvg([{ label: 'L2', x: 18.2, y: 94.1, yErr: 0.3 }, { label: 'max', x: 15.0, y: 93.0 }],
 *   { title: 'Accuracy vs training time', xLabel: 'seconds', yLabel: 'accuracy (%)' });
 * ```
 */
export function scatterSvg(points: readonly ScatterPoint[], options: ChartOptions): string {
  const width = options.width ?? 560;
  const height = options.height ?? 380;
  const m = { left: 60, right: 24, top: 36, bottom: 44 };
  const pw = width - m.left - m.right;
  const ph = height - m.top - m.bottom;
  const [xlo, xhi] = paddedRange(points.flatMap((p) => [p.x - (p.xErr ?? 0), p.x + (p.xErr ?? 0)]));
  const [ylo, yhi] = paddedRange(points.flatMap((p) => [p.y - (p.yErr ?? 0), p.y + (p.yErr ?? 0)]));
  const sx = (v: number) => m.left + ((v - xlo) / (xhi - xlo)) * pw;
  const sy = (v: number) => m.top + ph - ((v - ylo) / (yhi - ylo)) * ph;
  const xTicks = niceTicks(xlo, xhi, 6)
    .filter((t) => t >= xlo && t <= xhi)
    .map((t) => `<line x1="${sx(t).toFixed(1)}" x2="${sx(t).toFixed(1)}" y1="${m.top}" y2="${m.top + ph}" stroke="#f2f2f2"/><text x="${sx(t).toFixed(1)}" y="${m.top + ph + 16}" text-anchor="middle" font-size="11">${fmtTick(t)}</text>`)
    .join('');
  const marks = points
    .map((p) => {
      const c = p.highlight ? ORANGE : BLUE;
      const x = sx(p.x);
      const y = sy(p.y);
      const ye = p.yErr ?? 0;
      const xe = p.xErr ?? 0;
      const bars = (ye > 0 ? `<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${sy(p.y + ye).toFixed(1)}" y2="${sy(p.y - ye).toFixed(1)}" stroke="${c}" stroke-opacity="0.6"/>` : '')
        + (xe > 0 ? `<line x1="${sx(p.x - xe).toFixed(1)}" x2="${sx(p.x + xe).toFixed(1)}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="${c}" stroke-opacity="0.6"/>` : '');
      const anchor = x > m.left + pw * 0.75 ? 'end' : 'start';
      const dx = anchor === 'end' ? -7 : 7;
      return `<g><title>${escapeXml(`${p.label}: ${p.x.toFixed(2)}, ${p.y.toFixed(2)}`)}</title>${bars}<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="4.5" fill="${p.highlight ? c : '#fff'}" stroke="${c}" stroke-width="2"/><text x="${(x + dx).toFixed(1)}" y="${(y - 6).toFixed(1)}" text-anchor="${anchor}" font-size="10.5">${escapeXml(p.label)}</text></g>`;
    })
    .join('');
  const axes = yAxis(ylo, yhi, m.left, width - m.right, sy) + xTicks
    + `<line x1="${m.left}" x2="${m.left}" y1="${m.top}" y2="${m.top + ph}" stroke="#888"/><line x1="${m.left}" x2="${width - m.right}" y1="${m.top + ph}" y2="${m.top + ph}" stroke="#888"/>`;
  return frame(options, width, height, m, axes + marks);
}
