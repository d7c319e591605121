import * as tf from '@tensorflow/tfjs-core';
import { layers, type Shape } from '@tensorflow/tfjs-layers';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology.js';
import { LayerArgumentError } from './errors';
import { localResponseNormalizationFromPrimitives } from './local-response-normalization-primitives';
import { checkInputShape, finiteNumber, positiveInt } from './validate';

/**
 * Whether the engine `backendName` (default: the active one) can run and differentiate
 * `tf.localResponseNormalization`: it has both the `LRN` and `LRNGrad` kernels. Internal to @dlkit/layers.
 */
export function lrnKernelTrains(backendName: string = tf.getBackend()): boolean {
  return tf.getKernel('LRN', backendName) !== undefined && tf.getKernel('LRNGrad', backendName) !== undefined;
}

/** Arguments of {@link localResponseNormalization}, named as in the AlexNet paper (section 3.3). */
export interface LocalResponseNormalizationArgs extends LayerArgs {
  /** `n`: number of adjacent channels in the sum, odd (the window is `n` channels centred on the channel). Default 5. */
  size?: number;
  /** `α`: scale of the sum of squares (not divided by `n`). Default 1e-4. */
  alpha?: number;
  /** `β`: exponent. Default 0.75. */
  beta?: number;
  /** `k`: additive bias. Default 2. */
  k?: number;
}

/**
 * Local response normalisation across channels (Krizhevsky, Sutskever & Hinton 2012, AlexNet):
 * `b[c] = a[c] / (k + α Σ_{c' = max(0, c−n/2)}^{min(C−1, c+n/2)} a[c']²)^β` with AlexNet's `n = 5, k = 2,
 * α = 1e-4, β = 0.75`. Identical to `tf.localResponseNormalization(x, depthRadius = (n−1)/2, bias = k, alpha = α,
 * beta = β)`; note that Caffe and PyTorch's `LocalResponseNorm` divide α by n, so their `alpha` is n times ours.
 * Runs that op (one `LRN` kernel, and `LRNGrad` for the gradient) where the active engine has both kernels
 * (cpu, webgl, wasm: dlkit's wasm SIMD kernels), else the same maths from differentiable primitives, so it
 * trains on every backend. Input `[batch, height, width, channels]`.
 */
export class LocalResponseNormalization extends layers.Layer {
  /** @nocollapse */
  static className = 'LocalResponseNormalization';
  readonly size: number;
  readonly alpha: number;
  readonly beta: number;
  readonly k: number;

  constructor(args: LocalResponseNormalizationArgs = {}) {
    super(args);
    const name = LocalResponseNormalization.className;
    this.size = positiveInt(name, 'size', args.size ?? 5);
    if (this.size % 2 === 0)
      throw new LayerArgumentError(name, 'size', this.size, 'an odd positive integer (n = 2·depthRadius + 1)');
    this.alpha = finiteNumber(name, 'alpha', args.alpha ?? 1e-4, 'nonNegative');
    this.beta = finiteNumber(name, 'beta', args.beta ?? 0.75, 'nonNegative');
    this.k = finiteNumber(name, 'k', args.k ?? 2, 'positive');
    this.inputSpec = [{ ndim: 4 }];
  }

  /** `tf.localResponseNormalization`'s `depthRadius`: `(size − 1) / 2`. */
  get depthRadius(): number {
    return (this.size - 1) / 2;
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    checkInputShape(LocalResponseNormalization.className, shape, 4);
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      if (lrnKernelTrains()) return tf.localResponseNormalization(x, this.depthRadius, this.k, this.alpha, this.beta);
      return localResponseNormalizationFromPrimitives(x, this.depthRadius, this.k, this.alpha, this.beta);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), size: this.size, alpha: this.alpha, beta: this.beta, k: this.k };
  }
}
tf.serialization.registerClass(LocalResponseNormalization);

/**
 * Creates a {@link LocalResponseNormalization} layer (AlexNet defaults).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { localResponseNormalization } from '@dlkit/layers';
 * const lrn = localResponseNormalization({ size: 5, alpha: 1e-4, beta: 0.75, k: 2 });
 * const y = lrn.apply(tf.randomNormal([1, 13, 13, 96])) as tf.Tensor;
 * ```
 */
export function localResponseNormalization(args: LocalResponseNormalizationArgs = {}): LocalResponseNormalization {
  return new LocalResponseNormalization(args);
}
