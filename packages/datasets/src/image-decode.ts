import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { DatasetError } from './errors';

/** A decoded image: RGBA bytes, row-major, 4 values per pixel. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * Decodes PNG or JPEG bytes (recognised by their signature, not the file name) with the pure-JS `pngjs`
 * and `jpeg-js` decoders.
 *
 * @throws {DatasetError} `UNDECODABLE` naming `file` when the bytes are neither or are corrupt.
 * @example
 * ```ts
 * const { width, height, data } = decodeImage(await readFile('ants/0013035.jpg'), 'ants/0013035.jpg');
 * ```
 */
export function decodeImage(bytes: Uint8Array, file = '<bytes>'): RgbaImage {
  const isPng = bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
  const isJpeg = bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  if (!isPng && !isJpeg) {
    throw new DatasetError('Not a PNG or JPEG image', {
      code: 'UNDECODABLE', file, field: 'signature',
      received: Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' '),
      expected: 'PNG (89 50 4e 47) or JPEG (ff d8 ff)',
    });
  }
  try {
    if (isPng) {
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
    }
    const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
    return { width: img.width, height: img.height, data: img.data };
  } catch (cause) {
    throw new DatasetError('Image could not be decoded', {
      code: 'UNDECODABLE', file, field: isPng ? 'png' : 'jpeg', received: (cause as Error).message,
      expected: `a valid ${isPng ? 'PNG' : 'JPEG'} file`, cause,
    });
  }
}
