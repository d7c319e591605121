/** One line of a {@link lineChartSvg}. */
export interface ChartSeries {
  /** Legend label. */
  name: string;
  /** y values at x = 1, 2, 3, … (`null` leaves a gap). */
  values: ReadonlyArray<number | null>;
  /** CSS colour. Default: from a colour-blind-safe palette. */
  color?: string;
  /** Dashed line. */
  dashed?: boolean;
}

/** Options of {@link lineChartSvg}. */
export interface LineChartOptions {
  title: string;
  series: readonly ChartSeries[];
  xLabel?: string;
  yLabel?: string;
  /** Logarithmic y axis (for learning rates). Default false. */
  logY?: boolean;
  width?: number;
  height?: number;
}

const PALETTE = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9'];

/** Escapes text for XML/HTML. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function niceTicks(min: number, max: number, count: number): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** Ticks of a log10 axis spanning [lo, hi] (exponents): decades, plus 2× and 5× when few decades show. */
function logTicks(lo: number, hi: number): number[] {
  const decades: number[] = [];
  for (let e = Math.floor(lo); e <= Math.ceil(hi); e++) decades.push(e);
  const inRange = (v: number) => Math.log10(v) >= lo - 1e-9 && Math.log10(v) <= hi + 1e-9;
  const plain = decades.map((e) => 10 ** e).filter(inRange);
  if (plain.length >= 3) return plain;
  return decades.flatMap((e) => [1, 2, 5].map((f) => Number((f * 10 ** e).toPrecision(6)))).filter(inRange);
}

function label(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e4 || a < 1e-4 ? v.toExponential(1) : Number(v.toPrecision(4)).toString();
}

/**
 * Draws a self-contained SVG line chart (axes, ticks, legend, title) of per-epoch series — training curves
 * without any charting library or external asset. Returns the `<svg>` element as a string (class `chart`).
 *
 * @example
 * ```ts
 * const svg = lineChartSvg({
 *   title: 'Loss', xLabel: 'epoch',
 *   series: [{ name: 'train', values: [0.9, 0.5, 0.3] }, { name: 'validation', values: [1.0, 0.6, 0.45] }],
 * });
 * ```
 */
export function lineChartSvg(options: LineChartOptions): string {
  const width = options.width ?? 520;
  const height = options.height ?? 300;
  const m = { left: 62, right: 16, top: 50, bottom: 46 };
  const pw = width - m.left - m.right;
  const ph = height - m.top - m.bottom;
  const log = options.logY === true;
  const tr = (v: number) => (log ? Math.log10(v) : v);
  const all = options.series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v) && (!log || v > 0)));
  const n = Math.max(1, ...options.series.map((s) => s.values.length));
  let lo = all.length ? Math.min(...all.map(tr)) : 0;
  let hi = all.length ? Math.max(...all.map(tr)) : 1;
  if (hi - lo < 1e-12) {
    lo -= log ? 0.5 : Math.abs(lo) * 0.1 + 0.5;
    hi += log ? 0.5 : Math.abs(hi) * 0.1 + 0.5;
  }
  const pad = (hi - lo) * 0.05;
  lo -= pad;
  hi += pad;
  const x = (i: number) => m.left + (n === 1 ? pw / 2 : (i / (n - 1)) * pw);
  const y = (v: number) => m.top + ph - ((tr(v) - lo) / (hi - lo)) * ph;
  const parts: string[] = [];
  parts.push(`<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(options.title)}">`);
  parts.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#fff"/>`);
  parts.push(`<text x="${width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(options.title)}</text>`);
  // y grid and ticks
  const yTicks = log ? logTicks(lo, hi) : niceTicks(lo, hi, 5);
  for (const t of yTicks) {
    const yy = y(t).toFixed(1);
    parts.push(`<line x1="${m.left}" x2="${m.left + pw}" y1="${yy}" y2="${yy}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${m.left - 6}" y="${yy}" dy="4" text-anchor="end" font-size="11">${label(t)}</text>`);
  }
  // x ticks at epochs
  const step = Math.max(1, Math.ceil(n / 10));
  for (let i = 0; i < n; i += step) {
    parts.push(`<text x="${x(i).toFixed(1)}" y="${m.top + ph + 16}" text-anchor="middle" font-size="11">${i + 1}</text>`);
  }
  parts.push(`<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#333"/>`);
  if (options.xLabel) parts.push(`<text x="${m.left + pw / 2}" y="${height - 8}" text-anchor="middle" font-size="12">${escapeXml(options.xLabel)}</text>`);
  if (options.yLabel) parts.push(`<text transform="translate(14 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle" font-size="12">${escapeXml(options.yLabel)}</text>`);
  options.series.forEach((s, k) => {
    const color = s.color ?? PALETTE[k % PALETTE.length];
    const segs: string[] = [];
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v) || (log && v <= 0)) {
        pen = false;
        return;
      }
      segs.push(`${pen ? 'L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)}`);
      pen = true;
    });
    if (segs.length > 0) {
      parts.push(`<path class="series" d="${segs.join(' ')}" fill="none" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
      s.values.forEach((v, i) => {
        if (v !== null && Number.isFinite(v) && (!log || v > 0) && n <= 60) parts.push(`<circle cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="2.5" fill="${color}"><title>${escapeXml(s.name)} epoch ${i + 1}: ${label(v)}</title></circle>`);
      });
    }
    // Legend in the band between the title and the plot, so it never hides a curve.
    const lx = m.left + k * 130;
    parts.push(`<line x1="${lx}" x2="${lx + 18}" y1="${m.top - 10}" y2="${m.top - 10}" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    parts.push(`<text x="${lx + 22}" y="${m.top - 6}" font-size="11">${escapeXml(s.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
