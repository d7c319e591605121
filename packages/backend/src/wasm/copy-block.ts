import type { SimdKernels } from './simd/simd-kernels';

/**
 * Copies the box `size` at `srcBegin` of a row-major array of `srcShape` to `dstBegin` of one of
 * `dstShape` (byte addresses `src`, `dst`; 4-byte elements): the work of Slice and of PadV2's interior.
 * The innermost axis where the box is not the whole of both arrays sets the run copied at once; the axis
 * above it is walked by the SIMD kernel, the ones above that by this loop.
 */
export function copyBlock(
  simd: SimdKernels,
  src: number,
  srcShape: readonly number[],
  srcBegin: readonly number[],
  dst: number,
  dstShape: readonly number[],
  dstBegin: readonly number[],
  size: readonly number[],
): void {
  const rank = size.length;
  if (size.some((d) => d === 0)) return;
  let d = rank - 1;
  let inner = 1;
  while (d > 0 && size[d] === srcShape[d] && size[d] === dstShape[d]) {
    inner *= size[d];
    d--;
  }
  const run = size[d] * inner;
  const srcStrides = new Array<number>(rank);
  const dstStrides = new Array<number>(rank);
  for (let a = rank - 1, s = 1, t = 1; a >= 0; a--) {
    srcStrides[a] = s;
    dstStrides[a] = t;
    s *= srcShape[a];
    t *= dstShape[a];
  }
  let srcBase = 0;
  let dstBase = 0;
  for (let a = 0; a < rank; a++) {
    srcBase += srcBegin[a] * srcStrides[a];
    dstBase += dstBegin[a] * dstStrides[a];
  }
  if (d === 0) {
    simd.exports.copyRows(src + 4 * srcBase, 0, dst + 4 * dstBase, 0, 1, run);
    return;
  }
  // Axes 0 … d−2 walked here (an odometer), axis d−1 by copyRows.
  const outer = size.slice(0, d - 1);
  const index = new Array<number>(outer.length).fill(0);
  const count = outer.reduce((p, v) => p * v, 1);
  for (let i = 0; i < count; i++) {
    let s = srcBase;
    let t = dstBase;
    for (let a = 0; a < outer.length; a++) {
      s += index[a] * srcStrides[a];
      t += index[a] * dstStrides[a];
    }
    simd.exports.copyRows(src + 4 * s, srcStrides[d - 1], dst + 4 * t, dstStrides[d - 1], size[d - 1], run);
    for (let a = outer.length - 1; a >= 0; a--) {
      if (++index[a] < outer[a]) break;
      index[a] = 0;
    }
  }
}
