import {
  backend_util,
  Conv2DBackpropInput,
  type Conv2DBackpropInputAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { conv2dBackpropInputCol2im } from './col2im-backprop-input';
import { conv2dBackpropInputTransposedConv, preferTransposedConv } from './transposed-conv-backprop-input';
import type { WasmBackendLike } from './wasm-backend-like';

/** Which form computes dx: chosen per call by cost ('auto'), or forced (tests check both on every shape). */
export const BACKPROP_INPUT_FORM: { value: 'auto' | 'transposed-conv' | 'col2im' } = { value: 'auto' };

type InputAttrs = Conv2DBackpropInputAttrs & { dilations?: number | [number, number] };

const kernelFunc = ({ inputs, attrs, backend }: Parameters<KernelFunc>[0]) => {
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, inputShape, dilations } = attrs as unknown as InputAttrs;
  if (backend_util.convertConv2DDataFormat(dataFormat) !== 'channelsLast') {
    throw new Error(`dlkit wasm Conv2DBackpropInput supports dataFormat 'NHWC' only, got '${dataFormat}'`);
  }
  const convInfo = backend_util.computeConv2DInfo(
    inputShape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    strides,
    dilations ?? 1,
    pad,
    dimRoundingMode,
  );
  const wasm = backend as unknown as WasmBackendLike;
  const form = BACKPROP_INPUT_FORM.value;
  if (form === 'transposed-conv' || (form === 'auto' && preferTransposedConv(convInfo))) {
    return conv2dBackpropInputTransposedConv(wasm, dy, filter, convInfo);
  }
  return conv2dBackpropInputCol2im(wasm, dy, filter, convInfo);
};

/**
 * Replaces the wasm backend's scalar-loop `Conv2DBackpropInput` with the cheaper, by multiply-adds, of an
 * XNNPACK transposed convolution and an XNNPACK product followed by a col2im scatter.
 */
export const conv2dBackpropInputConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: kernelFunc as KernelFunc,
};
