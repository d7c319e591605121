import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { WasmBackendLike } from './wasm-backend-like';

const BLOCK = 32;

/**
 * [..., R, C] → [..., C, R] in cache-sized blocks. The wasm backend's Transpose kernel is a generic
 * strided loop several times slower than this for the 2-D case that matrix products need.
 */
export function transposeLast2(backend: WasmBackendLike, x: TensorInfo): TensorInfo {
  const rank = x.shape.length;
  const rows = x.shape[rank - 2];
  const cols = x.shape[rank - 1];
  const batch = x.shape.slice(0, -2).reduce((a, b) => a * b, 1);
  const out = backend.makeOutput([...x.shape.slice(0, -2), cols, rows], 'float32');
  const src = backend.typedArrayFromHeap(x) as Float32Array;
  const dst = backend.typedArrayFromHeap(out) as Float32Array;
  const size = rows * cols;
  for (let b = 0; b < batch; b++) {
    const o = b * size;
    for (let r0 = 0; r0 < rows; r0 += BLOCK) {
      const r1 = Math.min(r0 + BLOCK, rows);
      for (let c0 = 0; c0 < cols; c0 += BLOCK) {
        const c1 = Math.min(c0 + BLOCK, cols);
        for (let r = r0; r < r1; r++) {
          const s = o + r * cols;
          for (let c = c0; c < c1; c++) dst[o + c * rows + r] = src[s + c];
        }
      }
    }
  }
  return out;
}
