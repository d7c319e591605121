import { layoutScatter, type ScatterOptions } from './layout.js';
import type { FeatureMatrix } from './matrix.js';
import { classColor } from './palette.js';

/**
 * Scatter plot of a 2-D embedding as a standalone SVG document (string), points coloured by class with a
 * legend. Points of one class share a `<g>` so the file stays small (≈ 30 bytes per point).
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('tsne.svg', scatterSvg(result.embedding, labels, { title: 'epoch 10', classNames }));
 * ```
 * @throws {EmbeddingError} `INVALID_SHAPE` when Y has fewer than 2 columns or labels.length ≠ Y.rows.
 */
export function scatterSvg(Y: FeatureMatrix, labels?: ArrayLike<number>, options: ScatterOptions = {}): string {
  const L = layoutScatter(Y, labels, options);
  const r = round(L.radius);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${L.width}" height="${L.height}" viewBox="0 0 ${L.width} ${L.height}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
  );
  if (L.title) out.push(`<text x="${L.width / 2}" y="19" font-size="15" text-anchor="middle">${escapeXml(L.title)}</text>`);
  const n = Y.rows;
  if (labels) {
    const byClass = new Map<number, string[]>();
    for (const c of L.classes) byClass.set(c, []);
    for (let i = 0; i < n; i++) byClass.get(labels[i])!.push(`<circle cx="${round(L.px[i])}" cy="${round(L.py[i])}" r="${r}"/>`);
    for (const c of L.classes) out.push(`<g fill="${classColor(c)}" fill-opacity="${L.opacity}">${byClass.get(c)!.join('')}</g>`);
  } else {
    const pts: string[] = [];
    for (let i = 0; i < n; i++) pts.push(`<circle cx="${round(L.px[i])}" cy="${round(L.py[i])}" r="${r}"/>`);
    out.push(`<g fill="${classColor(0)}" fill-opacity="${L.opacity}">${pts.join('')}</g>`);
  }
  if (L.legend) {
    L.classes.forEach((c, k) => {
      const y = L.plotTop + 10 + k * 18;
      out.push(
        `<rect x="${L.legendX + 6}" y="${y - 9}" width="11" height="11" fill="${classColor(c)}"/>`,
        `<text x="${L.legendX + 22}" y="${y}" font-size="12">${escapeXml(L.names[k])}</text>`,
      );
    });
  }
  out.push('</svg>');
  return out.join('\n');
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

/** Escapes text for SVG/HTML content and attributes. @internal */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
