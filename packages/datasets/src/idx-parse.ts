// The IDX format itself, pure (browser-safe): readIdxFile (idx.ts) and fetchMnist (fetch-mnist.ts) both use it.
import { DatasetError } from './errors';

/** Element type of an IDX file, from byte 2 of its magic number. */
export type IdxDataType = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

/** Typed array for each {@link IdxDataType}. */
export type IdxData = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

/** A decoded IDX file: element type, dimensions and row-major data in native byte order. */
export interface IdxArray {
  /** Element type from the magic number. */
  dtype: IdxDataType;
  /** Dimensions from the header, e.g. `[60000, 28, 28]`. */
  shape: number[];
  /** Row-major values, a fresh array (not a view of the file buffer). */
  data: IdxData;
}

/** Options for {@link parseIdx} and `readIdxFile`. */
export interface IdxOptions {
  /** Name used in error messages (the path or URL). */
  file?: string;
  /** Reject files whose element type differs. */
  dtype?: IdxDataType;
  /** Reject files whose number of dimensions differs. */
  rank?: number;
}

const TYPE_CODES: Record<number, { dtype: IdxDataType; bytes: number }> = {
  0x08: { dtype: 'uint8', bytes: 1 },
  0x09: { dtype: 'int8', bytes: 1 },
  0x0b: { dtype: 'int16', bytes: 2 },
  0x0c: { dtype: 'int32', bytes: 4 },
  0x0d: { dtype: 'float32', bytes: 4 },
  0x0e: { dtype: 'float64', bytes: 8 },
};

/** True when `bytes` starts with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Decodes IDX bytes (the format of MNIST and Fashion-MNIST, LeCun et al. 1998): a magic number
 * `00 00 <type> <rank>`, `rank` big-endian uint32 dimensions, then the data, big-endian.
 * The bytes must already be decompressed; `readIdxFile` and `fetchBytes` handle gzip.
 *
 * @throws {DatasetError} `BAD_FORMAT` for a wrong magic number, type code or rank; `TRUNCATED` when the
 *   data is shorter than the dimensions promise; `MISMATCH` when longer.
 * @example
 * ```ts
 * const bytes = new Uint8Array([0, 0, 0x08, 1, 0, 0, 0, 3, 7, 2, 1]);
 * parseIdx(bytes); // { dtype: 'uint8', shape: [3], data: Uint8Array [7, 2, 1] }
 * ```
 */
export function parseIdx(bytes: Uint8Array, options: IdxOptions = {}): IdxArray {
  const file = options.file ?? '<bytes>';
  if (bytes.length < 4) {
    throw new DatasetError('IDX file too short for its magic number', {
      code: 'TRUNCATED',
      file,
      field: 'magic',
      received: `${bytes.length} bytes`,
      expected: 'at least 4 bytes',
    });
  }
  const magic = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
  const type = TYPE_CODES[bytes[2]];
  if (bytes[0] !== 0 || bytes[1] !== 0 || type === undefined) {
    throw new DatasetError('Wrong IDX magic number', {
      code: 'BAD_FORMAT',
      file,
      field: 'magic',
      received: `0x${magic.toString(16).padStart(8, '0')}`,
      expected: '0x0000TTRR with type TT in {08,09,0b,0c,0d,0e} (e.g. 0x00000803 for images, 0x00000801 for labels)',
      hint: isGzip(bytes) ? 'the bytes are gzip-compressed: use readIdxFile, fetchBytes or gunzip first' : undefined,
    });
  }
  const rank = bytes[3];
  if (rank === 0) {
    throw new DatasetError('IDX file declares zero dimensions', {
      code: 'BAD_FORMAT',
      file,
      field: 'rank',
      received: 0,
      expected: 'at least 1 dimension',
    });
  }
  if (options.dtype !== undefined && options.dtype !== type.dtype) {
    throw new DatasetError('Unexpected IDX element type', {
      code: 'BAD_FORMAT',
      file,
      field: 'dtype',
      received: type.dtype,
      expected: options.dtype,
    });
  }
  if (options.rank !== undefined && options.rank !== rank) {
    throw new DatasetError('Unexpected IDX rank', {
      code: 'BAD_FORMAT',
      file,
      field: 'rank',
      received: rank,
      expected: `${options.rank} dimensions`,
    });
  }
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) {
    throw new DatasetError('IDX header truncated', {
      code: 'TRUNCATED',
      file,
      field: 'dimensions',
      received: `${bytes.length} bytes`,
      expected: `${headerBytes} header bytes for ${rank} dimensions`,
    });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape: number[] = [];
  let count = 1;
  for (let d = 0; d < rank; d++) {
    const size = view.getUint32(4 + 4 * d, false);
    shape.push(size);
    count *= size;
  }
  const dataBytes = count * type.bytes;
  const available = bytes.length - headerBytes;
  if (available < dataBytes) {
    throw new DatasetError('IDX data truncated', {
      code: 'TRUNCATED',
      file,
      field: 'data',
      received: `${available} data bytes`,
      expected: `${dataBytes} bytes for shape [${shape.join(', ')}] of ${type.dtype}`,
    });
  }
  if (available > dataBytes) {
    throw new DatasetError('IDX file has trailing bytes after its data', {
      code: 'MISMATCH',
      file,
      field: 'data',
      received: `${available} data bytes`,
      expected: `${dataBytes} bytes for shape [${shape.join(', ')}] of ${type.dtype}`,
    });
  }
  return { dtype: type.dtype, shape, data: decodeData(bytes, view, headerBytes, count, type.dtype) };
}

function decodeData(bytes: Uint8Array, view: DataView, off: number, n: number, dtype: IdxDataType): IdxData {
  switch (dtype) {
    case 'uint8':
      // A plain Uint8Array copy: `slice` on a Node Buffer would return a Buffer view of the whole file.
      return new Uint8Array(bytes.subarray(off, off + n));
    case 'int8':
      return new Int8Array(new Uint8Array(bytes.subarray(off, off + n)).buffer);
    case 'int16': {
      const out = new Int16Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getInt16(off + 2 * i, false);
      return out;
    }
    case 'int32': {
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getInt32(off + 4 * i, false);
      return out;
    }
    case 'float32': {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getFloat32(off + 4 * i, false);
      return out;
    }
    case 'float64': {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getFloat64(off + 8 * i, false);
      return out;
    }
  }
}
