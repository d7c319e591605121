import { escapeHtml } from '@dlkit-examples/common';

const esc = escapeHtml;

/** One line of an {@link xyChartSvg}. */
export interface XySeries {
  name: string;
  points: ReadonlyArray<readonly [number, number]>;
  color?: string;
  dashed?: boolean;
}

const PALETTE = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000'];

function niceStep(span: number): number {
  const raw = span / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

/**
 * A line chart with numeric x values (e.g. accuracy against seconds), markers on the points, as standalone SVG.
 *
 * @example
 * ```ts
 * xyChartSvg({ title: 'Accuracy vs time', xLabel: 's', yLabel: 'acc', series: [{ name: 'a', points: [[1, 0.2], [2, 0.4]] }] });
 * ```
 */
export function xyChartSvg(options: { title: string; xLabel: string; yLabel: string; series: readonly XySeries[]; width?: number; height?: number }): string {
  const w = options.width ?? 640;
  const h = options.height ?? 360;
  const m = { l: 56, r: 170, t: 30, b: 44 };
  const pts = options.series.flatMap((s) => s.points).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  const xMax = Math.max(1e-9, ...pts.map((p) => p[0])) * 1.02;
  const yMin = 0;
  const yMax = Math.max(1e-9, ...pts.map((p) => p[1])) * 1.05;
  const sx = (x: number) => m.l + (x / xMax) * (w - m.l - m.r);
  const sy = (y: number) => h - m.b - ((y - yMin) / (yMax - yMin)) * (h - m.t - m.b);
  const xs = niceStep(xMax);
  const ys = niceStep(yMax - yMin);
  let grid = '';
  for (let x = 0; x <= xMax + 1e-9; x += xs) grid += `<line x1="${sx(x).toFixed(1)}" x2="${sx(x).toFixed(1)}" y1="${m.t}" y2="${h - m.b}" stroke="#eee"/><text x="${sx(x).toFixed(1)}" y="${h - m.b + 14}" font-size="10" text-anchor="middle">${+x.toPrecision(6)}</text>`;
  for (let y = 0; y <= yMax + 1e-9; y += ys) grid += `<line x1="${m.l}" x2="${w - m.r}" y1="${sy(y).toFixed(1)}" y2="${sy(y).toFixed(1)}" stroke="#eee"/><text x="${m.l - 6}" y="${(sy(y) + 3).toFixed(1)}" font-size="10" text-anchor="end">${+y.toPrecision(6)}</text>`;
  const lines = options.series
    .map((s, i) => {
      const color = s.color ?? PALETTE[i % PALETTE.length];
      const p = s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
      const d = p.map(([x, y], k) => `${k === 0 ? 'M' : 'L'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(' ');
      const dots = p.map(([x, y]) => `<circle cx="${sx(x).toFixed(1)}" cy="${sy(y).toFixed(1)}" r="2.5" fill="${color}"/>`).join('');
      const ly = m.t + 8 + i * 16;
      return `<path d="${d}" fill="none" stroke="${color}" stroke-width="1.8"${s.dashed ? ' stroke-dasharray="5 3"' : ''}/>${dots}` +
        `<line x1="${w - m.r + 10}" x2="${w - m.r + 28}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 3"' : ''}/><text x="${w - m.r + 32}" y="${ly + 4}" font-size="11">${esc(s.name)}</text>`;
    })
    .join('');
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${esc(options.title)}"><rect width="${w}" height="${h}" fill="#fff"/>` +
    `<text x="${(m.l + w - m.r) / 2}" y="18" text-anchor="middle" font-size="14" font-weight="bold">${esc(options.title)}</text>${grid}` +
    `<line x1="${m.l}" x2="${w - m.r}" y1="${h - m.b}" y2="${h - m.b}" stroke="#444"/><line x1="${m.l}" x2="${m.l}" y1="${m.t}" y2="${h - m.b}" stroke="#444"/>` +
    `<text x="${(m.l + w - m.r) / 2}" y="${h - 8}" text-anchor="middle" font-size="12">${esc(options.xLabel)}</text>` +
    `<text x="14" y="${(m.t + h - m.b) / 2}" text-anchor="middle" font-size="12" transform="rotate(-90 14 ${(m.t + h - m.b) / 2})">${esc(options.yLabel)}</text>${lines}</svg>`;
}
