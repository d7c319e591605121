// JPEG decoding with libjpeg-turbo compiled to WebAssembly (the `@cwasm/jpeg-turbo` build), Node only.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

interface TurboExports {
  memory: WebAssembly.Memory;
  malloc(size: number): number;
  free(pointer: number): void;
  tjInitDecompress(): number;
  tjDestroy(handle: number): number;
  tjDecompressHeader3(
    handle: number,
    src: number,
    size: number,
    width: number,
    height: number,
    subsampling: number,
    colorspace: number,
  ): number;
  tjDecompress2(
    handle: number,
    src: number,
    size: number,
    dst: number,
    width: number,
    pitch: number,
    height: number,
    format: number,
    flags: number,
  ): number;
}

const TJPF_RGB = 0;
const TJPF_RGBA = 7;
const TJCS_CMYK = 3;
const TJCS_YCCK = 4;

let compiled: WebAssembly.Module | undefined;
interface Turbo {
  exports: TurboExports;
  handle: number;
  scratch: number;
  /** A reusable input buffer: most files of a dataset fit in the first one. */
  input: number;
  inputSize: number;
}

let instance: Turbo | undefined;

function load(): Turbo {
  if (instance !== undefined) return instance;
  if (compiled === undefined) {
    // Resolved from this package, compiled once per process on first use (nothing happens at import).
    const require = createRequire(import.meta.url);
    compiled = new WebAssembly.Module(readFileSync(require.resolve('@cwasm/jpeg-turbo/jpeg-turbo.wasm')));
  }
  const fail = (name: string) => () => {
    throw new Error(`libjpeg-turbo called ${name}`);
  };
  const wasm = new WebAssembly.Instance(compiled, {
    env: {
      setjmp: () => 0,
      // libjpeg reports every error through longjmp: thrown here, it unwinds to the caller below.
      longjmp: () => {
        throw new Error('corrupt or unsupported JPEG data');
      },
    },
    wasi_snapshot_preview1: {
      environ_sizes_get: () => 0,
      environ_get: fail('environ_get'),
      proc_exit: fail('proc_exit'),
      fd_close: fail('fd_close'),
      fd_seek: fail('fd_seek'),
      fd_write: fail('fd_write'),
    },
  });
  const exports = wasm.exports as unknown as TurboExports;
  const handle = exports.tjInitDecompress();
  if (handle === 0) throw new Error('libjpeg-turbo could not allocate a decompressor');
  instance = { exports, handle, scratch: exports.malloc(16), input: 0, inputSize: 0 };
  return instance;
}

/**
 * Decodes JPEG bytes to RGBA (or RGB with `channels: 3`) with libjpeg-turbo (islow DCT, fancy upsampling: the
 * same pixels as Pillow and torchvision's `decode_jpeg`). One decompressor and one input buffer are reused across
 * calls; after an error the whole instance is dropped, because an error unwinds the WebAssembly stack without
 * restoring it. Returns `undefined` for CMYK/YCCK files, which libjpeg-turbo cannot convert to RGB.
 *
 * @throws Error with libjpeg-turbo's reason for corrupt or unsupported data.
 */
export function decodeJpegTurbo(
  bytes: Uint8Array,
  channels: 3 | 4 = 4,
): { width: number; height: number; data: Uint8Array } | undefined {
  const turbo = load();
  const { exports, handle, scratch } = turbo;
  let output = 0;
  try {
    if (turbo.inputSize < bytes.length) {
      if (turbo.input !== 0) exports.free(turbo.input);
      turbo.inputSize = Math.max(bytes.length, 64 * 1024);
      turbo.input = exports.malloc(turbo.inputSize);
      if (turbo.input === 0) throw new Error(`no memory for ${bytes.length} bytes of JPEG`);
    }
    const input = turbo.input;
    new Uint8Array(exports.memory.buffer, input, bytes.length).set(bytes);
    if (exports.tjDecompressHeader3(handle, input, bytes.length, scratch, scratch + 4, scratch + 8, scratch + 12) !== 0) {
      throw new Error('JPEG header could not be read');
    }
    const [width, height, , colorspace] = new Uint32Array(exports.memory.buffer, scratch, 4);
    if (colorspace === TJCS_CMYK || colorspace === TJCS_YCCK) return undefined;
    const size = width * height * channels;
    output = exports.malloc(size);
    if (output === 0) throw new Error(`no memory for ${width}×${height} pixels`);
    const format = channels === 3 ? TJPF_RGB : TJPF_RGBA;
    if (exports.tjDecompress2(handle, input, bytes.length, output, width, width * channels, height, format, 0) !== 0) {
      throw new Error('JPEG data could not be decoded');
    }
    const data = new Uint8Array(exports.memory.buffer, output, size).slice();
    exports.free(output);
    return { width, height, data };
  } catch (e) {
    instance = undefined; // start from a fresh instance next time (see above)
    throw e;
  }
}
