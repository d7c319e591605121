import { finiteNumber, positiveInt } from './validate';

/** Options of {@link gaussian1d} and {@link gaussian2d}. */
export interface GaussianKernelOptions {
  /** Standard deviation relative to the kernel size (Torch's convention: σ_abs = sigma · size). Default 0.25. */
  sigma?: number;
  /** Peak value. Default 1. */
  amplitude?: number;
  /** Divide by the sum so the weights add up to 1. Default false (the layers normalise anyway). */
  normalize?: boolean;
}

function weight(i: number, size: number, sigma: number): number {
  const center = (size - 1) / 2; // Torch: size/2 + 0.5 with 1-based i
  const z = (i - center) / (sigma * size);
  return Math.exp(-(z * z) / 2);
}

/**
 * A 1-D Gaussian window, as Torch's `image.gaussian1D(size, sigma, amplitude, normalize)`:
 * `w[i] = amplitude · exp(−((i − (size−1)/2) / (sigma · size))² / 2)`. The Torch ConvNet tutorial
 * normalises with `image.gaussian1D(7)`.
 *
 * @example
 * ```ts
 * import { gaussian1d, contrastiveNormalization } from '@dlkit/layers';
 * const lcn = contrastiveNormalization({ kernel: gaussian1d(7) });
 * ```
 */
export function gaussian1d(size: number, options: GaussianKernelOptions = {}): number[] {
  positiveInt('gaussian1d', 'size', size);
  const sigma = finiteNumber('gaussian1d', 'sigma', options.sigma ?? 0.25, 'positive');
  const amplitude = finiteNumber('gaussian1d', 'amplitude', options.amplitude ?? 1, 'positive');
  const w = Array.from({ length: size }, (_, i) => amplitude * weight(i, size, sigma));
  if (options.normalize === true) {
    const total = w.reduce((a, b) => a + b, 0);
    return w.map((v) => v / total);
  }
  return w;
}

/**
 * A square 2-D Gaussian window, as Torch's `image.gaussian(size, sigma, amplitude, normalize)`
 * (the outer product of two {@link gaussian1d} windows, scaled to the given amplitude).
 *
 * @example
 * ```ts
 * import { gaussian2d, subtractiveNormalization } from '@dlkit/layers';
 * const sub = subtractiveNormalization({ kernel: gaussian2d(5) });
 * ```
 */
export function gaussian2d(size: number, options: GaussianKernelOptions = {}): number[][] {
  positiveInt('gaussian2d', 'size', size);
  const sigma = finiteNumber('gaussian2d', 'sigma', options.sigma ?? 0.25, 'positive');
  const amplitude = finiteNumber('gaussian2d', 'amplitude', options.amplitude ?? 1, 'positive');
  const rows = Array.from({ length: size }, (_, i) =>
    Array.from({ length: size }, (_, j) => amplitude * weight(i, size, sigma) * weight(j, size, sigma)),
  );
  if (options.normalize === true) {
    const total = rows.flat().reduce((a, b) => a + b, 0);
    return rows.map((r) => r.map((v) => v / total));
  }
  return rows;
}
