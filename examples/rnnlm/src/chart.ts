import { escapeHtml } from '@dlkit-examples/common';

/**
 * A small inline-SVG line chart of per-epoch perplexities, one line per model (this example does not depend on
 * @dlkit/models, whose `lineChartSvg` the other examples use). Log-scaled y axis: perplexities fall steeply.
 */
export interface PerplexitySeries {
  name: string;
  values: readonly number[];
}

const COLORS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#f0e442', '#000000'];
const esc = escapeHtml;

/** The chart as an `<svg>` string; epochs on x (1-based), perplexity on a log10 y axis. */
export function perplexityChartSvg(series: readonly PerplexitySeries[], title: string, width = 720, height = 340): string {
  const m = { left: 64, right: 200, top: 40, bottom: 44 };
  const pw = width - m.left - m.right;
  const ph = height - m.top - m.bottom;
  const all = series.flatMap((s) => s.values.filter((v) => Number.isFinite(v) && v > 0));
  const epochs = Math.max(1, ...series.map((s) => s.values.length));
  const lo = Math.log10(all.length ? Math.min(...all) : 1);
  const hi = Math.log10(all.length ? Math.max(...all) : 10);
  const span = hi - lo || 1;
  const x = (e: number): number => m.left + (epochs === 1 ? pw / 2 : ((e - 1) / (epochs - 1)) * pw);
  const y = (v: number): number => m.top + (1 - (Math.log10(v) - lo) / span) * ph;
  const ticks = Array.from({ length: 5 }, (_, i) => 10 ** (lo + (span * i) / 4));
  const grid = ticks
    .map((t) => `<line x1="${m.left}" x2="${m.left + pw}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#eee"/>` +
      `<text x="${m.left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end" font-size="11">${t.toFixed(0)}</text>`)
    .join('');
  const xTicks = Array.from({ length: epochs }, (_, i) => i + 1)
    .filter((e) => epochs <= 12 || e === 1 || e === epochs || e % Math.ceil(epochs / 10) === 0)
    .map((e) => `<text x="${x(e).toFixed(1)}" y="${m.top + ph + 16}" text-anchor="middle" font-size="11">${e}</text>`)
    .join('');
  const lines = series
    .map((s, i) => {
      const color = COLORS[i % COLORS.length];
      const pts = s.values.map((v, e) => (Number.isFinite(v) && v > 0 ? `${x(e + 1).toFixed(1)},${y(v).toFixed(1)}` : '')).filter(Boolean);
      const last = s.values[s.values.length - 1];
      return `<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts.join(' ')}"/>` +
        pts.map((p) => `<circle cx="${p.split(',')[0]}" cy="${p.split(',')[1]}" r="2.5" fill="${color}"/>`).join('') +
        `<rect x="${m.left + pw + 14}" y="${m.top + i * 18}" width="12" height="3" fill="${color}"/>` +
        `<text x="${m.left + pw + 30}" y="${m.top + i * 18 + 5}" font-size="11">${esc(s.name)}${last === undefined ? '' : ` (${last.toFixed(1)})`}</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(title)}">` +
    `<rect width="${width}" height="${height}" fill="#fff"/>` +
    `<text x="${m.left + pw / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>${grid}` +
    `<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#999"/>${xTicks}` +
    `<text x="${m.left + pw / 2}" y="${height - 8}" text-anchor="middle" font-size="12">epoch</text>` +
    `<text transform="translate(16 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle" font-size="12">perplexity (log scale)</text>${lines}</svg>`;
}
