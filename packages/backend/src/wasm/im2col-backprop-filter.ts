import type { backend_util, TensorInfo } from '@tensorflow/tfjs-core';
import { callKernel } from './kernel-call';
import { addressOf, convGeometry, gemm, imagesPerSlice, simdKernels } from './simd/simd-kernels';
import type { WasmBackendLike } from './wasm-backend-like';

/**
 * dW = colsᵀ · dy with colsᵀ ([KH·KW·Cin, N·OH·OW]) gathered straight from x in transposed order, so the
 * product is one un-transposed GEMM (dlkit's SIMD GEMM, else XNNPACK) with dy ([N·OH·OW, Cout]) as B.
 */
export function conv2dBackpropFilterIm2col(
  backend: WasmBackendLike,
  x: TensorInfo,
  dy: TensorInfo,
  info: backend_util.Conv2DInfo,
): TensorInfo {
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: Ci, outHeight: OH, outWidth: OW, outChannels: Co } = info;
  const { filterHeight: KH, filterWidth: KW, strideHeight: sH, strideWidth: sW, dilationHeight: dH, dilationWidth: dW } = info;
  const pt = info.padInfo.top;
  const pl = info.padInfo.left;
  const M = N * OH * OW;
  const K = KH * KW * Ci;
  const colsT = backend.makeOutput([1, K, M], 'float32');
  const src = backend.typedArrayFromHeap(x) as Float32Array;
  const dst = backend.typedArrayFromHeap(colsT) as Float32Array;
  for (let kh = 0; kh < KH; kh++) {
    for (let kw = 0; kw < KW; kw++) {
      for (let ci = 0; ci < Ci; ci++) {
        let d = ((kh * KW + kw) * Ci + ci) * M;
        for (let b = 0; b < N; b++) {
          for (let oh = 0; oh < OH; oh++) {
            const h = oh * sH + kh * dH - pt;
            if (h < 0 || h >= H) {
              dst.fill(0, d, d + OW);
              d += OW;
              continue;
            }
            const row = (b * H + h) * W;
            for (let ow = 0; ow < OW; ow++, d++) {
              const w = ow * sW + kw * dW - pl;
              dst[d] = w < 0 || w >= W ? 0 : src[(row + w) * Ci + ci];
            }
          }
        }
      }
    }
  }
  const simd = simdKernels(backend);
  if (simd !== null) {
    const grad = backend.makeOutput([KH, KW, Ci, Co], 'float32');
    gemm(
      simd,
      K,
      Co,
      M,
      { address: addressOf(backend, colsT), rowStride: M, colStride: 1 },
      { address: addressOf(backend, dy), rowStride: Co, colStride: 1 },
      addressOf(backend, grad),
      Co,
      false,
    );
    backend.disposeData(colsT.dataId);
    return grad;
  }
  const dy2: TensorInfo = { dataId: dy.dataId, shape: [1, M, Co], dtype: 'float32' };
  const grad = callKernel('BatchMatMul', { a: colsT, b: dy2 }, { transposeA: false, transposeB: false }, backend);
  backend.disposeData(colsT.dataId);
  return { ...grad, shape: [KH, KW, Ci, Co] };
}

// Rows of columns built per slice of the batch: about 1 MB, so the product reads them back from L2 (the GEMM
// reads them transposed, one cache line per k). Measured (1 thread, CPU ms per call at batch 64): CIFAR conv2
// 5×5×64→64 72.1 → 62.2 (8 MB → 1 MB slices), seedConvNet conv2 18.6 → 15.3, LeNet conv2 8.7 → 7.6.
// The other product order, (dyᵀ · cols)ᵀ with cols read as they lie, measured slower (79.3 vs 75.0 ms).
const ROW_SLICE_FLOATS = 1 << 18;

/**
 * dW = Σ over slices of the batch of colsᵀ · dy, with cols ([n·OH·OW, KH·KW·Cin]) gathered by the SIMD
 * im2col (runs of Cin contiguous floats). The GEMM reads cols transposed through its strides, rows of 4
 * consecutive floats being one vector of its packed panel.
 */
export function conv2dBackpropFilterRows(
  backend: WasmBackendLike,
  x: TensorInfo,
  dy: TensorInfo,
  info: backend_util.Conv2DInfo,
): TensorInfo | null {
  const simd = simdKernels(backend);
  if (simd === null) return null;
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: Ci, outHeight: OH, outWidth: OW, outChannels: Co } = info;
  const { filterHeight: KH, filterWidth: KW } = info;
  const K = KH * KW * Ci;
  const perImage = OH * OW;
  const slice = imagesPerSlice(N, perImage * K, ROW_SLICE_FLOATS);
  const grad = backend.makeOutput([KH, KW, Ci, Co], 'float32');
  const cols = backend.makeOutput([slice * perImage, K], 'float32');
  for (let n0 = 0; n0 < N; n0 += slice) {
    const n = Math.min(slice, N - n0);
    simd.exports.im2col(addressOf(backend, x) + 4 * n0 * H * W * Ci, addressOf(backend, cols), ...convGeometry(info, n));
    gemm(
      simd,
      K,
      Co,
      n * perImage,
      { address: addressOf(backend, cols), rowStride: 1, colStride: K },
      { address: addressOf(backend, dy) + 4 * n0 * perImage * Co, rowStride: Co, colStride: 1 },
      addressOf(backend, grad),
      Co,
      n0 > 0,
    );
  }
  backend.disposeData(cols.dataId);
  return grad;
}
