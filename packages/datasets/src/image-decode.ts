import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { DatasetError, check } from './errors';
import { imageDimensions } from './image-header';
import { decodeJpegTurbo } from './jpeg-turbo';

/** A decoded image: RGBA bytes, row-major, 4 values per pixel. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Pillow's `Image.MAX_IMAGE_PIXELS`: above it a DecompressionBombWarning; above twice it an error. */
export const PIL_MAX_IMAGE_PIXELS = 89_478_485;

/** Options for {@link decodeImage}: the decompression-bomb limits, checked on the header before decoding. */
export interface DecodeImageOptions {
  /** Refuse images with more pixels than this (`Infinity` turns the check off). Default 178 956 970 (Pillow's error limit). */
  maxPixels?: number;
  /** Warn about images with more pixels than this. Default 89 478 485 (Pillow's warning limit). */
  warnPixels?: number;
  /** Receives the warning text. Default: `process.emitWarning(text, 'DecompressionBombWarning')`. */
  onWarning?: (message: string) => void;
}

function dropAlpha(rgba: Uint8Array): Uint8Array {
  const rgb = new Uint8Array((rgba.length / 4) * 3);
  for (let p = 0, o = 0; p < rgba.length; p += 4) {
    rgb[o++] = rgba[p];
    rgb[o++] = rgba[p + 1];
    rgb[o++] = rgba[p + 2];
  }
  return rgb;
}

/** Validates the limits of {@link DecodeImageOptions}. Internal helper. */
export function checkPixelLimits(options: DecodeImageOptions): void {
  for (const field of ['maxPixels', 'warnPixels'] as const) {
    const v = options[field];
    check(
      v === undefined || v === Infinity || (Number.isInteger(v) && v > 0),
      field,
      v,
      'a positive integer number of pixels, or Infinity',
    );
  }
}

function checkPixels(bytes: Uint8Array, file: string, options: DecodeImageOptions): void {
  const dims = imageDimensions(bytes);
  if (dims === undefined) return; // the decoder says what is wrong with the header
  const pixels = dims.width * dims.height;
  const max = options.maxPixels ?? 2 * PIL_MAX_IMAGE_PIXELS;
  if (pixels > max) {
    throw new DatasetError('Image has more pixels than the limit (decompression bomb?)', {
      code: 'TOO_LARGE',
      file,
      field: 'pixels',
      received: `${dims.width}×${dims.height} = ${pixels} pixels`,
      expected: `at most ${max} pixels`,
      hint: 'raise maxPixels if the file is trusted (Pillow: Image.MAX_IMAGE_PIXELS)',
    });
  }
  const warn = options.warnPixels ?? PIL_MAX_IMAGE_PIXELS;
  if (pixels > warn) {
    const message = `${file}: image of ${dims.width}×${dims.height} = ${pixels} pixels exceeds ${warn} pixels, could be a decompression bomb`;
    if (options.onWarning !== undefined) options.onWarning(message);
    else process.emitWarning(message, 'DecompressionBombWarning');
  }
}

/**
 * Decodes PNG or JPEG bytes (recognised by their signature, not the file name): JPEG with libjpeg-turbo compiled
 * to WebAssembly (the pixels Pillow gives; CMYK files, which it cannot convert, with `jpeg-js`), PNG with
 * `pngjs`. The size the header declares is checked first, as Pillow does against decompression
 * bombs: above `warnPixels` a warning, above `maxPixels` an error, before any pixel is decoded.
 *
 * @throws {DatasetError} `UNDECODABLE` naming `file` when the bytes are neither or are corrupt; `TOO_LARGE`
 *   when the header declares more than `maxPixels` pixels.
 * @example
 * ```ts
 * const { width, height, data } = decodeImage(await readFile('ants/0013035.jpg'), 'ants/0013035.jpg');
 * ```
 */
export function decodeImage(bytes: Uint8Array, file = '<bytes>', options: DecodeImageOptions = {}): RgbaImage {
  return decodePixels(bytes, file, options, 4);
}

/** {@link decodeImage} with the choice of RGBA (4) or RGB (3) output, RGB decoded directly for JPEG. Internal. */
export function decodePixels(bytes: Uint8Array, file: string, options: DecodeImageOptions, channels: 3 | 4): RgbaImage {
  const isPng = bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
  const isJpeg = bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  if (!isPng && !isJpeg) {
    throw new DatasetError('Not a PNG or JPEG image', {
      code: 'UNDECODABLE',
      file,
      field: 'signature',
      received: Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' '),
      expected: 'PNG (89 50 4e 47) or JPEG (ff d8 ff)',
    });
  }
  checkPixels(bytes, file, options);
  try {
    if (isPng) {
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      const rgba = new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength);
      return { width: png.width, height: png.height, data: channels === 4 ? rgba : dropAlpha(rgba) };
    }
    const turbo = decodeJpegTurbo(bytes, channels);
    if (turbo !== undefined) return turbo;
    const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
    return { width: img.width, height: img.height, data: channels === 4 ? img.data : dropAlpha(img.data) };
  } catch (cause) {
    throw new DatasetError('Image could not be decoded', {
      code: 'UNDECODABLE',
      file,
      field: isPng ? 'png' : 'jpeg',
      received: (cause as Error).message,
      expected: `a valid ${isPng ? 'PNG' : 'JPEG'} file`,
      cause,
    });
  }
}
