import pngjs from 'pngjs';
import { GLYPH_ADVANCE, glyph } from './font5x7.js';
import { layoutScatter, type ScatterOptions } from './layout.js';
import type { FeatureMatrix } from './matrix.js';
import { classColor, hexToRgb } from './palette.js';

/**
 * Scatter plot of a 2-D embedding as PNG file bytes, drawn pixel by pixel (anti-aliased discs, alpha
 * blended) and encoded with `pngjs`; same layout, colours and legend as {@link scatterSvg}. Text uses a
 * built-in 5×7 bitmap font (upper-case).
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('tsne.png', scatterPng(result.embedding, labels, { title: 'test set', classNames }));
 * ```
 * @throws {EmbeddingError} `INVALID_SHAPE` when Y has fewer than 2 columns or labels.length ≠ Y.rows.
 */
export function scatterPng(Y: FeatureMatrix, labels?: ArrayLike<number>, options: ScatterOptions = {}): Uint8Array {
  const L = layoutScatter(Y, labels, { ...options }, 2 * GLYPH_ADVANCE);
  const { width: W, height: H } = L;
  const img = new Float64Array(W * H * 3).fill(255);
  const n = Y.rows;
  const r = L.radius;
  const palette = new Map<number, [number, number, number]>();
  for (const c of L.classes) palette.set(c, hexToRgb(classColor(c)));
  const single = hexToRgb(classColor(0));
  for (let i = 0; i < n; i++) {
    const [cr, cg, cb] = labels ? palette.get(labels[i])! : single;
    const cx = L.px[i];
    const cy = L.py[i];
    const x0 = Math.max(0, Math.floor(cx - r - 1));
    const x1 = Math.min(W - 1, Math.ceil(cx + r + 1));
    const y0 = Math.max(0, Math.floor(cy - r - 1));
    const y1 = Math.min(H - 1, Math.ceil(cy + r + 1));
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
        const cover = Math.min(1, Math.max(0, r + 0.5 - d));
        if (cover <= 0) continue;
        const a = cover * L.opacity;
        const o = 3 * (y * W + x);
        img[o] += (cr - img[o]) * a;
        img[o + 1] += (cg - img[o + 1]) * a;
        img[o + 2] += (cb - img[o + 2]) * a;
      }
    }
  }
  const fillRect = (x: number, y: number, w: number, h: number, rgb: readonly number[]): void => {
    for (let yy = Math.max(0, y); yy < Math.min(H, y + h); yy++) {
      for (let xx = Math.max(0, x); xx < Math.min(W, x + w); xx++) {
        const o = 3 * (yy * W + xx);
        img[o] = rgb[0];
        img[o + 1] = rgb[1];
        img[o + 2] = rgb[2];
      }
    }
  };
  const text = (s: string, x: number, y: number, scale: number): void => {
    for (let k = 0; k < s.length; k++) {
      const rows = glyph(s[k]);
      for (let gy = 0; gy < 7; gy++) {
        for (let gx = 0; gx < 5; gx++) {
          if (rows[gy] & (1 << (4 - gx))) fillRect(x + (k * GLYPH_ADVANCE + gx) * scale, y + gy * scale, scale, scale, [0, 0, 0]);
        }
      }
    }
  };
  if (L.title) text(L.title, Math.round((W - L.title.length * GLYPH_ADVANCE * 2) / 2), 6, 2);
  if (L.legend) {
    L.classes.forEach((c, k) => {
      const y = L.plotTop + 2 + k * 20;
      fillRect(L.legendX + 6, y, 12, 12, hexToRgb(classColor(c)));
      text(L.names[k], L.legendX + 24, y - 1, 2);
    });
  }
  const png = new pngjs.PNG({ width: W, height: H });
  for (let p = 0; p < W * H; p++) {
    png.data[4 * p] = Math.round(img[3 * p]);
    png.data[4 * p + 1] = Math.round(img[3 * p + 1]);
    png.data[4 * p + 2] = Math.round(img[3 * p + 2]);
    png.data[4 * p + 3] = 255;
  }
  return pngjs.PNG.sync.write(png);
}
