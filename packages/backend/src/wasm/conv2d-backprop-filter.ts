import {
  backend_util,
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { callKernel } from './kernel-call';
import { paddedConv2d } from './padded-conv2d';
import { conv2dBackpropFilterIm2col, conv2dBackpropFilterRows } from './im2col-backprop-filter';
import type { WasmBackendLike } from './wasm-backend-like';

/**
 * dW[kh, kw, ci, co] = Σ_{n, oh, ow} x[n, oh·sh + kh·dh − pt, ow·sw + kw·dw − pl, ci] · dy[n, oh, ow, co].
 *
 * Read with the batch axis as the reduction: it is a convolution of x with channels and batch swapped
 * ([Cin, H, W, N]) by dy used as a filter ([OH, OW, N, Cout]), whose stride is the forward dilation and
 * whose dilation is the forward stride. XNNPACK runs that at full speed; the wasm backend has no kernel at all.
 */
export function conv2dBackpropFilterWasm(
  backend: WasmBackendLike,
  x: TensorInfo,
  dy: TensorInfo,
  filterShape: readonly [number, number, number, number],
  convInfo: backend_util.Conv2DInfo,
): TensorInfo {
  const [kH, kW] = filterShape;
  const xT = callKernel('Transpose', { x }, { perm: [3, 1, 2, 0] }, backend); // [Cin, H, W, N]
  const dyT = callKernel('Transpose', { x: dy }, { perm: [1, 2, 0, 3] }, backend); // [OH, OW, N, Cout]
  const grad = paddedConv2d(backend, xT, dyT, {
    strides: [convInfo.dilationHeight, convInfo.dilationWidth],
    dilations: [convInfo.strideHeight, convInfo.strideWidth],
    padBefore: [convInfo.padInfo.top, convInfo.padInfo.left],
    outSize: [kH, kW],
  }); // [Cin, KH, KW, Cout]
  backend.disposeData(xT.dataId);
  backend.disposeData(dyT.dataId);
  const dW = callKernel('Transpose', { x: grad }, { perm: [1, 2, 0, 3] }, backend);
  backend.disposeData(grad.dataId);
  return dW;
}

const IM2COL_MAX_CHANNELS = 4;
const IM2COL_MAX_FLOATS = 1 << 24;

/** Attributes dlkit accepts beyond tfjs's own: `dilations`, used by dlkit's Conv2D gradient on wasm. */
type FilterAttrs = Conv2DBackpropFilterAttrs & { dilations?: number | [number, number] };

const kernelFunc = ({ inputs, attrs, backend }: Parameters<KernelFunc>[0]) => {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape, dilations } = attrs as unknown as FilterAttrs;
  if (backend_util.convertConv2DDataFormat(dataFormat) !== 'channelsLast') {
    throw new Error(`dlkit wasm Conv2DBackpropFilter supports dataFormat 'NHWC' only, got '${dataFormat}'`);
  }
  const convInfo = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape as [number, number, number, number],
    strides,
    dilations ?? 1,
    pad,
    dimRoundingMode,
  );
  // dlkit's SIMD im2col and GEMM, whatever the channel count (measured, 1 thread: LeNet conv1 6.4 → 5.5 ms,
  // CifarNet conv1 (3 channels) 36.8 → 27.6 ms, against the JS column gather below).
  const rows = conv2dBackpropFilterRows(backend as unknown as WasmBackendLike, x, dy, convInfo);
  if (rows !== null) return rows;
  // Without our kernels, on XNNPACK. Measured on the LeNet shapes: with few input channels the convolution
  // form has a tiny GEMM height (Cin·KH·KW rows) and loses to gathering the columns (16 → 7 ms for
  // 64×28×28×1); with many it wins.
  const columns =
    convInfo.filterHeight *
    convInfo.filterWidth *
    convInfo.inChannels *
    convInfo.batchSize *
    convInfo.outHeight *
    convInfo.outWidth;
  if (convInfo.inChannels <= IM2COL_MAX_CHANNELS && columns <= IM2COL_MAX_FLOATS) {
    return conv2dBackpropFilterIm2col(backend as unknown as WasmBackendLike, x, dy, convInfo);
  }
  return conv2dBackpropFilterWasm(
    backend as unknown as WasmBackendLike,
    x,
    dy,
    filterShape as [number, number, number, number],
    convInfo,
  );
};

/** The wasm backend's missing `Conv2DBackpropFilter`, built on its XNNPACK `Conv2D`. */
export const conv2dBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: kernelFunc as KernelFunc,
};
