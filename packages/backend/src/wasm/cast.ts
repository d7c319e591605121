import { Cast, type CastAttrs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { WasmBackendLike } from './wasm-backend-like';

/**
 * A cast to the dtype the tensor already has shares its data (one more reference), as the cpu backend does;
 * the wasm backend copied it. Every ReLU gradient casts its float32 step mask to float32. A cast to bool
 * gives 1 for every non-zero value (the wasm backend stored the value's low byte: 2 stayed 2, −1 became
 * 255). Other casts go to the backend's own kernel.
 */
export function castFixup(original: KernelConfig): KernelConfig {
  const kernelFunc = (args: Parameters<KernelFunc>[0]) => {
    const { x } = args.inputs as { x: TensorInfo };
    const { dtype } = args.attrs as unknown as CastAttrs;
    if (dtype === 'bool' && (x.dtype === 'float32' || x.dtype === 'int32')) {
      const backend = args.backend as unknown as WasmBackendLike;
      const out = backend.makeOutput(x.shape.slice(), 'bool');
      const src = backend.typedArrayFromHeap(x);
      const dst = backend.typedArrayFromHeap(out);
      for (let i = 0; i < src.length; i++) dst[i] = src[i] !== 0 ? 1 : 0;
      return out;
    }
    if (dtype !== x.dtype || x.dtype === 'string') return original.kernelFunc(args);
    (args.backend as unknown as { incRef(dataId: object): void }).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
  return { ...original, kernelName: Cast, kernelFunc: kernelFunc as KernelFunc };
}
