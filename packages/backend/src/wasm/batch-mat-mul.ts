import {
  BatchMatMul,
  type BatchMatMulAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { transposeLast2 } from './transpose-last2';
import type { WasmBackendLike } from './wasm-backend-like';

/**
 * The wasm backend sends a product to XNNPACK only when neither operand is transposed (and the batch is 1);
 * every transposed product — both gradients of a dense layer — falls to a scalar triple loop that is
 * 5–20× slower. Transposing the operand explicitly first keeps every product on XNNPACK.
 */
export function batchMatMulFixup(original: KernelConfig): KernelConfig {
  const run = original.kernelFunc;
  const kernelFunc = (args: Parameters<KernelFunc>[0]) => {
    const { inputs, attrs } = args;
    const { transposeA, transposeB } = attrs as unknown as BatchMatMulAttrs;
    const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
    if ((!transposeA && !transposeB) || a.dtype !== 'float32' || b.dtype !== 'float32') return run(args);
    const backend = args.backend as unknown as WasmBackendLike;
    const a2 = transposeA ? transposeLast2(backend, a) : a;
    const b2 = transposeB ? transposeLast2(backend, b) : b;
    const out = run({ ...args, inputs: { a: a2, b: b2 }, attrs: { ...attrs, transposeA: false, transposeB: false } });
    if (a2 !== a) backend.disposeData(a2.dataId);
    if (b2 !== b) backend.disposeData(b2.dataId);
    return out;
  };
  return { ...original, kernelName: BatchMatMul, backendName: 'wasm', kernelFunc: kernelFunc as KernelFunc };
}
