import { deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { encodePng, ReportError } from '../src/index';

describe('encodePng', () => {
  it('writes grey, RGB and RGBA images that pngjs decodes to the same pixels', () => {
    for (const channels of [1, 3, 4] as const) {
      const width = 7;
      const height = 5;
      const pixels = Uint8Array.from({ length: width * height * channels }, (_, i) => (i * 37) & 255);
      const png = PNG.sync.read(Buffer.from(encodePng({ width, height, channels, pixels })));
      expect([png.width, png.height]).toEqual([width, height]);
      for (let p = 0; p < width * height; p++) {
        const rgba = Array.from(png.data.subarray(4 * p, 4 * p + 4));
        const want =
          channels === 1
            ? [pixels[p], pixels[p], pixels[p], 255]
            : channels === 3
              ? [...pixels.subarray(3 * p, 3 * p + 3), 255]
              : [...pixels.subarray(4 * p, 4 * p + 4)];
        expect(rgba).toEqual(want);
      }
    }
  });

  it('splits data over several stored blocks past 64 KiB', () => {
    const width = 300;
    const height = 300;
    const pixels = Uint8Array.from({ length: width * height }, (_, i) => i % 251);
    const png = PNG.sync.read(Buffer.from(encodePng({ width, height, channels: 1, pixels })));
    expect(png.data[4 * 89999]).toBe(89999 % 251);
  });

  it('compresses with a zlib function when given one, to the same pixels', () => {
    const width = 64;
    const height = 64;
    const pixels = Uint8Array.from({ length: width * height * 3 }, (_, i) => (i >> 6) & 255);
    const stored = encodePng({ width, height, channels: 3, pixels });
    const small = encodePng({ width, height, channels: 3, pixels }, { compress: (d) => deflateSync(d) });
    expect(small.length).toBeLessThan(stored.length / 4);
    expect(PNG.sync.read(Buffer.from(small)).data).toEqual(PNG.sync.read(Buffer.from(stored)).data);
  });

  it('refuses pixels that do not fill width × height × channels', () => {
    expect(() => encodePng({ width: 2, height: 2, channels: 1, pixels: new Uint8Array(3) })).toThrow(ReportError);
    expect(() => encodePng({ width: 2, height: 2, channels: 2 as 1, pixels: new Uint8Array(8) })).toThrow(/1, 3 or 4/);
  });
});
