import * as tf from '@tensorflow/tfjs-core';
import { layers, type Shape } from '@tensorflow/tfjs-layers';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology.js';
import { LayerArgumentError } from './errors';
import { gaussian1d } from './gaussian-kernel';
import { checkInputShape, positiveInt } from './validate';

/** Arguments shared by the subtractive, divisive and contrastive normalisation layers. */
export interface SpatialNormalizationArgs extends LayerArgs {
  /**
   * Neighbourhood weights, odd sizes. A 1-D kernel `k` is separable (the 2-D weights are `k[i]·k[j]`), as
   * Torch applies `image.gaussian1D` kernels; a 2-D kernel is used as given. Any positive scale: the layer
   * normalises the weights so they sum to 1 over the window and across all channels.
   * Default `gaussian1d(9)`.
   */
  kernel?: number[] | number[][];
  /** Number of channels (Torch's `nInputPlane`); when given, the input's last dimension must match. */
  channels?: number;
}

/** The normalised 2-D neighbourhood (sums to 1) and its size, as held by the normalisation layers. */
export interface Neighbourhood {
  readonly weights: Float32Array;
  readonly height: number;
  readonly width: number;
}

/** Validates a 1-D or 2-D kernel and turns it into 2-D weights summing to 1. Internal. */
export function neighbourhood(layer: string, kernel: number[] | number[][]): Neighbourhood {
  const expected = 'a non-empty 1-D or 2-D array of finite non-negative numbers with odd dimensions and a positive sum';
  if (!Array.isArray(kernel) || kernel.length === 0) throw new LayerArgumentError(layer, 'kernel', kernel, expected);
  const rows: number[][] = Array.isArray(kernel[0])
    ? (kernel as number[][])
    : (kernel as number[]).map((a) => (kernel as number[]).map((b) => a * b));
  const height = rows.length;
  const width = Array.isArray(rows[0]) ? rows[0].length : 0;
  const flat = rows.flat();
  const valid =
    height % 2 === 1 &&
    width % 2 === 1 &&
    rows.every((r) => Array.isArray(r) && r.length === width) &&
    flat.every((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0);
  const total = valid ? flat.reduce((a, b) => a + b, 0) : 0;
  if (!valid || !(total > 0)) {
    throw new LayerArgumentError(layer, 'kernel', kernel, expected, 'Torch requires ODD kernel dimensions');
  }
  return { weights: Float32Array.from(flat, (v) => v / total), height, width };
}

/**
 * Base of the Torch-style spatial normalisation layers (not registered itself). Holds the neighbourhood and the
 * weighted local mean `E[v] = Σ_c Σ_ij w_ij v[c, y+i, x+j] / (C · coef)`, where `coef[y, x] = Σ_ij w_ij` over the
 * taps that fall inside the image (Torch's "coefficient array, to adjust side effects"), zero padding outside.
 */
export abstract class SpatialNormalization extends layers.Layer {
  readonly kernel: number[] | number[][];
  readonly channels: number | undefined;
  protected readonly hood: Neighbourhood;

  constructor(className: string, args: SpatialNormalizationArgs) {
    super(args);
    this.kernel = args.kernel ?? gaussian1d(9);
    this.hood = neighbourhood(className, this.kernel);
    this.channels = args.channels === undefined ? undefined : positiveInt(className, 'channels', args.channels);
    this.inputSpec = [{ ndim: 4 }];
  }

  protected abstract layerName(): string;

  override build(inputShape: Shape | Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    checkInputShape(this.layerName(), shape, 4, this.channels);
    if (shape[3] === null) {
      throw new LayerArgumentError(this.layerName(), 'inputShape', shape, 'a known channel count (last dimension)');
    }
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
  }

  /** `[kh, kw, C, 1]` filter whose taps sum to 1 over the window and all C channels. */
  protected filter(channels: number): tf.Tensor4D {
    const { weights, height, width } = this.hood;
    const data = new Float32Array(height * width * channels);
    for (let t = 0; t < height * width; t++) data.fill(weights[t] / channels, t * channels, (t + 1) * channels);
    return tf.tensor4d(data, [height, width, channels, 1]);
  }

  /**
   * The weighted sums of `v` over the neighbourhood and all channels (`[N,H,W,1]`), and the border coefficient map
   * `coef` (the same sums of an all-ones image, `[1,H,W,1]`). Building block of the subclasses; call inside a tidy.
   */
  localSums(v: tf.Tensor4D): { sums: tf.Tensor4D; coef: tf.Tensor4D } {
    const [, h, w, c] = v.shape;
    const filter = this.filter(c);
    const sums = tf.conv2d(v, filter, 1, 'same');
    const coef = tf.conv2d(tf.ones([1, h, w, c]) as tf.Tensor4D, filter, 1, 'same');
    return { sums, coef };
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = { ...super.getConfig(), kernel: this.kernel };
    if (this.channels !== undefined) config.channels = this.channels;
    return config;
  }
}
