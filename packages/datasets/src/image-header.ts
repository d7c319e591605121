// Image dimensions from the header alone (pure, browser-safe): checked before any pixel is decoded.

/** Width and height declared by an image file's header. */
export interface ImageDimensions {
  width: number;
  height: number;
}

/**
 * Reads the width and height a PNG (IHDR) or JPEG (first SOFn marker) declares, without decoding anything,
 * so a decompression bomb can be refused before it allocates. `undefined` when the header cannot be read
 * (the decoder then reports the file as undecodable).
 *
 * @example
 * ```ts
 * imageDimensions(await readFile('cat.jpg')); // { width: 500, height: 375 }
 * ```
 */
export function imageDimensions(bytes: Uint8Array): ImageDimensions | undefined {
  const at16 = (i: number) => (bytes[i] << 8) | bytes[i + 1];
  const at32 = (i: number) => ((bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3]) >>> 0;
  if (bytes.length >= 24 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
    if (bytes[12] !== 0x49 || bytes[13] !== 0x48 || bytes[14] !== 0x44 || bytes[15] !== 0x52) return undefined;
    return { width: at32(16), height: at32(20) };
  }
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let off = 2;
  while (off + 4 <= bytes.length) {
    if (bytes[off] !== 0xff) return undefined;
    const marker = bytes[off + 1];
    if (marker === 0xff) {
      off++; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      off += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined; // end of image, or scan data before any frame
    const length = at16(off + 2);
    // SOF0..SOF15 except DHT (c4), JPG (c8) and DAC (cc) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (off + 9 > bytes.length) return undefined;
      return { width: at16(off + 7), height: at16(off + 5) };
    }
    off += 2 + length;
  }
  return undefined;
}
