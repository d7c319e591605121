import { LRN, LRNGrad, type KernelConfig, type KernelFunc, type LRNAttrs, type TensorInfo } from '@tensorflow/tfjs-core';
import { betaMode, lrnKernels, withScratch, type LrnKernels } from './lrn-simd';
import { addressOf } from './simd/simd-kernels';
import type { WasmBackendLike } from './wasm-backend-like';

type Args = Parameters<KernelFunc>[0];

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * The float32 NHWC calls lrn.wat handles: everything tf.localResponseNormalization produces with a
 * non-negative integer radius. Anything else (other dtypes, SIMD kernels off) goes to the backend's own kernel.
 */
function eligible(backend: WasmBackendLike, tensors: TensorInfo[], depthRadius: number): LrnKernels | null {
  for (const t of tensors) if (t.dtype !== 'float32' || t.shape.length !== 4) return null;
  if (!Number.isInteger(depthRadius) || depthRadius < 0) return null;
  return lrnKernels(backend);
}

/** Scratch float64 for lrn.wat with C channels and radius r: a zero-padded row, two plain rows, block sums. */
const scratchFloats = (channels: number, radius: number) => 4 * channels + 4 * radius + 5;

/**
 * Replaces the wasm backend's `LRN` (one pow per element and the window re-summed for every channel) with
 * lrn.wat's: O(C) window sums and square-root forms of N^(−β), in one call over the whole tensor.
 * Split over kernel workers along the batch (kernel-registry): at CifarNet's 64×16×16×64 the work per
 * element is about that of copying it, so two threads gain less than 2× (measured on Node 24, per training
 * step: LRN 7.3 → 5.4 ms wall, LRNGrad 11.1 → 8.2 ms).
 */
export function lrnFixup(original: KernelConfig): KernelConfig {
  const kernelFunc = (args: Args) => {
    const { x } = args.inputs as { x: TensorInfo };
    const { depthRadius, bias, alpha, beta } = args.attrs as unknown as LRNAttrs;
    const backend = args.backend as unknown as WasmBackendLike;
    const kernels = eligible(backend, [x], depthRadius);
    if (kernels === null) return original.kernelFunc(args);
    const channels = x.shape[3];
    const radius = Math.min(depthRadius, channels);
    const out = backend.makeOutput(x.shape.slice(), 'float32');
    const pixels = size(x.shape) / Math.max(channels, 1);
    if (pixels === 0 || channels === 0) return out;
    withScratch(kernels, scratchFloats(channels, radius), (scratch) =>
      kernels.exports.lrn(
        addressOf(backend, x),
        addressOf(backend, out),
        pixels,
        channels,
        radius,
        bias,
        alpha,
        beta,
        betaMode(beta),
        scratch,
      ),
    );
    return out;
  };
  return { ...original, kernelName: LRN, kernelFunc: kernelFunc as KernelFunc };
}

/** Replaces the wasm backend's `LRNGrad` (inputs x, y = LRN(x), dy; tfjs-core's gradient of LRN) with lrn.wat's. */
export function lrnGradFixup(original: KernelConfig): KernelConfig {
  const kernelFunc = (args: Args) => {
    const { x, y, dy } = args.inputs as { x: TensorInfo; y: TensorInfo; dy: TensorInfo };
    const { depthRadius, bias, alpha, beta } = args.attrs as unknown as LRNAttrs;
    const backend = args.backend as unknown as WasmBackendLike;
    const kernels = eligible(backend, [x, y, dy], depthRadius);
    if (kernels === null) return original.kernelFunc(args);
    const channels = x.shape[3];
    const radius = Math.min(depthRadius, channels);
    const out = backend.makeOutput(x.shape.slice(), 'float32');
    const pixels = size(x.shape) / Math.max(channels, 1);
    if (pixels === 0 || channels === 0) return out;
    withScratch(kernels, scratchFloats(channels, radius), (scratch) =>
      kernels.exports.lrnGrad(
        addressOf(backend, x),
        addressOf(backend, y),
        addressOf(backend, dy),
        addressOf(backend, out),
        pixels,
        channels,
        radius,
        bias,
        alpha,
        beta,
        betaMode(beta),
        scratch,
      ),
    );
    return out;
  };
  return { ...original, kernelName: LRNGrad, kernelFunc: kernelFunc as KernelFunc };
}
