import { describe, expect, it } from 'vitest';
import { resizeBilinear } from '../src/resize';
import { catchSync } from './helpers';
import { DOWN_3x5, SRC_7x11, UP_10x13 } from './fixtures-resize';

describe('resizeBilinear', () => {
  it('keeps a constant image constant and is the identity at the same size', () => {
    const c = new Float32Array(10 * 7 * 3).fill(42);
    for (const v of resizeBilinear(c, 10, 7, 3, 4, 13)) expect(v).toBeCloseTo(42, 4);
    const r = Float32Array.from({ length: 6 * 5 }, (_, i) => i);
    expect(Array.from(resizeBilinear(r, 6, 5, 1, 6, 5))).toEqual(Array.from(r));
  });

  it('halving a 4×4 matches torch antialiased bilinear', () => {
    const src = Float32Array.from([0, 0, 8, 8, 0, 0, 8, 8, 4, 4, 12, 12, 4, 4, 12, 12]);
    const out = resizeBilinear(src, 4, 4, 1, 2, 2);
    const torch = [1.7142858505249023, 7.428571701049805, 4.5714287757873535, 10.285715103149414];
    out.forEach((v, i) => expect(v).toBeCloseTo(torch[i], 4));
  });

  it('matches torch/Pillow on a random image, down and up', () => {
    const down = resizeBilinear(SRC_7x11, 7, 11, 1, 3, 5);
    down.forEach((v, i) => expect(v).toBeCloseTo(DOWN_3x5[i], 2));
    const up = resizeBilinear(SRC_7x11, 7, 11, 1, 10, 13);
    up.forEach((v, i) => expect(v).toBeCloseTo(UP_10x13[i], 2));
  });

  it('upsamples by linear interpolation between pixel centres', () => {
    const out = resizeBilinear(Float32Array.from([0, 10]), 1, 2, 1, 1, 4);
    expect(Array.from(out).map((v) => +v.toFixed(4))).toEqual([0, 2.5, 7.5, 10]);
  });

  it('validates its arguments', () => {
    expect(catchSync(() => resizeBilinear(new Float32Array(5), 2, 2, 1, 1, 1)).field).toBe('src.length');
    expect(catchSync(() => resizeBilinear(new Float32Array(4), 2, 2, 1, 0, 1)).field).toBe('outHeight');
  });
});
