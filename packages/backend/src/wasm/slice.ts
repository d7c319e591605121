import { slice_util, Slice, type KernelConfig, type KernelFunc, type SliceAttrs, type TensorInfo } from '@tensorflow/tfjs-core';
import { copyBlock } from './copy-block';
import { addressOf, simdKernels } from './simd/simd-kernels';
import type { WasmBackendLike } from './wasm-backend-like';

/**
 * Slice of a float32 or int32 tensor as runs of contiguous elements copied by SIMD. The wasm backend's
 * kernel walks a slice of the channel axis (local response normalisation takes five per layer) element by
 * element. Other dtypes go to the backend's own kernel.
 */
export function sliceFixup(original: KernelConfig): KernelConfig {
  const kernelFunc = (args: Parameters<KernelFunc>[0]) => {
    const { x } = args.inputs as { x: TensorInfo };
    const backend = args.backend as unknown as WasmBackendLike;
    const simd = simdKernels(backend);
    if (simd === null || (x.dtype !== 'float32' && x.dtype !== 'int32') || x.shape.length === 0) return original.kernelFunc(args);
    const { begin, size } = args.attrs as unknown as SliceAttrs;
    const [b, s] = slice_util.parseSliceParams(x as never, begin, size);
    slice_util.assertParamsValid(x as never, b, s);
    const out = backend.makeOutput(s, x.dtype);
    copyBlock(
      simd,
      addressOf(backend, x),
      x.shape,
      b,
      addressOf(backend, out),
      s,
      s.map(() => 0),
      s,
    );
    return out;
  };
  return { ...original, kernelName: Slice, kernelFunc: kernelFunc as KernelFunc };
}
