import { PadV2, type KernelConfig, type KernelFunc, type PadV2Attrs, type TensorInfo } from '@tensorflow/tfjs-core';
import { copyBlock } from './copy-block';
import { addressOf, simdKernels } from './simd/simd-kernels';
import type { WasmBackendLike } from './wasm-backend-like';

/**
 * Constant padding of a float32 tensor: the output filled with the constant, then the input copied into
 * its interior in SIMD runs (local response normalisation pads the channel axis of every activation).
 */
export function padFixup(original: KernelConfig): KernelConfig {
  const kernelFunc = (args: Parameters<KernelFunc>[0]) => {
    const { x } = args.inputs as { x: TensorInfo };
    const backend = args.backend as unknown as WasmBackendLike;
    const simd = simdKernels(backend);
    const { paddings, constantValue } = args.attrs as unknown as PadV2Attrs;
    if (simd === null || x.dtype !== 'float32' || x.shape.length === 0 || paddings.some(([a, b]) => a < 0 || b < 0)) {
      return original.kernelFunc(args);
    }
    const shape = x.shape.map((d, i) => paddings[i][0] + d + paddings[i][1]);
    const out = backend.makeOutput(shape, 'float32');
    (backend.typedArrayFromHeap(out) as Float32Array).fill(constantValue);
    copyBlock(
      simd,
      addressOf(backend, x),
      x.shape,
      x.shape.map(() => 0),
      addressOf(backend, out),
      shape,
      paddings.map(([a]) => a),
      x.shape,
    );
    return out;
  };
  return { ...original, kernelName: PadV2, kernelFunc: kernelFunc as KernelFunc };
}
