import type { backend_util, TensorInfo } from '@tensorflow/tfjs-core';
import { callKernel } from './kernel-call';
import type { WasmBackendLike } from './wasm-backend-like';

/**
 * dW = colsᵀ · dy with colsᵀ ([KH·KW·Cin, N·OH·OW]) gathered straight from x in transposed order, so the
 * product is one un-transposed XNNPACK GEMM with dy ([N·OH·OW, Cout]) as its packed operand.
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
  const dy2: TensorInfo = { dataId: dy.dataId, shape: [1, M, Co], dtype: 'float32' };
  const grad = callKernel('BatchMatMul', { a: colsT, b: dy2 }, { transposeA: false, transposeB: false }, backend);
  backend.disposeData(colsT.dataId);
  return { ...grad, shape: [KH, KW, Ci, Co] };
}
