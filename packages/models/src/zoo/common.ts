import { layers as tfl, initializers, type Sequential } from '@tensorflow/tfjs-layers';
import type { Layer } from '@tensorflow/tfjs-layers/dist/engine/topology.js';
import type { Initializer } from '@tensorflow/tfjs-layers/dist/initializers.js';
import { l2Pooling2d, subtractiveNormalization, localResponseNormalization, gaussian1d } from '@dlkit/layers';
import { check, positiveInt } from '../errors';

/** Pooling used by the convolutional builders: L2 (`sqrt Σ x²`, Torch's `SpatialLPPooling` p=2), max or average. */
export type PoolingKind = 'l2' | 'max' | 'avg';
/** Element-wise non-linearity used by the builders. */
export type ActivationKind = 'tanh' | 'relu' | 'sigmoid';

/** Options every builder accepts. */
export interface BuilderOptions {
  /** Number of output classes. Default 10. */
  numClasses?: number;
  /**
   * Seed of the weight initialisers: the same seed gives the same initial weights on every run.
   * Default: unseeded (different weights each time).
   */
  seed?: number;
  /** Model name. */
  name?: string;
}

/**
 * Weight initialisers: Glorot uniform (Keras' default), He normal, or PyTorch's default for `Conv2d`/`Linear`
 * (`kaiming_uniform_(a=√5)`, i.e. uniform in ±1/√fan_in).
 */
export type InitKind = 'glorot' | 'he' | 'torch';

/** Seeded initialisers, one seed per weight tensor (`seed + k`). Internal. */
export function seededInit(seed: number | undefined): (kind?: InitKind) => Initializer {
  let k = 0;
  return (kind = 'glorot') => {
    const s = seed === undefined ? undefined : seed + 7919 * k++;
    if (kind === 'he') return initializers.heNormal({ seed: s });
    // Variance scale 1/3 with a uniform draw gives the limit √(3 · (1/3) / fan_in) = 1/√fan_in.
    if (kind === 'torch') return initializers.varianceScaling({ scale: 1 / 3, mode: 'fanIn', distribution: 'uniform', seed: s });
    return initializers.glorotUniform({ seed: s });
  };
}

/** Validates and returns `[h, w, c]`. Internal. */
export function imageShape(
  argument: string,
  shape: readonly number[] | undefined,
  fallback: [number, number, number],
): [number, number, number] {
  const s = shape ?? fallback;
  check(
    Array.isArray(s) && s.length === 3 && s.every((v) => Number.isInteger(v) && v > 0),
    argument,
    s,
    '[height, width, channels] of positive integers',
  );
  return [s[0], s[1], s[2]];
}

/** Validates `numClasses`. Internal. */
export function classes(options: BuilderOptions): number {
  const n = positiveInt('options.numClasses', options.numClasses ?? 10);
  check(n >= 2, 'options.numClasses', n, 'at least 2');
  return n;
}

/** A pooling layer of the requested kind. Internal. */
export function poolingLayer(
  kind: PoolingKind,
  size: number,
  stride: number,
  name: string,
  padding: 'valid' | 'same' = 'valid',
): Layer {
  check(kind === 'l2' || kind === 'max' || kind === 'avg', 'options.pooling', kind, "'l2', 'max' or 'avg'");
  if (kind === 'l2') return l2Pooling2d({ poolSize: size, strides: stride, padding, name });
  const args = { poolSize: size, strides: stride, padding, name };
  return kind === 'max' ? tfl.maxPooling2d(args) : tfl.averagePooling2d(args);
}

/** Checks an activation name. Internal. */
export function activation(kind: ActivationKind | undefined, fallback: ActivationKind): ActivationKind {
  const a = kind ?? fallback;
  check(a === 'tanh' || a === 'relu' || a === 'sigmoid', 'options.activation', a, "'tanh', 'relu' or 'sigmoid'");
  return a;
}

/** Torch's `SpatialSubtractiveNormalization(n, image.gaussian1D(size))`. Internal. */
export function subtractive(channels: number, size: number, name: string): Layer {
  return subtractiveNormalization({ kernel: gaussian1d(size), channels, name });
}

/** Local response normalisation across channels (AlexNet: n = 5, α = 1e-4, β = 0.75, k = 2). Internal. */
export function lrn(name: string, k = 2): Layer {
  return localResponseNormalization({ size: 5, alpha: 1e-4, beta: 0.75, k, name });
}

/** Adds `layer` and returns the model, for chaining. Internal. */
export function add(model: Sequential, ...layers: Layer[]): Sequential {
  for (const l of layers) model.add(l);
  return model;
}
