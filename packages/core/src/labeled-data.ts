/**
 * Labelled samples held in one typed array, with their shape next to them: the most general form, as models'
 * `train`/`evaluate` take it (any sample shape: `[n, 784]` for an MLP, `[n, h, w, c]` for a ConvNet; class names
 * optional).
 *
 * @example
 * ```ts
 * import type { LabeledData } from '@dlkit/core';
 * const xor: LabeledData = { images: new Float32Array([0, 0, 0, 1, 1, 0, 1, 1]), shape: [4, 2], labels: [0, 1, 1, 0] };
 * ```
 */
export interface LabeledData<T extends Uint8Array | Float32Array = Uint8Array | Float32Array> {
  /** Inputs, sample-major and row-major (NHWC for images). */
  readonly images: T;
  /** `[n, ...one sample's shape]`. */
  readonly shape: readonly number[];
  /** One class id per sample, in `0 … classes−1`. */
  readonly labels: ArrayLike<number>;
  /** Name of each class id, when known. */
  readonly classNames?: readonly string[];
}

/**
 * A labelled image dataset held in typed arrays, images in NHWC order: what every datasets loader returns, and a
 * {@link LabeledData} that models and siamese take as it is.
 *
 * `images[((i * height + y) * width + x) * channels + c]` is channel `c` of pixel `(y, x)` of image `i`.
 * `Uint8Array` holds raw 0–255 bytes; `Float32Array` holds scaled or normalised values.
 *
 * @example
 * ```ts
 * const { train } = await loadMnistSample();   // an ImageDataset<Uint8Array>
 * const [n, h, w, c] = train.shape;            // [8000, 28, 28, 1]
 * const firstLabel = train.classNames[train.labels[0]];
 * ```
 */
export interface ImageDataset<T extends Uint8Array | Float32Array = Uint8Array | Float32Array> extends LabeledData<T> {
  /** Pixels, NHWC. */
  images: T;
  /** One class id per image, in `0 … classNames.length-1`. */
  labels: Uint8Array;
  /** `[n, height, width, channels]`. */
  shape: [number, number, number, number];
  /** Name of each class id. */
  classNames: readonly string[];
}
