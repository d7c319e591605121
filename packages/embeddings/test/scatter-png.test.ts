import pngjs from 'pngjs';
import { describe, expect, it } from 'vitest';
import { scatterPng } from '../src/scatter-png.js';
import { matrix } from './helpers.js';

describe('scatterPng', () => {
  it('encodes a PNG of the requested size with points in their class colours and a legend', () => {
    const Y = matrix([0, 0, 10, 10], 2, 2);
    const bytes = scatterPng(Y, [0, 1], { width: 200, height: 150, pointRadius: 4, opacity: 1, classNames: ['a', 'b'], title: 'T' });
    expect(Array.from(bytes.subarray(0, 8))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const img = pngjs.PNG.sync.read(Buffer.from(bytes));
    expect(img.width).toBe(200);
    expect(img.height).toBe(150);
    const px = (x: number, y: number): number[] => Array.from(img.data.subarray(4 * (y * 200 + x), 4 * (y * 200 + x) + 3));
    // Count pixels in each class colour (tab10 blue / orange).
    let blue = 0;
    let orange = 0;
    let black = 0;
    for (let y = 0; y < 150; y++) {
      for (let x = 0; x < 200; x++) {
        const [r, g, b] = px(x, y);
        if (r === 31 && g === 119 && b === 180) blue++;
        if (r === 255 && g === 127 && b === 14) orange++;
        if (r === 0 && g === 0 && b === 0) black++;
      }
    }
    // Each point: a disc of radius 4 (≈ 50 px solid) + a 12×12 legend swatch.
    expect(blue).toBeGreaterThan(144 + 30);
    expect(orange).toBeGreaterThan(144 + 30);
    expect(black).toBeGreaterThan(20); // title and legend text
    expect(px(0, 149)).toEqual([255, 255, 255]);
  });
});
