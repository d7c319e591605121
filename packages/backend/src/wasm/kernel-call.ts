import { getKernel, type NamedAttrMap, type NamedTensorInfoMap, type TensorInfo } from '@tensorflow/tfjs-core';
import type { WasmBackendLike } from './wasm-backend-like';

/**
 * Runs another wasm kernel directly on backend data, as the wasm backend's own composite kernels do,
 * so our replacement kernels reuse XNNPACK without the engine's bookkeeping (no tensors, no tape).
 * The caller owns the returned TensorInfo and must dispose it with `backend.disposeData` unless it returns it.
 */
export function callKernel(name: string, inputs: NamedTensorInfoMap, attrs: NamedAttrMap, backend: WasmBackendLike): TensorInfo {
  const config = getKernel(name, 'wasm');
  if (config === undefined) throw new Error(`dlkit: the wasm backend has no '${name}' kernel`);
  return config.kernelFunc({ inputs, attrs, backend: backend as never }) as TensorInfo;
}
