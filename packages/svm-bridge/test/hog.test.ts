import { describe, expect, it } from 'vitest';
import { hog, hogBatch, hogLength, SvmBridgeError } from '../src/index';

/** Image with a vertical step edge: left half 0, right half 1. */
function verticalEdge(h: number, w: number): Float32Array {
  const img = new Float32Array(h * w);
  for (let r = 0; r < h; r++) for (let c = w / 2; c < w; c++) img[r * w + c] = 1;
  return img;
}

describe('hog', () => {
  it('has skimage geometry: blocks × cells per block × bins', () => {
    expect(hogLength(28, 28, { pixelsPerCell: [7, 7], cellsPerBlock: [2, 2] })).toBe(3 * 3 * 2 * 2 * 9);
    expect(hogLength(64, 128)).toBe(6 * 14 * 3 * 3 * 9); // 8×16 cells, 3×3 blocks
    expect(hogLength(30, 30, { pixelsPerCell: [7, 7], cellsPerBlock: [1, 1], orientations: 6 })).toBe(4 * 4 * 6);
  });

  it('puts a vertical edge into the 0° bin only, in the cells touching it', () => {
    const f = hog(verticalEdge(16, 16), 16, 16, { pixelsPerCell: [4, 4], cellsPerBlock: [1, 1], blockNorm: 'L1' });
    // 4×4 cells × 9 bins; the edge lies between columns 7 and 8 → cells in column 1 and 2.
    for (let r = 0; r < 4; r++) {
      for (let c = 0; c < 4; c++) {
        const bins = Array.from(f.subarray((r * 4 + c) * 9, (r * 4 + c) * 9 + 9));
        if (c === 1 || c === 2) {
          expect(bins[0]).toBeCloseTo(1, 4); // L1-normalised single bin (eps = 1e-5)
          expect(bins.slice(1).every((v) => v === 0)).toBe(true);
        } else expect(bins.every((v) => v === 0)).toBe(true);
      }
    }
  });

  it('puts a horizontal edge into the 90° bin and a diagonal into the 45°/135° bins', () => {
    const h = new Float32Array(8 * 8);
    for (let i = 32; i < 64; i++) h[i] = 1;
    const fh = hog(h, 8, 8, { pixelsPerCell: [8, 8], cellsPerBlock: [1, 1], orientations: 4, blockNorm: 'L2' });
    expect(Array.from(fh, (v) => Math.round(v * 1e4) / 1e4)).toEqual([0, 0, 1, 0]); // bins 0°,45°,90°,135°
    const d = new Float32Array(8 * 8);
    for (let r = 0; r < 8; r++) for (let c = 0; c < 8; c++) d[r * 8 + c] = r + c; // gradient (1,1) → 45°
    const fd = hog(d, 8, 8, { pixelsPerCell: [8, 8], cellsPerBlock: [1, 1], orientations: 4, blockNorm: 'L2' });
    // Border rows/columns have a one-sided zero gradient (as skimage), so some mass lands at 0° and 90°.
    expect(fd[1]).toBeGreaterThan(0.9);
    expect(fd[1]).toBeGreaterThan(3 * Math.max(fd[0], fd[2], fd[3]));
    const a = new Float32Array(8 * 8);
    for (let r = 0; r < 8; r++) for (let c = 0; c < 8; c++) a[r * 8 + c] = r - c; // gradient (rows +, cols −) → 135°
    const fa = hog(a, 8, 8, { pixelsPerCell: [8, 8], cellsPerBlock: [1, 1], orientations: 4, blockNorm: 'L2' });
    expect(fa[3]).toBeGreaterThan(0.9);
    expect(fa[1]).toBe(0);
  });

  it('normalises blocks: L2 to unit norm, L2-Hys clipped at 0.2 before renormalising', () => {
    const img = new Float32Array(32 * 32);
    for (let i = 0; i < img.length; i++) img[i] = 1 + Math.sin(i * 0.37) * 0.5 + ((i * 7919) % 13) / 13; // non-negative
    const opts = { pixelsPerCell: [8, 8] as const, cellsPerBlock: [2, 2] as const };
    const l2 = hog(img, 32, 32, { ...opts, blockNorm: 'L2' });
    const hys = hog(img, 32, 32, { ...opts, blockNorm: 'L2-Hys' });
    const blen = 2 * 2 * 9;
    for (let b = 0; b < l2.length / blen; b++) {
      const n2 = Math.hypot(...l2.subarray(b * blen, (b + 1) * blen));
      const nh = Math.hypot(...hys.subarray(b * blen, (b + 1) * blen));
      expect(n2).toBeCloseTo(1, 4);
      expect(nh).toBeCloseTo(1, 4);
    }
    // Scale invariance (up to eps): a brighter copy gives the same descriptor.
    const bright = hog(
      img.map((v) => v * 10),
      32,
      32,
      { ...opts, blockNorm: 'L2-Hys' },
    );
    bright.forEach((v, i) => expect(v).toBeCloseTo(hys[i], 4));
    const sq = hog(
      img.map((v) => v * v),
      32,
      32,
      { ...opts, transformSqrt: true },
    );
    sq.forEach((v, i) => expect(v).toBeCloseTo(hys[i], 4));
  });

  it('hogBatch equals hog applied image by image, for [n,h,w] and [n,h,w,1]', () => {
    const n = 3;
    const images = new Uint8Array(n * 28 * 28).map((_, i) => (i * 31) % 256);
    const opts = { pixelsPerCell: [7, 7] as const, cellsPerBlock: [2, 2] as const };
    const X = hogBatch(images, [n, 28, 28, 1], opts);
    expect(X.rows).toBe(n);
    expect(X.cols).toBe(324);
    for (let i = 0; i < n; i++)
      expect(X.data.subarray(i * 324, (i + 1) * 324)).toEqual(hog(images.subarray(i * 784, (i + 1) * 784), 28, 28, opts));
  });

  it('rejects bad shapes and options', () => {
    expect(() => hog(new Float32Array(10), 4, 4)).toThrow(SvmBridgeError);
    expect(() => hog(new Float32Array(16), 4, 4)).toThrow(/cellsPerBlock/);
    expect(() => hogBatch(new Float32Array(12), [1, 2, 2, 3])).toThrow(/grayscale/);
    expect(() => hog(new Float32Array(64), 8, 8, { blockNorm: 'max' as 'L2' })).toThrow(/L1, L1-sqrt, L2, L2-Hys/);
    expect(() => hog(new Float32Array(64), 8, 8, { orientations: 0 })).toThrow(/options\.orientations/);
  });
});
