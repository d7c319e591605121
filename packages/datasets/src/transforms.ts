import { check } from './errors';
import { createRng, normalSample, type Rng } from '@dlkit/core';

/** NHWC shape `[n, height, width, channels]`. */
export type Nhwc = readonly [number, number, number, number];

/**
 * Scales raw bytes to float32 in [0, 1] (x / 255), like torchvision's `ToTensor`.
 *
 * @example
 * ```ts
 * scaleToUnit(new Uint8Array([0, 255])); // Float32Array [0, 1]
 * ```
 */
export function scaleToUnit(values: Uint8Array): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] / 255;
  return out;
}

/**
 * Per-channel mean and (population) standard deviation of NHWC data.
 *
 * @example
 * ```ts
 * const { mean, std } = channelStats(train.images, train.shape); // one value per channel
 * ```
 */
export function channelStats(values: ArrayLike<number>, shape: Nhwc): { mean: Float64Array; std: Float64Array } {
  const c = shape[3];
  check(
    values.length === shape[0] * shape[1] * shape[2] * c,
    'values.length',
    values.length,
    `the product of shape [${shape.join(', ')}]`,
  );
  const sum = new Float64Array(c);
  const sq = new Float64Array(c);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    sum[i % c] += v;
    sq[i % c] += v * v;
  }
  const n = values.length / c;
  const mean = sum.map((s) => s / n);
  const std = sq.map((s, k) => Math.sqrt(Math.max(0, s / n - mean[k] * mean[k])));
  return { mean, std };
}

/**
 * `(x - mean[c]) / std[c]` per channel of NHWC data, like torchvision's `Normalize`. Returns a new array.
 *
 * @throws {DatasetError} `BAD_ARGUMENT` when mean/std lengths differ from the channel count or std has a 0.
 * @example
 * ```ts
 * const x = normalize(scaleToUnit(train.images), train.shape, { mean: [0.1307], std: [0.3081] });
 * ```
 */
export function normalize(
  values: ArrayLike<number>,
  shape: Nhwc,
  options: { mean: ArrayLike<number>; std: ArrayLike<number> },
): Float32Array {
  const c = shape[3];
  check(options.mean.length === c, 'mean.length', options.mean.length, `${c} (one per channel)`);
  check(options.std.length === c, 'std.length', options.std.length, `${c} (one per channel)`);
  for (let k = 0; k < c; k++) check(options.std[k] > 0, `std[${k}]`, options.std[k], 'a positive number');
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const k = i % c;
    out[i] = (values[i] - options.mean[k]) / options.std[k];
  }
  return out;
}

/** Options for {@link gaussianNoise}. */
export interface GaussianNoiseOptions {
  /** Standard deviation of the noise. */
  std: number;
  /** Mean of the noise. Default 0. */
  mean?: number;
  /** Seed, or a generator to draw from. Default seed 0. */
  seed?: number | Rng;
  /** Clamp the result to `[lo, hi]`, e.g. `[0, 1]`. Default: no clamp. */
  clip?: readonly [number, number];
}

/**
 * Gaussian-noise augmentation: `x + N(mean, std²)` element-wise, seeded. Returns a new Float32Array.
 *
 * @example
 * ```ts
 * const noisy = gaussianNoise(batch, { std: 0.1, seed: 7, clip: [0, 1] });
 * ```
 */
export function gaussianNoise(values: ArrayLike<number>, options: GaussianNoiseOptions): Float32Array {
  check(Number.isFinite(options.std) && options.std >= 0, 'std', options.std, 'a finite number >= 0');
  const rng = typeof options.seed === 'function' ? options.seed : createRng(options.seed ?? 0);
  const mean = options.mean ?? 0;
  const out = new Float32Array(values.length);
  const [lo, hi] = options.clip ?? [-Infinity, Infinity];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] + mean + options.std * normalSample(rng);
    out[i] = v < lo ? lo : v > hi ? hi : v;
  }
  return out;
}

/**
 * One-hot encoding of class ids: a `labels.length × numClasses` Float32Array, row-major.
 *
 * @throws {DatasetError} `BAD_ARGUMENT` for a label outside `0 … numClasses-1`.
 * @example
 * ```ts
 * oneHot(new Uint8Array([2, 0]), 3); // Float32Array [0, 0, 1, 1, 0, 0]
 * ```
 */
export function oneHot(labels: ArrayLike<number>, numClasses: number): Float32Array {
  check(Number.isInteger(numClasses) && numClasses > 0, 'numClasses', numClasses, 'a positive integer');
  const out = new Float32Array(labels.length * numClasses);
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    check(Number.isInteger(y) && y >= 0 && y < numClasses, `labels[${i}]`, y, `an integer in 0..${numClasses - 1}`);
    out[i * numClasses + y] = 1;
  }
  return out;
}

/**
 * Random crop with zero padding, per image (the CIFAR augmentation of He et al. 2016: pad 4, crop 32).
 * Output has the same shape as the input. Returns a new array of the same type.
 *
 * @example
 * ```ts
 * const augmented = randomCrop(batch.images, batch.shape, { padding: 4, seed: epoch });
 * ```
 */
export function randomCrop<T extends Uint8Array | Float32Array>(
  images: T,
  shape: Nhwc,
  options: { padding: number; seed?: number | Rng },
): T {
  const [n, h, w, c] = shape;
  const pad = options.padding;
  check(Number.isInteger(pad) && pad >= 0, 'padding', pad, 'an integer >= 0');
  check(images.length === n * h * w * c, 'images.length', images.length, `the product of shape [${shape.join(', ')}]`);
  const rng = typeof options.seed === 'function' ? options.seed : createRng(options.seed ?? 0);
  const out = new (images.constructor as new (n: number) => T)(images.length);
  for (let i = 0; i < n; i++) {
    const dy = Math.floor(rng() * (2 * pad + 1)) - pad;
    const dx = Math.floor(rng() * (2 * pad + 1)) - pad;
    const base = i * h * w * c;
    for (let y = 0; y < h; y++) {
      const sy = y + dy;
      if (sy < 0 || sy >= h) continue;
      for (let x = 0; x < w; x++) {
        const sx = x + dx;
        if (sx < 0 || sx >= w) continue;
        const d = base + (y * w + x) * c;
        const s = base + (sy * w + sx) * c;
        for (let k = 0; k < c; k++) out[d + k] = images[s + k];
      }
    }
  }
  return out;
}

/**
 * Flips each image left–right with probability `p` (default 0.5), seeded. Returns a new array.
 *
 * @example
 * ```ts
 * const flipped = horizontalFlip(batch.images, batch.shape, { seed: 3 });
 * ```
 */
export function horizontalFlip<T extends Uint8Array | Float32Array>(
  images: T,
  shape: Nhwc,
  options: { p?: number; seed?: number | Rng } = {},
): T {
  const [n, h, w, c] = shape;
  const p = options.p ?? 0.5;
  check(p >= 0 && p <= 1, 'p', p, 'a probability in [0, 1]');
  check(images.length === n * h * w * c, 'images.length', images.length, `the product of shape [${shape.join(', ')}]`);
  const rng = typeof options.seed === 'function' ? options.seed : createRng(options.seed ?? 0);
  const out = images.slice() as T;
  for (let i = 0; i < n; i++) {
    if (rng() >= p) continue;
    const base = i * h * w * c;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const d = base + (y * w + x) * c;
        const s = base + (y * w + (w - 1 - x)) * c;
        for (let k = 0; k < c; k++) out[d + k] = images[s + k];
      }
    }
  }
  return out;
}
