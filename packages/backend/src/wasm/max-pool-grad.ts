import {
  backend_util,
  MaxPoolGrad,
  type KernelConfig,
  type KernelFunc,
  type MaxPoolGradAttrs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { addressOf, type PoolGradArgs, scratch, simdKernels } from './simd/simd-kernels';
import type { WasmBackendLike } from './wasm-backend-like';

/**
 * Routes each output gradient to the first maximum of its window (the cpu backend's choice on ties).
 * One pass over the windows, four channels at a time in wasm SIMD (JS loops without our kernels), where
 * the wasm backend's kernel rescans every window for every input position.
 */
export function maxPoolGradWasm(
  backend: WasmBackendLike,
  dy: TensorInfo,
  input: TensorInfo,
  info: backend_util.Conv2DInfo,
): TensorInfo {
  const { batchSize, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = info;
  const { strideHeight: sH, strideWidth: sW, effectiveFilterHeight: fH, effectiveFilterWidth: fW } = info;
  const { dilationHeight: dH, dilationWidth: dW } = info;
  const pt = info.padInfo.top;
  const pl = info.padInfo.left;
  const out = backend.makeOutput(input.shape.slice(), 'float32');
  const x = backend.typedArrayFromHeap(input) as Float32Array;
  const g = backend.typedArrayFromHeap(dy) as Float32Array;
  const dx = backend.typedArrayFromHeap(out) as Float32Array;
  dx.fill(0);
  const simd = simdKernels(backend);
  if (simd !== null && dy.dtype === 'float32' && input.dtype === 'float32') {
    const args: PoolGradArgs = [
      addressOf(backend, input),
      addressOf(backend, dy),
      addressOf(backend, out),
      batchSize,
      H,
      W,
      C,
      OH,
      OW,
      info.filterHeight,
      info.filterWidth,
      sH,
      sW,
      dH,
      dW,
      pt,
      pl,
    ];
    // Masked SIMD routing when every channel group is whole (CifarNet's 3×3/2 pool of 64×32×32×64: 5.4 ms
    // on one thread, 9.9 ms with the per-lane routing that handles the leftover channels).
    if (C % 4 === 0 && C > 0) simd.exports.maxPoolGradVec(...args, scratch(simd, 8 * C));
    else simd.exports.maxPoolGrad(...args);
    return out;
  }
  if (
    fH === 2 &&
    fW === 2 &&
    sH === 2 &&
    sW === 2 &&
    dH === 1 &&
    dW === 1 &&
    pt === 0 &&
    pl === 0 &&
    H === 2 * OH &&
    W === 2 * OW
  ) {
    pool2x2Grad(x, g, dx, batchSize, H, W, C, OH, OW);
    return out;
  }
  if (sH === fH && sW === fW && dH === 1 && dW === 1 && pt === 0 && pl === 0) {
    tiledMaxPoolGrad(x, g, dx, batchSize, H, W, C, OH, OW, fH, fW);
    return out;
  }
  const best = new Float32Array(C);
  const where = new Int32Array(C);
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < OH; oh++) {
      const h0 = oh * sH - pt;
      for (let ow = 0; ow < OW; ow++) {
        const w0 = ow * sW - pl;
        best.fill(-Infinity);
        where.fill(-1);
        for (let fh = 0; fh < fH; fh += dH) {
          const h = h0 + fh;
          if (h < 0 || h >= H) continue;
          for (let fw = 0; fw < fW; fw += dW) {
            const w = w0 + fw;
            if (w < 0 || w >= W) continue;
            const base = ((b * H + h) * W + w) * C;
            for (let c = 0; c < C; c++) {
              const v = x[base + c];
              if (v > best[c]) {
                best[c] = v;
                where[c] = base + c;
              }
            }
          }
        }
        const gBase = ((b * OH + oh) * OW + ow) * C;
        for (let c = 0; c < C; c++) {
          const at = where[c];
          if (at >= 0) dx[at] += g[gBase + c];
        }
      }
    }
  }
  return out;
}

/** The 2×2/stride-2 pooling of every classic ConvNet, unrolled: four loads and three compares per value. */
function pool2x2Grad(
  x: Float32Array,
  g: Float32Array,
  dx: Float32Array,
  N: number,
  H: number,
  W: number,
  C: number,
  OH: number,
  OW: number,
): void {
  const rowStep = W * C;
  let gi = 0;
  for (let b = 0; b < N; b++) {
    for (let oh = 0; oh < OH; oh++) {
      let p = (b * H + 2 * oh) * rowStep;
      for (let ow = 0; ow < OW; ow++, p += 2 * C) {
        for (let c = 0; c < C; c++, gi++) {
          // Same order and strict ">" as the general path: ties go to the first maximum.
          const a = p + c;
          let at = a;
          let best = x[a];
          const r = a + C;
          if (x[r] > best) {
            best = x[r];
            at = r;
          }
          const d = a + rowStep;
          if (x[d] > best) {
            best = x[d];
            at = d;
          }
          const e = d + C;
          if (x[e] > best) {
            at = e;
          }
          dx[at] = g[gi];
        }
      }
    }
  }
}

/** Windows that tile the input (stride = size, no padding): each input is read once, no bookkeeping arrays. */
function tiledMaxPoolGrad(
  x: Float32Array,
  g: Float32Array,
  dx: Float32Array,
  N: number,
  H: number,
  W: number,
  C: number,
  OH: number,
  OW: number,
  fH: number,
  fW: number,
): void {
  for (let b = 0; b < N; b++) {
    for (let oh = 0; oh < OH; oh++) {
      const hEnd = Math.min(oh * fH + fH, H);
      for (let ow = 0; ow < OW; ow++) {
        const wEnd = Math.min(ow * fW + fW, W);
        const gBase = ((b * OH + oh) * OW + ow) * C;
        for (let c = 0; c < C; c++) {
          let best = -Infinity;
          let at = -1;
          for (let h = oh * fH; h < hEnd; h++) {
            let p = ((b * H + h) * W + ow * fW) * C + c;
            for (let w = ow * fW; w < wEnd; w++, p += C) {
              const v = x[p];
              if (v > best) {
                best = v;
                at = p;
              }
            }
          }
          if (at >= 0) dx[at] = g[gBase + c];
        }
      }
    }
  }
}

const kernelFunc = ({ inputs, attrs, backend }: Parameters<KernelFunc>[0]) => {
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as MaxPoolGradAttrs;
  const info = backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  return maxPoolGradWasm(backend as unknown as WasmBackendLike, dy, input, info);
};

/** Replaces the wasm backend's slow `MaxPoolGrad`. */
export const maxPoolGradConfig: KernelConfig = {
  kernelName: MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc: kernelFunc as KernelFunc,
};
