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

/** The first bytes of a PNG whose IHDR declares `width`×`height` (no image data follows): a decompression bomb's header. */
export function pngHeaderOnly(width: number, height: number): Uint8Array {
  const out = new Uint8Array(8 + 25 + 12);
  out.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const v = new DataView(out.buffer);
  v.setUint32(8, 13);
  out.set([0x49, 0x48, 0x44, 0x52], 12); // IHDR
  v.setUint32(16, width);
  v.setUint32(20, height);
  out.set([8, 6, 0, 0, 0], 24); // 8-bit RGBA
  return out;
}

/** SOI, an APP0 segment and a baseline SOF0 declaring `width`×`height`, then EOI: a JPEG bomb's header. */
export function jpegHeaderOnly(width: number, height: number): Uint8Array {
  return Uint8Array.from([
    0xff,
    0xd8,
    0xff,
    0xe0,
    0,
    16,
    0x4a,
    0x46,
    0x49,
    0x46,
    0,
    1,
    1,
    0,
    0,
    1,
    0,
    1,
    0,
    0,
    0xff,
    0xc0,
    0,
    17,
    8,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    3,
    1,
    0x22,
    0,
    2,
    0x11,
    1,
    3,
    0x11,
    1,
    0xff,
    0xd9,
  ]);
}
