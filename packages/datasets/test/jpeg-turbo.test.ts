import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { decodeJpegTurbo } from '../src/jpeg-turbo';
import { jpegBytes } from './image-helpers';

/** A smooth RGBA gradient: JPEG keeps it within a few levels. */
function gradient(w: number, h: number): Uint8Array {
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) data.set([(x * 255) / (w - 1), (y * 255) / (h - 1), 128, 255], (y * w + x) * 4);
  return data;
}

describe('decodeJpegTurbo (libjpeg-turbo in WebAssembly)', () => {
  it('decodes to RGBA matching the source within JPEG loss, like jpeg-js', () => {
    const source = gradient(40, 24);
    const bytes = jpegBytes(40, 24, source);
    const img = decodeJpegTurbo(bytes);
    expect(img).toBeDefined();
    const { width, height, data } = img as NonNullable<typeof img>;
    expect([width, height, data.length]).toEqual([40, 24, 40 * 24 * 4]);
    const reference = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true }).data;
    let maxToSource = 0;
    let maxToJpegJs = 0;
    for (let i = 0; i < data.length; i++) {
      if (i % 4 === 3) expect(data[i]).toBe(255);
      maxToSource = Math.max(maxToSource, Math.abs(data[i] - source[i]));
      maxToJpegJs = Math.max(maxToJpegJs, Math.abs(data[i] - reference[i]));
    }
    expect(maxToSource).toBeLessThan(12);
    expect(maxToJpegJs).toBeLessThan(12);
  });

  it('throws on corrupt data and decodes correctly afterwards (fresh instance after an error)', () => {
    const good = jpegBytes(16, 16);
    const before = decodeJpegTurbo(good)?.data;
    for (let k = 0; k < 50; k++) {
      const broken = Uint8Array.from(good); // (a Buffer's slice() would share its bytes)
      broken.fill(0x11, 100 + k, 400);
      expect(() => decodeJpegTurbo(broken.subarray(0, 300 + k))).toThrow();
    }
    expect(decodeJpegTurbo(good)?.data).toEqual(before);
  });
});
