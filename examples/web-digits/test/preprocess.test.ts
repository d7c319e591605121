import { describe, expect, it } from 'vitest';
import { inkBox, mnistPreprocess, resizeArea, standardize, type GrayImage } from '../src/preprocess';

/** A `w × h` black image with the rectangle [x0, x1) × [y0, y1) painted `v`. */
function rect(w: number, h: number, x0: number, y0: number, x1: number, y1: number, v = 255): GrayImage {
  const data = new Uint8ClampedArray(w * h);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data[y * w + x] = v;
  return { data, width: w, height: h };
}

function centreOfMass(px: Float32Array, size = 28): [number, number] {
  let m = 0;
  let sx = 0;
  let sy = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const v = px[y * size + x]!;
      m += v;
      sx += v * (x + 0.5);
      sy += v * (y + 0.5);
    }
  }
  return [sx / m, sy / m];
}

describe('inkBox', () => {
  it('bounds the pixels above the threshold, null when nothing is drawn', () => {
    expect(inkBox(rect(10, 8, 2, 3, 5, 7))).toEqual({ x0: 2, y0: 3, x1: 5, y1: 7 });
    expect(inkBox(rect(10, 8, 0, 0, 0, 0))).toBeNull();
    expect(inkBox(rect(10, 8, 2, 3, 5, 7, 10))).toBeNull(); // faint marks below the default threshold 16
  });
});

describe('resizeArea', () => {
  it('averages the area each output pixel covers, preserving the mean intensity', () => {
    // A 4×4 checker of 2×2 blocks → 2×2 of the block values.
    const img: GrayImage = { data: [0, 0, 100, 100, 0, 0, 100, 100, 200, 200, 50, 50, 200, 200, 50, 50], width: 4, height: 4 };
    expect(Array.from(resizeArea(img, { x0: 0, y0: 0, x1: 4, y1: 4 }, 2, 2))).toEqual([0, 100, 200, 50]);
    // Fractional coverage: 3 → 2 pixels, [0, 90, 180] → [(0 + 45) / 1.5, (45 + 180) / 1.5].
    const row: GrayImage = { data: [0, 90, 180], width: 3, height: 1 };
    const out = resizeArea(row, { x0: 0, y0: 0, x1: 3, y1: 1 }, 2, 1);
    expect(out[0]).toBeCloseTo(30, 5);
    expect(out[1]).toBeCloseTo(150, 5);
  });
});

describe('mnistPreprocess', () => {
  it('scales the longer side of the ink to 20 pixels, keeping the aspect ratio', () => {
    // A tall bar 40 wide × 200 high on a 280×280 pad (a drawn "1") → 4 × 20 in the 28×28 image.
    const px = mnistPreprocess(rect(280, 280, 30, 50, 70, 250))!;
    const box = inkBox({ data: px, width: 28, height: 28 }, 0)!;
    expect(box.y1 - box.y0).toBe(20);
    expect(box.x1 - box.x0).toBe(4);
    expect(Math.max(...px)).toBeCloseTo(255, 3);
  });

  it('puts the centre of mass at the centre of the 28×28 field, wherever the digit was drawn', () => {
    for (const [x0, y0] of [
      [0, 0],
      [150, 20],
      [60, 180],
    ] as const) {
      const px = mnistPreprocess(rect(280, 280, x0, y0, x0 + 90, y0 + 60))!;
      const [cx, cy] = centreOfMass(px);
      expect(Math.abs(cx - 14)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(cy - 14)).toBeLessThanOrEqual(0.5);
    }
  });

  it('returns null for an empty pad and rejects a data length that does not match the size', () => {
    expect(mnistPreprocess(rect(28, 28, 0, 0, 0, 0))).toBeNull();
    expect(() => mnistPreprocess({ data: new Uint8Array(10), width: 4, height: 4 })).toThrow(/expected width × height = 16/);
  });
});

describe('standardize', () => {
  it('maps bytes to (v / 255 − mean) / std like the training pipeline', () => {
    const out = standardize([0, 255, 51], 1 / 255, 0.1307, 0.3081);
    expect(out[0]).toBeCloseTo(-0.1307 / 0.3081, 6);
    expect(out[1]).toBeCloseTo((1 - 0.1307) / 0.3081, 6);
    expect(out[2]).toBeCloseTo((0.2 - 0.1307) / 0.3081, 6);
  });
});
