import { Mean, Sum, type KernelConfig, type KernelFunc, type SumAttrs, type TensorInfo } from '@tensorflow/tfjs-core';
import { addressOf, scratch, simdKernels } from './simd/simd-kernels';
import type { WasmBackendLike } from './wasm-backend-like';

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * Sum over every axis but the last — the gradient of every bias — as one streaming pass of column sums.
 * The wasm backend first transposes the reduced axes to the end, a full extra copy of the activations.
 */
export function sumFixup(original: KernelConfig): KernelConfig {
  return leadingAxesFixup(original, Sum, false);
}

/** Mean over every axis but the last (batch normalisation's moments): the column sums, divided by the rows. */
export function meanFixup(original: KernelConfig): KernelConfig {
  return leadingAxesFixup(original, Mean, true);
}

function leadingAxesFixup(original: KernelConfig, kernelName: string, mean: boolean): KernelConfig {
  const kernelFunc = (args: Parameters<KernelFunc>[0]) => {
    const { x } = args.inputs as { x: TensorInfo };
    const { axis, keepDims } = args.attrs as unknown as SumAttrs;
    const rank = x.shape.length;
    const axes = (Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + rank : a)).sort((a, b) => a - b);
    const leading = rank >= 2 && axes.length === rank - 1 && axes.every((a, i) => a === i);
    const cols = x.shape[rank - 1];
    const rows = size(x.shape) / cols;
    if (!leading || x.dtype !== 'float32' || (mean && rows === 0)) return original.kernelFunc(args);
    const backend = args.backend as unknown as WasmBackendLike;
    const out = backend.makeOutput(keepDims ? [...x.shape.slice(0, -1).map(() => 1), cols] : [cols], 'float32');
    const simd = simdKernels(backend);
    let sums: Float64Array;
    if (simd !== null) {
      // Same float64 sums in the same order, two columns per SIMD add. (The scratch block may grow the
      // memory, so views on the heap are taken after it.)
      const acc = scratch(simd, 8 * cols);
      simd.exports.columnSums(addressOf(backend, x), rows, cols, acc);
      sums = new Float64Array(backend.typedArrayFromHeap(out).buffer, acc, cols);
    } else {
      const src = backend.typedArrayFromHeap(x) as Float32Array;
      sums = new Float64Array(cols);
      for (let p = 0; p < src.length; p += cols) for (let c = 0; c < cols; c++) sums[c] += src[p + c];
    }
    const heap = backend.typedArrayFromHeap(out) as Float32Array;
    if (mean) for (let c = 0; c < cols; c++) heap[c] = sums[c] / rows;
    else heap.set(sums);
    return out;
  };
  return { ...original, kernelName, kernelFunc: kernelFunc as KernelFunc };
}
