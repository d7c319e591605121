import { Sum, type KernelConfig, type KernelFunc, type SumAttrs, type TensorInfo } from '@tensorflow/tfjs-core';
import { addressOf, scratch, simdKernels } from './simd/simd-kernels';
import type { WasmBackendLike } from './wasm-backend-like';

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * Sum over every axis but the last — the gradient of every bias — as one streaming pass of column sums.
 * The wasm backend first transposes the reduced axes to the end, a full extra copy of the activations.
 */
export function sumFixup(original: KernelConfig): KernelConfig {
  const kernelFunc = (args: Parameters<KernelFunc>[0]) => {
    const { x } = args.inputs as { x: TensorInfo };
    const { axis, keepDims } = args.attrs as unknown as SumAttrs;
    const rank = x.shape.length;
    const axes = (Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + rank : a)).sort((a, b) => a - b);
    const leading = rank >= 2 && axes.length === rank - 1 && axes.every((a, i) => a === i);
    if (!leading || x.dtype !== 'float32') return original.kernelFunc(args);
    const cols = x.shape[rank - 1];
    const backend = args.backend as unknown as WasmBackendLike;
    const out = backend.makeOutput(keepDims ? [...x.shape.slice(0, -1).map(() => 1), cols] : [cols], 'float32');
    const simd = simdKernels(backend);
    if (simd !== null) {
      // Same float64 sums in the same order, two columns per SIMD add.
      const acc = scratch(simd, 8 * cols);
      simd.exports.columnSums(addressOf(backend, x), size(x.shape) / cols, cols, acc);
      const heap = backend.typedArrayFromHeap(out) as Float32Array;
      heap.set(new Float64Array(heap.buffer, acc, cols));
      return out;
    }
    const src = backend.typedArrayFromHeap(x) as Float32Array;
    const acc = new Float64Array(cols);
    for (let p = 0; p < src.length; p += cols) for (let c = 0; c < cols; c++) acc[c] += src[p + c];
    (backend.typedArrayFromHeap(out) as Float32Array).set(acc);
    return out;
  };
  return { ...original, kernelName: Sum, kernelFunc: kernelFunc as KernelFunc };
}
