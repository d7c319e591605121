import { escapeHtml } from '@dlkit-examples/common';


/** One cell of {@link heatmapSvg}. */
export interface HeatmapCell {
  row: number;
  col: number;
  /** Colour value, in [min, max] of all cells. */
  value: number;
  /** Lines written in the cell. */
  lines: string[];
}

/** Options of {@link heatmapSvg}. */
export interface HeatmapOptions {
  title: string;
  rowLabels: string[];
  colLabels: string[];
  rowTitle: string;
  colTitle: string;
  cells: HeatmapCell[];
}

function shade(t: number): string {
  // White → the report's blue (#0072b2).
  const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
  return `rgb(${mix(247, 0)},${mix(251, 114)},${mix(255, 178)})`;
}

/**
 * A labelled heatmap as a standalone SVG string: cell colour from `value` (lightest = lowest), text lines
 * drawn in each cell (dark on light cells, white on dark).
 *
 * @example
 * ```ts
 * heatmapSvg({ title: 'Test accuracy', rowLabels: ['2', '4'], colLabels: ['0', '1'], rowTitle: 'conv', colTitle: 'fc',
 *   cells: [{ row: 0, col: 0, value: 0.5, lines: ['50 %', '12 s'] }] });
 * ```
 */
export function heatmapSvg(o: HeatmapOptions): string {
  const cw = 170;
  const ch = 66;
  const left = 90;
  const top = 64;
  const w = left + o.colLabels.length * cw + 20;
  const h = top + o.rowLabels.length * ch + 20;
  const values = o.cells.map((c) => c.value).filter(Number.isFinite);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const parts: string[] = [];
  parts.push(`<rect width="${w}" height="${h}" fill="#fff"/>`);
  parts.push(`<text x="${w / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${escapeHtml(o.title)}</text>`);
  parts.push(`<text x="${left + (o.colLabels.length * cw) / 2}" y="40" text-anchor="middle" font-size="12">${escapeHtml(o.colTitle)}</text>`);
  o.colLabels.forEach((l, i) => parts.push(`<text x="${left + i * cw + cw / 2}" y="58" text-anchor="middle" font-size="12">${escapeHtml(l)}</text>`));
  o.rowLabels.forEach((l, i) => parts.push(`<text x="${left - 8}" y="${top + i * ch + ch / 2 + 4}" text-anchor="end" font-size="12">${escapeHtml(o.rowTitle)} ${escapeHtml(l)}</text>`));
  for (const c of o.cells) {
    const t = hi > lo && Number.isFinite(c.value) ? (c.value - lo) / (hi - lo) : 0.5;
    const x = left + c.col * cw;
    const y = top + c.row * ch;
    const ink = t > 0.55 ? '#fff' : '#222';
    parts.push(`<rect x="${x}" y="${y}" width="${cw - 2}" height="${ch - 2}" fill="${shade(t)}" stroke="#ccc"/>`);
    c.lines.forEach((line, k) => {
      parts.push(`<text x="${x + cw / 2 - 1}" y="${y + 22 + k * 16}" text-anchor="middle" font-size="${k === 0 ? 14 : 11}" fill="${ink}">${escapeHtml(line)}</text>`);
    });
  }
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${escapeHtml(o.title)}">${parts.join('')}</svg>`;
}
