import type * as tf from '@tensorflow/tfjs-core';

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8, uint8: 1, uint16: 2, float16: 2 };

/**
 * How many bytes the weights of a tfjs manifest occupy, or `undefined` when that cannot be known in advance
 * (string weights have variable lengths). Quantised weights count at their stored width. Internal.
 */
export function manifestBytes(specs: readonly tf.io.WeightsManifestEntry[]): number | undefined {
  let total = 0;
  for (const spec of specs) {
    const width = BYTES[spec.quantization?.dtype ?? spec.dtype];
    if (width === undefined || !Array.isArray(spec.shape)) return undefined;
    total += spec.shape.reduce((a, b) => a * b, 1) * width;
  }
  return total;
}
