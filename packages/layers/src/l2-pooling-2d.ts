import * as tf from '@tensorflow/tfjs-core';
import { layers, type Shape } from '@tensorflow/tfjs-layers';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology.js';
import { LayerArgumentError } from './errors';
import { safeSqrt } from './safe-sqrt';
import { checkInputShape, intPair, oneOf } from './validate';

/** Arguments of {@link l2Pooling2d}. */
export interface L2Pooling2DArgs extends LayerArgs {
  /** Window size `[height, width]` (or one number for a square window). Default `[2, 2]`. */
  poolSize?: number | [number, number];
  /** Step between windows `[height, width]`. Default: `poolSize` (non-overlapping windows). */
  strides?: number | [number, number];
  /**
   * `'valid'`: only windows entirely inside the input (the window must fit in the input);
   * `'same'`: output size `ceil(input / stride)`, the input padded with zeros as tf.maxPool pads it.
   * Default `'valid'`.
   */
  padding?: 'valid' | 'same';
}

/** Padding of one spatial dimension, as TensorFlow computes it for `'same'`. Internal. */
export function samePadding(size: number, window: number, stride: number): [number, number] {
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + window - size, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/** Output length of one spatial dimension. Internal. */
export function pooledLength(size: number | null, window: number, stride: number, padding: 'valid' | 'same'): number | null {
  if (size === null) return null;
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - window) / stride) + 1;
}

/**
 * L2 pooling over 2-D windows: `y = sqrt(Σ_window x²)` per channel, next to max and average pooling
 * (Sermanet, Chintala & LeCun 2012, "Convolutional neural networks applied to house numbers digit
 * classification"; Torch's `nn.SpatialLPPooling` with p = 2 — without its division by the window size).
 * Input `[batch, height, width, channels]` (channels last). Windows that are all zeros give 0 with a zero
 * (sub)gradient instead of the NaN of `d sqrt(s)/ds` at 0.
 */
export class L2Pooling2D extends layers.Layer {
  /** @nocollapse */
  static className = 'L2Pooling2D';
  readonly poolSize: [number, number];
  readonly strides: [number, number];
  readonly padding: 'valid' | 'same';

  constructor(args: L2Pooling2DArgs = {}) {
    super(args);
    this.poolSize = intPair(L2Pooling2D.className, 'poolSize', args.poolSize ?? [2, 2]);
    this.strides = intPair(L2Pooling2D.className, 'strides', args.strides ?? this.poolSize);
    this.padding = oneOf(L2Pooling2D.className, 'padding', args.padding ?? 'valid', ['valid', 'same'] as const);
    this.inputSpec = [{ ndim: 4 }];
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    checkInputShape(L2Pooling2D.className, shape, 4);
    if (this.padding === 'valid') {
      const [h, w] = [shape[1], shape[2]];
      if ((h !== null && h < this.poolSize[0]) || (w !== null && w < this.poolSize[1])) {
        throw new LayerArgumentError(
          L2Pooling2D.className,
          'poolSize',
          this.poolSize,
          `at most the input's [height, width] = [${String(h)}, ${String(w)}] with padding 'valid'`,
          "the pool window is larger than the input; use a smaller poolSize or padding 'same'",
        );
      }
    }
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    return [
      s[0],
      pooledLength(s[1], this.poolSize[0], this.strides[0], this.padding),
      pooledLength(s[2], this.poolSize[1], this.strides[1], this.padding),
      s[3],
    ];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      this.invokeCallHook(inputs, {});
      let squares = tf.square(x);
      if (this.padding === 'same') {
        const [, h, w] = x.shape;
        squares = tf.pad(squares, [
          [0, 0],
          samePadding(h, this.poolSize[0], this.strides[0]),
          samePadding(w, this.poolSize[1], this.strides[1]),
          [0, 0],
        ]);
      }
      // Sum over the window = average over the (zero-padded, always full) window × its area.
      const sums = tf.mul(tf.avgPool(squares, this.poolSize, this.strides, 'valid'), this.poolSize[0] * this.poolSize[1]);
      // d sqrt(s)/ds = 1 / (2 sqrt(s)), taken as 0 where the window is all zeros.
      return safeSqrt(sums);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), poolSize: [...this.poolSize], strides: [...this.strides], padding: this.padding };
  }
}
tf.serialization.registerClass(L2Pooling2D);

/**
 * Creates an {@link L2Pooling2D} layer.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { l2Pooling2d } from '@dlkit/layers';
 * const pool = l2Pooling2d({ poolSize: 2 });
 * const y = pool.apply(tf.tensor4d([3, 4, 0, 0], [1, 2, 2, 1])) as tf.Tensor; // [[[[5]]]]
 * ```
 */
export function l2Pooling2d(args: L2Pooling2DArgs = {}): L2Pooling2D {
  return new L2Pooling2D(args);
}
