import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/** An RGBA image with a left red half and a right blue half. */
export function twoTone(width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      data.set(x < width / 2 ? [250, 10, 10, 255] : [10, 10, 250, 255], o);
    }
  return data;
}

export function pngBytes(width: number, height: number, data = twoTone(width, height)): Uint8Array {
  const png = new PNG({ width, height });
  png.data = Buffer.from(data);
  return PNG.sync.write(png);
}

export function jpegBytes(width: number, height: number, data = twoTone(width, height)): Uint8Array {
  return jpeg.encode({ width, height, data: Buffer.from(data) }, 95).data;
}

