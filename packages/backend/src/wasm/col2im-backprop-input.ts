import type { backend_util, TensorInfo } from '@tensorflow/tfjs-core';
import { callKernel } from './kernel-call';
import { addressOf, convGeometry, gemm, imagesPerSlice, simdKernels } from './simd/simd-kernels';
import { transposeLast2 } from './transpose-last2';
import type { WasmBackendLike } from './wasm-backend-like';

// Largest column matrix (floats) built at once, a few MB that stay in cache between product and scatter.
const MAX_COLUMN_FLOATS = 1 << 21;

/**
 * dx by "columns then scatter": cols = dy · Wᵀ as one product (dlkit's SIMD GEMM, else XNNPACK) ([N·OH·OW, Cout] × [Cout, KH·KW·Cin]),
 * then each column entry is added back to the input position it came from (col2im). Unlike a full
 * convolution over zero-padded or zero-inserted dy, no multiply is spent on padding, whatever the stride.
 */
export function conv2dBackpropInputCol2im(
  backend: WasmBackendLike,
  dy: TensorInfo,
  filter: TensorInfo,
  info: backend_util.Conv2DInfo,
): TensorInfo {
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: Ci, outHeight: OH, outWidth: OW, outChannels: Co } = info;
  const { filterHeight: KH, filterWidth: KW, strideHeight: sH, strideWidth: sW, dilationHeight: dH, dilationWidth: dW } = info;
  const pt = info.padInfo.top;
  const pl = info.padInfo.left;
  const K = KH * KW * Ci;
  const simd = simdKernels(backend);
  const w2d: TensorInfo = { dataId: filter.dataId, shape: [1, K, Co], dtype: 'float32' };
  // Our GEMM reads W transposed through its strides; XNNPACK needs it transposed in memory.
  const wT = simd === null ? transposeLast2(backend, w2d) : null; // [1, Co, K]
  const dx = backend.makeOutput([N, H, W, Ci], 'float32');
  (backend.typedArrayFromHeap(dx) as Float32Array).fill(0);
  const perImage = OH * OW;
  const chunk = imagesPerSlice(N, perImage * K, MAX_COLUMN_FLOATS);
  for (let n0 = 0; n0 < N; n0 += chunk) {
    const n = Math.min(chunk, N - n0);
    let cols: TensorInfo;
    if (simd !== null) {
      cols = backend.makeOutput([n * perImage, K], 'float32');
      gemm(
        simd,
        n * perImage,
        K,
        Co,
        { address: addressOf(backend, dy) + 4 * n0 * perImage * Co, rowStride: Co, colStride: 1 },
        { address: addressOf(backend, filter), rowStride: 1, colStride: Co },
        addressOf(backend, cols),
        K,
        false,
      );
    } else {
      let rows: TensorInfo;
      if (n === N) rows = { dataId: dy.dataId, shape: [1, N * perImage, Co], dtype: 'float32' };
      else
        rows = callKernel(
          'Slice',
          { x: { dataId: dy.dataId, shape: [1, N * perImage, Co], dtype: 'float32' } },
          { begin: [0, n0 * perImage, 0], size: [1, n * perImage, Co] },
          backend,
        );
      cols = callKernel('BatchMatMul', { a: rows, b: wT as TensorInfo }, { transposeA: false, transposeB: false }, backend);
      if (rows.dataId !== dy.dataId) backend.disposeData(rows.dataId);
    }
    if (simd !== null) {
      simd.exports.col2im(addressOf(backend, cols), addressOf(backend, dx) + 4 * n0 * H * W * Ci, ...convGeometry(info, n));
      backend.disposeData(cols.dataId);
      continue;
    }
    const c = backend.typedArrayFromHeap(cols) as Float32Array;
    const out = backend.typedArrayFromHeap(dx) as Float32Array;
    let p = 0;
    for (let b = n0; b < n0 + n; b++) {
      for (let oh = 0; oh < OH; oh++) {
        for (let ow = 0; ow < OW; ow++, p += K) {
          let q = p;
          for (let kh = 0; kh < KH; kh++) {
            const h = oh * sH + kh * dH - pt;
            if (h < 0 || h >= H) {
              q += KW * Ci;
              continue;
            }
            const rowBase = (b * H + h) * W;
            for (let kw = 0; kw < KW; kw++, q += Ci) {
              const w = ow * sW + kw * dW - pl;
              if (w < 0 || w >= W) continue;
              const d = (rowBase + w) * Ci;
              for (let ci = 0; ci < Ci; ci++) out[d + ci] += c[q + ci];
            }
          }
        }
      }
    }
    backend.disposeData(cols.dataId);
  }
  if (wT !== null) backend.disposeData(wT.dataId);
  return dx;
}
