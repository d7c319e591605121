import { expect } from 'vitest';

/** Pixel value of image i, channel c, row y, column x in the generated files. */
export const px = (i: number, c: number, y: number, x: number) => (i * 31 + c * 85 + y * 3 + x * 5) % 256;

/** Writes records exactly as the CIFAR binary version: label byte(s), then R, G, B planes of 32×32. */
export function records(labels: number[][]): Uint8Array {
  const lb = labels[0].length;
  const rec = lb + 3072;
  const out = new Uint8Array(labels.length * rec);
  labels.forEach((ls, i) => {
    ls.forEach((l, k) => (out[i * rec + k] = l));
    for (let c = 0; c < 3; c++)
      for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) out[i * rec + lb + c * 1024 + y * 32 + x] = px(i, c, y, x);
  });
  return out;
}

export function checkPixels(images: Uint8Array, n: number): void {
  for (let i = 0; i < n; i++)
    for (const [y, x] of [
      [0, 0],
      [5, 17],
      [31, 31],
    ])
      for (let c = 0; c < 3; c++) expect(images[((i * 32 + y) * 32 + x) * 3 + c]).toBe(px(i, c, y, x));
}
