import type { backend_util, TensorInfo } from '@tensorflow/tfjs-core';
import { paddedConv2d } from './padded-conv2d';
import type { WasmBackendLike } from './wasm-backend-like';

/** W[kh, kw, ci, co] → W'[KH−1−kh, KW−1−kw, co, ci]: the filter of the transposed convolution. */
function rotatedFilter(backend: WasmBackendLike, filter: TensorInfo): TensorInfo {
  const [kH, kW, cI, cO] = filter.shape as [number, number, number, number];
  const out = backend.makeOutput([kH, kW, cO, cI], 'float32');
  // Views are taken after makeOutput: allocation may grow (and detach) the wasm heap.
  const src = backend.typedArrayFromHeap(filter) as Float32Array;
  const dst = backend.typedArrayFromHeap(out) as Float32Array;
  for (let kh = 0; kh < kH; kh++) {
    for (let kw = 0; kw < kW; kw++) {
      const s = ((kH - 1 - kh) * kW + (kW - 1 - kw)) * cI * cO;
      const d = (kh * kW + kw) * cO * cI;
      for (let ci = 0; ci < cI; ci++) {
        for (let co = 0; co < cO; co++) dst[d + co * cI + ci] = src[s + ci * cO + co];
      }
    }
  }
  return out;
}

/** dy with (stride − 1) zeros between neighbours: a strided convolution's gradient is a dense one over this. */
function zeroInserted(backend: WasmBackendLike, dy: TensorInfo, sH: number, sW: number): TensorInfo {
  const [n, oH, oW, c] = dy.shape as [number, number, number, number];
  const h = (oH - 1) * sH + 1;
  const w = (oW - 1) * sW + 1;
  const out = backend.makeOutput([n, h, w, c], 'float32');
  const src = backend.typedArrayFromHeap(dy) as Float32Array;
  const dst = backend.typedArrayFromHeap(out) as Float32Array;
  dst.fill(0);
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < oH; i++) {
      for (let j = 0; j < oW; j++) {
        const s = ((b * oH + i) * oW + j) * c;
        dst.set(src.subarray(s, s + c), ((b * h + i * sH) * w + j * sW) * c);
      }
    }
  }
  return out;
}

/**
 * dx[n, h, w, ci] = Σ dy[n, oh, ow, co] · W[kh, kw, ci, co] over h = oh·sh + kh·dh − pt (and likewise for w):
 * a stride-1 convolution of the zero-inserted dy with the rotated, channel-swapped filter, dilated as the
 * forward filter was, padded by (KH−1)·dh − pt before. Cheapest when the forward convolution kept the
 * image size ('same', stride 1) or has few output channels, where columns-and-scatter would build a huge
 * intermediate (e.g. the Gaussian of a subtractive normalisation: 64 maps → 1).
 */
export function conv2dBackpropInputTransposedConv(
  backend: WasmBackendLike,
  dy: TensorInfo,
  filter: TensorInfo,
  info: backend_util.Conv2DInfo,
): TensorInfo {
  const { strideHeight: sH, strideWidth: sW, dilationHeight: dH, dilationWidth: dW } = info;
  const wRot = rotatedFilter(backend, filter);
  const dyD = sH === 1 && sW === 1 ? dy : zeroInserted(backend, dy, sH, sW);
  const dx = paddedConv2d(backend, dyD, wRot, {
    strides: [1, 1],
    dilations: [dH, dW],
    padBefore: [(info.filterHeight - 1) * dH - info.padInfo.top, (info.filterWidth - 1) * dW - info.padInfo.left],
    outSize: [info.inHeight, info.inWidth],
  });
  backend.disposeData(wRot.dataId);
  if (dyD !== dy) backend.disposeData(dyD.dataId);
  return dx;
}

/**
 * Multiply-adds of each form, with a scatter-add counted as SCATTER_COST of them: the transposed
 * convolution multiplies zeros of padding and zero-insertion, columns-and-scatter pays a JS scatter of
 * every column entry.
 */
const SCATTER_COST = 8;
export function preferTransposedConv(info: backend_util.Conv2DInfo): boolean {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: ci, outHeight: oh, outWidth: ow, outChannels: co } = info;
  const taps = info.filterHeight * info.filterWidth;
  const transposed = n * h * w * ci * taps * co * info.strideHeight * info.strideWidth;
  const columns = n * oh * ow * taps * ci * (co + SCATTER_COST);
  return transposed < columns;
}
