import { Tanh, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { addressOf, simdKernels } from './simd/simd-kernels';
import type { WasmBackendLike } from './wasm-backend-like';

// A 13/6 odd rational approximation, the one Eigen uses for float32 tanh: |error| < 3e-8 on [−7.905, 7.905],
// no exp; beyond, the tail formula below.
// biome-ignore lint/correctness/noPrecisionLoss: Eigen's constant, digits as published
const CLAMP = 7.90531110763549805;
const A1 = 4.89352455891786e-3,
  A3 = 6.37261928875436e-4,
  A5 = 1.48572235717979e-5,
  A7 = 5.12229709037114e-8;
const A9 = -8.60467152213735e-11,
  A11 = 2.00018790482477e-13,
  A13 = -2.76076847742355e-16;
const B0 = 4.89352518554385e-3,
  B2 = 2.268434632439e-3,
  B4 = 1.18534705686654e-4,
  B6 = 1.19825839466702e-6;

/**
 * tanh of every element. The wasm backend calls libm's scalar tanh (and V8's Math.tanh and Math.exp are
 * no faster): 4–5× slower than this, and the seed ConvNet puts a tanh after every layer.
 */
export function tanhInto(src: Float32Array, dst: Float32Array): void {
  for (let i = 0; i < src.length; i++) {
    const x = src[i];
    if (x > CLAMP || x < -CLAMP) {
      // Past the rational's range: 1 − 2e^{−2|x|} is exact to float32 there (and rare).
      const r = 1 - 2 * Math.exp(-2 * Math.abs(x));
      dst[i] = x < 0 ? -r : r;
      continue;
    }
    const x2 = x * x;
    let p = x2 * A13 + A11;
    p = x2 * p + A9;
    p = x2 * p + A7;
    p = x2 * p + A5;
    p = x2 * p + A3;
    p = x2 * p + A1;
    let q = x2 * B6 + B4;
    q = x2 * q + B2;
    q = x2 * q + B0;
    dst[i] = (x * p) / q;
  }
}

/** Replaces the wasm backend's float32 `Tanh`: the same rational in wasm SIMD (`tanh` in kernels.wat), else in JS; other dtypes go to the original. */
export function tanhFixup(original: KernelConfig): KernelConfig {
  const kernelFunc = (args: Parameters<KernelFunc>[0]) => {
    const { x } = args.inputs as { x: TensorInfo };
    if (x.dtype !== 'float32') return original.kernelFunc(args);
    const backend = args.backend as unknown as WasmBackendLike;
    const out = backend.makeOutput(x.shape.slice(), 'float32');
    const simd = simdKernels(backend);
    if (simd !== null) {
      simd.exports.tanh(
        addressOf(backend, x),
        addressOf(backend, out),
        x.shape.reduce((a, b) => a * b, 1),
      );
      return out;
    }
    tanhInto(backend.typedArrayFromHeap(x) as Float32Array, backend.typedArrayFromHeap(out) as Float32Array);
    return out;
  };
  return { ...original, kernelName: Tanh, kernelFunc: kernelFunc as KernelFunc };
}
