import { check, positiveInt, ReportError } from './errors';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array, from: number, to: number): number {
  let c = 0xffffffff;
  for (let i = from; i < to; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A raster image: `width × height` pixels of `channels` bytes (1 grey, 3 RGB, 4 RGBA), row-major. */
export interface RasterImage {
  width: number;
  height: number;
  channels: 1 | 3 | 4;
  pixels: Uint8Array;
}

/** Options of {@link encodePng}. */
export interface EncodePngOptions {
  /**
   * Compresses the filtered scanlines into a zlib stream (in Node: `zlib.deflateSync`). Default: stored
   * deflate blocks, no compression, no dependency.
   */
  compress?: (scanlines: Uint8Array) => Uint8Array;
}

/**
 * Encodes a raster as PNG bytes, in pure TypeScript (browser-safe, no zlib): by default the image data goes
 * into stored (uncompressed) deflate blocks, so the file is about as large as the pixels — right for the
 * small grids of feature maps embedded in a report; pass `compress` (e.g. Node's `zlib.deflateSync`) for
 * smaller files.
 *
 * @example
 * ```ts
 * const png = encodePng({ width: 2, height: 1, channels: 1, pixels: new Uint8Array([0, 255]) });
 * const small = encodePng(image, { compress: (d) => zlib.deflateSync(d) });
 * ```
 * @throws {ReportError} `BAD_SHAPE` when `pixels` does not hold `width × height × channels` bytes.
 */
export function encodePng(image: RasterImage, options: EncodePngOptions = {}): Uint8Array {
  const width = positiveInt('image.width', image.width);
  const height = positiveInt('image.height', image.height);
  check(image.channels === 1 || image.channels === 3 || image.channels === 4, 'image.channels', image.channels, '1, 3 or 4');
  check(image.pixels instanceof Uint8Array, 'image.pixels', image.pixels, 'a Uint8Array');
  const stride = width * image.channels;
  if (image.pixels.length !== stride * height)
    throw new ReportError(
      'BAD_SHAPE',
      'image.pixels',
      `${image.pixels.length} bytes`,
      `width × height × channels = ${stride * height}`,
    );
  // Scanlines, each with filter byte 0.
  const raw = new Uint8Array((stride + 1) * height);
  for (let y = 0; y < height; y++) raw.set(image.pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  check(
    options.compress === undefined || typeof options.compress === 'function',
    'options.compress',
    options.compress,
    'a function (scanlines) => zlib stream',
  );
  const idat = options.compress ? options.compress(raw) : storedZlib(raw);
  const colorType = image.channels === 1 ? 0 : image.channels === 3 ? 2 : 6;
  const ihdr = new Uint8Array(13);
  const dv = new DataView(ihdr.buffer);
  dv.setUint32(0, width);
  dv.setUint32(4, height);
  ihdr[8] = 8;
  ihdr[9] = colorType;
  const chunks: Array<[string, Uint8Array]> = [
    ['IHDR', ihdr],
    ['IDAT', idat],
    ['IEND', new Uint8Array(0)],
  ];
  const total = 8 + chunks.reduce((t, [, d]) => t + 12 + d.length, 0);
  const out = new Uint8Array(total);
  out.set([137, 80, 78, 71, 13, 10, 26, 10], 0);
  const odv = new DataView(out.buffer);
  let p = 8;
  for (const [type, data] of chunks) {
    odv.setUint32(p, data.length);
    for (let k = 0; k < 4; k++) out[p + 4 + k] = type.charCodeAt(k);
    out.set(data, p + 8);
    odv.setUint32(p + 8 + data.length, crc32(out, p + 4, p + 8 + data.length));
    p += 12 + data.length;
  }
  return out;
}

/** A zlib stream of stored (uncompressed) deflate blocks of ≤ 65535 bytes, with its Adler-32. */
function storedZlib(raw: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(raw.length / 65535));
  const z = new Uint8Array(2 + raw.length + blocks * 5 + 4);
  z[0] = 0x78;
  z[1] = 0x01;
  let o = 2;
  for (let b = 0; b < blocks; b++) {
    const start = b * 65535;
    const len = Math.min(65535, raw.length - start);
    z[o++] = b === blocks - 1 ? 1 : 0;
    z[o++] = len & 0xff;
    z[o++] = len >>> 8;
    z[o++] = ~len & 0xff;
    z[o++] = (~len >>> 8) & 0xff;
    z.set(raw.subarray(start, start + len), o);
    o += len;
  }
  let a = 1;
  let s = 0;
  for (let i = 0; i < raw.length; i++) {
    a = (a + raw[i]) % 65521;
    s = (s + a) % 65521;
  }
  const adler = ((s << 16) | a) >>> 0;
  z[o++] = adler >>> 24;
  z[o++] = (adler >>> 16) & 0xff;
  z[o++] = (adler >>> 8) & 0xff;
  z[o++] = adler & 0xff;
  return z.subarray(0, o);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of `bytes` (no Buffer, so it runs in browsers too). @internal */
export function base64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += B64[n >>> 18] + B64[(n >>> 12) & 63] + B64[(n >>> 6) & 63] + B64[n & 63];
  }
  if (i < bytes.length) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8);
    out += B64[n >>> 18] + B64[(n >>> 12) & 63] + (i + 1 < bytes.length ? B64[(n >>> 6) & 63] : '=') + '=';
  }
  return out;
}
