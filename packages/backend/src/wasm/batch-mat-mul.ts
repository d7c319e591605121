import {
  BatchMatMul,
  broadcast_util,
  type BatchMatMulAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  type _FusedMatMulAttrs,
} from '@tensorflow/tfjs-core';
import { addressOf, gemm, simdKernels } from './simd/simd-kernels';
import { transposeLast2 } from './transpose-last2';
import type { WasmBackendLike } from './wasm-backend-like';

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * a · b for float32 operands of rank ≥ 2 on dlkit's SIMD GEMM, transposed operands read through strides
 * (no copy). Batches must match, or one side be a single matrix. Null when our kernels are not available
 * or the batch shapes broadcast in another way (the caller then uses the backend's kernel).
 */
export function matMulGemm(
  backend: WasmBackendLike,
  a: TensorInfo,
  b: TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
): TensorInfo | null {
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length < 2 || b.shape.length < 2) return null;
  const simd = simdKernels(backend);
  if (simd === null) return null;
  const ra = a.shape.length;
  const rb = b.shape.length;
  const [m, k] = transposeA ? [a.shape[ra - 1], a.shape[ra - 2]] : [a.shape[ra - 2], a.shape[ra - 1]];
  const [k2, n] = transposeB ? [b.shape[rb - 1], b.shape[rb - 2]] : [b.shape[rb - 2], b.shape[rb - 1]];
  if (k !== k2) return null;
  const batchA = a.shape.slice(0, -2);
  const batchB = b.shape.slice(0, -2);
  const ba = size(batchA);
  const bb = size(batchB);
  const sameBatch = batchA.length === batchB.length && batchA.every((d, i) => d === batchB[i]);
  if (!sameBatch && ba !== 1 && bb !== 1) return null;
  const batchShape = broadcast_util.assertAndGetBroadcastShape(batchA, batchB);
  const batch = Math.max(ba, bb);
  const out = backend.makeOutput([...batchShape, m, n], 'float32');
  const [ars, acs] = transposeA ? [1, m] : [k, 1];
  const [brs, bcs] = transposeB ? [1, k] : [n, 1];
  const pa = addressOf(backend, a);
  const pb = addressOf(backend, b);
  const pc = addressOf(backend, out);
  for (let i = 0; i < batch; i++) {
    gemm(
      simd,
      m,
      n,
      k,
      { address: pa + (ba === 1 ? 0 : 4 * i * m * k), rowStride: ars, colStride: acs },
      { address: pb + (bb === 1 ? 0 : 4 * i * k * n), rowStride: brs, colStride: bcs },
      pc + 4 * i * m * n,
      n,
      false,
    );
  }
  return out;
}

/**
 * The wasm backend sends a product to XNNPACK only when neither operand is transposed (and the batch is 1);
 * every transposed product — both gradients of a dense layer — falls to a scalar triple loop that is
 * 5–20× slower. dlkit's SIMD GEMM reads transposed operands in place and, with relaxed SIMD, beats
 * XNNPACK on the untransposed ones too; without our kernels the operand is transposed first and the
 * product stays on XNNPACK.
 */
export function batchMatMulFixup(original: KernelConfig): KernelConfig {
  const run = original.kernelFunc;
  const kernelFunc = (args: Parameters<KernelFunc>[0]) => {
    const { inputs, attrs } = args;
    const { transposeA, transposeB } = attrs as unknown as BatchMatMulAttrs;
    const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
    const backend = args.backend as unknown as WasmBackendLike;
    const fast = matMulGemm(backend, a, b, transposeA, transposeB);
    if (fast !== null) return fast;
    if ((!transposeA && !transposeB) || a.dtype !== 'float32' || b.dtype !== 'float32') return run(args);
    const a2 = transposeA ? transposeLast2(backend, a) : a;
    const b2 = transposeB ? transposeLast2(backend, b) : b;
    const out = run({ ...args, inputs: { a: a2, b: b2 }, attrs: { ...attrs, transposeA: false, transposeB: false } });
    if (a2 !== a) backend.disposeData(a2.dataId);
    if (b2 !== b) backend.disposeData(b2.dataId);
    return out;
  };
  return { ...original, kernelName: BatchMatMul, backendName: 'wasm', kernelFunc: kernelFunc as KernelFunc };
}

/**
 * _FusedMatMul (a dense layer's forward pass: product, bias per column, linear or ReLU) on dlkit's SIMD
 * GEMM; other activations, PReLU and other bias shapes go to the backend's own kernel.
 */
export function fusedMatMulFixup(original: KernelConfig): KernelConfig {
  const kernelFunc = (args: Parameters<KernelFunc>[0]) => {
    const { a, b, bias, preluActivationWeights } = args.inputs as Record<string, TensorInfo | undefined>;
    const { transposeA, transposeB, activation } = args.attrs as unknown as _FusedMatMulAttrs;
    const act = activation ?? 'linear';
    if (a === undefined || b === undefined || preluActivationWeights !== undefined || (act !== 'linear' && act !== 'relu')) {
      return original.kernelFunc(args);
    }
    const n = b.shape[transposeB ? b.shape.length - 2 : b.shape.length - 1];
    if (bias !== undefined && (bias.dtype !== 'float32' || size(bias.shape) !== n)) return original.kernelFunc(args);
    const backend = args.backend as unknown as WasmBackendLike;
    const out = matMulGemm(backend, a, b, transposeA, transposeB);
    if (out === null) {
      // The backend's own kernel gets transposed operands wrong (measured: 20% off the cpu backend), so
      // they are transposed first.
      if ((!transposeA && !transposeB) || a.dtype !== 'float32' || b.dtype !== 'float32') return original.kernelFunc(args);
      const a2 = transposeA ? transposeLast2(backend, a) : a;
      const b2 = transposeB ? transposeLast2(backend, b) : b;
      const y = original.kernelFunc({
        ...args,
        inputs: { ...args.inputs, a: a2, b: b2 },
        attrs: { ...args.attrs, transposeA: false, transposeB: false },
      });
      if (a2 !== a) backend.disposeData(a2.dataId);
      if (b2 !== b) backend.disposeData(b2.dataId);
      return y;
    }
    if (bias !== undefined || act === 'relu') {
      // matMulGemm ran, so our kernels are there: the epilogue in SIMD (a JS loop here cost 97 µs on a
      // 64 × 256 layer, a fifth of its 784-deep product).
      const simd = simdKernels(backend);
      if (simd !== null) {
        const rows = size(out.shape) / n;
        simd.exports.biasRelu(
          addressOf(backend, out),
          bias === undefined ? 0 : addressOf(backend, bias),
          rows,
          n,
          act === 'relu' ? 1 : 0,
        );
        return out;
      }
      const y = backend.typedArrayFromHeap(out) as Float32Array;
      const bv = bias === undefined ? null : (backend.typedArrayFromHeap(bias) as Float32Array);
      for (let p = 0; p < y.length; p += n) {
        for (let c = 0; c < n; c++) {
          const v = bv === null ? y[p + c] : y[p + c] + bv[c];
          y[p + c] = act === 'relu' && v < 0 ? 0 : v;
        }
      }
    }
    return out;
  };
  return { ...original, kernelFunc: kernelFunc as KernelFunc };
}
