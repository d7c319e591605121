/**
 * How long a run will take, measured on this machine before it starts: time a few training batches after a
 * warm-up, then scale the seconds per image to the run's size. Every example with a long run prints this line
 * first (the project rule), in cifar-cnn's wording.
 */

/** The sizes of a run that its time depends on. */
export interface RunSize {
  /** Passes over the training images (1 for a run counted in steps: put all its images in `trainImages`). */
  epochs: number;
  /** Images trained on (forward and backward pass) per epoch. */
  trainImages: number;
  /** Images only scored (forward pass) after every epoch: the validation or per-epoch test pass. Default 0. */
  scoredPerEpoch?: number;
  /** Images scored once, after training (the final test pass). Default 0. */
  scoredOnce?: number;
}

/**
 * A scored image costs about a third of a trained one (a forward pass only, no backward pass, no update) — the
 * same rule as cifar-cnn's estimate.
 */
export const SCORED_IMAGE_COST = 1 / 3;

/**
 * Wall seconds of a run of `size` at `secondsPerImage` (seconds per training image):
 * `(epochs × (trainImages + scoredPerEpoch / 3) + scoredOnce / 3) × secondsPerImage`.
 *
 * @example
 * ```ts
 * estimateSeconds(0.003, { epochs: 15, trainImages: 57_000, scoredPerEpoch: 3_000, scoredOnce: 10_000 }); // ≈ 2,610
 * ```
 */
export function estimateSeconds(secondsPerImage: number, size: RunSize): number {
  const { epochs, trainImages, scoredPerEpoch = 0, scoredOnce = 0 } = size;
  return (epochs * (trainImages + scoredPerEpoch * SCORED_IMAGE_COST) + scoredOnce * SCORED_IMAGE_COST) * secondsPerImage;
}

/** `1234.5` → `'21 min'`, `330` → `'5.5 min'`, `3` → `'< 0.1 min'`: whole minutes from ten on, tenths below. */
function minutes(seconds: number): string {
  const m = seconds / 60;
  if (m < 0.05) return '< 0.1 min';
  return `${m >= 10 ? m.toFixed(0) : m.toFixed(1)} min`;
}

/**
 * The line printed before a long run: `estimated time: 66 min (1.1 h, …), measured on this machine's current load`.
 * The bracket holds the span in hours (from an hour on) or seconds (under a minute), then `detail` (what was
 * counted, e.g. `3.05 ms/image × 15 epochs`); it is left out when both are empty.
 *
 * @example
 * ```ts
 * console.log(formatEstimate(estimateSeconds(spi, size), `${(spi * 1000).toFixed(2)} ms/image`));
 * ```
 */
export function formatEstimate(seconds: number, detail?: string): string {
  const span = seconds < 60 ? `${seconds.toFixed(0)} s` : seconds >= 3600 ? `${(seconds / 3600).toFixed(1)} h` : undefined;
  const bracket = [span, detail].filter((part) => part !== undefined && part !== '').join(', ');
  return `estimated time: ${minutes(seconds)}${bracket === '' ? '' : ` (${bracket})`}, measured on this machine's current load`;
}

/** Options of {@link measureSecondsPerImage}. */
export interface MeasureOptions {
  /** Untimed calls of `run` first: the first batches are slow while V8 tiers the code up. Default 1. */
  warmUps?: number;
}

/**
 * Wall seconds per training image: calls `run` `warmUps` times untimed, then once timed, and divides by the
 * images that last call trained on. `run` trains a throwaway model (its own seed, its own sampler) on a few
 * batches and returns how many images it trained on — so the real run's model and random streams stay
 * untouched and a seeded run gives the same results with or without the estimate. `run` must free what it
 * allocates; this helper holds no tensors.
 *
 * @example
 * ```ts
 * const model = mnistConvNet({ seed: seed + 1 });
 * const sample = firstImages(trainSet, 3 * batchSize);
 * try {
 *   const spi = await measureSecondsPerImage(async () => {
 *     await train(model, sample, { epochs: 1, batchSize, optimizer, shuffle: false });
 *     return sample.shape[0];
 *   });
 * } finally {
 *   model.dispose();
 * }
 * ```
 */
export async function measureSecondsPerImage(run: () => number | Promise<number>, options: MeasureOptions = {}): Promise<number> {
  const warmUps = options.warmUps ?? 1;
  if (!Number.isInteger(warmUps) || warmUps < 0)
    throw new RangeError(`measureSecondsPerImage: options.warmUps must be a non-negative integer, got ${warmUps}`);
  for (let i = 0; i < warmUps; i++) await run();
  const t0 = performance.now();
  const images = await run();
  const seconds = (performance.now() - t0) / 1000;
  if (!(Number.isFinite(images) && images > 0))
    throw new RangeError(`measureSecondsPerImage: run must return the positive number of images it trained on, got ${images}`);
  return seconds / images;
}
