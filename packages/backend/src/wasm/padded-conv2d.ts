import type { TensorInfo } from '@tensorflow/tfjs-core';
import { callKernel } from './kernel-call';
import type { WasmBackendLike } from './wasm-backend-like';

/** A convolution request in the form the gradient rewrites need: pads may be negative (a crop). */
export interface PaddedConv {
  readonly strides: readonly [number, number];
  readonly dilations: readonly [number, number];
  /** Zeros added before the first row / column; negative means that many leading outputs are dropped (stride 1 only). */
  readonly padBefore: readonly [number, number];
  /** The output height and width wanted; the convolution is padded after and cropped to give exactly this. */
  readonly outSize: readonly [number, number];
}

/**
 * NHWC convolution through the wasm backend's XNNPACK `Conv2D`, with explicit padding chosen so that the
 * output has exactly `outSize`. Gradients of convolutions are themselves convolutions, but with paddings
 * that can be negative or asymmetric: this is the one place that turns those into a real convolution
 * plus, when needed, a `Slice`.
 */
export function paddedConv2d(backend: WasmBackendLike, x: TensorInfo, filter: TensorInfo, conv: PaddedConv): TensorInfo {
  const [, inH, inW] = x.shape as [number, number, number, number];
  const [kH, kW] = filter.shape as [number, number, number, number];
  const plan = (axis: 0 | 1, inSize: number, k: number) => {
    const stride = conv.strides[axis];
    const dil = conv.dilations[axis];
    const want = conv.outSize[axis];
    const before = Math.max(0, conv.padBefore[axis]);
    // Leading outputs to drop when the requested pad is negative (only meaningful for stride 1).
    const offset = before - conv.padBefore[axis];
    const effK = (k - 1) * dil + 1;
    const after = Math.max(0, (offset + want - 1) * stride + effK - inSize - before);
    const produced = Math.trunc((inSize + before + after - effK) / stride) + 1;
    return { before, after, offset, produced, want };
  };
  const ph = plan(0, inH, kH);
  const pw = plan(1, inW, kW);
  if ((ph.offset > 0 && conv.strides[0] !== 1) || (pw.offset > 0 && conv.strides[1] !== 1)) {
    throw new Error('dlkit: a negative leading pad needs stride 1');
  }
  const out = callKernel(
    'Conv2D',
    { x, filter },
    {
      strides: [conv.strides[0], conv.strides[1]],
      dilations: [conv.dilations[0], conv.dilations[1]],
      pad: [
        [0, 0],
        [ph.before, ph.after],
        [pw.before, pw.after],
        [0, 0],
      ],
      dataFormat: 'NHWC',
      dimRoundingMode: undefined as unknown as string,
    },
    backend,
  );
  if (ph.offset === 0 && pw.offset === 0 && ph.produced === ph.want && pw.produced === pw.want) return out;
  const [n, , , c] = out.shape as [number, number, number, number];
  const cropped = callKernel(
    'Slice',
    { x: out },
    { begin: [0, ph.offset, pw.offset, 0], size: [n, ph.want, pw.want, c] },
    backend,
  );
  backend.disposeData(out.dataId);
  return cropped;
}
