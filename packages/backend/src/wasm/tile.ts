import { Tile, type KernelConfig, type KernelFunc, type TensorInfo, type TileAttrs } from '@tensorflow/tfjs-core';
import type { WasmBackendLike } from './wasm-backend-like';

/**
 * Tile of a 4-byte tensor as block copies: each axis, innermost first, is written once and then repeated with
 * `copyWithin`. The wasm backend borrows the cpu backend's element-by-element index arithmetic, which made
 * batch normalisation's gradient (it tiles 1/σ over the whole activation) cost more than the convolutions.
 */
export function tileFixup(original: KernelConfig): KernelConfig {
  const kernelFunc = (args: Parameters<KernelFunc>[0]) => {
    const { x } = args.inputs as { x: TensorInfo };
    const { reps } = args.attrs as unknown as TileAttrs;
    if ((x.dtype !== 'float32' && x.dtype !== 'int32') || x.shape.length === 0 || reps.length !== x.shape.length) {
      return original.kernelFunc(args);
    }
    const backend = args.backend as unknown as WasmBackendLike;
    const shape = x.shape.map((d, i) => d * reps[i]);
    const out = backend.makeOutput(shape, x.dtype);
    if (shape.some((d) => d === 0)) return out;
    const src = backend.typedArrayFromHeap(x) as Float32Array | Int32Array;
    const dst = backend.typedArrayFromHeap(out) as Float32Array | Int32Array;
    tileInto(src, x.shape, reps, dst);
    return out;
  };
  return { ...original, kernelName: Tile, kernelFunc: kernelFunc as KernelFunc };
}

/** Writes `src` (of `shape`) tiled `reps` times per axis into `dst` (row-major, already sized). */
export function tileInto(
  src: Float32Array | Int32Array,
  shape: readonly number[],
  reps: readonly number[],
  dst: Float32Array | Int32Array,
): void {
  const rank = shape.length;
  // srcStride[d]: elements of src per index of axis d; dstBlock[d]: elements of dst one index of axis d spans.
  const srcStride = new Array<number>(rank);
  const dstBlock = new Array<number>(rank);
  let s = 1;
  let b = 1;
  for (let d = rank - 1; d >= 0; d--) {
    srcStride[d] = s;
    dstBlock[d] = b;
    s *= shape[d];
    b *= shape[d] * reps[d];
  }
  const fill = (d: number, from: number, to: number): void => {
    const n = shape[d];
    if (d === rank - 1) {
      dst.set(src.subarray(from, from + n), to);
    } else {
      for (let i = 0; i < n; i++) fill(d + 1, from + i * srcStride[d], to + i * dstBlock[d]);
    }
    // The axis's n entries are written; repeat them by doubling the copied span.
    const span = n * dstBlock[d];
    const total = span * reps[d];
    for (let done = span; done < total; done *= 2) dst.copyWithin(to + done, to, to + Math.min(done, total - done));
  };
  fill(0, 0, 0);
}
