import {
  AvgPoolGrad,
  backend_util,
  type AvgPoolGradAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { WasmBackendLike } from './wasm-backend-like';

/**
 * Windows that tile the input exactly (stride = size, no padding, sizes divide): each input receives its
 * window's gradient over the window size, in one pass. L2 pooling is an average pool of squares, so the
 * Torch-tutorial ConvNet runs this twice a step; the wasm backend's kernel is a rescanning loop. Other
 * geometries go to the wasm backend's own kernel.
 */
export function avgPoolGradFixup(original: KernelConfig): KernelConfig {
  const kernelFunc = (args: Parameters<KernelFunc>[0]) => {
    const { dy, input } = args.inputs as { dy: TensorInfo; input: TensorInfo };
    const { filterSize, strides, pad } = args.attrs as unknown as AvgPoolGradAttrs;
    const info = backend_util.computePool2DInfo(input.shape as [number, number, number, number], filterSize, strides, 1, pad);
    const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = info;
    const { filterHeight: fH, filterWidth: fW, strideHeight: sH, strideWidth: sW } = info;
    const tiles = fH === sH && fW === sW && info.padInfo.top === 0 && info.padInfo.left === 0 && H === OH * fH && W === OW * fW;
    if (!tiles || dy.dtype !== 'float32') return original.kernelFunc(args);
    const backend = args.backend as unknown as WasmBackendLike;
    const out = backend.makeOutput(input.shape.slice(), 'float32');
    const g = backend.typedArrayFromHeap(dy) as Float32Array;
    const dx = backend.typedArrayFromHeap(out) as Float32Array;
    const scale = 1 / (fH * fW);
    let gi = 0;
    for (let b = 0; b < N; b++) {
      for (let oh = 0; oh < OH; oh++) {
        for (let ow = 0; ow < OW; ow++, gi += C) {
          for (let h = oh * fH; h < oh * fH + fH; h++) {
            let p = ((b * H + h) * W + ow * fW) * C;
            for (let w = 0; w < fW; w++, p += C) {
              for (let c = 0; c < C; c++) dx[p + c] = g[gi + c] * scale;
            }
          }
        }
      }
    }
    return out;
  };
  return { ...original, kernelName: AvgPoolGrad, kernelFunc: kernelFunc as KernelFunc };
}
