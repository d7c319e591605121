import type { FeatureMatrix } from './matrix';
import { createSimdKernels, type SimdKernels } from './simd-kernels';

/**
 * @internal The row operations of dual coordinate descent on a dense matrix, against `machines` weight
 * vectors of `cols` float64 each: `dots(i, n)` writes `out[q] = x_i · w_{list[q]}` for q < n (the caller
 * fills `list` first) and `axpy(a, i, m)` does `w_m += a · x_i`. The rows are copied once into WebAssembly
 * memory (float32 data stays float32) and the loops run in wasm SIMD; where that is unavailable (or
 * `DLKIT_NO_SIMD=1`) the same operations run as TypeScript loops over the caller's data. `weights(m)` is
 * a view of w_m, zero at first.
 */
export interface DenseRows {
  readonly simd: boolean;
  /** Machine indices for {@link DenseRows.dots} (capacity `machines`). */
  readonly list: Int32Array;
  /** Results of {@link DenseRows.dots}. */
  readonly out: Float64Array;
  weights(m: number): Float64Array;
  dots(i: number, n: number): void;
  axpy(a: number, i: number, m: number): void;
}

/** @internal Build {@link DenseRows} for `X` and `machines` weight vectors. */
export function denseRows(X: FeatureMatrix, machines: number): DenseRows {
  const d = X.cols;
  const wide = X.data instanceof Float64Array;
  const wStride = ((8 * d + 63) >> 6) << 6; // bytes per weight vector, 64-byte aligned
  const scratch = 16 * machines + 64;
  const k = createSimdKernels(scratch + machines * wStride + X.rows * d * (wide ? 8 : 4));
  return k ? simdRows(k, X, machines, wStride, scratch, wide) : scalarRows(X, machines);
}

function simdRows(
  k: SimdKernels,
  X: FeatureMatrix,
  machines: number,
  wStride: number,
  scratch: number,
  wide: boolean,
): DenseRows {
  const d = X.cols;
  const buf = k.memory.buffer;
  const outOff = 0;
  const listOff = 8 * machines;
  const wOff = scratch;
  const xOff = wOff + machines * wStride;
  if (wide) new Float64Array(buf, xOff, X.rows * d).set(X.data);
  else new Float32Array(buf, xOff, X.rows * d).set(X.data);
  const stride = d * (wide ? 8 : 4);
  const list = new Int32Array(machines);
  const offsets = new Int32Array(buf, listOff, machines);
  const dotsList = wide ? k.dotsListF64 : k.dotsListF32F64;
  const axpy = wide ? k.axpyF64 : k.axpyF32F64;
  return {
    simd: true,
    list,
    out: new Float64Array(buf, outOff, machines),
    weights: (m) => new Float64Array(buf, wOff + m * wStride, d),
    dots: (i, n) => {
      for (let q = 0; q < n; q++) offsets[q] = wOff + list[q] * wStride;
      dotsList(xOff + i * stride, listOff, n, d, outOff);
    },
    axpy: (a, i, m) => axpy(a, xOff + i * stride, wOff + m * wStride, d),
  };
}

function scalarRows(X: FeatureMatrix, machines: number): DenseRows {
  const d = X.cols;
  const x = X.data;
  const W = new Float64Array(machines * d);
  const list = new Int32Array(machines);
  const out = new Float64Array(machines);
  return {
    simd: false,
    list,
    out,
    weights: (m) => W.subarray(m * d, (m + 1) * d),
    dots(i: number, n: number): void {
      const xo = i * d;
      for (let q = 0; q < n; q++) {
        const wo = list[q] * d;
        let s0 = 0;
        let s1 = 0;
        let f = 0;
        for (; f + 3 < d; f += 4) {
          s0 += W[wo + f] * x[xo + f] + W[wo + f + 2] * x[xo + f + 2];
          s1 += W[wo + f + 1] * x[xo + f + 1] + W[wo + f + 3] * x[xo + f + 3];
        }
        for (; f < d; f++) s0 += W[wo + f] * x[xo + f];
        out[q] = s0 + s1;
      }
    },
    axpy(a: number, i: number, m: number): void {
      const xo = i * d;
      const wo = m * d;
      let f = 0;
      for (; f + 3 < d; f += 4) {
        W[wo + f] += a * x[xo + f];
        W[wo + f + 1] += a * x[xo + f + 1];
        W[wo + f + 2] += a * x[xo + f + 2];
        W[wo + f + 3] += a * x[xo + f + 3];
      }
      for (; f < d; f++) W[wo + f] += a * x[xo + f];
    },
  };
}
