/** @internal Typed arrays ↔ base64 strings (little-endian bytes), without Node's Buffer. */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

/** Encodes the bytes of a typed array as base64. */
export function bytesToBase64(view: ArrayBufferView): string {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  const parts: string[] = [];
  const CHUNK = 3 * 4096;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, bytes.length);
    let out = '';
    let i = start;
    for (; i + 2 < end; i += 3) {
      const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
      out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
    }
    if (i < end) {
      const b1 = i + 1 < end ? bytes[i + 1] : 0;
      const n = (bytes[i] << 16) | (b1 << 8);
      out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63];
      out += i + 1 < end ? ALPHABET[(n >> 6) & 63] + '=' : '==';
    }
    parts.push(out);
  }
  return parts.join('');
}

/** Decodes base64 into bytes; returns null when the text is not valid base64. */
export function base64ToBytes(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null;
  let pad = 0;
  if (text.endsWith('==')) pad = 2;
  else if (text.endsWith('=')) pad = 1;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const ch = text.charCodeAt(i + k);
      let v: number;
      if (ch === 61 /* = */ && i + k >= text.length - pad) v = 0;
      else {
        v = ch < 128 ? LOOKUP[ch] : -1;
        if (v < 0) return null;
      }
      n = (n << 6) | v;
    }
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

/** Encodes a Float64Array / Int32Array / Uint32Array for JSON. */
export function encodeArray(array: Float64Array | Int32Array | Uint32Array): string {
  return bytesToBase64(array);
}

/** Decodes what {@link encodeArray} wrote; returns null on malformed input or a length mismatch. */
export function decodeFloat64(text: unknown, length: number): Float64Array | null {
  if (typeof text !== 'string') return null;
  const bytes = base64ToBytes(text);
  if (!bytes || bytes.length !== length * 8) return null;
  return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** Decodes an Int32Array written by {@link encodeArray}; null on mismatch. */
export function decodeInt32(text: unknown, length: number): Int32Array | null {
  if (typeof text !== 'string') return null;
  const bytes = base64ToBytes(text);
  if (!bytes || bytes.length !== length * 4) return null;
  return new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}
