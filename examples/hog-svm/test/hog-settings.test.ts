import { hogBatch } from '@dlkit/svm-bridge';
import { describe, expect, it } from 'vitest';
import { HOG } from '../src/hog-settings';

describe('the HOG settings of the report', () => {
  it('turn a 28×28 image into 4·4 blocks × 4 cells × 9 bins = 576 features, each block of unit length at most', () => {
    expect(HOG).toEqual({ orientations: 9, pixelsPerCell: [5, 5], cellsPerBlock: [2, 2], blockNorm: 'L2-Hys' });
    const images = new Uint8Array(2 * 784);
    // A vertical edge in the first image, nothing in the second.
    for (let y = 0; y < 28; y++) for (let x = 14; x < 28; x++) images[y * 28 + x] = 255;
    const X = hogBatch(images, [2, 28, 28, 1], HOG);
    expect([X.rows, X.cols]).toEqual([2, 576]);
    expect(X.data.every(Number.isFinite)).toBe(true);
    for (let b = 0; b < 16; b++) {
      const block = X.data.subarray(b * 36, (b + 1) * 36);
      expect(Math.hypot(...block)).toBeLessThanOrEqual(1 + 1e-6);
    }
    // The edge shows in the features; a blank image has none.
    expect(X.data.subarray(0, 576).some((v) => v > 0)).toBe(true);
    expect(X.data.subarray(576).every((v) => v === 0)).toBe(true);
  });
});
