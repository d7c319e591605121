import { Identity, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';

/**
 * Identity shares the input's data (one more reference), as the cpu backend and the wasm backend's own
 * Reshape do; the wasm backend copied it. Safe because tfjs never writes into a tensor's data in place
 * (a variable's assign swaps in new data). A training step runs dozens of these (gradient bookkeeping).
 */
export function identityFixup(original: KernelConfig): KernelConfig {
  const kernelFunc = (args: Parameters<KernelFunc>[0]) => {
    const { x } = args.inputs as { x: TensorInfo };
    if (x.dtype === 'string') return original.kernelFunc(args);
    (args.backend as unknown as { incRef(dataId: object): void }).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
  return { ...original, kernelName: Identity, kernelFunc: kernelFunc as KernelFunc };
}
